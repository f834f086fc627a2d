"""The whole course as one page, print.html: for "print the course" and the course PDF
(`python3 dev.py pdf`, scripts/course_pdf.py), which links from the home page once made.

Events: on_config: print.html joins the theme's static templates, and the course PDF, when
`dev.py pdf` builds with COURSE_PDF, its files; on_page_content: keeps each course page's
HTML (kept across builds, on purpose: `serve --dirty` renders only the page that changed);
on_files: the PDF into the site; on_template_context: print.html's pages
(course/print_page.py); on_page_context: the home page's link to the PDF. All but on_config
need the course, read in on_files by hooks/lessons.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from course import this_build, words
from course.model import Course
from course.print_page import PRINT_PAGE, rebased
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

PDF = "course.pdf"
# Set by scripts/course_pdf.py for the build that publishes the PDF it printed.
PDF_VARIABLE = "COURSE_PDF"

# Each course page's last rendered HTML, by source path.
_contents: dict[str, str] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    config.theme.static_templates.add(PRINT_PAGE)
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    if this_build.current().page(page.file.src_uri) is not None:
        _contents[page.file.src_uri] = html


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    pdf = course_pdf()
    if pdf is not None:
        files.append(File.generated(config, PDF, abs_src_path=str(pdf)))
    return None


def on_template_context(
    context: dict[str, Any], *, template_name: str, config: MkDocsConfig
) -> dict[str, Any] | None:
    if template_name != PRINT_PAGE:
        return None
    course = this_build.current()
    context["print_pages"] = print_pages(course)
    return context


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    pdf = course_pdf()
    if pdf is None or this_build.current().home.src_uri != page.file.src_uri:
        return None
    context["course_pdf"] = {"url": PDF, "size": words.for_config(config).size(pdf.stat().st_size)}
    return context


def course_pdf() -> Path | None:
    """The PDF `dev.py pdf` printed for this build, if it asked for one."""
    path = os.environ.get(PDF_VARIABLE)
    return Path(path) if path and Path(path).is_file() else None


def print_pages(course: Course) -> dict[str, object]:
    """Every course page's content as part of the print page, by source path."""
    for gone in _contents.keys() - {page.src_uri for page in course.pages}:
        del _contents[gone]
    return {
        page.src_uri: rebased(_contents.get(page.src_uri, ""), page, course)
        for page in course.pages
    }
