"""Reader quality in Chromium: accessibility (axe-core), privacy, keyboard, lazy diagrams."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from helpers import add_fixture
from served import DRAW_AT_ONCE, built_and_served, scroll_to_diagrams

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "module": "basics/",
    "lesson with diagram and table": "basics/first-steps/",
    "lesson with code samples": "basics/code-samples/",
    "404 at a nested address": "basics/no/such/page/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_axe_finds_no_violation(browser, site_server: str, page_type: str, scheme: str) -> None:
    page = browser.new_page(color_scheme=scheme)
    page.goto(site_server + PAGE_TYPES[page_type], wait_until="networkidle")
    if page.locator("article div.mermaid").count():
        scroll_to_diagrams(page)
        page.wait_for_selector("article div.mermaid svg[aria-roledescription]")
    violations = Axe().run(page).response["violations"]
    assert [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in violations
    ] == []
    page.close()


def test_no_request_leaves_the_site_and_nothing_is_stored_in_cookies(
    browser, site_server: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    hosts: dict[str, str] = {}
    page.on("request", lambda request: hosts.setdefault(urlsplit(request.url).netloc, request.url))
    for path in PAGE_TYPES.values():
        page.goto(site_server + path, wait_until="networkidle")
        if page.locator("article div.mermaid").count():
            scroll_to_diagrams(page)
            page.wait_for_selector("article div.mermaid svg[aria-roledescription]")
    page.keyboard.press("/")
    page.keyboard.type("request")
    page.wait_for_selector("a.md-search-result__link", state="attached")
    assert set(hosts) == {urlsplit(site_server).netloc}, hosts
    assert context.cookies() == []
    context.close()


def test_mermaid_loads_only_for_a_diagram_and_only_what_it_needs(browser, site_server: str):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))

    def mermaid_files() -> list[str]:
        return [path for path in requested if "/javascripts/mermaid/" in path]

    page.goto(site_server, wait_until="networkidle")
    assert mermaid_files() == []  # the home page has no diagram: nothing to draw, for print either
    page.goto(site_server + "basics/first-steps/", wait_until="networkidle")
    # Its diagram is drawn once the page is idle, near the viewport or not, for print.
    page.wait_for_selector("article div.mermaid svg[aria-roledescription]", state="attached")
    loaded = mermaid_files()
    assert any(path.endswith("/mermaid.esm.min.mjs") for path in loaded)
    assert any("flowDiagram" in path for path in loaded)
    assert not any("sequenceDiagram" in path or "ganttDiagram" in path for path in loaded)
    page.close()


def test_a_diagram_in_a_collapsed_block_is_drawn_at_its_size_when_opened(browser, project) -> None:
    add_fixture(project, "layouts/collapsed-diagram", "")
    with built_and_served(project) as url:
        page = browser.new_page()
        page.add_init_script(DRAW_AT_ONCE)
        page.goto(url + "basics/collapsed/", wait_until="networkidle")
        # Drawn while the block is closed, so that print finds it drawn...
        page.wait_for_selector("article details div.mermaid svg", state="attached")
        page.locator("article summary", has_text="The request flow").click()
        # ... and at its readable size once the reader opens the block.
        svg = page.wait_for_selector("article details div.mermaid svg[aria-roledescription]")
        box = svg.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 20
        page.close()


# What the focused element looks like, focused and not: the focus indicator is any visible
# difference. Material shows a hidden palette radio's focus on the label after it, the search
# field's by opening the search dialog.
FOCUS_INDICATOR = """async () => {
    const element = document.activeElement
    if (element === document.body) return null
    const name = `${element.tagName} ${element.className} ${element.textContent.slice(0, 30)}`
    if (element.matches(".md-search__input")) {  // focusing it opens the search dialog
        const toggle = document.getElementById("__search")
        // A loaded CI machine has taken more than 3 s to open it (stop 19's final run).
        for (let waited = 0; !toggle.checked && waited < 10000; waited += 50)
            await new Promise(resolve => setTimeout(resolve, 50))
        return { name, indicated: toggle.checked, inside: false }
    }
    const target = element.matches("input.md-option")
        ? element.nextElementSibling : element
    const keys = ["outlineStyle", "outlineColor", "boxShadow", "backgroundColor", "color",
                  "borderColor", "textDecorationLine"]
    const focused = keys.map(key => getComputedStyle(target)[key])
    element.blur()
    const unfocused = keys.map(key => getComputedStyle(target)[key])
    element.focus({ focusVisible: true })
    return {
        name,
        indicated: focused.some((value, index) => value !== unfocused[index]),
        inside: !!element.closest("article"),
    }
}"""


def test_the_page_works_with_the_keyboard_alone(browser, site_server: str) -> None:
    page = browser.new_page()
    page.goto(site_server + "basics/first-steps/", wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    reached_lesson = False
    seen: list[str] = []
    for _ in range(300):  # once around the whole page, back to where it started
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_INDICATOR)
        if focused is None:  # focus left the page for the browser's own controls
            continue
        if seen and focused["name"] == seen[0]:
            break
        seen.append(focused["name"])
        assert focused["indicated"], f"no focus indicator on {focused['name']}"
        reached_lesson |= focused["inside"]
    else:
        pytest.fail("Tab never came back around to where it started")
    assert reached_lesson, "Tab after the skip link never reached the lesson"
    # The scheme toggle answers Enter.
    page.locator("form[data-md-component=palette] label:visible").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
    page.close()
