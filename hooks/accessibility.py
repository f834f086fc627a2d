"""Accessible tables: every captioned table is named by its caption, and a code block's
layout table is not read as a data table.

Events: on_config: the table-caption tree processor, the code-table post-processor. Needs
nothing before it.

pymdownx.blocks.caption puts a table in a <figure> with a <figcaption>, which names the
figure but not the table; a Markdown tree processor links the two (`aria-labelledby`).
pymdownx.highlight lays out a code block with line numbers as a table whose first row is
the file's name, which screen readers announce as a data table with a fake caption (axe:
table-fake-caption); a post-processor marks it presentational, in every page and the print
page alike, JavaScript or not.
Diagrams' accessible names and descriptions are checked with the rest of the course, in
course/mermaid_source.py.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
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


class CodeTables(Postprocessor):
    """Code blocks with line numbers are tables for layout only."""

    CODE_TABLE = '<table class="highlighttable">'

    def run(self, text: str) -> str:
        return text.replace(self.CODE_TABLE, '<table class="highlighttable" role="presentation">')


class AccessibleTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TableCaptions(md), "course-table-captions", 0)
        # After the raw HTML post-processor (30), which puts the highlighted code back.
        md.postprocessors.register(CodeTables(md), "course-code-tables", 5)


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    config.markdown_extensions.append(AccessibleTablesExtension())
    return config
