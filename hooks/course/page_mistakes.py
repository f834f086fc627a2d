"""A page's own mistakes: the build stops on them; `serve` shows them and goes on.

A page's own mistake concerns that page alone: a quiz, an exercise or a diagram that cannot
be what it says (course/self_check_blocks.py, course/mermaid_source.py), an address that
would run code in the reader's browser (course/links.py), front matter that cannot be read
or breaks a rule (course/front_matter.py). `mkdocs build` stops on them, listing every one,
one line each. `mkdocs serve` says the same line, as an error, at every build, and renders
the page anyway: each broken block replaced by its line, where the block would be
(`shown_in_place` for a diagram, `failure` for the self-check blocks, which replace
themselves); the unsafe addresses' lines above the page, which keeps no such address
(`shown_above`); the front matter's instead of the body, the page named after its file
(`shown_instead`; hooks/lessons.py says them). A mistake in one page never takes down the
preview of the others. hooks/preview.py calls `stop_if_any` once every page is converted.

A block's mistakes are found as its page renders, and said in the order of their lines
once the page is converted (`report_in_page`, then `page_done`).
"""

from __future__ import annotations

import html
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.util import AtomicString
from mkdocs.exceptions import PluginError

from course import build_state
from course.model import Problem
from course.rules import one_line

# Logged as MkDocs logs the error that stops a build: the line alone, without a prefix.
log = logging.getLogger("mkdocs.plugins.course.page_mistakes")

# Shown where the broken block would be: Python-Markdown's admonition, its title the line.
# The title's Markdown is escaped (Python-Markdown's own backslash escapes, and HTML's).
ADMONITION = '!!! failure "{title}"'
MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}[]()>#+-.!"})


@dataclass
class PageMistakes:
    """The build's: the lines it stops with (not `serve`), and those of the page converting
    now, by line, until it is converted."""

    found: list[str] = field(default_factory=list)
    in_page: list[tuple[int, str]] = field(default_factory=list)


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


def report(line: str) -> None:
    """A page's own mistake, as one line naming the file: an error now in `serve`, in the
    line that stops the build otherwise."""
    line = one_line(line)
    if serving():
        log.error(line)
    else:
        build_state.part(PageMistakes).found.append(line)


def report_in_page(number: int, line: str) -> None:
    """A mistake of a block of the page converting now, at its line `number`: said with the
    page's others, in their order, once the page is converted (`page_done`)."""
    build_state.part(PageMistakes).in_page.append((number, line))


def page_done() -> None:
    """The page is converted: its blocks' mistakes are said, in the order of their lines."""
    kept = build_state.part(PageMistakes)
    found, kept.in_page = kept.in_page, []
    for _, line in sorted(found, key=lambda mistake: mistake[0]):
        report(line)


def serving() -> bool:
    """Whether this run is `serve`, which shows a page's own mistakes on the page."""
    return build_state.SESSION.serving


def stop_if_any() -> None:
    """Stop the build, one line per mistake, once every page is converted."""
    kept = build_state.part(PageMistakes)
    found, kept.found = kept.found, []
    if found:
        raise PluginError("\n".join(found))


def shown_in_place(markdown: str, mistakes: list[BlockMistake], path: str) -> str:
    """`markdown` with each block that has `mistakes` replaced by them, one admonition each,
    indented as the block was (in a tab or a list, it stays there). Every line after them
    keeps its number, as the blocks read later say theirs (course/self_check_blocks.py)."""
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
        # Blank lines around them where the lines around the block are not.
        before = [""] if first > 1 and lines[first - 2].strip() else []
        after = [""] if last < len(lines) and lines[last].strip() else []
        replaced = [*before, *"\n\n".join(admonitions).split("\n"), *after]
        lines[first - 1 : last] = replaced + [""] * (last - first + 1 - len(replaced))
    return "\n".join(lines)


def failure(line: str) -> ET.Element:
    """The admonition that says `line`, as Python-Markdown writes `!!! failure`: for a block
    that replaces itself by its mistakes once its Markdown is parsed."""
    shown = ET.Element("div", {"class": "admonition failure"})
    ET.SubElement(shown, "p", {"class": "admonition-title"}).text = AtomicString(one_line(line))
    return shown


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
