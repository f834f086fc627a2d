"""What Material's search reads of a page: every element marked `data-search-exclude` goes,
with all it holds, and nothing else does."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import search
from course import build_state
from course.search_text import without_excluded


@pytest.mark.parametrize(
    ("html", "searched"),
    [
        ("<p>Question</p>", "<p>Question</p>"),
        (
            '<p>Q</p><ul data-search-exclude class="o"><li>a</li></ul><p>next</p>',
            "<p>Q</p><p>next</p>",
        ),
        # An element of the same tag inside: the excluded one ends at its own end tag,
        # where Material's search would have ended it at the first `</div>`.
        (
            '<div data-search-exclude><div class="mermaid">A</div>hidden</div><p>after</p>',
            "<p>after</p>",
        ),
        (
            "<details data-search-exclude><summary>s</summary>"
            "<details><summary>t</summary>x</details>hidden</details>kept",
            "kept",
        ),
        ('<SECTION DATA-SEARCH-EXCLUDE="">x</SECTION>y', "y"),
        (
            '<section class="a" data-search-exclude="" id="b">x<sectionx>z</sectionx></section>y',
            "y",
        ),
        ('<img src="a.png" data-search-exclude alt="a">after', "after"),
        ("a<p data-search-exclude>never closed<p>b", "a"),
        ("<div data-search-exclude>1</div>2<div data-search-exclude>3</div>4", "24"),
        # Only the attribute itself: not a longer name, not its name in a value or the text.
        ("<div data-search-excluded>x</div>", "<div data-search-excluded>x</div>"),
        ('<div title="data-search-exclude">x</div>', '<div title="data-search-exclude">x</div>'),
        ("<p>&lt;div data-search-exclude&gt;</p>", "<p>&lt;div data-search-exclude&gt;</p>"),
        # Its name in the text first, then on an element; a `<` inside a raw tag's value.
        ("<p>data-search-exclude</p><b data-search-exclude>x</b>y", "<p>data-search-exclude</p>y"),
        ("<p>a</p><div title='1<2' data-search-exclude>x</div>y", "<p>a</p>y"),
    ],
)
def test_without_excluded(html: str, searched: str) -> None:
    assert without_excluded(html) == searched


def test_a_page_without_exclusions_is_the_same_string() -> None:
    html = "<h2>Title</h2><p>Text</p>"
    assert without_excluded(html) is html


def test_search_reads_the_shortened_content_and_the_template_the_whole() -> None:
    whole = '<p>Question</p><ul data-search-exclude><li data-course-right="true">a</li></ul>'
    page = SimpleNamespace(content=whole, file=SimpleNamespace(src_uri="01-a/01-b.md"))
    shorten, restore = search.on_page_context.methods
    build_state.SESSION.begin(None)
    try:
        shorten({}, page=page, config=None, nav=None)
        assert page.content == "<p>Question</p>"  # what Material's search reads
        restore({}, page=page, config=None, nav=None)
        assert page.content is whole  # what the page's template renders
    finally:
        build_state.SESSION.end()
