"""Fast previews: after an author saves a lesson, `python3 dev.py serve` rebuilds that page
only; a page's own mistake never takes the preview of the others down.

Events: on_startup: notes `serve` and `--dirty`, silences MkDocs' warning about the
latter, and has `serve` keep what Material's search reads of each page; on_files, last of
every hook's (priority -100, after hooks/social.py has added the cards; needs the course,
read in on_files by hooks/lessons.py): renders every page when anything besides one
lesson's body changed; on_page_markdown (first) to on_page_content
(last): keeps what a rendered page said, which anchors it has and links to, and what
self-checks it holds; shows a page's front matter mistakes instead of its body,
and says the mistakes of its blocks once it is converted (course/page_mistakes.py); on_env:
stops a build on the pages' own mistakes, gives the pages not rendered again their anchors,
links, warnings and self-checks from their last rendering, or renders them all when the
edited lesson's quizzes changed (the outlines list every lesson's); on_build_error: the next
build renders every page, and MkDocs says the error that stopped this one even if an
earlier rebuild stopped on it too; on_shutdown: MkDocs' warning is heard again. What it
keeps lasts from one build to the next, on purpose (course/build_state.py's session).

dev.py serves with MkDocs' `--dirty`: MkDocs then renders only the pages whose Markdown is
newer than their built page. On its own that leaves other pages stale when an edit reaches
them: a new title belongs in every page's navigation, a new reading time in the outline.
So at each dirty build this hook compares what other pages show of the course with the last
build, and empties the site folder when anything there changed, which makes MkDocs build
every page, as a clean build does. What the hook compares:

- the course model, every field of every page but its body (course/model.py): its front
  matter (with Material's keys), URL, position, dates, reading time, and any field added;
- the list of files, so an added, renamed or deleted file rebuilds everything;
- mkdocs.yml, the templates in overrides/ and the folders under `watch:` (code samples).

A page's own body edit changes none of these: only that page is rendered again, unless its
quizzes changed (an edited question is a new quiz id, which the outlines of the home and
module pages list): then, once it is converted, every other page is rendered too. Only a
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

A build that renders every page because a title changed renders them fast: no page whose
Markdown is the same is converted again (the page cache, hooks/page_cache.py), and Material's
search does not read again the HTML of a page it read in this session (on_startup: its
parser keeps its readings, course/upstream_internals.py; a build that renders every page
forgets, once it ends, those of HTML no page has any more).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from course import build_state, feature_order, page_mistakes, upstream_internals
from course.model import Course, Lesson
from course.self_check_parse import PageSelfChecks, SelfCheckParse
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import DuplicateFilter

# The logger MkDocs says the error that stops a build with (mkdocs.commands.build).
BUILD_LOGGER = "mkdocs.commands.build"


@dataclass
class Rendered:
    """What one rendering of a page left that other builds need: its warnings, its anchors,
    its links to other pages' anchors (by source path) and its self-checks."""

    warnings: list[tuple[str, int, str]] = field(default_factory=list)  # logger, level, text
    anchors: set[str] | None = field(default_factory=set)  # None: shown as its mistakes
    links_to_anchors: dict[str, dict[str, str]] = field(default_factory=dict)
    self_checks: PageSelfChecks = field(default_factory=PageSelfChecks)


class _PageWarnings(logging.Handler):
    """Keeps the warnings logged while one page renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.kept: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append((record.name, record.levelno, record.getMessage()))


@dataclass
class Preview:
    """What `serve --dirty` keeps from one build to the next (a part of the session): what
    the last build saw of the course (None: render everything), and each page's last
    rendering, by source path."""

    last_outline: str | None = None
    rendered: dict[str, Rendered] = field(default_factory=dict)


@dataclass
class Rendering:
    """The build's: the page rendering now, from its on_page_markdown to its on_page_content,
    and whether a page's quizzes changed since its last rendering."""

    page: tuple[str, _PageWarnings] | None = None
    quizzes_changed: bool = False


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    if dirty:
        upstream_internals.silence_dirty_build_warning()
    if command == "serve":
        upstream_internals.keep_search_readings()


@event_priority(feature_order.priority("preview", "on_files"))
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    if not build_state.SESSION.dirty:
        forget_search_readings_at_end()
        return None
    rendering = build_state.part(Rendering)
    build_state.current().at_end(lambda: stop_keeping(rendering))
    kept = build_state.SESSION.part(Preview)
    loaded = build_state.course()
    for gone in kept.rendered.keys() - {file.src_uri for file in files}:
        del kept.rendered[gone]
    outline = site_outline(loaded, files, config)
    if outline != kept.last_outline or not one_lesson_changed(loaded, files):
        upstream_internals.render_every_page(config.site_dir)
        forget_search_readings_at_end()
    kept.last_outline = outline
    return None


def forget_search_readings_at_end() -> None:
    """This build renders every page: what search read of pages it does not read again is
    forgotten once it ends, so `serve` keeps no more than the site's pages."""
    readings = build_state.SESSION.part(upstream_internals.SearchReadings)
    build_state.current().at_end(readings.forget_unread)


@event_priority(feature_order.priority("preview", "on_page_markdown"))
def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    if build_state.SESSION.dirty:
        rendering = build_state.part(Rendering)
        stop_keeping(rendering)
        handler = _PageWarnings()
        logging.getLogger("mkdocs").addHandler(handler)
        rendering.page = (page.file.src_uri, handler)
    return with_its_mistakes_shown(page)


@event_priority(feature_order.priority("preview", "on_page_content"))
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    page_mistakes.page_done()  # while the page's lines are kept
    if unreadable_because(page):  # its body, which has the anchors, is not shown
        upstream_internals.anchors_unknown(page)
    if not build_state.SESSION.dirty:
        return None
    rendering = build_state.part(Rendering)
    if rendering.page is None:
        return None
    src_uri, handler = rendering.page
    stop_keeping(rendering)
    self_checks = build_state.part(SelfCheckParse).of(src_uri)
    kept = build_state.SESSION.part(Preview).rendered
    before = kept.get(src_uri)
    if before is not None and before.self_checks.scored != self_checks.scored:
        rendering.quizzes_changed = True
    kept[src_uri] = Rendered(
        handler.kept,
        set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        {file.src_uri: dict(links) for file, links in (page.links_to_anchors or {}).items()},
        self_checks,
    )
    return None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    """Every page is converted: the build stops on the pages' own mistakes (`serve` has
    said them). In a dirty build the pages not rendered again get their anchors, links,
    warnings and self-checks back; or, when a page's quizzes changed, they are rendered."""
    page_mistakes.stop_if_any()
    if not build_state.SESSION.dirty:
        return None
    pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    not_rendered = [
        file.page for file in pages if file.page is not None and file.page.content is None
    ]
    if build_state.part(Rendering).quizzes_changed and not_rendered:
        upstream_internals.render_every_page(config.site_dir)
        for page in not_rendered:
            upstream_internals.populate_page(page, config, files)
        return None
    kept = build_state.SESSION.part(Preview).rendered
    parse = build_state.part(SelfCheckParse)
    for page in not_rendered:
        last = kept.get(page.file.src_uri)
        if last is None:
            continue
        links = {
            target: anchors
            for src_uri, anchors in last.links_to_anchors.items()
            if (target := files.get_file_from_path(src_uri)) is not None
        }
        upstream_internals.restore_anchors_and_links(page, last.anchors, links)
        parse.pages[page.file.src_uri] = last.self_checks
        for logger, level, message in last.warnings:
            logging.getLogger(logger).log(level, message)
    return None


def on_build_error(*, error: Exception) -> None:
    # The site folder may be half-written: rebuild it all next time.
    build_state.SESSION.part(Preview).last_outline = None
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


def stop_keeping(rendering: Rendering) -> None:
    if rendering.page is not None:
        logging.getLogger("mkdocs").removeHandler(rendering.page[1])
        rendering.page = None


def with_its_mistakes_shown(page: Page) -> str | None:
    """A page whose front matter cannot be read shows its mistakes instead of its body
    (hooks/lessons.py has said them): `serve` shows the page; a build stops on them once
    every page is converted, without reading what the body includes."""
    mistakes = unreadable_because(page)
    return page_mistakes.shown_instead(mistakes) if mistakes else None


def unreadable_because(page: Page) -> tuple[str, ...]:
    """The lines of the page's own mistakes that keep its body from being read: its front
    matter's (and, in `serve`, its includes'); none for a page that can be read."""
    entry = build_state.course().page(page.file.src_uri)
    return entry.mistakes if entry is not None else ()


def site_outline(loaded: Course, files: Files, config: MkDocsConfig) -> str:
    """A digest of everything a page shows besides its own body: the course model, the
    files, and what the pages are written with."""
    digest = hashlib.sha256(model_digest(loaded).encode())
    for file in sorted(files, key=lambda file: file.src_uri):
        digest.update(f"{file.src_uri}\0{file.dest_uri}\0".encode())
    for path in watched_files(config):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()


def model_digest(loaded: Course) -> str:
    """A digest of the course model's every field but the pages' bodies, as its dataclasses
    write them: `repr` leaves out only the fields declared `repr=False`, the body and the
    links back from a lesson to its module and the next lesson."""
    return hashlib.sha256(repr(loaded).encode()).hexdigest()


def watched_files(config: MkDocsConfig) -> list[Path]:
    """mkdocs.yml, the theme's custom folder and the `watch:` folders, file by file."""
    folders = [Path(folder) for folder in config.watch]
    if config.theme.custom_dir and Path(config.theme.custom_dir) not in folders:
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
