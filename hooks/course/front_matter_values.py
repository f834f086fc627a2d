"""The kinds of value a front-matter field holds: how each is checked, in the course's own
words, and how each is described to an editor as JSON Schema.

course/front_matter_fields.py declares every field with one of these kinds. Pydantic runs
the kind's check when it validates the model, and asks the kind for its schema when the
editors' schemas are written. A check refuses a value with one line that says what is wrong
(`refused`); the field is named by Pydantic's error, the file by course/front_matter.py.
What a check warns about, and what it needs to know about the page, travel in `Reading`,
Pydantic's validation context.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import yaml
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic_core import CoreSchema, PydanticCustomError, PydanticUseDefault, core_schema

from course.rules import (
    EMPTY_TEXT,
    ENTRY,
    ENTRY_NOT_TEXT,
    ICON_MISSING,
    LIST_SIZE,
    NOT_A_FLAG,
    NOT_A_FORM,
    NOT_A_LIST,
    NOT_CHOICES,
    NOT_TEXT,
    NOT_TEXT_HINT,
    PAGE_TEMPLATE,
    REQUIRED,
    SEARCH_BOOST,
    SEARCH_FORM,
    SITE_TEMPLATES,
    TEMPLATE_MISSING,
    TEMPLATE_NOT_A_PAGE,
    TOO_LONG,
    UNPUBLISHABLE_CHARACTER,
    UPDATED_EARLIEST,
    UPDATED_FORM,
    UPDATED_IN_FUTURE,
    UPDATED_NO_SUCH_ZONE,
    UPDATED_NOT_A_DAY,
    UPDATED_NOT_A_TIME,
    UPDATED_TOO_EARLY,
    unpublishable,
)

# The pages of the course, as course.model names their kinds.
PageKind = Literal["home", "module", "lesson"]
# YAML's timestamp, which course/front_matter.py's loader keeps as text: a day, or a moment of
# it with or without a zone (`2026-1-2`, `2026-01-02 10:30:00 -5`), each part checked as
# PyYAML would.
YAML_TIMESTAMP: re.Pattern[str] = yaml.constructor.SafeConstructor.timestamp_regexp
ZONE_LIMIT = dt.timedelta(hours=24)
# A day has begun somewhere on Earth once it has begun in UTC+14 (the Line Islands).
FIRST_ZONE = dt.timezone(dt.timedelta(hours=14))
# `extends "main.html"` in a template, outside its comments.
EXTENDS = re.compile(r"""\{%-?\s*extends\s+(["'])(?P<name>[^"']+)\1\s*-?%\}""")
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)

# -- the same rules for an editor (JSON Schema, which writes patterns as JavaScript reads them;
# editors add the `u` flag, as ajv and VS Code do). An editor may let through what only the
# build can tell (a template's or icon's file, a day its month lacks): never the reverse.
PUBLISHABLE_PATTERN = f"^[^{UNPUBLISHABLE_CHARACTER.pattern[1:-1]}]*$"
NOT_BLANK_PATTERN = r"\S"
# A day of the calendar, then an optional time and zone, in YAML's and ISO 8601's forms
# (Python reads any one character between the day and the time).
DAY_PATTERN = (
    r"^\s*[0-9]{4}(?:-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12][0-9]|3[01])"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])|-?W[0-9]{2}(?:-?[1-7])?)"
    r"(?:(?:[ \t]+|.)(?:[01]?[0-9]|2[0-3])(?::?[0-5][0-9](?::?[0-5][0-9](?:[.,][0-9]*)?)?)?"
    r"(?:[ \t]*(?:Z|[-+](?:[01]?[0-9]|2[0-3])(?::?[0-9]{2}(?::?[0-9]{2}(?:\.[0-9]+)?)?)?))?)?\s*$"
)
LARGEST_FLOAT = 1.7976931348623157e308


def refused(message: str) -> PydanticCustomError:
    """The error a check raises: `message` as the author reads it, unchanged by Pydantic."""
    return PydanticCustomError("front_matter", "{message}", {"message": message})


def describe(value: object) -> str:
    """`str 'x'`, `int 3`, `true`, `a list`: what an author wrote, as a mistake names it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"{type(value).__name__} {value!r}"


def newest_day(now: dt.datetime | None = None) -> dt.date:
    """The newest day that has begun somewhere on Earth at `now` (this moment by default):
    today in UTC+14, whatever the build machine's zone. A later day is in the future."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(FIRST_ZONE).date()


@dataclass
class Reading:
    """What the checks of one page need besides its values, passed to Pydantic as the
    validation context: the page's kind, the fields it requires, the theme's folders (where
    `template` and `icon` must exist; without them those two are checked for form only),
    whether it is a draft, and the problems found, as (field, message)."""

    kind: PageKind
    theme_dirs: Sequence[str] = ()
    required: tuple[str, ...] = ()
    draft: bool = False
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


class ValueKind:
    """A kind of value: its check, and its JSON Schema. Given to a field in its Annotated type.

    A value written as YAML's null (`summary:`) is no value, unless `null_is_a_value`: the
    field keeps its default, or, if the page requires it, says `required_rule`.
    """

    null_is_a_value: ClassVar[bool] = False
    required_rule: str = REQUIRED

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.with_info_plain_validator_function(self._validate)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return self.json_schema()

    def _validate(self, value: Any, info: ValidationInfo) -> Any:
        # Outside a build (a model made in Python) there is no Reading: no page kind, no
        # warnings, no theme.
        reading = info.context if isinstance(info.context, Reading) else None
        if value is None and not self.null_is_a_value:
            if reading is not None and info.field_name in reading.required:
                raise refused(self.required_rule)
            raise PydanticUseDefault
        return self.check(value, info, reading)


@dataclass(frozen=True)
class Text(ValueKind):
    """One line of text that every output can carry, its runs of spaces made one; at most
    `maximum` characters, counted so."""

    maximum: int | None = None

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> str:
        if not isinstance(value, str):
            hint = "" if isinstance(value, list | dict) else NOT_TEXT_HINT
            raise refused(NOT_TEXT.format(value=describe(value), hint=hint))
        if (problem := unpublishable(value)) is not None:
            raise refused(problem)
        text = " ".join(value.split())
        if not text:
            raise refused(EMPTY_TEXT)
        if self.maximum is not None and len(text) > self.maximum:
            raise refused(TOO_LONG.format(length=len(text), maximum=self.maximum))
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "allOf": text_patterns(self.maximum)}


def text_patterns(maximum: int | None) -> list[dict[str, str]]:
    """Text as `Text` takes it: publishable, not blank, and at most `maximum` characters once
    its runs of spaces are one (a run between words counts as one character)."""
    patterns = [
        {"pattern": PUBLISHABLE_PATTERN, "patternErrorMessage": "a character cannot be published"},
        {"pattern": NOT_BLANK_PATTERN, "patternErrorMessage": EMPTY_TEXT},
    ]
    if maximum is not None:
        patterns.append(
            {
                "pattern": rf"^\s*(?:\S|\s+(?=\S)){{0,{maximum}}}\s*$",
                "patternErrorMessage": f"at most {maximum} characters are allowed",
            }
        )
    return patterns


@dataclass(frozen=True)
class TextList(ValueKind):
    """A list of `fewest` to `most` entries, each `Text` of at most `maximum` characters."""

    fewest: int = 1
    most: int = 10
    maximum: int | None = None
    required_rule: str = REQUIRED

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> tuple[str, ...]:
        if not isinstance(value, list | tuple):
            raise refused(NOT_A_LIST.format(value=describe(value)))
        if not self.fewest <= len(value) <= self.most:
            raise refused(LIST_SIZE.format(count=len(value), fewest=self.fewest, most=self.most))
        entries = []
        for position, entry in enumerate(value, start=1):
            if not isinstance(entry, str) or not entry.strip():
                raise refused(ENTRY_NOT_TEXT.format(position=position))
            if (problem := unpublishable(entry)) is not None:
                raise refused(ENTRY.format(position=position, problem=problem))
            text = " ".join(entry.split())
            if self.maximum is not None and len(text) > self.maximum:
                too_long = TOO_LONG.format(length=len(text), maximum=self.maximum)
                raise refused(ENTRY.format(position=position, problem=too_long))
            entries.append(text)
        return tuple(entries)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "minItems": self.fewest,
            "maxItems": self.most,
            "items": {"type": "string", "allOf": text_patterns(self.maximum)},
        }


@dataclass(frozen=True)
class Flag(ValueKind):
    """true or false; null is neither."""

    null_is_a_value: ClassVar[bool] = True

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> bool:
        if not isinstance(value, bool):
            raise refused(NOT_A_FLAG.format(value=describe(value)))
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Day(ValueKind):
    """A day of the calendar, from UPDATED_EARLIEST to the newest day that has begun
    somewhere (`newest_day`): an author east of UTC writes their own today.

    A day outside those is a warning (a future one, once the page is published) and is not
    used: the page keeps the dates git gives it.
    """

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> dt.date | None:
        if isinstance(value, str):
            day = parse_day(value.strip())
        elif isinstance(value, dt.date):  # a model made in Python
            day = value.date() if isinstance(value, dt.datetime) else value
        else:
            raise refused(f"{UPDATED_FORM}, got {describe(value)}")
        warning = None
        if day < UPDATED_EARLIEST:
            warning = UPDATED_TOO_EARLY.format(day=day.isoformat(), year=UPDATED_EARLIEST.year)
        elif day > newest_day():
            if reading is None or reading.draft:
                return None
            warning = UPDATED_IN_FUTURE.format(day=day.isoformat())
        if warning is None:
            return day
        if reading is not None:
            reading.warnings.append((str(info.field_name), warning))
        return None

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": DAY_PATTERN,
            "patternErrorMessage": UPDATED_FORM,
        }


def parse_day(text: str) -> dt.date:
    """The day of `2026-11-27`, or of a moment of it (`2026-11-27T10:30:00+01:00`: the day as
    written, whatever the zone); refused if it is none."""
    timestamp = YAML_TIMESTAMP.fullmatch(text)
    if timestamp is None:
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                day = parse(text)
            except ValueError:
                continue
            return day.date() if isinstance(day, dt.datetime) else day
        raise refused(f"{UPDATED_FORM}, got {describe(text)}")
    # Each number written, 0 for a part left out (a day without its time, zone or minutes).
    number = {
        name: int(digits) for name, digits in timestamp.groupdict("0").items() if digits.isdigit()
    }
    try:
        day = dt.date(number["year"], number["month"], number["day"])
    except ValueError as error:
        raise refused(UPDATED_NOT_A_DAY.format(text=text, reason=error)) from None
    try:
        dt.time(number["hour"], number["minute"], number["second"])
    except ValueError as error:
        raise refused(UPDATED_NOT_A_TIME.format(text=text, reason=error)) from None
    if dt.timedelta(hours=number["tz_hour"], minutes=number["tz_minute"]) >= ZONE_LIMIT:
        raise refused(UPDATED_NO_SUCH_ZONE.format(text=text))
    return day


@dataclass(frozen=True)
class Choices(ValueKind):
    """A list of names, each one of `choices`."""

    choices: frozenset[str]

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> list[str]:
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item in self.choices for item in value
        ):
            raise refused(NOT_CHOICES.format(choices=", ".join(sorted(self.choices))))
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"enum": sorted(self.choices)}}


@dataclass(frozen=True)
class SearchSettings(ValueKind):
    """Material's `search`: `{exclude: true}` or `{boost: 2}`, where boost is a number a
    float holds, above 0 (JSON gives any other number to JavaScript as Infinity, or has no
    way to write it)."""

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> dict[str, Any]:
        if not (
            isinstance(value, dict)
            and set(value) <= {"exclude", "boost"}
            and isinstance(value.get("exclude", False), bool)
        ):
            raise refused(SEARCH_FORM)
        if "boost" in value and not _is_finite_positive(value["boost"]):
            raise refused(SEARCH_BOOST.format(value=describe(value["boost"])))
        return value

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "exclude": {"type": "boolean"},
                "boost": {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "maximum": LARGEST_FLOAT,
                    # NaN (YAML's .nan), which no comparison holds, passes the two above.
                    "not": {"maximum": 0},
                },
            },
            "additionalProperties": False,
        }


def _is_finite_positive(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value) and value > 0
    except OverflowError:  # an int with more digits than a float holds
        return False


@dataclass(frozen=True)
class Name(ValueKind):
    """Text in a `form` (a regular expression), like `example`."""

    form: re.Pattern[str]
    example: str

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> str:
        if not isinstance(value, str) or not self.form.fullmatch(value):
            raise refused(NOT_A_FORM.format(example=self.example, value=describe(value)))
        return value

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": f"^(?:{self.form.pattern})$",
            "patternErrorMessage": f"must be {self.example}",
        }


@dataclass(frozen=True)
class ThemeIcon(Name):
    """An icon's name, whose SVG is in overrides/.icons/ or the theme's (a check the theme's
    folders make; an editor checks the form only)."""

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> str:
        name = super().check(value, info, reading)
        themed = reading is not None and reading.theme_dirs
        if themed and not _in_theme(reading.theme_dirs, f".icons/{name}.svg"):
            raise refused(ICON_MISSING.format(name=name))
        return name


@dataclass(frozen=True)
class PageTemplate(Name):
    """A template that renders a page (`page_templates`: a check the theme's folders make;
    an editor checks the form only)."""

    def check(self, value: Any, info: ValidationInfo, reading: Reading | None) -> str:
        name = super().check(value, info, reading)
        if reading is None or not reading.theme_dirs:
            return name
        templates = page_templates(reading.theme_dirs)
        if name not in templates:
            rule = TEMPLATE_NOT_A_PAGE if _in_theme(reading.theme_dirs, name) else TEMPLATE_MISSING
            raise refused(rule.format(name=name, templates=", ".join(templates)))
        return name

    def json_schema(self) -> dict[str, Any]:
        return {**super().json_schema(), "examples": [PAGE_TEMPLATE]}


def _in_theme(theme_dirs: Sequence[str], path: str) -> bool:
    return any((Path(folder) / path).is_file() for folder in theme_dirs)


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
