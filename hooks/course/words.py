"""The reader's words: one table per language (languages/<language>.yml), chosen by
`theme.language`, with dates and plurals by the language's own rules (Babel).

Templates get a `Words` as the global `words` (hooks/words.py); cards, SEO tags and
structured data ask `for_config`. Tables are read again at every build (hooks/words.py), so
`serve` shows an edited table at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

LANGUAGES = Path(__file__).resolve().parent / "languages"
DEFAULT = "en"
# Where Material keeps its words for each language, in its templates.
THEME_LANGUAGES = "partials/languages"
NO_THEME_WORDS = (
    "theme.language: Material has no words in {language!r} ({partial}): name a language of "
    "Material's, or add that partial to overrides/"
)
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
)


class Words:
    """The words of one language; `t` for HTML, `text` for plain text, `date` for dates."""

    def __init__(self, language: str, table: Mapping[str, Any]) -> None:
        self.language = language
        self.locale = Locale.parse(language.replace("-", "_"))
        self.table = dict(flatten(table))

    def text(self, key: str, **values: object) -> str:
        """The entry `key` with its placeholders filled in, as plain text."""
        return self.entry(key, values).format(**values)

    def t(self, key: str, **values: object) -> Markup:
        """The entry `key` as HTML: its text escaped, and every value escaped unless Markup."""
        return Markup(escape(self.entry(key, values))).format(**values)

    def date(self, day: dt.date) -> str:
        return format_date(day, format=self.table["date"], locale=self.locale)

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
        if key not in self.table:
            raise PluginError(
                f"hooks/course/languages/{self.language}.yml: no entry {key!r}: add it to "
                "every table in hooks/course/languages/"
            )
        value = self.table[key]
        if isinstance(value, dict):  # plural forms, chosen by `count`
            form = self.locale.plural_form(values["count"])
            value = value.get(form, value["other"])
        return str(value)


def flatten(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """`{"outline": {"title": ...}}` as `("outline.title", ...)`; plural forms stay together."""
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and "other" not in value:
            yield from flatten(value, f"{name}.")
        else:
            yield name, value


def language_of(config: MkDocsConfig) -> str:
    """`theme.language`, the language of the site's words, Material's and the course's."""
    return str(config.theme["language"] or DEFAULT)


def for_config(config: MkDocsConfig) -> Words:
    return for_language(language_of(config))


def available() -> list[str]:
    return sorted(path.stem for path in LANGUAGES.glob("*.yml"))


@functools.cache
def for_language(language: str) -> Words:
    """The words for `theme.language`; a PluginError when the course has no table for it: a
    page in that language would say the course's words in another, under `lang` claiming
    they are in that one."""
    problem = missing_language(language)
    if problem is not None:
        raise PluginError(f"mkdocs.yml: {problem}")
    path = LANGUAGES / f"{language}.yml"
    return Words(language, yaml.safe_load(path.read_text(encoding="utf-8")))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def missing_language(language: str) -> str | None:
    """Why the course cannot be built in `language`, or None when it has a table."""
    if (LANGUAGES / f"{language}.yml").is_file():
        return None
    try:
        Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return f"theme.language: {language!r} is not a language Babel knows"
    return (
        f"theme.language: the course has no words in {language!r} (it has "
        f"{', '.join(available())}): add hooks/course/languages/{language}.yml, translated "
        "from en.yml"
    )


def missing_theme_language(language: str, theme_dirs: Sequence[str]) -> str | None:
    """Why Material cannot show its own words in `language` (it would stop with a
    traceback), or None when one of the theme's folders has them."""
    partial = f"{THEME_LANGUAGES}/{language}.html"
    if any((Path(folder) / partial).is_file() for folder in theme_dirs):
        return None
    return NO_THEME_WORDS.format(language=language, partial=partial)
