"""Every rule of the course, written once: names, limits, patterns and their wording.

The front-matter checks, the layout reader, the SEO check, the author tool
(scripts/new_lesson.py) and the benchmark all import them from here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence

# -- layout: numbered folders and files (AUTHORING.md "Layout") -----------------------------------
NUMBERED_NAME = re.compile(r"(?P<number>[0-9]+)-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
NAME_RULE = "N-slug: a number, a hyphen, then lowercase letters, digits and single hyphens"
INDEX = "index"

# -- front matter (AUTHORING.md "Front matter") ---------------------------------------------------
FRONT_MATTER_MISSING = "missing: start the file with a --- block (title, ...)"
FRONT_MATTER_EMPTY = "is empty: write title, description... between its --- lines"
FRONT_MATTER_NOT_CLOSED = "is not closed: end it with a --- line, then a line break"
TAG_CANNOT_MAKE = "{tag} cannot make {value}"  # `!!bool maybe`
TITLE_MAX = 70
KEYWORDS_MAX = 10
SUMMARY_MAX = 300
# Marks what the lesson scaffold leaves for the author to write (scripts/new_lesson.py).
PLACEHOLDER = "TODO"
PLACEHOLDER_LEFT = f"still says {PLACEHOLDER}: write it before publishing"

# The fields each page takes, their defaults and documentation are declared once, in
# course/front_matter_fields.py; these are their limits and the wording of their mistakes.
UNKNOWN_FIELD = "unknown field (allowed: {fields})"
REQUIRED = "is required"
KEYWORDS_REQUIRED = f"is required: a list of 1-{KEYWORDS_MAX} phrases, focus first"
NOT_TEXT = "must be text, got {value}{hint}"
NOT_TEXT_HINT = " (put it in quotes)"  # for a value YAML read as a number, a date, true...
EMPTY_TEXT = "must not be empty"
TOO_LONG = "{length} characters; at most {maximum} are allowed"
NOT_A_LIST = "must be a list like [first, second], got {value}"
LIST_SIZE = "has {count} entries; {fewest}-{most} are allowed"
ENTRY_NOT_TEXT = "entry {position} must be non-empty text"
ENTRY = "entry {position}: {problem}"
NOT_A_FLAG = "must be true or false, got {value}"
NOT_A_FORM = "must be {example}, got {value}"
# Material's own page keys, checked here in the form Material reads them: Material uses them
# unchecked, and a wrong type ends the build with a traceback.
HIDEABLE = frozenset({"navigation", "toc", "footer", "feedback", "tags", "path"})
NOT_CHOICES = "must be a list of: {choices}"
SEARCH_FORM = "must be a mapping like {exclude: true} or {boost: 2}"
# Material writes `boost` into search_index.json as it is: NaN or Infinity is no JSON a browser
# can parse, and zero or less ranks the page below everything or out of the results.
SEARCH_BOOST_RULE = "boost must be a finite number above 0, like 2"
SEARCH_BOOST = SEARCH_BOOST_RULE + "; got {value}"
STATUS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
STATUS_EXAMPLE = "a name like new or deprecated"
ICON = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")
ICON_EXAMPLE = "an icon like material/rocket"
ICON_MISSING = "{name!r} is not in overrides/ or the theme"
TEMPLATE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.html")
TEMPLATE_EXAMPLE = "a template file like lesson.html"
# A page's `template` must render a whole page with the course's head and end: main.html, or a
# template of the site's own folder (overrides/) that extends it, directly or through another.
# The theme's other templates are its partials, its redirect and its blog's (which need a
# plugin the site does not use); these two extend main.html but are pages of the site itself.
PAGE_TEMPLATE = "main.html"
SITE_TEMPLATES = frozenset({"404.html", "print.html"})
TEMPLATE_MISSING = "{name!r} is not in overrides/ or the theme; page templates: {templates}"
TEMPLATE_NOT_A_PAGE = "{name!r} does not render a page; page templates: {templates}"

# `updated`, the day of a page's last real change: FastAPI appeared in 2018, so an earlier day
# is a typo, and so is a day after today. Either is a warning, and the page keeps the dates git
# gives it: no page claims such a day, and no output has to hold one (MkDocs stamps the
# sitemap's gzip with the newest day, in 32 bits of seconds from 1970 to 2106).
UPDATED_EARLIEST = dt.date(2018, 1, 1)
UPDATED_TOO_EARLY = "{day} is older than FastAPI ({year}): give the day of the last real change"
UPDATED_IN_FUTURE = "{day} is in the future: give the day of the last real change"
UPDATED_FORM = "must be a date like 2026-11-27"
UPDATED_NOT_A_DAY = "{text} is not a day of the calendar ({reason})"
UPDATED_NOT_A_TIME = "{text} is not a time of day ({reason})"
UPDATED_NO_SUCH_ZONE = "{text} has a zone 24 hours or more from UTC, which no place has"

# -- the SEO check (AUTHORING.md "The SEO check") -------------------------------------------------
TITLE_RECOMMENDED = 60  # search results cut longer titles
DESCRIPTION_RECOMMENDED = (50, 160)

# -- self-checks (AUTHORING.md "Quizzes and exercises") -------------------------------------------
# What a lesson's quizzes should number: advice the build gives (hooks/self_checks.py), not
# a rule that stops it, as a lesson is written before its questions.
QUIZZES_RECOMMENDED = (3, 5)

# -- reading time ------------------------------------------------------------------------------
# Adult silent reading of technical prose.
WORDS_PER_MINUTE = 200


def description_range() -> str:
    """`50-160`: the description lengths the SEO check recommends."""
    low, high = DESCRIPTION_RECOMMENDED
    return f"{low}-{high}"


def one_line(text: str) -> str:
    """`text` with every character that would break or hide a line written as its escape: a
    message naming what an author wrote stays one readable line."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


# Characters no output can carry: XML 1.0 (the feed, the sitemap) forbids the C0 controls
# other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF; HTML
# makes DEL, the C1 controls and every noncharacter parse errors; and a lone surrogate
# cannot even be written as UTF-8.
UNPUBLISHABLE_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)
UNPUBLISHABLE = "{kind} {character} at position {position} cannot be published: remove it"
_KINDS = {"Cc": "control character", "Cs": "lone surrogate"}


def unpublishable(text: str) -> str | None:
    """Why `text` cannot be published: its first character that no output can carry, written
    as an escape, with its position from 1 (`control character '\\x1b' at position 5 ...`).
    None when every character can be published."""
    found = UNPUBLISHABLE_CHARACTER.search(text)
    if found is None:
        return None
    kind = _KINDS.get(unicodedata.category(found[0]), "noncharacter")
    return UNPUBLISHABLE.format(kind=kind, character=repr(found[0]), position=found.start() + 1)


def some_of(names: Sequence[str], noun: str, *, shown: int = 3) -> str:
    """`a, b`, or `a, b, c and 497 other lessons`: output that does not grow with the course."""
    if len(names) <= shown + 1:
        return ", ".join(names)
    rest = len(names) - shown
    return f"{', '.join(names[:shown])} and {rest} other {noun}{'' if rest == 1 else 's'}"


def some_characters(characters: Iterable[str]) -> str:
    """`🚀 (U+1F680), 中 (U+4E2D)`: characters a card or the PDF cannot draw, each with its
    code point for an author whose screen cannot show it either (`some_of` them)."""
    return some_of([f"{char} (U+{ord(char):04X})" for char in characters], "character")


# -- diagrams (AUTHORING.md "Diagrams and tables") ------------------------------------------------
# The first line of a Mermaid diagram names its type. These are the types Mermaid 11.17.2
# detects (its detectors: /^\s*graph/, /^\s*sequenceDiagram/...), each as a prefix of that
# line; tests/browser/test_diagram_types_in_chromium.py checks the list against the vendored
# Mermaid. Some of Mermaid's detectors ignore case.
MERMAID_TYPES = (
    "flowchart-elk", "flowchart", "graph", "sequenceDiagram", "classDiagram-v2",
    "classDiagram", "stateDiagram-v2", "stateDiagram", "erDiagram", "journey", "gantt", "pie",
    "quadrantChart", "requirementDiagram", "requirement", "gitGraph", "C4Context",
    "C4Container", "C4Component", "C4Dynamic", "C4Deployment", "mindmap", "timeline",
    "sankey-beta", "sankey", "xychart-beta", "xychart", "block-beta", "block", "packet-beta",
    "packet", "architecture-beta", "architecture", "kanban", "radar-beta", "treemap",
    "treeView-beta", "venn-beta", "swimlane-beta", "eventmodeling", "info",
)  # fmt: skip
MERMAID_TYPES_ANY_CASE = (
    "ishikawa", "railroad-beta", "railroad-abnf-beta", "railroad-ebnf-beta",
    "railroad-peg-beta", "wardley-beta",
)  # fmt: skip
MERMAID_TYPE_EXAMPLE = "graph TD, sequenceDiagram, classDiagram..."
