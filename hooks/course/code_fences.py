"""Where the fenced code blocks of a page's Markdown begin and end: the one reading of fences
that the course's checks of Markdown source share (course/lesson_body.py's prose,
course/mermaid_source.py's diagrams, course/links.py's addresses).

A fence opens with three or more backticks or tildes, a language after them or not
(```` ```python ````, `~~~ {.mermaid}`); it closes at the first line that starts with the
opening line's indentation and holds nothing but at least as many of the same characters,
as pymdown-extensions' superfences reads them; a fence never closed runs to the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*\{?\.?(?P<info>[\w-]*)")


@dataclass(frozen=True)
class Fence:
    """One fenced block: the 0-based indexes of its opening and closing lines (the closing
    one is the page's length for a fence never closed), and the language it names."""

    first: int
    last: int
    info: str


def fences(lines: list[str]) -> Iterator[Fence]:
    """Every fenced block of `lines`, in order; a fence shown inside another is its code."""
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = OPENING.match(line) if ("`" in line or "~" in line) else None
        if opening is None:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not closes(lines[end], opening["fence"], opening["indent"]):
            end += 1
        yield Fence(index, end, opening["info"])
        index = end + 1


def closes(line: str, fence: str, indent: str) -> bool:
    stripped = line.strip()
    return line.startswith(indent) and stripped.startswith(fence) and set(stripped) == {fence[0]}


def outside(lines: list[str]) -> Iterator[int]:
    """The 0-based index of each line of `lines` that no fenced block holds."""
    start = 0
    for fence in fences(lines):
        yield from range(start, fence.first)
        start = fence.last + 1
    yield from range(start, len(lines))
