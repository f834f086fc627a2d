"""The whole course as one page, print.html, from which the course PDF is printed
(`python3 dev.py pdf`, scripts/course_pdf.py), which links from the home page once made.

Events: on_config: print.html joins the theme's static templates when asked for;
on_page_content: keeps each course page's HTML for the print page (on the session, kept
across builds on purpose: `serve --dirty` renders only the page that changed); on_files: the
PDF into the site when `dev.py pdf` builds with it, and, in the build print.html is made in,
print-sources.json beside it (the file each part comes from, for `dev.py pdf`'s warnings);
on_template_context: print.html's parts (course/print_assembly.py); on_page_context: the
home page's link to the PDF. All but on_config need the course, read in on_files by
hooks/lessons.py.

Only the build that `dev.py pdf` prints from makes print.html (COURSE_PRINT_PAGE): no
reader opens it, and it holds the whole course, a second site's worth of writing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course import build_state, reader_words
from course.model import Course
from course.print_assembly import (
    PDF,
    PDF_VARIABLE,
    PRINT_PAGE,
    PRINT_VARIABLE,
    SOURCES,
    PrintPart,
    print_parts,
    sources,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


@dataclass
class RenderedContents:
    """Each course page's last rendered HTML, by source path: a session part, as `serve
    --dirty` renders only the page that changed and the print page needs them all."""

    by_source: dict[str, str] = field(default_factory=dict)


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    if os.environ.get(PRINT_VARIABLE):
        config.theme.static_templates.add(PRINT_PAGE)
    else:
        config.theme.static_templates.discard(PRINT_PAGE)
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if os.environ.get(PRINT_VARIABLE) and build_state.course().page(page.file.src_uri):
        build_state.SESSION.part(RenderedContents).by_source[page.file.src_uri] = html
    return None


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    pdf = course_pdf()
    if pdf is not None:
        files.append(File.generated(config, PDF, abs_src_path=str(pdf)))
    if os.environ.get(PRINT_VARIABLE):
        content = sources(build_state.course(), config)
        files.append(File.generated(config, SOURCES, content=content))
    return None


def on_template_context(
    context: dict[str, Any], *, template_name: str, config: MkDocsConfig
) -> dict[str, Any] | None:
    if template_name != PRINT_PAGE:
        return None
    context["print_parts"] = print_page_parts(build_state.course())
    return context


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    pdf = course_pdf()
    if pdf is None or build_state.course().home.src_uri != page.file.src_uri:
        return None
    context["course_pdf"] = {
        "url": PDF,
        "size": reader_words.for_config(config).size(pdf.stat().st_size),
    }
    return context


def course_pdf() -> Path | None:
    """The PDF `dev.py pdf` printed for this build, if it asked for one."""
    path = os.environ.get(PDF_VARIABLE)
    return Path(path) if path and Path(path).is_file() else None


def print_page_parts(course: Course) -> dict[str, PrintPart]:
    """Every course page's part of the print page, by source path; the pages no longer in
    the course are forgotten."""
    contents = build_state.SESSION.part(RenderedContents).by_source
    for gone in contents.keys() - {page.src_uri for page in course.pages}:
        del contents[gone]
    return print_parts(course, contents)
