"""mermaid2 keeps doing its per-page work, on a stand-in instead of the whole page.

Events: on_pre_build: mermaid2's formatter results are kept (course/upstream_internals.py);
on_post_page, just before mermaid2's and just after it (course/feature_order.py), the real
page kept on the build's state in between. Needs nothing before it.

mkdocs-mermaid2-plugin is the site's Mermaid plugin, configured in mkdocs.yml. Its
`on_post_page` parses every page that contains the word "mermaid" (every page here: the
import map names it) with BeautifulSoup's pure-Python parser and prints the page again, for
two results: the number of `div.mermaid` diagrams on the page (after rewriting any
`pre > code.mermaid` into such a div), and, when there is one, a <script> appended to the
body that loads and initializes Mermaid. That parse was most of a build's time.

So mermaid2 gets a stand-in page: an empty body with one empty `div.mermaid` per diagram of
the real page. It runs its own code on it as always: it logs the count, and builds its
script from its own configuration. Right after it, this hook moves whatever mermaid2
appended to the stand-in's body to the end of the real page's body, where mermaid2 puts it.
A page with a `code` element that mermaid2 would rewrite, or without a body, goes to
mermaid2 whole, as before. And mermaid2 formats its `initialize()` arguments with
jsbeautifier for every page with a diagram, about a millisecond each time, always the same
text: the formatter's results are kept. tests/integration/test_mermaid2_stand_in.py
builds the pages both ways and compares them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from course import build_state, feature_order, upstream_internals
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.pages import Page

# A div or code start tag with its attributes (quoted values may hold `>`).
START_TAG = re.compile(
    r"""<(?P<name>div|code)(?P<attributes>(?:\s+[^\s"'>/=]+"""
    r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""",
    re.IGNORECASE,
)
CLASS_ATTRIBUTE = re.compile(
    r"""(?:^|\s)class\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'=<>`]+))""",
    re.IGNORECASE,
)
MERMAID = "mermaid"
# The classes of the code elements mermaid2 rewrites into diagrams (both hold MERMAID).
CODE_CLASSES = frozenset({MERMAID, f"language-{MERMAID}"})
DIAGRAM = '<div class="mermaid"></div>'
BODY_START, BODY_END = "<body>", "</body>"


@dataclass
class RealPages:
    """The real page of each page mermaid2 is working on, from just before it to just after."""

    by_page: dict[str, str] = field(default_factory=dict)


def on_pre_build(*, config: MkDocsConfig) -> None:
    upstream_internals.keep_mermaid2_formatting()


@event_priority(
    feature_order.priority("mermaid2_stand_in._give_mermaid2_a_stand_in", "on_post_page")
)
def _give_mermaid2_a_stand_in(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    diagrams = count_diagrams(output)
    if diagrams is None or BODY_END not in output:
        return None
    build_state.part(RealPages).by_page[page.file.src_uri] = output
    return stand_in(diagrams)


@event_priority(
    feature_order.priority("mermaid2_stand_in._take_back_the_real_page", "on_post_page")
)
def _take_back_the_real_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    real = build_state.part(RealPages).by_page.pop(page.file.src_uri, None)
    if real is None:
        return None
    return with_appended(real, appended_to_stand_in(output, page))


on_post_page = CombinedEvent(_give_mermaid2_a_stand_in, _take_back_the_real_page)


def stand_in(diagrams: int) -> str:
    return f"{BODY_START}{DIAGRAM * diagrams}{BODY_END}"


def count_diagrams(html: str) -> int | None:
    """How many `div.mermaid` elements `html` has, or None when mermaid2 would rewrite code.

    mermaid2 turns `pre > code.mermaid` and `pre > code.language-mermaid` into diagrams; a
    page with either is left for mermaid2 to read whole.
    """
    diagrams = 0
    for tag in START_TAG.finditer(html):
        attributes = tag["attributes"]
        if MERMAID not in attributes:
            continue  # neither class: most tags, read no further
        name = tag["name"].lower()
        classes = class_names(attributes)
        if name == "div" and MERMAID in classes:
            diagrams += 1
        elif name == "code" and classes & CODE_CLASSES:
            return None
    return diagrams


def class_names(attributes: str) -> set[str]:
    found = CLASS_ATTRIBUTE.search(attributes)
    if found is None:
        return set()
    return set((found["double"] or found["single"] or found["bare"] or "").split())


def appended_to_stand_in(output: str, page: Page) -> str:
    """What mermaid2 appended to the stand-in's body: its script elements, or nothing."""
    if not (output.startswith(BODY_START) and output.endswith(BODY_END)):
        raise PluginError(
            f"{page.file.src_uri}: another plugin changed the page while mermaid2 worked on it; "
            "hooks/mermaid2_stand_in.py must run right before and right after mermaid2"
        )
    appended = output[len(BODY_START) : -len(BODY_END)]
    while appended.startswith(DIAGRAM):
        appended = appended[len(DIAGRAM) :]
    return appended


def with_appended(real: str, appended: str) -> str:
    """`real` with `appended` as the last content of its body."""
    if not appended:
        return real
    end = real.rfind(BODY_END)
    return real[:end] + appended + real[end:]
