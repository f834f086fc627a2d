"""A page's own mistakes: the build stops on them; `serve` shows them and goes on.

A page's own mistake concerns that page alone: a quiz, an exercise or a diagram that cannot
be what it says (course/self_check_source.py, course/mermaid_source.py), an address that
would run code in the reader's browser (course/links.py), front matter that cannot be read
or breaks a rule (course/front_matter.py). `mkdocs build` stops on them, listing every one,
one line each. `mkdocs serve` says the same line, as an error, at every build, and renders
the page anyway: each broken block replaced by its line, where the block would be
(`shown_in_place`); the unsafe addresses' lines above the page, which keeps no such address
(`shown_above`); the front matter's instead of the body, the page named after its file
(`shown_instead`; hooks/lessons.py says them). A mistake in one page never takes down the
preview of the others. hooks/preview.py, which knows which of the two runs, calls `begin`
and `stop_if_any`.

The blocks' mistakes are found when the course is read, before any page renders
(course.layout); `serve` finds them again as each page renders (`block_mistakes`), with
the same functions.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from markdown import Markdown
from mkdocs.exceptions import PluginError

from course import mermaid_source, self_check_source
from course.model import Problem
from course.rules import one_line

# Logged as MkDocs logs the error that stops a build: the line alone, without a prefix.
log = logging.getLogger("mkdocs.plugins.course.page_mistakes")

# Shown where the broken block would be: Python-Markdown's admonition, its title the line.
# The title's Markdown is escaped (Python-Markdown's own backslash escapes, and HTML's).
ADMONITION = '!!! failure "{title}"'
MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}[]()>#+-.!"})

_serving = False
# The lines of the build in progress, for `stop_if_any`.
_found: list[str] = []


@dataclass(frozen=True)
class BlockMistake:
    """A mistake that concerns one block of a page's body, and the lines the block spans."""

    first: int  # 1-based, in the body
    last: int
    field: str
    message: str

    def line(self, path: str) -> str:
        """The line that says it, as the build says it: `docs/…: line 9: quiz …: …`."""
        return str(Problem(path, self.field, self.message))


def begin(*, serving: bool) -> None:
    """A build (or `serve`, with `serving`) starts: nothing found yet."""
    global _serving
    _serving = serving
    _found.clear()


def report(line: str) -> None:
    """A page's own mistake, as one line naming the file: an error now in `serve`, in the
    line that stops the build otherwise."""
    line = one_line(line)
    if _serving:
        log.error(line)
    else:
        _found.append(line)


def serving() -> bool:
    """Whether this run is `serve`, which shows a page's own mistakes on the page."""
    return _serving


def drop() -> None:
    """The build stopped: what it found goes with it."""
    _found.clear()


def stop_if_any() -> None:
    """Stop the build, one line per mistake, once every page is converted."""
    found, _found[:] = list(_found), []
    if found:
        raise PluginError("\n".join(found))


def block_mistakes(markdown: str, line_offset: int, *, lesson: bool) -> list[BlockMistake]:
    """The mistakes of a page body's quizzes, exercises and diagrams, each with the lines of
    the outermost block it concerns, in the body's order."""
    lines = markdown.split("\n")
    found = []
    for block in self_check_source.self_checks(markdown):
        for field, message in self_check_source.problems([block], line_offset, lesson=lesson):
            found.append(BlockMistake(block.line, block.end, field, message))
    for diagram in mermaid_source.diagrams(markdown) if "mermaid" in markdown else ():
        untyped = mermaid_source.untyped(diagram, line_offset)
        if untyped is not None:
            closing = min(diagram.line + len(diagram.lines) + 1, len(lines))
            found.append(BlockMistake(diagram.line, closing, *untyped))
    return sorted(found, key=lambda mistake: mistake.first)


def shown_in_place(markdown: str, mistakes: list[BlockMistake], path: str) -> str:
    """`markdown` with each block that has `mistakes` replaced by them, one admonition each,
    indented as the block was (in a tab or a list, it stays there)."""
    lines = markdown.split("\n")
    spans: list[tuple[int, int, list[str]]] = []  # first, last, lines to show: outermost
    for mistake in mistakes:
        line = mistake.line(path)
        if spans and mistake.first <= spans[-1][1]:
            first, last, shown = spans[-1]
            spans[-1] = (first, max(last, mistake.last), [*shown, line])
        else:
            spans.append((mistake.first, mistake.last, [line]))
    for first, last, shown in reversed(spans):
        indentation = lines[first - 1][: len(lines[first - 1]) - len(lines[first - 1].lstrip())]
        admonitions = [indentation + admonition(line) for line in shown]
        lines[first - 1 : last] = ["", *"\n\n".join(admonitions).split("\n"), ""]
    return "\n".join(lines)


def admonition(line: str) -> str:
    """An admonition whose title is `line`, as text."""
    title = html.escape(one_line(line), quote=False).translate(MARKDOWN_ESCAPES)
    return ADMONITION.format(title=title)


def shown_instead(lines: Iterable[str]) -> str:
    """Markdown that shows `lines`, one admonition each, instead of a page's body."""
    return "\n\n".join(map(admonition, lines)) + "\n"


def shown_above(page_html: str, lines: list[str]) -> str:
    """A converted page with `lines` shown above it, one admonition each, as the page's
    own Markdown writes them in place."""
    shown = Markdown(extensions=["admonition"]).convert("\n\n".join(map(admonition, lines)))
    return f"{shown}\n{page_html}"
