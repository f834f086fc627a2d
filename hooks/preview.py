"""Fast previews: after an author saves a lesson, `python3 dev.py serve` rebuilds that page only.

Events: on_startup: notes `--dirty` and silences MkDocs' warning about it; on_files, last
of every hook's (priority -100, after hooks/social.py has added the cards; needs the course,
read in on_files by hooks/lessons.py): renders every page when anything besides one
lesson's body changed; on_build_error: the next build renders every page. What it compares
is kept from one build to the next, on purpose.

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

The other hooks make the rest of a partial build whole: every page's navigation entry, meta
and sitemap date come from the course model (hooks/lessons.py, hooks/crawl.py), and the SEO
check keeps the findings of the pages it did not audit again (hooks/seo_check.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from course import this_build, upstream
from course.model import Course, Lesson
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

# What the last dirty build saw; None (at first, or after a failed build): rebuild everything.
_last_outline: str | None = None
_dirty = False


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _dirty
    _dirty = dirty
    if dirty:
        upstream.silence_dirty_build_warning()


@event_priority(-100)  # after every hook has added its files (social cards)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    if not _dirty:
        return None
    global _last_outline
    loaded = this_build.current()
    outline = site_outline(loaded, files, config)
    if outline != _last_outline or not one_lesson_changed(loaded, files):
        upstream.render_every_page(config.site_dir)
    _last_outline = outline
    return None


def on_build_error(*, error: Exception) -> None:
    global _last_outline
    _last_outline = None  # the site folder may be half-written: rebuild it all next time


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
