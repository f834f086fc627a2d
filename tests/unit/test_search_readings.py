"""`serve` has Material's search read each page's HTML once a session
(course/upstream_internals.py): the index is the one Material makes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from course import build_state, upstream_internals
from helpers import FIXTURES
from material.plugins.search import plugin as material_search

HTML = (FIXTURES / "page_cache/search.html").read_text(encoding="utf-8")
PLUGIN_SOURCE = Path(material_search.__file__).read_text("utf-8")


def entries(html: str) -> list[dict]:
    """The search entries Material makes of a page holding `html`."""
    index = material_search.SearchIndex()
    page = SimpleNamespace(meta={}, title="The page", content=html, toc=[], url="page/")
    index.add_entry_from_context(page)
    return index.entries


@pytest.fixture
def kept_readings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Material's search reading through the kept parser for this test, in a session of its
    own; the HTML its own parser reads."""
    monkeypatch.setattr(material_search, "Parser", material_search.Parser)  # put back after
    monkeypatch.setattr(build_state.SESSION, "made", {})
    read: list[str] = []
    feed = upstream_internals.MATERIAL_SEARCH_PARSER.feed

    def reading(parser: object, html: str) -> None:
        read.append(html)
        feed(parser, html)

    monkeypatch.setattr(upstream_internals.MATERIAL_SEARCH_PARSER, "feed", reading)
    upstream_internals.keep_search_readings()
    return read


def test_html_read_again_makes_the_index_materials_parser_makes(kept_readings: list[str]) -> None:
    own = [entries(HTML)]  # read by Material's parser, and kept
    again = [entries(HTML), entries(HTML)]
    assert kept_readings == [HTML]
    assert again == [own[0], own[0]]
    assert len(own[0]) == 3 and "Left out" not in str(own[0])


def test_what_a_build_through_every_page_did_not_read_is_forgotten(
    kept_readings: list[str],
) -> None:
    readings = build_state.SESSION.part(upstream_internals.SearchReadings)
    entries(HTML)
    readings.forget_unread()
    entries(HTML.replace("Some text", "Other text"))  # the page, edited
    readings.forget_unread()
    assert list(readings.by_html) == [HTML.replace("Some text", "Other text")]


def test_the_installed_material_reads_pages_as_the_kept_parser_expects() -> None:
    assert upstream_internals.search_problem(PLUGIN_SOURCE) is None


def test_a_search_that_reads_pages_another_way_is_one_line() -> None:
    changed = PLUGIN_SOURCE.replace("parser.feed(page.content)", "parser.read(page)")
    problem = upstream_internals.search_problem(changed)
    assert problem is not None and "parser.feed(page.content)" in problem and "\n" not in problem
