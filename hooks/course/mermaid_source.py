"""Mermaid diagrams in a page's Markdown, checked before anything renders.

- Each diagram's first line must name its type (`graph TD`, `sequenceDiagram`...), after
  `%%` comments and an optional `---` front-matter block; Mermaid draws nothing otherwise
  ("No diagram type detected"). `accTitle:` and `accDescr:` go after that line.
- Each diagram has an accessible name and description, which Mermaid turns into the SVG's
  <title> and <desc>: `accTitle: …` and `accDescr: …` lines, or a description over several
  lines as `accDescr { … }`, read as Mermaid's grammars read them.

Whether Mermaid can parse the rest is checked by the test suite, with Mermaid itself, in
Chromium (tests/course/test_real_course_in_chromium.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from course import code_fences
from course.rules import MERMAID_TYPE_EXAMPLE, MERMAID_TYPES, MERMAID_TYPES_ANY_CASE

# Mermaid's accessibility statements, as its grammars' lexers read them: `accTitle:` and
# `accDescr:` take the rest of their line, `accDescr {` everything up to the next `}`.
TITLE = "accTitle"
DESCRIPTION = "accDescr"
ACC_TITLE = re.compile(rf"^[ \t]*{TITLE}[ \t]*:(?P<text>[^\n]*)", re.MULTILINE)
ACC_DESCR = re.compile(
    rf"^[ \t]*{DESCRIPTION}(?:[ \t]*:(?P<line>[^\n]*)|\s*\{{(?P<block>[^}}]*)\}})", re.MULTILINE
)

EMPTY = "diagram {number} is empty"
UNTYPED = (
    f"diagram {{number}} starts with {{line!r}}, not with its type ({MERMAID_TYPE_EXAMPLE}): "
    "Mermaid would draw nothing; put the type first, and accTitle: and accDescr: on the lines "
    "after it"
)
UNDESCRIBED = (
    "no {missing}; add `accTitle: …` and `accDescr: …` lines so screen readers can announce it"
)


@dataclass(frozen=True)
class Diagram:
    number: int  # 1-based, in the page
    line: int  # of the opening fence, 1-based in the body
    lines: list[str]  # between the fences

    def type_line(self) -> tuple[int, str] | None:
        """The first line that is neither a comment nor front matter, and its index."""
        index = _after_comments(self.lines, 0)
        if index < len(self.lines) and self.lines[index].strip() == "---":
            ends = [i for i in range(index + 1, len(self.lines)) if self.lines[i].strip() == "---"]
            index = _after_comments(self.lines, ends[0] + 1) if ends else len(self.lines)
        return (index, self.lines[index]) if index < len(self.lines) else None

    def accessible_text(self) -> tuple[str, str]:
        """Its accessible name and description, white space collapsed; empty when missing.

        Read after the type line, as Mermaid does (front matter and comments come before);
        the last statement of each kind wins, as in Mermaid.
        """
        found = self.type_line()
        if found is None:
            return "", ""
        statements = "\n".join(self.lines[found[0] + 1 :])
        titles = [match["text"] for match in ACC_TITLE.finditer(statements)]
        descriptions = [
            match["line"] if match["line"] is not None else match["block"]
            for match in ACC_DESCR.finditer(statements)
        ]
        return _last(titles), _last(descriptions)


def _last(texts: list[str]) -> str:
    return " ".join(texts[-1].split()) if texts else ""


def _after_comments(lines: list[str], index: int) -> int:
    """The index of the first line from `index` on that is not blank nor a `%%` comment."""
    while index < len(lines) and (not lines[index].strip() or lines[index].lstrip()[:2] == "%%"):
        index += 1
    return index


def diagrams(markdown: str) -> Iterator[Diagram]:
    """Every ```mermaid fence of `markdown`, in order (not those shown inside other code)."""
    lines = markdown.split("\n")
    mermaid = (fence for fence in code_fences.fences(lines) if fence.info == "mermaid")
    for number, fence in enumerate(mermaid, start=1):
        yield Diagram(number, fence.first + 1, lines[fence.first + 1 : fence.last])


def names_a_type(line: str) -> bool:
    text = line.lstrip()
    return text.startswith(MERMAID_TYPES) or text.lower().startswith(MERMAID_TYPES_ANY_CASE)


def untyped(diagram: Diagram, line_offset: int) -> tuple[str, str] | None:
    """(field, message) when the diagram's first line names no type."""
    found = diagram.type_line()
    if found is None:
        return f"line {diagram.line + line_offset}", EMPTY.format(number=diagram.number)
    index, line = found
    if names_a_type(line):
        return None
    where = diagram.line + line_offset + 1 + index
    return f"line {where}", UNTYPED.format(number=diagram.number, line=line.strip())


def undescribed(diagram: Diagram) -> tuple[str, str] | None:
    """(field, message) when the diagram lacks an accessible name or description; None for
    a diagram that names no type first, which Mermaid never draws (`untyped` says so)."""
    found = diagram.type_line()
    if found is None or not names_a_type(found[1]):
        return None
    title, description = diagram.accessible_text()
    missing = [
        keyword for keyword, text in ((TITLE, title), (DESCRIPTION, description)) if not text
    ]
    if not missing:
        return None
    return f"diagram {diagram.number}", UNDESCRIBED.format(missing=" and no ".join(missing))


def accessible_text(source: str) -> tuple[str, str]:
    """The accessible name and description of the diagram whose Mermaid source is `source`."""
    return Diagram(1, 1, source.split("\n")).accessible_text()
