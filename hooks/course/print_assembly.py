"""The whole course as one page, for print and the course PDF (overrides/print.html), and
the names hooks/print_page.py and scripts/course_pdf.py share.

Each course page's rendered HTML is set into the print page: its ids and links to its own
anchors get the page's prefix, so that two lessons' "summary" sections stay apart; a link
to another course page becomes a link inside the print page; images and other files are
addressed from the print page's folder; and its headings go down two levels, under the
module's and the lesson's own, so that the PDF's bookmarks follow the course. Each part's
id (`anchor_of`) is also the one overrides/print.html gives it and its line in the contents.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from course.layout import display_path
from course.model import Course, Lesson, Module, Page

PRINT_PAGE = "print.html"
# Beside the print page: the file each part of it comes from, by the part's id, for
# scripts/course_pdf.py to name the file of whatever does not print well.
SOURCES = "print-sources.json"
# The PDF in the site, linked from the home page.
PDF = "course.pdf"
# Set by scripts/course_pdf.py for the build it prints print.html from.
PRINT_VARIABLE = "COURSE_PRINT_PAGE"
# Set by scripts/course_pdf.py for the build that publishes the PDF it printed.
PDF_VARIABLE = "COURSE_PDF"
# The id of the home page's part of the print page: its cover.
COVER = "course"
# MkDocs and Python-Markdown write attributes in double quotes.
ID = re.compile(r'\bid="(?P<value>[^"]*)"')
ADDRESS = re.compile(r'\b(?P<name>href|src)="(?P<value>[^"]*)"')
HEADING = re.compile(r"<(?P<end>/?)h(?P<level>[1-6])\b")
LEVELS_DOWN = 2


def anchor_of(page: Page) -> str:
    """The id of a course page's part of the print page."""
    if isinstance(page, Lesson):
        return f"lesson-{page.position}"
    if isinstance(page, Module):
        return f"module-{page.number}"
    return COVER


def sources(course: Course, config: MkDocsConfig) -> str:
    """The SOURCES file: `{"lesson-3": "docs/01-basics/03-code-samples.md", ...}`."""
    return json.dumps(
        {anchor_of(page): display_path(page.src_uri, config) for page in course.pages}
    )


@dataclass(frozen=True)
class PrintPart:
    """A course page in the print page: the id of its part, and its content there."""

    anchor: str
    content: Markup


def print_parts(course: Course, contents: Mapping[str, str]) -> dict[str, PrintPart]:
    """Every course page's part of the print page, by source path, from its rendered content
    (`contents`, by source path; a page not rendered has none)."""
    # Made once for the whole print page: made for each page, it grew with the square of
    # the course.
    by_url = {page.url: page for page in course.pages}
    return {
        page.src_uri: PrintPart(
            anchor_of(page), rebased(contents.get(page.src_uri, ""), page, by_url)
        )
        for page in course.pages
    }


def rebased(html: str, page: Page, by_url: Mapping[str, Page]) -> Markup:
    """`html`, the rendered content of `page`, as a part of the print page; `by_url`: every
    course page, by its address."""
    prefix = anchor_of(page)

    def address(match: re.Match[str]) -> str:
        return f'{match["name"]}="{print_address(match["value"], page, by_url, prefix)}"'

    html = ID.sub(lambda match: f'id="{prefix}-{match["value"]}"', html)
    html = ADDRESS.sub(address, html)
    html = HEADING.sub(
        lambda match: f"<{match['end']}h{min(6, int(match['level']) + LEVELS_DOWN)}", html
    )
    return Markup(html)  # the page's own rendered HTML


def print_address(value: str, page: Page, by_url: Mapping[str, Page], prefix: str) -> str:
    """Where `value`, an address in `page`, leads from the print page."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("/"):
        return value
    if not parts.path:  # an anchor of the page itself
        return f"#{prefix}-{parts.fragment}" if parts.fragment else f"#{prefix}"
    target = posixpath.normpath(posixpath.join(page.url.removeprefix("./"), parts.path))
    linked = by_url.get("./" if target == "." else f"{target}/")
    if linked is not None:
        anchor = anchor_of(linked)
        return f"#{anchor}-{parts.fragment}" if parts.fragment else f"#{anchor}"
    # A file of the site: addressed from the print page, at the site's root.
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{target}{query}{fragment}"
