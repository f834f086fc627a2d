"""What Material's search reads of a page: its HTML without the elements search leaves out.

Material's search skips an element marked `data-search-exclude`, but only after its HTML
parser has read every tag and word inside it. A lesson's quizzes (their options and
answers, and the print-only Answers part) are marked so; they are about half of a lesson's
HTML. Cutting them out of the text search reads gives the same index for less work, and
the whole element goes, whatever it holds: Material's own skip can end early, at the
first element inside that has the same tag.
"""

from __future__ import annotations

import re
from functools import cache

ATTRIBUTE = "data-search-exclude"
# Its name from the first `-`, found as the start tag's pattern finds it (in any case), and
# fast: a pattern that starts with a letter is tried at every character when case is ignored.
ATTRIBUTE_TAIL = re.compile(re.escape(ATTRIBUTE[ATTRIBUTE.index("-") :]), re.IGNORECASE)
# A start tag carrying the attribute. Python-Markdown and Jinja escape `>` inside attribute
# values, so the first `>` ends the tag.
EXCLUDED_START = re.compile(
    rf"<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^>]*?\s{ATTRIBUTE}(?=[\s=/>])[^>]*>",
    re.IGNORECASE,
)
# Elements without an end tag: the start tag is the whole element.
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


def without_excluded(html: str) -> str:
    """`html` without the elements marked `data-search-exclude`, and all they hold."""
    kept: list[str] = []
    position = 0
    while (start := next_excluded(html, position)) is not None:
        kept.append(html[position : start.start()])
        position = element_end(html, start["name"].lower(), start.end())
    if not kept:
        return html
    kept.append(html[position:])
    return "".join(kept)


def next_excluded(html: str, position: int) -> re.Match[str] | None:
    """The first start tag from `position` on that carries the attribute.

    Such a tag holds the attribute's name with no `>` before it: the search starts after the
    last `>` ahead of the name's next occurrence, instead of trying every `<` before it.
    """
    name = ATTRIBUTE_TAIL.search(html, position)
    if name is None:
        return None
    return EXCLUDED_START.search(html, max(position, html.rfind(">", position, name.start()) + 1))


def element_end(html: str, name: str, after_start_tag: int) -> int:
    """Where the element whose start tag ends at `after_start_tag` ends (its end tag's end)."""
    if name in VOID:
        return after_start_tag
    depth = 1
    for tag in same_name_tags(name).finditer(html, after_start_tag):
        depth += -1 if tag["end"] else 1
        if depth == 0:
            return html.find(">", tag.end()) + 1 or len(html)
    return len(html)  # never closed: the rest of the page, as a browser reads it


@cache
def same_name_tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(?P<end>/?){re.escape(name)}(?=[\s/>])", re.IGNORECASE)
