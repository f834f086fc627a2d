"""A lesson in a real browser: the diagram renders, nothing errs, nothing leaves localhost."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from served import scroll_to_diagrams

pytestmark = pytest.mark.browser

LESSON = "basics/first-steps/"


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_diagram_renders_offline_without_errors(
    browser, site_server: str, color_scheme: str
) -> None:
    page = browser.new_page(color_scheme=color_scheme)
    problems: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(site_server + LESSON, wait_until="networkidle")
    scroll_to_diagrams(page)

    svg = page.wait_for_selector("article div.mermaid svg[aria-roledescription]", timeout=15_000)
    box = svg.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    assert svg.get_attribute("aria-roledescription") == "flowchart-v2"
    assert page.locator("article div.mermaid svg title").text_content() == (
        "The fixture architecture"
    )
    assert page.locator("article div.mermaid svg").get_by_text("Validator (Checks)").count() == 1
    # The arrows contrast with the page: light lines on the dark scheme, dark on the light one.
    arrow = page.locator("article div.mermaid svg path.flowchart-link").first
    stroke = arrow.evaluate("path => getComputedStyle(path).stroke")
    red, green, blue = (int(part) for part in stroke[stroke.index("(") + 1 : -1].split(",")[:3])
    lightness = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
    assert (lightness > 0.5) is (color_scheme == "dark"), stroke
    assert problems == []
    assert hosts == {urlsplit(site_server).netloc}
    page.close()


def test_search_works_offline(browser, site_server: str) -> None:
    page = browser.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(site_server, wait_until="networkidle")
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("Quetzalcoatl")
    result = page.wait_for_selector("a.md-search-result__link", state="attached", timeout=10_000)
    assert "first-steps" in (result.get_attribute("href") or "")
    assert hosts == {urlsplit(site_server).netloc}
    page.close()
