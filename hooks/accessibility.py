"""Accessible tables: every captioned table is named by its caption.

Events: on_config: the table-caption tree processor. Needs nothing before it.

pymdownx.blocks.caption puts a table in a <figure> with a <figcaption>, which names the
figure but not the table; a Markdown tree processor links the two (`aria-labelledby`).
Diagrams' accessible names and descriptions are checked with the rest of the course, in
course/diagrams.py.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig


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
