"""Mermaid diagrams in Chromium: the types the build accepts are the ones the vendored
Mermaid detects, and a diagram Mermaid cannot draw shows Mermaid's message, not a bomb."""

from __future__ import annotations

import pytest
from course.rules import MERMAID_TYPES, MERMAID_TYPES_ANY_CASE
from helpers import add_fixture
from served import built_and_served, scroll_to_diagrams

pytestmark = pytest.mark.browser

DETECTED = """async texts => {
    const { default: mermaid } = await import("mermaid")
    mermaid.initialize({ startOnLoad: false })
    return texts.map(text => {
        try {
            return mermaid.detectType(text)
        } catch (error) {
            return null
        }
    })
}"""


def test_every_type_the_build_accepts_is_one_mermaid_detects(browser, site_server: str) -> None:
    page = browser.new_page()
    page.goto(site_server, wait_until="networkidle")
    accepted = [*MERMAID_TYPES, *MERMAID_TYPES_ANY_CASE]
    detected = page.evaluate(DETECTED, [f"{name}\n" for name in accepted])
    assert [name for name, found in zip(accepted, detected, strict=True) if found is None] == []
    # And what the build refuses, Mermaid cannot draw either.
    refused = page.evaluate(DETECTED, ["accTitle: x\ngraph TD\n", "Graph TD\n", "%% only\n"])
    assert refused == [None, None, None]
    page.close()


def test_a_diagram_mermaid_cannot_draw_shows_its_message(browser, project) -> None:
    add_fixture(project, "layouts/broken-diagram", "")
    with built_and_served(project) as url:
        page = browser.new_page()
        page.goto(url + "basics/broken/", wait_until="networkidle")
        scroll_to_diagrams(page)
        box = page.wait_for_selector("article div.mermaid .course-diagram-error", timeout=15_000)
        assert box.query_selector("p").text_content() == (
            "This diagram could not be drawn. Mermaid says:"
        )
        assert "Parse error on line" in box.query_selector("pre").text_content()
        assert page.locator("svg[aria-roledescription=error]").count() == 0
        page.close()
