"""Front matter: read the YAML block at the top of a page and check it against the rules.

Every problem is collected, one line each naming the file and the field, so one build
lists all of them (course.rules has the limits and patterns).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import posixpath
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml

from course import upstream_internals
from course.model import FrontMatter, Problem
from course.rules import (
    FRONT_MATTER_EMPTY,
    FRONT_MATTER_MISSING,
    FRONT_MATTER_NOT_CLOSED,
    HIDEABLE,
    ICON,
    KEYWORDS_MAX,
    MATERIAL_KEYS,
    PAGE_TEMPLATE,
    PLACEHOLDER,
    PLACEHOLDER_LEFT,
    SEARCH_BOOST_RULE,
    SEARCH_KEYS,
    SITE_TEMPLATES,
    STATUS,
    SUMMARY_MAX,
    TAG_CANNOT_MAKE,
    TEMPLATE,
    TEMPLATE_MISSING,
    TEMPLATE_NOT_A_PAGE,
    TITLE_MAX,
    UPDATED_EARLIEST,
    UPDATED_FORM,
    UPDATED_IN_FUTURE,
    UPDATED_NO_SUCH_ZONE,
    UPDATED_NOT_A_DAY,
    UPDATED_NOT_A_TIME,
    UPDATED_TOO_EARLY,
    unpublishable,
)

# libyaml's loader when PyYAML has it: the same safe YAML, read ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP = "tag:yaml.org,2002:timestamp"
# YAML's timestamp, which the loader keeps as text: a day, or a moment of it with or without
# a zone (`2026-1-2`, `2026-01-02 10:30:00 -5`), each part checked as PyYAML would.
YAML_TIMESTAMP: re.Pattern[str] = yaml.constructor.SafeConstructor.timestamp_regexp
ZONE_LIMIT = dt.timedelta(hours=24)
# The front matter's own block, from the --- line to the --- (or ...) line that closes it.
OPENING = re.compile(r"-{3}[ \t]*\n")
EMPTY = re.compile(r"-{3}[ \t]*\n(?:-{3}|\.{3})[ \t]*(?:\n|$)")
# What PyYAML's constructors raise, rather than a YAMLError, for a value its explicit tag
# cannot make: `!!int x`, `!!bool maybe`, `!!float ''`, `!!set x`.
UNMAKEABLE = (ValueError, LookupError, AttributeError, TypeError)
YAML_TAG = "tag:yaml.org,2002:"
# The parser's contexts of a part that a bracket or a quote opens: a flow sequence or
# mapping, a quoted scalar.
UNCLOSED = ("while parsing a flow", "while scanning a quoted scalar")
# A day has begun somewhere on Earth once it has begun in UTC+14 (the Line Islands).
FIRST_ZONE = dt.timezone(dt.timedelta(hours=14))
# The block's first line is the file's second.
FIRST_LINE = 2
# `extends "main.html"` in a template, outside its comments.
EXTENDS = re.compile(r"""\{%-?\s*extends\s+(["'])(?P<name>[^"']+)\1\s*-?%\}""")
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


# Whether the files read now are `serve`'s, which keeps a page whose front matter has
# mistakes (`kept_with_mistakes`); set only while course.loader reads the course for it.
_keeping_pages_with_mistakes = False


@contextlib.contextmanager
def pages_kept_with_mistakes() -> Iterator[None]:
    """While it lasts, a page whose front matter has mistakes is read with them (`serve`):
    its mistakes are the page's, not errors of the build."""
    global _keeping_pages_with_mistakes
    _keeping_pages_with_mistakes = True
    try:
        yield
    finally:
        _keeping_pages_with_mistakes = False


class FrontMatterLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """Safe YAML as the course reads it: a date stays text, even tagged `!!timestamp`, so that
    an impossible one is a mistake in its field rather than in the YAML, and a key given twice
    is noted instead of silently replaced by the last."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
        for first, resolvers in SAFE_LOADER.yaml_implicit_resolvers.items()
    }
    yaml_constructors: ClassVar[dict[str, Any]] = {
        **SAFE_LOADER.yaml_constructors,
        TIMESTAMP: SAFE_LOADER.construct_scalar,
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.given_twice: list[tuple[str, int, int]] = []  # (key, first line, second line)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool):
                continue
            line = key_node.start_mark.line
            if key in seen:
                self.given_twice.append((str(key), seen[key], line))
            else:
                seen[key] = line
        return super().construct_mapping(node, deep=deep)


class FrontMatterCheck:
    """Reads and validates one file's front matter, collecting every problem it finds.

    `theme_dirs` are the template folders (overrides/, then Material's) where `template` and
    `icon` must exist; without them those two are checked for form only.
    """

    def __init__(self, path: str, theme_dirs: Sequence[str] = ()) -> None:
        self.path = path
        self.theme_dirs = theme_dirs
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, field: str | None, message: str) -> None:
        self.errors.append(Problem(self.path, field, message))

    def warn(self, field: str | None, message: str) -> None:
        self.warnings.append(Problem(self.path, field, message))

    def read(self, text: str, keys: frozenset[str]) -> FrontMatter | None:
        """The front matter at the top of `text`, validated against the allowed `keys`.

        None when it has errors; in `serve` (`pages_kept_with_mistakes`), the page's stand-in
        front matter that carries them instead.
        """
        data = self.parse(text)
        meta = self.validate(data, keys) if data is not None else None
        if self.errors and _keeping_pages_with_mistakes:
            return self.kept_with_mistakes()
        return meta

    def kept_with_mistakes(self) -> FrontMatter:
        """Front matter that names the page after its file, with the errors found as its
        mistakes, which are no longer errors of the build."""
        name = posixpath.basename(self.path)
        mistakes, self.errors = tuple(map(str, self.errors)), []
        return FrontMatter(name, name, keywords=(name,), mistakes=mistakes)

    def parse(self, text: str) -> dict[Any, Any] | None:
        text = text.lstrip("\ufeff")
        match = upstream_internals.FRONT_MATTER.match(text)
        if match is None:
            if EMPTY.match(text):
                self.error("front matter", FRONT_MATTER_EMPTY)
            elif OPENING.match(text):
                self.error("front matter", FRONT_MATTER_NOT_CLOSED)
            else:
                self.error("front matter", FRONT_MATTER_MISSING)
            return None
        block = match.group(1)
        loader = FrontMatterLoader(block)
        node = None
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except UNMAKEABLE:
            self.error("front matter", f"not valid YAML{_unmakeable(node)}")
            return None
        except yaml.YAMLError as error:
            self.error("front matter", f"not valid YAML{_where(error, block)}")
            return None
        finally:
            loader.dispose()
        for key, first, again in loader.given_twice:
            lines = f"lines {first + FIRST_LINE} and {again + FIRST_LINE}"
            self.error(key, f"given twice ({lines}): keep one")
        if data is None:  # nothing but blank lines and comments
            self.error("front matter", FRONT_MATTER_EMPTY)
            return None
        if not isinstance(data, dict):
            self.error("front matter", "must be a mapping of fields such as `title: ...`")
            return None
        return data

    def validate(self, data: dict[Any, Any], keys: frozenset[str]) -> FrontMatter | None:
        errors_before = len(self.errors)
        for key in data:
            if key not in keys:
                self.error(str(key), f"unknown field (allowed: {', '.join(sorted(keys))})")
        title = self.text(data, "title", required=True, maximum=TITLE_MAX)
        description = self.text(data, "description", required=True)
        summary = self.text(data, "summary", maximum=SUMMARY_MAX)
        keywords = self.keywords(data.get("keywords")) if "keywords" in keys else ()
        newsletter = self.flag(data, "newsletter", default=True) if "newsletter" in keys else True
        draft = self.flag(data, "draft", default=False) if "draft" in keys else False
        updated = self.date(data.get("updated"), published=not draft) if "updated" in keys else None
        subtitle = self.text(data, "subtitle")
        self.material_keys(data)
        if not draft:
            self.warn_about_placeholders(data)
        if len(self.errors) > errors_before or title is None or description is None:
            return None
        material = {key: data[key] for key in sorted(MATERIAL_KEYS - {"subtitle"}) if key in data}
        return FrontMatter(
            title,
            description,
            summary=summary,
            keywords=keywords,
            newsletter=newsletter,
            updated=updated,
            draft=draft,
            subtitle=subtitle,
            material=material,
        )

    def warn_about_placeholders(self, data: dict[Any, Any]) -> None:
        """A published page must not keep the TODO text that scripts/new_lesson.py writes."""
        for key in ("title", "description", "summary", "keywords", "subtitle"):
            values = data.get(key)
            values = values if isinstance(values, list) else [values]
            if any(isinstance(value, str) and PLACEHOLDER in value for value in values):
                self.warn(key, PLACEHOLDER_LEFT)

    def material_keys(self, data: dict[Any, Any]) -> None:
        """`hide`, `search`, `status`, `template` and `icon` in the form Material reads them."""
        hide = data.get("hide")
        if hide is not None and (
            not isinstance(hide, list)
            or not all(isinstance(item, str) and item in HIDEABLE for item in hide)
        ):
            self.error("hide", f"must be a list of: {', '.join(sorted(HIDEABLE))}")
        search = data.get("search")
        if search is not None and not (
            isinstance(search, dict)
            and set(search) <= SEARCH_KEYS
            and isinstance(search.get("exclude", False), bool)
        ):
            self.error("search", "must be a mapping like {exclude: true} or {boost: 2}")
        elif search is not None and "boost" in search and not _is_finite_positive(search["boost"]):
            self.error("search", f"{SEARCH_BOOST_RULE}; got {_describe(search['boost'])}")
        self.named(data, "status", STATUS, "a name like new or deprecated")
        if self.named(data, "template", TEMPLATE, "a template file like lesson.html"):
            self.page_template(data["template"])
        if (
            self.named(data, "icon", ICON, "an icon like material/rocket")
            and self.theme_dirs
            and not self.in_theme(f".icons/{data['icon']}.svg")
        ):
            self.error("icon", f"{data['icon']!r} is not in overrides/ or the theme")

    def page_template(self, name: str) -> None:
        """`template` names one of the templates that render a page (course.rules)."""
        if not self.theme_dirs:
            return
        templates = page_templates(self.theme_dirs)
        if name in templates:
            return
        rule = TEMPLATE_NOT_A_PAGE if self.in_theme(name) else TEMPLATE_MISSING
        self.error("template", rule.format(name=name, templates=", ".join(templates)))

    def in_theme(self, path: str) -> bool:
        return any((Path(folder) / path).is_file() for folder in self.theme_dirs)

    def named(self, data: dict[Any, Any], key: str, form: re.Pattern[str], example: str) -> bool:
        """Whether `key` is given in its `form`; an error if it is given in another."""
        value = data.get(key)
        if value is None:
            return False
        if not isinstance(value, str) or not form.fullmatch(value):
            self.error(key, f"must be {example}, got {_describe(value)}")
            return False
        return True

    def text(
        self, data: dict[Any, Any], key: str, *, required: bool = False, maximum: int | None = None
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(key, "is required")
            return None
        if not isinstance(value, str):
            hint = "" if isinstance(value, list | dict) else " (put it in quotes)"
            self.error(key, f"must be text, got {_describe(value)}{hint}")
            return None
        if not self.publishable(key, value):
            return None
        value = " ".join(value.split())
        if not value:
            self.error(key, "must not be empty")
            return None
        if maximum is not None and len(value) > maximum:
            self.error(key, f"{len(value)} characters; at most {maximum} are allowed")
            return None
        return value

    def keywords(self, value: object) -> tuple[str, ...]:
        if value is None:
            self.error("keywords", f"is required: a list of 1-{KEYWORDS_MAX} phrases, focus first")
            return ()
        if not isinstance(value, list):
            self.error("keywords", f"must be a list like [first, second], got {_describe(value)}")
            return ()
        if not 1 <= len(value) <= KEYWORDS_MAX:
            self.error("keywords", f"has {len(value)} entries; 1-{KEYWORDS_MAX} are allowed")
            return ()
        phrases = []
        for position, keyword in enumerate(value, start=1):
            if not isinstance(keyword, str) or not keyword.strip():
                self.error("keywords", f"entry {position} must be non-empty text")
                return ()
            if not self.publishable("keywords", keyword, f"entry {position}: "):
                return ()
            phrases.append(" ".join(keyword.split()))
        return tuple(phrases)

    def publishable(self, key: str, text: str, where: str = "") -> bool:
        """Whether every character of `text` can be published; an error naming the first
        that cannot, as its escape, if not."""
        problem = unpublishable(text)
        if problem is not None:
            self.error(key, where + problem)
        return problem is None

    def flag(self, data: dict[Any, Any], key: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.error(key, f"must be true or false, got {_describe(value)}")
            return default
        return value

    def date(self, value: object, *, published: bool) -> dt.date | None:
        """`updated`: a day of the calendar, from UPDATED_EARLIEST to the newest day that has
        begun somewhere (`newest_day`): an author east of UTC writes their own today.

        A day outside those is a warning (a future one, once the page is published) and is
        not used: the page keeps the dates git gives it.
        """
        if value is None:
            return None
        if isinstance(value, str):
            day = self.parse_day(value.strip())
        elif isinstance(value, dt.date):  # a date, or a datetime given a YAML tag
            day = value.date() if isinstance(value, dt.datetime) else value
        else:
            self.error("updated", f"{UPDATED_FORM}, got {_describe(value)}")
            return None
        if day is None:
            return None
        if day < UPDATED_EARLIEST:
            early = UPDATED_TOO_EARLY.format(day=day.isoformat(), year=UPDATED_EARLIEST.year)
            self.warn("updated", early)
            return None
        if day > newest_day():
            if published:
                self.warn("updated", UPDATED_IN_FUTURE.format(day=day.isoformat()))
            return None
        return day

    def parse_day(self, text: str) -> dt.date | None:
        """The day of `2026-11-27`, or of a moment of it (`2026-11-27T10:30:00+01:00`: the
        day as written, whatever the zone); an error naming `updated` if it is none."""
        timestamp = YAML_TIMESTAMP.fullmatch(text)
        if timestamp is None:
            for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
                try:
                    day = parse(text)
                except ValueError:
                    continue
                return day.date() if isinstance(day, dt.datetime) else day
            self.error("updated", f"{UPDATED_FORM}, got {_describe(text)}")
            return None
        # Each number written, 0 for a part left out (a day without its time, zone or minutes).
        number = {
            name: int(digits)
            for name, digits in timestamp.groupdict("0").items()
            if digits.isdigit()
        }
        try:
            day = dt.date(number["year"], number["month"], number["day"])
        except ValueError as error:
            self.error("updated", UPDATED_NOT_A_DAY.format(text=text, reason=error))
            return None
        try:
            dt.time(number["hour"], number["minute"], number["second"])
        except ValueError as error:
            self.error("updated", UPDATED_NOT_A_TIME.format(text=text, reason=error))
            return None
        if dt.timedelta(hours=number["tz_hour"], minutes=number["tz_minute"]) >= ZONE_LIMIT:
            self.error("updated", UPDATED_NO_SUCH_ZONE.format(text=text))
            return None
        return day


def newest_day(now: dt.datetime | None = None) -> dt.date:
    """The newest day that has begun somewhere on Earth at `now` (this moment by default):
    today in UTC+14, whatever the build machine's zone. A later day is in the future."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(FIRST_ZONE).date()


def page_templates(theme_dirs: Sequence[str]) -> list[str]:
    """The templates `template` may name: main.html, then every template of the site's own
    folders (overrides/; a theme's folder holds mkdocs_theme.yml) that extends one of these,
    other than the site's own pages (course.rules)."""
    parents: dict[str, str | None] = {}
    for folder in map(Path, theme_dirs):
        if (folder / "mkdocs_theme.yml").is_file():
            continue
        for path in sorted(folder.rglob("*.html")):
            name = path.relative_to(folder).as_posix()
            if name not in SITE_TEMPLATES:
                parents.setdefault(name, _extended(path))
    found = [PAGE_TEMPLATE]
    while grown := sorted(
        name for name, parent in parents.items() if parent in found and name not in found
    ):
        found += grown
    return found


def _extended(template: Path) -> str | None:
    """The template that `template` extends, if it names one."""
    try:
        source = JINJA_COMMENT.sub("", template.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    extends = EXTENDS.search(source)
    return extends["name"] if extends else None


def _unmakeable(root: yaml.Node | None) -> str:
    """` (line 3): !!bool cannot make 'maybe'`: the innermost value in `root` that its tag
    cannot make, made alone, and its line in the file."""
    seen: set[int] = set()  # an anchor can hold itself

    def innermost(node: yaml.Node) -> yaml.Node | None:
        if id(node) in seen:
            return None
        seen.add(id(node))
        children = node.value if isinstance(node, yaml.SequenceNode) else []
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        for child in children:
            if (found := innermost(child)) is not None:
                return found
        loader = FrontMatterLoader("")
        try:
            loader.construct_document(node)
        except (*UNMAKEABLE, yaml.YAMLError):
            return node
        finally:
            loader.dispose()
        return None

    node = innermost(root) if root is not None else None
    if node is None:
        return ": a tagged value cannot be made"
    tag = node.tag.replace(YAML_TAG, "!!")
    value = repr(node.value) if isinstance(node, yaml.ScalarNode) else "that value"
    line = node.start_mark.line + FIRST_LINE
    return f" (line {line}): {TAG_CANNOT_MAKE.format(tag=tag, value=value)}"


def _where(error: yaml.YAMLError, block: str) -> str:
    """` (line 4): did not find expected ',' or ']'`: the YAML problem and its line in the file.

    A bracket or a quote never closed is on the line where it opens, not on the line where
    the parser gave up (the next field's, or the closing ---), which the message names too.
    """
    problem = getattr(error, "problem", None) or "cannot be read"
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return f": {problem}"
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context_mark is None:
        return f" (line {mark.line + FIRST_LINE}): {problem}"
    if mark.line >= block.count("\n"):
        mark, problem = context_mark, f"{problem} before the block ends"
    elif context and context.startswith(UNCLOSED) and mark.line != context_mark.line:
        # The parser reads on past an unclosed bracket or quote until something cannot
        # belong to it: the mistake is where it opens.
        found = mark.line + FIRST_LINE
        mark, problem = context_mark, f"{problem} on line {found}"
    if context:
        start = f", from line {context_mark.line + FIRST_LINE}"
        problem += f" ({context}{start if context_mark.line != mark.line else ''})"
    return f" (line {mark.line + FIRST_LINE}): {problem}"


def _is_finite_positive(value: object) -> bool:
    """A number above 0 that a float holds: JSON gives any other number to JavaScript as
    Infinity, or has no way to write it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value) and value > 0
    except OverflowError:  # an int with more digits than a float holds
        return False


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"{type(value).__name__} {value!r}"


def body(text: str) -> str:
    """The Markdown after the front matter, as MkDocs renders it."""
    text = text.lstrip("\ufeff")
    match = upstream_internals.FRONT_MATTER.match(text)
    return text[match.end() :] if match else text
