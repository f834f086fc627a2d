"""Course structure: validates every course file, gives pages prefix-free URLs, builds the nav.

The model itself lives in hooks/course.py; this hook reads it once per build (`on_files`) and
hands MkDocs the navigation it implies, so adding a lesson means adding one file.
"""

from __future__ import annotations

from typing import Any, Literal

import course
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# Warnings read "course: docs/…: field: problem".
log = get_plugin_logger("course")

# `mkdocs serve` previews drafts; `mkdocs build` leaves them out. Set once per process.
_serving_drafts = False


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _serving_drafts
    _serving_drafts = command == "serve"


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    try:
        loaded, warnings = course.load(files, config, include_drafts=_serving_drafts)
    except course.CourseError as error:
        log_warnings(error.warnings)
        raise PluginError(str(error)) from None
    log_warnings(warnings)
    config.nav = navigation(loaded)
    return files


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    escape_titles_at_source(page)
    return None


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    loaded = course.current()
    context["course"] = loaded
    context["course_page"] = loaded.page(page.file.src_uri)
    return context


def log_warnings(warnings: list[course.Problem]) -> None:
    for warning in warnings:
        log.warning(str(warning))


def navigation(loaded: course.Course) -> list[str | dict[str, list[str]]]:
    """MkDocs `nav:` for the course: home, then each module's overview and lessons in order."""
    return [
        loaded.home.src_uri,
        *(
            # Section titles reach Material's templates unescaped, like page titles.
            {escape(module.title): [module.src_uri, *(lesson.src_uri for lesson in module.lessons)]}
            for module in loaded.modules
        ),
    ]


def escape_titles_at_source(page: Page) -> None:
    """Store title, description and subtitle as escaped Markup in `page.meta`.

    Material prints `page.meta.title`, `page.title`, `page.meta.description` and
    `page.meta.subtitle` without escaping in several partials (head, header, navigation,
    footer) and in the search index;
    Markup is printed as it is by those and left alone by `| e`, so a title like
    `Dict<str, T>` shows as text everywhere.
    """
    entry = course.current().page(page.file.src_uri)
    if entry is None:
        return
    page.meta["title"] = escape(entry.meta.title)
    page.meta["description"] = escape(entry.meta.description)
    if entry.meta.subtitle is not None:
        page.meta["subtitle"] = escape(entry.meta.subtitle)
