"""The reader's words: one table per language (languages/<language>.yml), chosen by
`theme.language`, with dates and plurals by the language's own rules (Babel).

Templates get a `Words` as the global `words` (hooks/words.py); cards, SEO tags and
structured data ask `for_config`. Tables are read again at every build (hooks/words.py), so
`serve` shows an edited table at once.

en.yml is the reference: its keys, and the placeholders of each entry, are every table's
contract. `mistakes` checks a table against it when the build starts (and the unit tests
check the shipped tables with it): a translator's mistake is one line naming the table and
the key, not a traceback from the page that first asks for that word.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError

from course.model import Problem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

LANGUAGES = Path(__file__).resolve().parent / "languages"
# The same folder, as mkdocs.yml (its `watch:`) and an author name it.
TABLES = "hooks/course/languages"
DEFAULT = "en"
# The table whose keys and placeholders every table has.
REFERENCE = DEFAULT
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP = "tag:yaml.org,2002:timestamp"
# What YAML can parse but not make (`!!int x`): a mistake of the table's, not a traceback.
UNMAKEABLE = (ValueError, LookupError, AttributeError, TypeError)
# Where Material keeps its words for each language, in its templates.
THEME_LANGUAGES = "partials/languages"
NO_THEME_WORDS = (
    "theme.language: Material has no words in {language!r} ({partial}): name a language of "
    "Material's, or add that partial to overrides/"
)
# A regional variant's partial may take its language's words from Material's.
BASE_THEME_WORDS = (
    " (it may import Material's {base}.html and give its words, with `language` {language!r})"
)
NOT_A_LANGUAGE = "theme.language: {language!r} is not a language Babel knows"
NO_TABLE = (
    "theme.language: the course has no words in {language!r} (it has {tables}): add "
    "{folder}/{language}.yml{alternative}, translated from {reference}.yml"
)
# A regional variant (pt-BR) may use its language's table (pt.yml) instead.
BASE_TABLE = " (or {base}.yml, for every {base})"

# A table's mistakes, each after `<table>: line <n>: <key>: `.
NOT_YAML = "not valid YAML: {problem}"
NOT_UTF8 = "not UTF-8 text: save it as UTF-8"
NOT_A_TABLE = "must be a mapping of keys to words, as {reference}.yml is"
GIVEN_TWICE = "given twice (lines {first} and {again}): keep one"
MISSING = "missing: translate {reference}.yml's {words!r}"
EXTRA = "not a key of {reference}.yml: remove it, or name it as {reference}.yml does"
NOT_A_GROUP = "must be a group of keys ({keys}), as in {reference}.yml"
NOT_TEXT = "must be text, got {got}"
NOT_FORMS = "must be plural forms (one: …, other: …), as in {reference}.yml"
NO_OTHER = "has no form `other`, the one for every count no other form takes"
NOT_A_FORM = "`{form}` is not a plural form of {language} (its forms: {forms})"
BRACES = "{problem}: a brace the text shows is written twice, {{{{ or }}}}"
UNKNOWN_PLACEHOLDER = (
    "{placeholder} is not a placeholder of {reference}.yml's entry (it has {known})"
)
MISSING_PLACEHOLDER = "does not say {placeholder}, which {reference}.yml's entry says"
FORMATTED_PLACEHOLDER = "write {placeholder} as {{{name}}}, without a conversion or a format"
UNWRITABLE_DATE = (
    "Babel cannot write a date with {pattern!r} ({reason}): letters other than the date's "
    "fields (d, M, y, E…) go between quotes, as in 'de' "
    "(https://babel.pocoo.org/en/latest/dates.html#date-fields)"
)
TIME_FIELD = "a field of a time, not of a date"
# The key of the date pattern, which has Babel's fields, not placeholders.
DATE = "date"
# The count a plural form may leave unsaid: `one` may say "the only lesson".
COUNT = "count"
OTHER = "other"
# A day that shows every field of a date pattern.
SAMPLE_DAY = dt.date(2026, 3, 4)
# What a quote, a bracket, never closed opens; the parser reports where it gave up.
UNCLOSED = ("while parsing a flow", "while scanning a quoted scalar")

# What the page's scripts say (assets/javascripts/): given to them as JSON in every page.
FOR_SCRIPTS = (
    "complete.marked",
    "complete.unmarked",
    "code_block.name",
    "code_block.titled",
    "diagram.error",
    "diagram.not_loaded",
    "diagram.open",
    "scroll.table",
    "scroll.diagram",
    "quiz.choose_first",
    "quiz.check",
    "quiz.try_again",
    "quiz.select_all",
    "quiz.right_option",
    "quiz.wrong_option",
    "quiz.right",
    "quiz.wrong",
    "progress.score",
    "progress.reset_confirm",
    "progress.reset_done",
    "progress.not_saved",
    "run.open",
    "run.panel",
    "run.close",
    "run.code",
    "run.code_help",
    "run.again",
    "run.reset",
    "run.stop",
    "run.check",
    "run.request",
    "run.routes",
    "run.method",
    "run.path",
    "run.body",
    "run.body_help",
    "run.send",
    "run.response",
    "run.headers",
    "run.step_runtime",
    "run.step_packages",
    "run.step_fastapi",
    "run.loading",
    "run.running",
    "run.sending",
    "run.stopped",
    "run.code_error",
    "run.failed",
    "run.no_routes",
    "run.passed",
    "run.not_passed",
    "run.checked",
    "run.check_error",
    "run.no_app",
)


class Words:
    """The words of one language; `t` for HTML, `text` for plain text, `date` for dates.

    `language` is `theme.language` (en-GB); `source` the table its words come from (en)."""

    def __init__(self, language: str, table: Mapping[str, Any], source: str | None = None) -> None:
        self.language = language
        self.source = source or language
        self.locale = locale_of(language)
        self.table = dict(flatten(table))

    def text(self, key: str, **values: object) -> str:
        """The entry `key` with its placeholders filled in, as plain text."""
        return self.entry(key, values).format(**values)

    def t(self, key: str, **values: object) -> Markup:
        """The entry `key` as HTML: its text escaped, and every value escaped unless Markup."""
        return Markup(escape(self.entry(key, values))).format(**values)

    def date(self, day: dt.date) -> str:
        return format_date(day, format=self.table[DATE], locale=self.locale)

    def size(self, count: int) -> str:
        """A file's size in the language's numbers: `1.4 MB`, `1,4 MB`, `850 KB`."""
        if count >= 1_000_000:
            return self.text(
                "size.megabytes", size=format_decimal(round(count / 1e6, 1), locale=self.locale)
            )
        return self.text(
            "size.kilobytes", size=format_decimal(max(1, round(count / 1e3)), locale=self.locale)
        )

    def for_scripts(self) -> dict[str, str]:
        return {key: self.table[key] for key in FOR_SCRIPTS}

    def entry(self, key: str, values: Mapping[str, object]) -> str:
        if key not in self.table:  # the code asks for a word no table has
            raise PluginError(
                f"{TABLES}/{self.source}.yml: no entry {key!r}: add it to every table in {TABLES}/"
            )
        value = self.table[key]
        if isinstance(value, dict):  # plural forms, chosen by `count`
            form = self.locale.plural_form(values[COUNT])
            value = value.get(form, value[OTHER])
        return str(value)


def flatten(
    table: Mapping[str, Any], prefix: str = "", plural: frozenset[str] = frozenset()
) -> Iterator[tuple[str, Any]]:
    """`{"outline": {"title": ...}}` as `("outline.title", ...)`; plural forms stay together:
    a mapping with a form `other`, or at a key whose entry is `plural` in the reference."""
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and OTHER not in value and name not in plural:
            yield from flatten(value, f"{name}.", plural)
        else:
            yield name, value


def locale_of(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def language_of(config: MkDocsConfig) -> str:
    """`theme.language`, the language of the site's words, Material's and the course's."""
    return str(config.theme["language"] or DEFAULT)


def folder_of(config: MkDocsConfig) -> Path:
    """The tables of the project being built: beside its mkdocs.yml, which watches them."""
    if not config.config_file_path:
        return LANGUAGES
    return Path(config.config_file_path).resolve().parent / TABLES


def for_config(config: MkDocsConfig) -> Words:
    return for_language(language_of(config), folder_of(config))


def available(folder: Path = LANGUAGES) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.yml"))


@functools.cache
def for_language(language: str, folder: Path = LANGUAGES) -> Words:
    """The words for `theme.language`; a PluginError, one line per mistake, when the course
    has no table for it (a page in that language would say the course's words in another,
    under `lang` claiming they are in that one) or its table breaks the reference's rules."""
    problem = missing_language(language, folder)
    if problem is not None:
        raise PluginError(f"mkdocs.yml: {problem}")
    table, found = checked(language, folder)
    if table is None or found:
        raise PluginError("\n".join(found))
    return Words(language, table.entries, table_for(language, folder))


def table_for(language: str, folder: Path = LANGUAGES) -> str | None:
    """The table `language` takes its words from: its own (pt-BR.yml), else its language's
    (pt.yml) when both write it in the same script (zh-TW is not written as zh is)."""
    if (folder / f"{language}.yml").is_file():
        return language
    base = base_of(language)
    if base is not None and (folder / f"{base}.yml").is_file():
        return base
    return None


def base_of(language: str) -> str | None:
    """The language of a regional variant written in the same script (en-GB: en), or None."""
    locale = locale_of(language)
    base = locale.language
    if base == language or script_of(locale) != script_of(Locale.parse(base)):
        return None
    return base


def script_of(locale: Locale) -> str | None:
    if locale.script:
        return locale.script
    likely: Mapping[str, str] = get_global("likely_subtags")
    for tag in (str(locale), locale.language):
        if tag in likely:
            return Locale.parse(likely[tag]).script
    return None


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def missing_language(language: str, folder: Path = LANGUAGES) -> str | None:
    """Why the course cannot be built in `language`, or None when it has a table."""
    try:
        locale_of(language)
    except (ValueError, UnknownLocaleError):
        return NOT_A_LANGUAGE.format(language=language)
    if table_for(language, folder) is not None:
        return None
    base = base_of(language)
    return NO_TABLE.format(
        language=language,
        tables=", ".join(available(folder)),
        folder=TABLES,
        alternative=BASE_TABLE.format(base=base) if base else "",
        reference=REFERENCE,
    )


def missing_theme_language(language: str, theme_dirs: Sequence[str]) -> str | None:
    """Why Material cannot show its own words in `language` (it would stop with a
    traceback), or None when one of the theme's folders has them."""

    def in_theme(name: str) -> bool:
        return any(
            (Path(folder) / THEME_LANGUAGES / f"{name}.html").is_file() for folder in theme_dirs
        )

    if in_theme(language):
        return None
    problem = NO_THEME_WORDS.format(language=language, partial=f"{THEME_LANGUAGES}/{language}.html")
    try:
        base = base_of(language)
    except (ValueError, UnknownLocaleError):
        base = None
    if base is not None and in_theme(base):
        problem += BASE_THEME_WORDS.format(base=base, language=language)
    return problem


# Checking a table against the reference.


class TableLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """YAML's safe loader, a date such as 2026-03-04 read as the text it is: every entry is
    words."""


TableLoader.add_constructor(TIMESTAMP, TableLoader.construct_scalar)


@dataclass
class Table:
    """A table as read: its entries by dotted key, and the line of each key."""

    entries: dict[str, Any]
    lines: dict[str, int]


class TableMistakes:
    """The mistakes of one table, each a line naming the table, the line and the key."""

    def __init__(self, name: str) -> None:
        self.path = f"{TABLES}/{name}.yml"
        self.found: list[str] = []

    def add(self, key: str | None, message: str, line: int | None = None) -> None:
        field = ": ".join(part for part in (f"line {line}" if line else "", key or "") if part)
        self.found.append(str(Problem(self.path, field or None, message)))


def mistakes(language: str, folder: Path = LANGUAGES) -> list[str]:
    """The mistakes of the table `language` takes its words from, checked against the
    reference: every key the reference has and no other, each saying the reference's
    placeholders and no other, plural forms of `language`, and a date Babel can write."""
    return checked(language, folder)[1]


def checked(language: str, folder: Path = LANGUAGES) -> tuple[Table | None, list[str]]:
    """The table `language` takes its words from, as read (None if it cannot be), and its
    mistakes."""
    source = table_for(language, folder) or language
    reference_report = TableMistakes(REFERENCE)
    reference = read_table(folder / f"{REFERENCE}.yml", reference_report, None)
    if reference is None:
        return None, reference_report.found
    if source == REFERENCE:
        table, report = reference, reference_report
    else:
        report = TableMistakes(source)
        table = read_table(folder / f"{source}.yml", report, reference)
        if table is None:
            return None, report.found
    locale = locale_of(language)
    for key, expected in reference.entries.items():
        line = table.lines.get(key)
        if key not in table.entries:
            report.add(key, MISSING.format(reference=REFERENCE, words=words_of(expected)))
        elif key == DATE:
            check_date(table.entries[key], locale, report, line)
        elif isinstance(expected, dict):
            check_forms(key, table.entries[key], expected, locale, report, table.lines)
        else:
            check_text(key, table.entries[key], placeholders_of(expected), report, line)
    for key in table.entries:
        if key not in reference.entries:
            report.add(key, extra(key, reference), table.lines.get(key))
    return table, report.found


def extra(key: str, reference: Table) -> str:
    """What a key the reference lacks is: a group of the reference's written as one entry, or
    a key of its own."""
    group = [name for name in reference.entries if name.startswith(f"{key}.")]
    if group:
        return NOT_A_GROUP.format(keys=", ".join(group), reference=REFERENCE)
    return EXTRA.format(reference=REFERENCE)


def words_of(value: object) -> str:
    return str(value[OTHER] if isinstance(value, dict) and OTHER in value else value)


def read_table(path: Path, report: TableMistakes, reference: Table | None) -> Table | None:
    """The table at `path`, its plural entries where the `reference` has them; None, with
    the reason reported, when it is not a YAML mapping."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        report.add(None, NOT_UTF8)
        return None
    loader = TableLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        line, problem = where(error)
        report.add(None, NOT_YAML.format(problem=problem), line)
        return None
    except UNMAKEABLE as error:
        report.add(None, NOT_YAML.format(problem=error), unmakeable_line(node))
        return None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        report.add(None, NOT_A_TABLE.format(reference=REFERENCE))
        return None
    lines: dict[str, int] = {}
    key_lines(node, "", lines, report)
    plural = frozenset(
        key
        for key, value in (reference.entries.items() if reference else ())
        if isinstance(value, dict)
    )
    return Table(dict(flatten(data, plural=plural)), lines)


def unmakeable_line(node: yaml.Node | None) -> int | None:
    """The line of the first value YAML cannot make (`!!int x`), in the file's order."""
    if isinstance(node, yaml.ScalarNode):
        loader = TableLoader("")
        try:
            loader.construct_document(node)
        except (*UNMAKEABLE, yaml.YAMLError):
            return node.start_mark.line + 1
        finally:
            loader.dispose()
        return None
    children = node.value if isinstance(node, yaml.CollectionNode) else []
    for child in children:
        for part in child if isinstance(child, tuple) else (child,):
            line = unmakeable_line(part)
            if line is not None:
                return line
    return None


def key_lines(
    node: yaml.MappingNode, prefix: str, lines: dict[str, int], report: TableMistakes
) -> None:
    """The line of every key, by its dotted name; a key given twice is reported."""
    for key_node, value_node in node.value:
        name = f"{prefix}{key_node.value}"
        line = key_node.start_mark.line + 1
        if name in lines:
            report.add(name, GIVEN_TWICE.format(first=lines[name], again=line), line)
        lines[name] = line
        if isinstance(value_node, yaml.MappingNode):
            key_lines(value_node, f"{name}.", lines, report)


def where(error: yaml.YAMLError) -> tuple[int | None, str]:
    """The line of a YAML mistake, and what it is: where a bracket or a quote never closed
    opens, not where the parser gave up."""
    problem = str(getattr(error, "problem", None) or "cannot be read")
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return None, problem
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and context_mark is not None and context.startswith(UNCLOSED):
        if mark.line != context_mark.line:
            problem = f"{problem} on line {mark.line + 1}"
        return context_mark.line + 1, f"{problem} ({context})"
    return mark.line + 1, problem


def describe(value: object) -> str:
    if isinstance(value, dict):
        return "plural forms" if OTHER in value else "a mapping"
    if isinstance(value, bool):
        return str(value).lower()
    return f"{type(value).__name__} {value!r}"


def placeholders_of(value: str | Mapping[str, str]) -> set[str]:
    forms = value.values() if isinstance(value, Mapping) else [value]
    return set().union(*(placeholders(form) for form in forms))


def written(name: str, conversion: str | None, format_spec: str | None) -> str:
    """A placeholder as the table writes it: `{minutes}`, `{minutes!r}`, `{minutes:d}`."""
    conversion = f"!{conversion}" if conversion else ""
    format_spec = f":{format_spec}" if format_spec else ""
    return f"{{{name}{conversion}{format_spec}}}"


def check_text(
    key: str,
    value: object,
    expected: set[str],
    report: TableMistakes,
    line: int | None,
    *,
    may_omit: frozenset[str] = frozenset(),
) -> None:
    """A text that says exactly the `expected` placeholders (but perhaps `may_omit`)."""
    if not isinstance(value, str):
        report.add(key, NOT_TEXT.format(got=describe(value)), line)
        return
    try:
        fields = list(string.Formatter().parse(value))
    except ValueError as error:
        report.add(key, BRACES.format(problem=error), line)
        return
    said = set()
    for _, name, format_spec, conversion in fields:
        if name is None:
            continue
        placeholder = written(name, conversion, format_spec)
        if name not in expected:
            known = ", ".join(f"{{{known}}}" for known in sorted(expected)) or "none"
            report.add(
                key,
                UNKNOWN_PLACEHOLDER.format(
                    placeholder=placeholder, reference=REFERENCE, known=known
                ),
                line,
            )
        elif format_spec or conversion:
            report.add(key, FORMATTED_PLACEHOLDER.format(placeholder=placeholder, name=name), line)
        said.add(name)
    for name in sorted(expected - said - may_omit):
        report.add(
            key, MISSING_PLACEHOLDER.format(placeholder=f"{{{name}}}", reference=REFERENCE), line
        )


def check_forms(
    key: str,
    value: object,
    expected: Mapping[str, str],
    locale: Locale,
    report: TableMistakes,
    lines: Mapping[str, int],
) -> None:
    """Plural forms of the locale's own (CLDR's, through Babel), `other` among them, each
    saying the reference's placeholders; all but `other` may leave the count unsaid."""
    if not isinstance(value, dict):
        report.add(key, NOT_FORMS.format(reference=REFERENCE), lines.get(key))
        return
    forms = locale.plural_form.tags | {OTHER}
    if OTHER not in value:
        report.add(key, NO_OTHER, lines.get(key))
    said = placeholders_of(expected)
    for form, text in value.items():
        name = f"{key}.{form}"
        if form not in forms:
            language = locale.get_display_name(DEFAULT) or str(locale)
            listed = ", ".join(sorted(forms))
            report.add(
                name, NOT_A_FORM.format(form=form, language=language, forms=listed), lines.get(name)
            )
            continue
        may_omit = frozenset() if form == OTHER else frozenset({COUNT})
        check_text(name, text, said, report, lines.get(name), may_omit=may_omit)


def check_date(pattern: object, locale: Locale, report: TableMistakes, line: int | None) -> None:
    if not isinstance(pattern, str):
        report.add(DATE, NOT_TEXT.format(got=describe(pattern)), line)
        return
    try:
        format_date(SAMPLE_DAY, format=pattern, locale=locale)
    except AttributeError:  # a time's field: a date has no hour, second or zone
        reason = TIME_FIELD
    except (ValueError, KeyError, TypeError, IndexError) as error:
        reason = str(error)
    else:
        return
    report.add(DATE, UNWRITABLE_DATE.format(pattern=pattern, reason=reason), line)
