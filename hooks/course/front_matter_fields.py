"""Every front-matter field of the course, declared once, as a field of `FrontMatter`.

A declaration says: the field's type and default; the kind of value it holds
(course/front_matter_values.py: its check, in the course's words, and its JSON Schema); a
`Declared`: which pages take it, whether they require it, whether a published page may keep
TODO in it, whether Material reads it, and, for a field shown in a block, the template that
shows it and where; and, as its `description`, its one line of documentation.

From the declarations come the validation (`read`, which course/front_matter.py calls once
the YAML is read), the unknown-field message, the model every hook and template reads
(`page.meta.<field>`), the blocks that partials/course/page-head.html and page-end.html
show (`FrontMatter.blocks_at`), and what `python3 dev.py front-matter` writes: the JSON
Schemas for editors in schemas/ and the front-matter reference in AUTHORING.md (tests fail
when either is stale).

Fields are validated in the order they are declared, and their mistakes listed in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from course.front_matter_values import (
    Choices,
    Day,
    Flag,
    Name,
    PageKind,
    PageTemplate,
    Reading,
    SearchSettings,
    Text,
    TextList,
    ThemeIcon,
    ValueKind,
)
from course.rules import (
    HIDEABLE,
    ICON,
    ICON_EXAMPLE,
    KEYWORDS_MAX,
    KEYWORDS_REQUIRED,
    PLACEHOLDER,
    PLACEHOLDER_LEFT,
    STATUS,
    STATUS_EXAMPLE,
    SUMMARY_MAX,
    TEMPLATE,
    TEMPLATE_EXAMPLE,
    TITLE_MAX,
    UNKNOWN_FIELD,
    UPDATED_EARLIEST,
    description_range,
)

PAGE_KINDS: tuple[PageKind, ...] = ("home", "module", "lesson")
EVERY_PAGE = PAGE_KINDS
LESSONS: tuple[PageKind, ...] = ("lesson",)


@dataclass(frozen=True)
class Block:
    """Where a field is shown, on every page whose value is not the field's default: its
    `template` (under overrides/; it reads the value as `course_page.meta.<field>`) at the
    `top` of the page (after the title, the lead and a lesson's facts) or at its `end` (right
    after the body, before the course's own end: the outline, or a lesson's completion
    control), and in the print page around the page's content
    (partials/course/field-blocks.html). `label`, the key of its title in the reader's
    words, names it in the page's Markdown copy, where its value follows (hooks/crawl.py)."""

    template: str
    place: Literal["top", "end"]
    label: str


@dataclass(frozen=True)
class Declared:
    """What a field's type does not say."""

    pages: tuple[PageKind, ...]  # the pages that take it
    required: bool = False  # on those pages
    placeholder_checked: bool = False  # a published page must not keep TODO in it
    for_material: bool = False  # passed to Material as it is, in MkDocs' page.meta
    block: Block | None = None


class FrontMatter(BaseModel):
    """Validated front matter of the home page, a module index or a lesson."""

    model_config = ConfigDict(frozen=True)

    title: Annotated[
        str, Text(maximum=TITLE_MAX), Declared(EVERY_PAGE, required=True, placeholder_checked=True)
    ] = Field(
        description=f"The page's title, its one h1: at most {TITLE_MAX} characters.",
        examples=["What is FastAPI?"],
    )
    description: Annotated[
        str, Text(), Declared(EVERY_PAGE, required=True, placeholder_checked=True)
    ] = Field(
        description="What the page teaches, for search results and social snippets: "
        f"{description_range()} characters recommended (outside, the SEO check warns).",
        examples=["How FastAPI turns type hints into a documented API."],
    )
    summary: Annotated[
        str | None, Text(maximum=SUMMARY_MAX), Declared(EVERY_PAGE, placeholder_checked=True)
    ] = Field(
        None,
        description=f"One or two sentences shown under the title and in the outline: "
        f"at most {SUMMARY_MAX} characters.",
        examples=["The modern framework for ..."],
    )
    keywords: Annotated[
        tuple[str, ...],
        TextList(most=KEYWORDS_MAX, required_rule=KEYWORDS_REQUIRED),
        Declared(LESSONS, required=True, placeholder_checked=True),
    ] = Field(
        (),
        description=f"1-{KEYWORDS_MAX} phrases readers search for, the focus keyword first.",
        examples=[["What is FastAPI", "FastAPI vs Flask"]],
    )
    newsletter: Annotated[bool, Flag(), Declared(LESSONS)] = Field(
        True, description="false hides the newsletter footer on this lesson.", examples=[False]
    )
    draft: Annotated[bool, Flag(), Declared(LESSONS)] = Field(
        False,
        description="true: previewed by `serve`, left out of the published site.",
        examples=[True],
    )
    updated: Annotated[dt.date | None, Day(), Declared(LESSONS)] = Field(
        None,
        description=f"The day of the last real change, {UPDATED_EARLIEST.year} to today "
        "(a time and zone may follow); without it, the day of the page's last commit.",
        examples=[dt.date(2026, 11, 27)],
    )
    subtitle: Annotated[str | None, Text(), Declared(EVERY_PAGE, placeholder_checked=True)] = Field(
        None, description="Material's subtitle, shown in the header as the page scrolls."
    )
    hide: Annotated[
        list[str] | None, Choices(HIDEABLE), Declared(EVERY_PAGE, for_material=True)
    ] = Field(None, description=f"Parts of Material's page to hide: {', '.join(sorted(HIDEABLE))}.")
    search: Annotated[
        dict[str, Any] | None, SearchSettings(), Declared(EVERY_PAGE, for_material=True)
    ] = Field(
        None,
        description="Material's search: `{exclude: true}`, or `{boost: 2}` (a finite number "
        "above 0).",
    )
    status: Annotated[
        str | None, Name(STATUS, STATUS_EXAMPLE), Declared(EVERY_PAGE, for_material=True)
    ] = Field(
        None, description="Material's status of the page in the navigation: a name, like new."
    )
    template: Annotated[
        str | None,
        PageTemplate(TEMPLATE, TEMPLATE_EXAMPLE),
        Declared(EVERY_PAGE, for_material=True),
    ] = Field(
        None,
        description="A template that renders a page: main.html, or a template of overrides/ "
        "that extends it, directly or through another; any other is an error that lists them.",
    )
    icon: Annotated[
        str | None, ThemeIcon(ICON, ICON_EXAMPLE), Declared(EVERY_PAGE, for_material=True)
    ] = Field(
        None, description="Material's icon of the page, which must be in overrides/ or the theme."
    )

    # Not front matter (no page takes it): `serve` only, the lines that say why the front
    # matter cannot be read, one per mistake; the fields above are then stand-ins named after
    # the file (course/front_matter.py).
    mistakes: tuple[str, ...] = Field((), exclude=True)

    @property
    def material(self) -> dict[str, Any]:
        """The fields Material reads as they are, as MkDocs' page.meta gives them to it."""
        return {
            name: value
            for name in DECLARATIONS.for_material
            if (value := getattr(self, name)) is not None
        }

    def blocks_at(self, place: Literal["top", "end"]) -> list[Block]:
        """The blocks shown at `place` of the page: one for each of its block fields whose
        value is not the field's default."""
        return [block for block, _ in self.block_values(place)]

    def block_values(self, place: Literal["top", "end"]) -> list[tuple[Block, Any]]:
        """Each block shown at `place` of the page, with its field's value."""
        return [
            (block, value)
            for name, block, default in DECLARATIONS.blocks[place]
            if (value := getattr(self, name)) != default
        ]


@dataclass(frozen=True)
class Declarations:
    """What the fields of a model declare, looked up once rather than for every page."""

    model: type[FrontMatter]
    # Every front-matter field, in the order of its declaration, and what is declared of it.
    declared: dict[str, Declared]
    fields_of: dict[PageKind, tuple[str, ...]]
    required_of: dict[PageKind, tuple[str, ...]]
    placeholder_checked: tuple[str, ...]
    for_material: tuple[str, ...]
    # At each place, the fields shown there: (field, its block, its default).
    blocks: dict[str, tuple[tuple[str, Block, Any], ...]]

    @classmethod
    def of(cls, model: type[FrontMatter]) -> Declarations:
        declared = {
            name: item
            for name, field in model.model_fields.items()
            for item in field.metadata
            if isinstance(item, Declared)
        }
        fields_of = {
            kind: tuple(name for name in declared if kind in declared[name].pages)
            for kind in PAGE_KINDS
        }
        return cls(
            model=model,
            declared=declared,
            fields_of=fields_of,
            required_of={
                kind: tuple(name for name in names if declared[name].required)
                for kind, names in fields_of.items()
            },
            placeholder_checked=tuple(n for n in declared if declared[n].placeholder_checked),
            for_material=tuple(name for name in declared if declared[name].for_material),
            blocks={
                place: tuple(
                    (name, item.block, model.model_fields[name].default)
                    for name, item in declared.items()
                    if item.block is not None and item.block.place == place
                )
                for place in ("top", "end")
            },
        )


DECLARATIONS = Declarations.of(FrontMatter)


def value_kind(name: str) -> ValueKind:
    """The kind of value field `name` holds."""
    return next(
        item
        for item in DECLARATIONS.model.model_fields[name].metadata
        if isinstance(item, ValueKind)
    )


def fields_of(kind: PageKind) -> tuple[str, ...]:
    """The fields a page of `kind` takes, in their order."""
    return DECLARATIONS.fields_of[kind]


def required_of(kind: PageKind) -> tuple[str, ...]:
    """The fields a page of `kind` must give, in their order."""
    return DECLARATIONS.required_of[kind]


def unknown_field(kind: PageKind) -> str:
    """The mistake of a field a page of `kind` does not take, listing those it does."""
    return UNKNOWN_FIELD.format(fields=", ".join(sorted(fields_of(kind))))


def read(data: dict[Any, Any], reading: Reading) -> FrontMatter | None:
    """The front matter `data` gives a page of `reading.kind`, validated; None if it has
    mistakes. Each mistake and warning is added to `reading`, as (field, message): every
    field it does not take, then every field's own mistake, then TODO left in a published
    page."""
    allowed = fields_of(reading.kind)
    unknown = [key for key in data if key not in allowed]
    if unknown:
        message = unknown_field(reading.kind)
        reading.errors += [(str(key), message) for key in unknown]
    given = {key: value for key, value in data.items() if key in allowed}
    reading.required = required_of(reading.kind)
    # A page is a draft only when it says `draft: true`: any other value is a mistake.
    reading.draft = given.get("draft") is True
    try:
        meta = DECLARATIONS.model.model_validate(
            dict.fromkeys(reading.required) | given, context=reading
        )
    except ValidationError as invalid:
        reading.errors += [(str(error["loc"][0]), error["msg"]) for error in invalid.errors()]
        meta = None
    if not reading.draft:
        for name in DECLARATIONS.placeholder_checked:
            if _says_placeholder(data.get(name)):
                reading.warnings.append((name, PLACEHOLDER_LEFT))
    return None if reading.errors else meta


def _says_placeholder(value: object) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(item, str) and PLACEHOLDER in item for item in values)
