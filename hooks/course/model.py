"""The course model: the home page, its modules and their lessons, as readers meet them.

Immutable once read: course.loader builds it once per build (hooks/lessons.py calls it in
`on_files`), every hook reads it through course.build_state, and a feature derives what it
needs from it instead of changing it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urljoin

from course.front_matter_fields import FrontMatter
from course.rules import one_line

# Where the social cards are published in the site.
CARDS_FOLDER = "assets/social"


class CourseError(Exception):
    """docs/ breaks the course's rules; the message has one line per problem."""

    def __init__(self, message: str, warnings: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.warnings = warnings or []


@dataclass(frozen=True)
class Problem:
    """One mistake in one file: `docs/01-x/02-y.md: title: is required`."""

    path: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return one_line(f"{where}: {self.message}")


@dataclass(frozen=True)
class Provider:
    """Who offers the course: `extra.course.provider` in mkdocs.yml."""

    name: str
    url: str


@dataclass(frozen=True, eq=False)
class Page:
    """A page of the course: the home page, a module overview or a lesson."""

    kind: ClassVar[str] = "home"
    src_uri: str
    url: str
    meta: FrontMatter
    # The body's Markdown after the front matter, as the author wrote it.
    markdown: str = field(default="", kw_only=True, repr=False)
    # Last change: `updated`, else the last commit of the page or of a lesson it lists.
    updated: dt.date | None = field(default=None, kw_only=True)
    # `serve` only: the lines of its own mistakes that keep it from being built (its front
    # matter's, its includes'); hooks/preview.py shows them instead of its body.
    mistakes: tuple[str, ...] = field(default=(), kw_only=True)

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def card_path(self) -> str:
        """Where the page's social card is published: `assets/social/introduction/x.png`."""
        return f"{CARDS_FOLDER}/{self.url.strip('./') or 'index'}.png"

    def absolute_url(self, site_url: str | None) -> str:
        """The page's published address under `site_url`."""
        return urljoin(site_url or "", self.url.removeprefix("./"))

    def card_url(self, site_url: str | None) -> str:
        """The published address of the page's social card."""
        return urljoin(site_url or "", self.card_path)


@dataclass(frozen=True, eq=False)
class Lesson(Page):
    kind: ClassVar[str] = "lesson"
    number: int
    position: int  # 1-based, counted through the whole course
    reading_minutes: int
    # First published: the file's first commit, else its last change (`updated`); the
    # one date the head's tags, the JSON-LD and the feed give.
    published: dt.date | None = None
    # Set once by the Course that holds the lesson.
    module: Module = field(init=False, repr=False)
    next: Lesson | None = field(init=False, default=None, repr=False)


@dataclass(frozen=True, eq=False)
class Module(Page):
    kind: ClassVar[str] = "module"
    number: int
    lessons: tuple[Lesson, ...] = ()

    @property
    def reading_minutes(self) -> int:
        return sum(lesson.reading_minutes for lesson in self.lessons)


@dataclass(frozen=True, eq=False)
class Course:
    provider: Provider  # who offers the course, for structured data
    home: Page
    modules: tuple[Module, ...]
    lessons: tuple[Lesson, ...] = field(init=False)
    _pages: dict[str, Page] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # The links between lessons and modules are made here, once, before anyone reads them.
        lessons = tuple(lesson for module in self.modules for lesson in module.lessons)
        for module in self.modules:
            for lesson in module.lessons:
                object.__setattr__(lesson, "module", module)
        for lesson, following in itertools.pairwise(lessons):
            object.__setattr__(lesson, "next", following)
        pages: dict[str, Page] = {self.home.src_uri: self.home}
        pages.update((module.src_uri, module) for module in self.modules)
        pages.update((lesson.src_uri, lesson) for lesson in lessons)
        object.__setattr__(self, "lessons", lessons)
        object.__setattr__(self, "_pages", pages)

    @property
    def pages(self) -> tuple[Page, ...]:
        """Every page: the home page, then each module's overview, then every lesson."""
        return (self.home, *self.modules, *self.lessons)

    @property
    def reading_minutes(self) -> int:
        return sum(module.reading_minutes for module in self.modules)

    def page(self, src_uri: str) -> Page | None:
        """The course page built from `src_uri`, or None for a file that is not one."""
        return self._pages.get(src_uri)
