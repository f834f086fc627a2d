"""Every rule of the course, written once: names, limits, patterns and their wording.

The front-matter checks, the layout reader, the SEO check, the author tool
(scripts/new_lesson.py) and the benchmark all import them from here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# -- layout: numbered folders and files (README "Layout") ------------------------------------
NUMBERED_NAME = re.compile(r"(?P<number>[0-9]+)-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
NAME_RULE = "N-slug: a number, a hyphen, then lowercase letters, digits and single hyphens"
INDEX = "index"

# -- front matter (README "Front matter") ---------------------------------------------------
TITLE_MAX = 70
KEYWORDS_MAX = 10
SUMMARY_MAX = 300
# Marks what the lesson scaffold leaves for the author to write (scripts/new_lesson.py).
PLACEHOLDER = "TODO"
PLACEHOLDER_LEFT = f"still says {PLACEHOLDER}: write it before publishing"

# Material's own page keys, passed through to Material once their types are right: Material
# uses them unchecked and a wrong type ends the build with a traceback.
MATERIAL_KEYS = frozenset({"hide", "search", "status", "template", "icon", "subtitle"})
HIDEABLE = frozenset({"navigation", "toc", "footer", "feedback", "tags", "path"})
SEARCH_KEYS = frozenset({"exclude", "boost"})
STATUS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ICON = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")
TEMPLATE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.html")
PAGE_KEYS = frozenset({"title", "description", "summary"}) | MATERIAL_KEYS
LESSON_KEYS = PAGE_KEYS | {"keywords", "newsletter", "updated", "draft"}

# -- the SEO check (README "The SEO check") -------------------------------------------------
TITLE_RECOMMENDED = 60  # search results cut longer titles
DESCRIPTION_RECOMMENDED = (50, 160)

# -- self-checks (README "Quizzes and exercises") -------------------------------------------
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


def some_of(names: Sequence[str], noun: str, *, shown: int = 3) -> str:
    """`a, b`, or `a, b, c and 497 other lessons`: output that does not grow with the course."""
    if len(names) <= shown + 1:
        return ", ".join(names)
    rest = len(names) - shown
    return f"{', '.join(names[:shown])} and {rest} other {noun}{'' if rest == 1 else 's'}"


# -- diagrams (README "Diagrams and tables") --------------------------------------------------
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
