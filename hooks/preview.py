"""Fast previews: after an author saves a lesson, `python3 dev.py serve` rebuilds that page
only; a page's own mistake never takes the preview of the others down.

Events: on_startup: notes `serve` and `--dirty`, and silences MkDocs' warning about the
latter; on_files, last of every hook's (priority -100, after hooks/social.py has added the
cards; needs the course, read in on_files by hooks/lessons.py): renders every page when
anything besides one lesson's body changed; on_page_markdown (first) to on_page_content
(last): keeps what a rendered page said and which anchors it has and links to, and in
`serve` shows each broken quiz, exercise or diagram's mistake in its place (an error line
too), and a page's front matter mistakes instead of its body; on_env: stops a build on the
pages' own mistakes (course/page_mistakes.py), gives the pages not rendered again their
anchors, links and warnings from their last rendering; on_build_error: the next build
renders every page, and MkDocs says the error that stopped this one even if an earlier
rebuild stopped on it too; on_shutdown: MkDocs' warning is heard again. What it keeps lasts
from one build to the next, on purpose.

dev.py serves with MkDocs' `--dirty`: MkDocs then renders only the pages whose Markdown is
newer than their built page. On its own that leaves other pages stale when an edit reaches
them: a new title belongs in every page's navigation, a new reading time in the outline.
So at each dirty build this hook compares what other pages show of the course with the last
build, and empties the site folder when anything there changed, which makes MkDocs build
every page, as a clean build does. What the hook compares:

- each page's front matter (with Material's keys), URL, position, dates and reading time;
- the list of files, so an added, renamed or deleted file rebuilds everything;
- mkdocs.yml, the templates in overrides/ and the folders under `watch:` (code samples).

A page's own body edit changes none of these: only that page is rendered again. Only a
lesson qualifies; a module or home page edit, or several files saved at once, rebuild
everything, because Material's search index merges the pages of a dirty build by URL prefix
and a module's URL prefixes its lessons'.

The preview also says what a clean build would: each page rendered keeps its warnings (a
broken link, an SEO finding of its body) and its anchors and links to anchors. A page not
rendered again gets them back, so MkDocs checks every link to the edited page's anchors,
and every warning a clean build prints is printed again: renaming a heading that another
page links to warns at once, naming both files.

The other hooks make the rest of a partial build whole: every page's navigation entry, meta
and sitemap date come from the course model (hooks/lessons.py, hooks/crawl.py), and the SEO
check keeps the findings of the pages it did not audit again (hooks/seo_check.py).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from course import build_state, feature_order, page_mistakes, upstream_internals
from course.layout import display_path
from course.lesson_body import line_offset
from course.model import Course, Lesson
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import DuplicateFilter

# The logger MkDocs says the error that stops a build with (mkdocs.commands.build).
BUILD_LOGGER = "mkdocs.commands.build"
# What the last dirty build saw; None (at first, or after a failed build): rebuild everything.
_last_outline: str | None = None
_dirty = False
_serving = False


@dataclass
class Rendered:
    """What one rendering of a page left that other builds need: its warnings, its anchors
    and its links to other pages' anchors (by source path)."""

    warnings: list[tuple[str, int, str]] = field(default_factory=list)  # logger, level, text
    anchors: set[str] = field(default_factory=set)
    links_to_anchors: dict[str, dict[str, str]] = field(default_factory=dict)


class _PageWarnings(logging.Handler):
    """Keeps the warnings logged while one page renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.kept: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append((record.name, record.levelno, record.getMessage()))


# Each page's last rendering, by source path; kept across builds, on purpose.
_rendered: dict[str, Rendered] = {}
# The page rendering now, from its on_page_markdown to its on_page_content.
_rendering: tuple[str, _PageWarnings] | None = None


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _dirty, _serving
    _dirty = dirty
    _serving = command == "serve"
    page_mistakes.begin(serving=_serving)
    if dirty:
        upstream_internals.silence_dirty_build_warning()


@event_priority(feature_order.priority("preview", "on_files"))
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    if not _dirty:
        return None
    global _last_outline
    loaded = build_state.course()
    for gone in _rendered.keys() - {file.src_uri for file in files}:
        del _rendered[gone]
    outline = site_outline(loaded, files, config)
    if outline != _last_outline or not one_lesson_changed(loaded, files):
        upstream_internals.render_every_page(config.site_dir)
    _last_outline = outline
    return None


@event_priority(feature_order.priority("preview", "on_page_markdown"))
def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    global _rendering
    if _dirty:
        stop_keeping()
        handler = _PageWarnings()
        logging.getLogger("mkdocs").addHandler(handler)
        _rendering = (page.file.src_uri, handler)
    return with_its_mistakes_shown(markdown, page, config) if _serving else None


@event_priority(feature_order.priority("preview", "on_page_content"))
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if _rendering is None:
        return None
    src_uri, handler = _rendering
    stop_keeping()
    _rendered[src_uri] = Rendered(
        handler.kept,
        set(page.present_anchor_ids or ()),
        {file.src_uri: dict(links) for file, links in (page.links_to_anchors or {}).items()},
    )
    return None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    """Every page is converted: the build stops on the pages' own mistakes (`serve` has
    said them); pages not rendered again get their anchors, links and warnings back (dirty
    builds)."""
    page_mistakes.stop_if_any()
    if not _dirty:
        return None
    pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in pages:
        kept = _rendered.get(file.src_uri)
        if file.page is None or file.page.content is not None or kept is None:
            continue
        links = {
            target: anchors
            for src_uri, anchors in kept.links_to_anchors.items()
            if (target := files.get_file_from_path(src_uri)) is not None
        }
        upstream_internals.restore_anchors_and_links(file.page, kept.anchors, links)
        for logger, level, message in kept.warnings:
            logging.getLogger(logger).log(level, message)
    return None


def on_build_error(*, error: Exception) -> None:
    global _last_outline
    stop_keeping()
    page_mistakes.drop()
    _last_outline = None  # the site folder may be half-written: rebuild it all next time
    let_mkdocs_say_again(str(error))


def let_mkdocs_say_again(message: str) -> None:
    """MkDocs logs the error that stops a build once per process: `mkdocs serve`'s filter of
    repeated lines drops it at every later rebuild, which then names nothing. Each rebuild
    that stops says its lines, as a build would."""
    for log_filter in logging.getLogger(BUILD_LOGGER).filters:
        if isinstance(log_filter, DuplicateFilter):
            log_filter.msgs.discard(message)


def on_shutdown() -> None:
    upstream_internals.silence_dirty_build_warning(silenced=False)


def stop_keeping() -> None:
    global _rendering
    if _rendering is not None:
        logging.getLogger("mkdocs").removeHandler(_rendering[1])
        _rendering = None


def with_its_mistakes_shown(markdown: str, page: Page, config: MkDocsConfig) -> str | None:
    """`serve`: the page's Markdown with each broken quiz, exercise or diagram replaced by its
    mistake, which is also logged as an error, in the line the build stops with. A page whose
    front matter cannot be read shows its mistakes instead of its body (hooks/lessons.py has
    logged them)."""
    entry = build_state.course().page(page.file.src_uri)
    if entry is not None and entry.mistakes:
        return page_mistakes.shown_instead(entry.mistakes)
    offset = line_offset(page.file.content_string, markdown)
    mistakes = page_mistakes.block_mistakes(markdown, offset, lesson=isinstance(entry, Lesson))
    if not mistakes:
        return None
    path = display_path(page.file.src_uri, config)
    for mistake in mistakes:
        page_mistakes.report(mistake.line(path))
    return page_mistakes.shown_in_place(markdown, mistakes, path)


def site_outline(loaded: Course, files: Files, config: MkDocsConfig) -> str:
    """A digest of everything a page shows besides its own body."""
    digest = hashlib.sha256()
    for page in loaded.pages:
        lesson = page if isinstance(page, Lesson) else None
        shown = (page.src_uri, page.url, page.meta, page.updated)
        extra = (lesson.reading_minutes, lesson.published) if lesson else None
        digest.update(repr((shown, extra)).encode())
    for file in sorted(files, key=lambda file: file.src_uri):
        digest.update(f"{file.src_uri}\0{file.dest_uri}\0".encode())
    for path in watched_files(config):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()


def watched_files(config: MkDocsConfig) -> list[Path]:
    """mkdocs.yml, the theme's custom folder and the `watch:` folders, file by file."""
    folders = [Path(folder) for folder in config.watch]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    found = [Path(config.config_file_path)] if config.config_file_path else []
    for folder in folders:
        found += sorted(path for path in folder.rglob("*") if path.is_file())
    return found


def one_lesson_changed(loaded: Course, files: Files) -> bool:
    """Whether the pages MkDocs will render again are at most one lesson."""
    pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    changed = [file for file in pages if file.is_modified()]
    return len(changed) <= 1 and all(
        isinstance(loaded.page(file.src_uri), Lesson) for file in changed
    )
