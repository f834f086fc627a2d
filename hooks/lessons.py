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


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    # Every page's meta comes from the model, read or not: `serve --dirty` reads only the
    # page that changed, and the navigation shows the others' titles, icons and status.
    for page in nav.pages:
        set_meta_from_model(page)
    return None


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    set_meta_from_model(page)  # MkDocs has just set it again from the file
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


def navigation(loaded: course.Course) -> list[dict[str, Any]]:
    """MkDocs `nav:` for the course: home, then each module's overview and lessons in order.

    Titles come from the model, escaped: Material prints page and section titles unescaped.
    """
    return [
        titled(loaded.home),
        *(
            {escape(module.title): [titled(module), *map(titled, module.lessons)]}
            for module in loaded.modules
        ),
    ]


def titled(page: course.Page) -> dict[str, str]:
    return {escape(page.title): page.src_uri}


def set_meta_from_model(page: Page) -> None:
    """`page.meta` as Material reads it, from the model: its own keys, and title,
    description and subtitle as escaped Markup.

    Material prints `page.meta.title`, `page.title`, `page.meta.description` and
    `page.meta.subtitle` without escaping in several partials (head, header, navigation,
    footer) and in the search index; Markup is printed as it is by those and left alone by
    `| e`, so a title like `Dict<str, T>` shows as text everywhere.
    """
    entry = course.current().page(page.file.src_uri)
    if entry is None:
        return
    page.meta = {
        **entry.meta.material,
        "title": escape(entry.meta.title),
        "description": escape(entry.meta.description),
    }
    if entry.meta.subtitle is not None:
        page.meta["subtitle"] = escape(entry.meta.subtitle)
