"""Front matter: read the YAML block at the top of a page and check it against the rules.

Every problem is collected, one line each naming the file and the field, so one build
lists all of them (course.rules has the limits and patterns).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml

from course import upstream
from course.model import FrontMatter, Problem
from course.rules import (
    HIDEABLE,
    ICON,
    KEYWORDS_MAX,
    MATERIAL_KEYS,
    PLACEHOLDER,
    PLACEHOLDER_LEFT,
    SEARCH_KEYS,
    STATUS,
    SUMMARY_MAX,
    TEMPLATE,
    TITLE_MAX,
)

# libyaml's loader when PyYAML has it: the same safe YAML, read ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP = "tag:yaml.org,2002:timestamp"
ISO_DAY = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")


class FrontMatterLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """Safe YAML as the course reads it: a date stays text, so that an impossible one is a
    mistake in its field rather than in the YAML, and a key given twice is noted instead
    of silently replaced by the last."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
        for first, resolvers in SAFE_LOADER.yaml_implicit_resolvers.items()
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
        """The front matter at the top of `text`, validated against the allowed `keys`."""
        data = self.parse(text)
        return self.validate(data, keys) if data is not None else None

    def parse(self, text: str) -> dict[Any, Any] | None:
        match = upstream.FRONT_MATTER.match(text.lstrip("\ufeff"))
        if match is None:
            self.error("front matter", "missing: start the file with a --- block (title, ...)")
            return None
        loader = FrontMatterLoader(match.group(1))
        try:
            data = loader.get_single_data()
        except ValueError as error:  # a value that a YAML tag cannot make, such as !!int x
            self.error("front matter", f"not valid YAML: {error}")
            return None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            # +2: the mark counts from 0, inside the block that starts after the first ---.
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(error, "problem", None) or "cannot be read"
            self.error("front matter", f"not valid YAML{where}: {problem}")
            return None
        finally:
            loader.dispose()
        # +2 as above.
        for key, first, again in loader.given_twice:
            self.error(key, f"given twice (lines {first + 2} and {again + 2}): keep one")
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
            and _is_number(search.get("boost", 1))
        ):
            self.error("search", "must be a mapping like {exclude: true} or {boost: 2}")
        self.named(data, "status", STATUS, "a name like new or deprecated")
        self.named(data, "template", TEMPLATE, "a template file like lesson.html", "{}")
        self.named(data, "icon", ICON, "an icon like material/rocket", ".icons/{}.svg")

    def named(
        self,
        data: dict[Any, Any],
        key: str,
        form: re.Pattern[str],
        example: str,
        theme_file: str | None = None,
    ) -> None:
        value = data.get(key)
        if value is None:
            return
        if not isinstance(value, str) or not form.fullmatch(value):
            self.error(key, f"must be {example}, got {_describe(value)}")
        elif (
            theme_file
            and self.theme_dirs
            and not any(
                (Path(folder) / theme_file.format(value)).is_file() for folder in self.theme_dirs
            )
        ):
            self.error(key, f"{value!r} is not in overrides/ or the theme")

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
            phrases.append(" ".join(keyword.split()))
        return tuple(phrases)

    def flag(self, data: dict[Any, Any], key: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.error(key, f"must be true or false, got {_describe(value)}")
            return default
        return value

    def date(self, value: object, *, published: bool) -> dt.date | None:
        """`updated`: a real day, not after today (a future date is a warning)."""
        if value is None:
            return None
        day = value.date() if isinstance(value, dt.datetime) else value
        if isinstance(value, str):
            day = self.parse_day(value.strip())
            if day is None:
                return None
        if not isinstance(day, dt.date):
            self.error("updated", f"must be a date like 2026-11-27, got {_describe(value)}")
            return None
        if published and day > dt.date.today():
            self.warn(
                "updated",
                f"{day.isoformat()} is in the future: give the day of the last real change",
            )
        return day

    def parse_day(self, text: str) -> dt.date | None:
        """`2026-11-27` (or a moment of that day) as a date; an error naming `updated` if not."""
        for parse in (dt.date.fromisoformat, lambda text: dt.datetime.fromisoformat(text).date()):
            try:
                return parse(text)
            except ValueError:
                pass
        numbers = ISO_DAY.fullmatch(text)
        if numbers is None:
            self.error("updated", f"must be a date like 2026-11-27, got str {text!r}")
            return None
        try:
            return dt.date(*(int(numbers[part]) for part in ("year", "month", "day")))
        except ValueError as error:
            self.error("updated", f"{text} is not a day of the calendar ({error})")
            return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"{type(value).__name__} {value!r}"


def body(text: str) -> str:
    """The Markdown after the front matter, as MkDocs renders it."""
    text = text.lstrip("\ufeff")
    match = upstream.FRONT_MATTER.match(text)
    return text[match.end() :] if match else text
