"""The whole course as one page, for print and the course PDF (overrides/print.html).

Each course page's rendered HTML is set into the print page: its ids and links to its own
anchors get the page's prefix, so that two lessons' "summary" sections stay apart; a link
to another course page becomes a link inside the print page; images and other files are
addressed from the print page's folder; and its headings go down two levels, under the
module's and the lesson's own, so that the PDF's bookmarks follow the course.
"""

from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from course.layout import display_path
from course.model import Course, Lesson, Module, Page

PRINT_PAGE = "print.html"
# Beside the print page: the file each part of it comes from, by the part's id, for
# scripts/course_pdf.py to name the file of whatever does not print well.
SOURCES = "print-sources.json"
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
    return "course"


def sources(course: Course, config: MkDocsConfig) -> str:
    """The SOURCES file: `{"lesson-3": "docs/01-basics/03-code-samples.md", ...}`."""
    return json.dumps(
        {anchor_of(page): display_path(page.src_uri, config) for page in course.pages}
    )


def rebased(html: str, page: Page, course: Course) -> Markup:
    """`html`, the rendered content of `page`, as a part of the print page."""
    prefix = anchor_of(page)
    urls = {entry.url: entry for entry in course.pages}

    def address(match: re.Match[str]) -> str:
        return f'{match["name"]}="{print_address(match["value"], page, urls, prefix)}"'

    html = ID.sub(lambda match: f'id="{prefix}-{match["value"]}"', html)
    html = ADDRESS.sub(address, html)
    html = HEADING.sub(
        lambda match: f"<{match['end']}h{min(6, int(match['level']) + LEVELS_DOWN)}", html
    )
    return Markup(html)  # the page's own rendered HTML


def print_address(value: str, page: Page, urls: dict[str, Page], prefix: str) -> str:
    """Where `value`, an address in `page`, leads from the print page."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("/"):
        return value
    if not parts.path:  # an anchor of the page itself
        return f"#{prefix}-{parts.fragment}" if parts.fragment else f"#{prefix}"
    target = posixpath.normpath(posixpath.join(page.url.removeprefix("./"), parts.path))
    linked = urls.get("./" if target == "." else f"{target}/")
    if linked is not None:
        anchor = anchor_of(linked)
        return f"#{anchor}-{parts.fragment}" if parts.fragment else f"#{anchor}"
    # A file of the site: addressed from the print page, at the site's root.
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{target}{query}{fragment}"
