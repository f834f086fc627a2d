"""The course of each build: read from docs/, its URLs, its navigation, its lifetime.

Events: on_startup: the session (build or serve, course/build_state.py); on_config, first of
every hook's: this build's state begins; on_files, first of every hook's: reads the course
through course.loader, stopping with one line per mistake (in `serve`, a page's front matter
mistakes are that page's: said as errors, shown on it by hooks/preview.py), and keeps it on
the build's state (and on the session, what each body alone decides: `serve`'s next build
works it out again only for a body that changed); on_nav and on_page_markdown: each page's
meta from the model; on_page_context: `course` and `course_page` for the templates, and
on_template_context: `course` for the others (404.html); on_post_build (last),
on_build_error and on_shutdown: this build's state ends. Hook order:
course/feature_order.py. Needs nothing before it.
"""

from __future__ import annotations

from typing import Any, Literal

from course import build_state, feature_order, loader, page_mistakes
from course.layout import KeptReadings
from course.model import Course, CourseError, Page, Problem
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

# Warnings read "course: docs/…: field: problem".
log = get_plugin_logger("course")


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    build_state.SESSION.start(command, dirty=dirty)


@event_priority(feature_order.priority("lessons", "on_config"))
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    build_state.SESSION.begin(config)
    return None


@event_priority(feature_order.priority("lessons", "on_files"))
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    # `mkdocs serve` previews drafts; `mkdocs build` leaves them out.
    drafts = build_state.SESSION.serving
    try:
        # A page's front-matter mistakes are its own: the build goes on to find the other
        # pages' (their quizzes', say) and stops on all of them at once (course/page_mistakes.py).
        course, warnings = loader.load(
            files,
            config,
            include_drafts=drafts,
            keep_pages_with_mistakes=True,
            kept=build_state.SESSION.part(KeptReadings),
        )
    except CourseError as error:
        log_warnings(error.warnings)
        raise PluginError(str(error)) from None
    log_warnings(warnings)
    for page in course.pages:  # `serve` also shows them on the page (hooks/preview.py)
        for line in page.mistakes:
            page_mistakes.report(line)
    build_state.current().course = course
    config.nav = navigation(course)
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    # Every page's meta comes from the model, read or not: `serve --dirty` reads only the
    # page that changed, and the navigation shows the others' titles, icons and status.
    for page in nav.pages:
        set_meta_from_model(page)
    return None


def on_page_markdown(
    markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
) -> str | None:
    set_meta_from_model(page)  # MkDocs has just set it again from the file
    return None


def on_page_context(
    context: dict[str, Any], *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    course = build_state.course()
    context["course"] = course
    context["course_page"] = course.page(page.file.src_uri)
    return context


def on_template_context(
    context: dict[str, Any], *, template_name: str, config: MkDocsConfig
) -> dict[str, Any] | None:
    # The pages that are no course page (404.html) show the course too.
    context["course"] = build_state.course()
    return context


@event_priority(feature_order.priority("lessons", "on_post_build"))
def on_post_build(*, config: MkDocsConfig) -> None:
    build_state.SESSION.end()


def on_build_error(*, error: Exception) -> None:
    build_state.SESSION.end()


def on_shutdown() -> None:
    build_state.SESSION.end()


def log_warnings(warnings: list[Problem]) -> None:
    for warning in warnings:
        log.warning(str(warning))


def navigation(course: Course) -> list[dict[str, Any]]:
    """MkDocs `nav:` for the course: home, then each module's overview and lessons in order.

    Titles come from the model, escaped: Material prints page and section titles unescaped.
    """
    return [
        titled(course.home),
        *(
            {escape(module.title): [titled(module), *map(titled, module.lessons)]}
            for module in course.modules
        ),
    ]


def titled(page: Page) -> dict[str, str]:
    return {escape(page.title): page.src_uri}


def set_meta_from_model(page: MkDocsPage) -> None:
    """`page.meta` as Material reads it, from the model: its own keys, and title,
    description and subtitle as escaped Markup.

    Material prints `page.meta.title`, `page.title`, `page.meta.description` and
    `page.meta.subtitle` without escaping in several partials (head, header, navigation,
    footer) and in the search index; Markup is printed as it is by those and left alone by
    `| e`, so a title like `Dict<str, T>` shows as text everywhere.
    """
    entry = build_state.course().page(page.file.src_uri)
    if entry is None:
        return
    page.meta = {
        **entry.meta.material,
        "title": escape(entry.meta.title),
        "description": escape(entry.meta.description),
    }
    if entry.meta.subtitle is not None:
        page.meta["subtitle"] = escape(entry.meta.subtitle)
