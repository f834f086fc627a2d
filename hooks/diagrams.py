"""Diagrams in every medium: search finds a diagram by its accessible name and description,
never by its Mermaid source; a reader without JavaScript reads them instead of the source.

Events: on_config: mermaid2's fence (the superfences fence named `mermaid`) is wrapped, so
that each diagram is written through overrides/partials/course/diagram.html; on_pre_build:
that template is loaded from the theme, for this build only (pages are converted before
MkDocs makes its own template environment, on_env); on_page_markdown: a diagram whose first
line names no type, which Mermaid would not draw, is a mistake of its page
(course/page_mistakes.py): one line naming the file and the line, which stops a build and
which `serve` shows where the diagram would be (needs the course, read in on_files by
hooks/lessons.py).

assets/javascripts/diagrams.js draws the diagrams, for the screen and for print.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from course import build_state, mermaid_source, page_mistakes
from course.layout import display_path
from course.lesson_body import line_offset
from course.page_mistakes import BlockMistake
from jinja2 import Template
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

SUPERFENCES = "pymdownx.superfences"
TEMPLATE = "partials/course/diagram.html"


@dataclass
class DiagramTemplate:
    """The diagram template of the build in progress."""

    template: Template | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    for fence in config.mdx_configs.get(SUPERFENCES, {}).get("custom_fences", []):
        if fence.get("name") == "mermaid" and not getattr(fence["format"], "course", False):
            fence["format"] = wrapped(fence["format"])
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    template = config.theme.get_env().get_template(TEMPLATE)
    build_state.part(DiagramTemplate).template = template


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    if "mermaid" not in markdown:
        return None
    entry = build_state.course().page(page.file.src_uri)
    if entry is not None and entry.mistakes:  # its body is not shown (hooks/preview.py)
        return None
    mistakes = untyped_diagrams(markdown, lambda: line_offset(page.file.content_string, markdown))
    if not mistakes:
        return None
    path = display_path(page.file.src_uri, config)
    for mistake, line in mistakes:
        page_mistakes.report_in_page(line, mistake.line(path))
    if not page_mistakes.serving():
        return None
    return page_mistakes.shown_in_place(markdown, [mistake for mistake, _ in mistakes], path)


def untyped_diagrams(markdown: str, offset: Callable[[], int]) -> list[tuple[BlockMistake, int]]:
    """The mistake of each diagram of `markdown` that names no type first, with its lines in
    the body, and its line in the file (`offset`: the lines before the body, read only for a
    page that has such a diagram)."""
    found = []
    last_line = markdown.count("\n") + 1
    for diagram in mermaid_source.diagrams(markdown):
        if mermaid_source.untyped(diagram, 0) is None:
            continue
        before = offset()
        untyped = mermaid_source.untyped(diagram, before)
        assert untyped is not None
        closing = min(diagram.line + len(diagram.lines) + 1, last_line)
        found.append((BlockMistake(diagram.line, closing, *untyped), diagram.line + before))
    return found


@functools.cache  # one wrapper for mermaid2's function, whichever build asks
def wrapped(mermaid2_format: Callable[..., str]) -> Callable[..., str]:
    """mermaid2's fence format, its div written into the course's diagram template."""

    @functools.wraps(mermaid2_format)
    def format_diagram(source: str, *args: Any, **kwargs: Any) -> str:
        # mermaid2 writes the source into its div as it is: an `<img>` or a `<br>` in a label
        # would be an element of the page (fetched, audited, lost from the text). Escaped, it
        # is text: what Mermaid reads back (it decodes the div's HTML) and the div's text.
        html = mermaid2_format(escape(source, quote=False), *args, **kwargs)
        build = build_state.active()
        template = build.part(DiagramTemplate).template if build is not None else None
        if template is None:  # Markdown converted outside a build
            return html
        title, description = mermaid_source.accessible_text(source)
        return template.render(mermaid=Markup(html), title=title, description=description)

    format_diagram.course = True  # type: ignore[attr-defined]
    return format_diagram
