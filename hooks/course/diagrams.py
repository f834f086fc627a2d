"""Mermaid diagrams in a page's Markdown, checked before anything renders.

- Each diagram's first line must name its type (`graph TD`, `sequenceDiagram`...), after
  `%%` comments and an optional `---` front-matter block; Mermaid draws nothing otherwise
  ("No diagram type detected"). `accTitle:` and `accDescr:` go after that line.
- Each diagram has an accessible name and description (`accTitle:`, `accDescr:`), which
  Mermaid turns into the SVG's <title> and <desc>.

Whether Mermaid can parse the rest is checked by the test suite, with Mermaid itself, in
Chromium (tests/course/test_real_course_in_chromium.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from course.rules import MERMAID_TYPE_EXAMPLE, MERMAID_TYPES, MERMAID_TYPES_ANY_CASE

# An opening code fence, and the language it names: ```mermaid, ~~~ python title="x"...
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*\{?\.?(?P<info>[\w-]*)")
DESCRIPTIONS = ("accTitle", "accDescr")


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


def _after_comments(lines: list[str], index: int) -> int:
    """The index of the first line from `index` on that is not blank nor a `%%` comment."""
    while index < len(lines) and (not lines[index].strip() or lines[index].lstrip()[:2] == "%%"):
        index += 1
    return index


def diagrams(markdown: str) -> Iterator[Diagram]:
    """Every ```mermaid fence of `markdown`, in order (not those shown inside other code)."""
    lines = markdown.split("\n")
    number = 0
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence, indent = opening["fence"], opening["indent"]
        end = index + 1
        while end < len(lines) and not _closes(lines[end], fence, indent):
            end += 1
        if opening["info"] == "mermaid":
            number += 1
            yield Diagram(number, index + 1, lines[index + 1 : end])
        index = end + 1


def _closes(line: str, fence: str, indent: str) -> bool:
    stripped = line.strip()
    return line.startswith(indent) and stripped.startswith(fence) and set(stripped) == {fence[0]}


def names_a_type(line: str) -> bool:
    text = line.lstrip()
    return text.startswith(MERMAID_TYPES) or text.lower().startswith(MERMAID_TYPES_ANY_CASE)


def untyped(diagram: Diagram, line_offset: int) -> tuple[str, str] | None:
    """(field, message) when the diagram's first line names no type."""
    found = diagram.type_line()
    if found is None:
        return f"line {diagram.line + line_offset}", f"diagram {diagram.number} is empty"
    index, line = found
    if names_a_type(line):
        return None
    where = diagram.line + line_offset + 1 + index
    return (
        f"line {where}",
        f"diagram {diagram.number} starts with {line.strip()!r}, not with its type "
        f"({MERMAID_TYPE_EXAMPLE}): Mermaid would draw nothing; put the type first, and "
        "accTitle: and accDescr: on the lines after it",
    )


def undescribed(diagram: Diagram) -> tuple[str, str] | None:
    """(field, message) when the diagram lacks an accessible name or description."""
    keywords = {line.strip().split(":", 1)[0] for line in diagram.lines}
    missing = [keyword for keyword in DESCRIPTIONS if keyword not in keywords]
    if not missing:
        return None
    return (
        f"diagram {diagram.number}",
        f"no {' and no '.join(missing)}; add `accTitle: …` and `accDescr: …` lines so "
        "screen readers can announce it",
    )


def accessible_text(source: str) -> tuple[str, str]:
    """A diagram's accessible name and description: its `accTitle:` and its `accDescr:` (one
    line, or a `accDescr { ... }` block)."""
    title = description = ""
    lines = iter(source.split("\n"))
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("accTitle:"):
            title = stripped.removeprefix("accTitle:").strip()
        elif stripped.startswith("accDescr:"):
            description = stripped.removeprefix("accDescr:").strip()
        elif stripped.startswith("accDescr") and stripped.endswith("{"):
            block = []
            for inner in lines:
                if inner.strip().startswith("}"):
                    break
                block.append(inner.strip())
            description = " ".join(filter(None, block))
    return title, description
