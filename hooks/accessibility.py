"""Accessible content: every captioned table is named by its caption, and every diagram has
an accessible name and description.

Events: on_config: the table-caption tree processor; on_page_markdown: a warning per
diagram without a description. Needs nothing before it.

- pymdownx.blocks.caption puts a table in a <figure> with a <figcaption>, which names the
  figure but not the table; a Markdown tree processor links the two (`aria-labelledby`).
- Mermaid turns `accTitle:` and `accDescr:` into the SVG's <title> and <desc>; a diagram
  without them is a warning naming the file, so `--strict` builds refuse it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from course.layout import display_path
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("accessibility")

MERMAID_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*mermaid\b.*?\n"
    r"(?P<source>.*?)^(?P=indent)(?P=fence)",
    re.MULTILINE | re.DOTALL,
)
DESCRIPTIONS = ("accTitle", "accDescr")


class TableCaptions(Treeprocessor):
    """Name each table in a captioned figure after the figure's caption."""

    def run(self, root: ET.Element) -> None:
        for number, figure in enumerate(root.iter("figure"), start=1):
            table, caption = figure.find("table"), figure.find("figcaption")
            if table is None or caption is None:
                continue
            caption_id = caption.get("id") or f"{figure.get('id') or f'figure-{number}'}-caption"
            caption.set("id", caption_id)
            table.set("aria-labelledby", caption_id)


class TableCaptionsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TableCaptions(md), "course-table-captions", 0)


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    config.markdown_extensions.append(TableCaptionsExtension())
    return config


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    for number, missing in undescribed_diagrams(markdown):
        log.warning(
            f"{display_path(page.file.src_uri, config)}: diagram {number}: no "
            f"{' and no '.join(missing)}; add `accTitle: …` and `accDescr: …` lines so "
            "screen readers can announce it"
        )
    return None


def undescribed_diagrams(markdown: str) -> list[tuple[int, list[str]]]:
    """(1-based number, missing keywords) of each Mermaid diagram lacking a description."""
    found = []
    for number, fence in enumerate(MERMAID_FENCE.finditer(markdown), start=1):
        keywords = {line.strip().split(":", 1)[0] for line in fence["source"].splitlines()}
        missing = [keyword for keyword in DESCRIPTIONS if keyword not in keywords]
        if missing:
            found.append((number, missing))
    return found
