"""What the course checks in a page's Markdown body before anything renders.

- a published page keeps no TODO (the lesson scaffold's marks) outside code;
- a published lesson has a body;
- every diagram has an accessible name and description (course/mermaid_source.py).

Each finding is (field, message); the field is `line N` (of the file) where there is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from course import code_fences, mermaid_source
from course.rules import PLACEHOLDER, PLACEHOLDER_LEFT

INLINE_CODE = re.compile(r"(`+).+?\1")
WORD = re.compile(r"\w")

Finding = tuple[str, str]


def prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(0-based index, line) of each line outside fenced code, without its inline code."""
    lines = markdown.split("\n")
    fenced = "```" in markdown or "~~~" in markdown
    for index in code_fences.outside(lines) if fenced else range(len(lines)):
        yield index, INLINE_CODE.sub("", lines[index])


def line_offset(text: str, body: str) -> int:
    """How many lines of the file `text` come before its `body`: its front matter's. `body`
    may have been edited line for line since (a broken diagram shown in its place)."""
    return text.count("\n") - body.count("\n")


def placeholders(markdown: str, line_offset: int) -> list[Finding]:
    if PLACEHOLDER not in markdown:
        return []
    return [
        (f"line {index + 1 + line_offset}", PLACEHOLDER_LEFT)
        for index, line in prose_lines(markdown)
        if PLACEHOLDER in line
    ]


def is_empty(markdown: str) -> bool:
    if not WORD.search(markdown):
        return True
    return not any(WORD.search(line) for _, line in prose_lines(markdown))


def findings(markdown: str, line_offset: int, *, published: bool, lesson: bool) -> list[Finding]:
    """The warnings of a page's body; `line_offset` is the front matter's lines. (A diagram
    that names no type is a mistake of its page, found as the page renders:
    hooks/diagrams.py.)"""
    warnings: list[Finding] = []
    for diagram in mermaid_source.diagrams(markdown) if "mermaid" in markdown else ():
        if (undescribed := mermaid_source.undescribed(diagram)) is not None:
            warnings.append(undescribed)
    if published:
        warnings += placeholders(markdown, line_offset)
        if lesson and is_empty(markdown):
            warnings.append(("body", "is empty: write the lesson, or mark it `draft: true`"))
    return warnings
