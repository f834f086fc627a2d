"""Every way a reader takes a lesson, in Chromium: search, print, a phone, full screen, a
wrong address."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from served import ALL_DRAWN, DRAW_AT_ONCE, LABEL_SIZES, SOURCE_MARKS, missing_labels, pdf_text

pytestmark = pytest.mark.browser

LESSONS = ["basics/first-steps/", "basics/request-flow/", "basics/code-samples/"]
LESSONS += ["next-steps/last-lesson/"]
DIAGRAM_LESSONS = ["basics/first-steps/", "basics/request-flow/"]
# Everything a reader operates on screen, none of which belongs on paper.
CONTROLS = [
    "Mark as complete",
    "Open full screen",
    "Skip to content",
    "Switch to",
    "Type to start searching",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_printing_a_lesson_on_a_fresh_load_draws_every_diagram(
    browser, site_server: str, lesson: str, scheme: str
) -> None:
    page = browser.new_page(color_scheme=scheme)
    page.add_init_script(DRAW_AT_ONCE)
    page.goto(site_server + lesson, wait_until="networkidle")
    # Without scrolling: the page draws them a few seconds after it has loaded.
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    labels = page.locator(".course-diagram svg :is(text, foreignObject)").evaluate_all(
        "labels => labels.map(label => label.textContent.trim()).filter(Boolean)"
    )
    assert labels or lesson not in DIAGRAM_LESSONS
    text = pdf_text(page.pdf(format="A4"))
    assert missing_labels(labels, text) == []
    assert [mark for mark in SOURCE_MARKS if mark in text] == []
    assert [control for control in CONTROLS if control in text] == []
    assert "Subscribe on LinkedIn (https://www.linkedin.com/)" in " ".join(text.split())
    page.close()


def test_print_keeps_headings_with_what_follows_and_diagrams_whole(
    browser, site_server: str
) -> None:
    page = browser.new_page(color_scheme="dark")
    page.goto(site_server + DIAGRAM_LESSONS[0], wait_until="networkidle")
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => ({
        heading: getComputedStyle(document.querySelector('article h2')).breakAfter,
        diagram: getComputedStyle(document.querySelector('.course-diagram')).breakInside,
        row: getComputedStyle(document.querySelector('article tr')).breakInside,
        printed: [...document.querySelectorAll('.course-diagram')].map(figure =>
            [...figure.children].filter(child => getComputedStyle(child).display !== 'none')
                .map(child => child.className)),
    })"""
    )
    assert (styles["heading"], styles["diagram"], styles["row"]) == ("avoid", "avoid", "avoid")
    # In the dark scheme, the light copy is the one on paper, and no button.
    assert styles["printed"] == [["course-diagram__print"]]
    page.close()


@pytest.mark.parametrize("lesson", DIAGRAM_LESSONS)
def test_on_a_phone_labels_stay_readable_and_wide_diagrams_scroll_in_their_frame(
    browser, site_server: str, lesson: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.add_init_script(DRAW_AT_ONCE)
    page.goto(site_server + lesson, wait_until="networkidle")
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    small = [(text, size) for text, size in page.evaluate(LABEL_SIZES) if size < 11.99]
    assert small == []
    frames = page.locator(".course-diagram__frame").evaluate_all(
        "frames => frames.map(frame => [frame.scrollWidth, frame.clientWidth])"
    )
    if lesson == "basics/request-flow/":  # five participants: wider than a phone
        assert all(scroll > client for scroll, client in frames)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.close()


def test_a_wide_table_scrolls_in_its_frame_with_its_first_column_in_view(
    browser, site_server: str
) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(site_server + "basics/first-steps/", wait_until="networkidle")
    frame = page.locator(".md-typeset__scrollwrap").first
    frame.scroll_into_view_if_needed()
    assert frame.evaluate("frame => frame.scrollWidth > frame.clientWidth")
    first, second = page.locator("article tbody tr").first.locator("td").all()[:2]
    left, second_before = first.bounding_box()["x"], second.bounding_box()["x"]
    frame.evaluate("frame => frame.scrollTo({ left: 80, behavior: 'instant' })")
    page.wait_for_timeout(100)
    # The second column slides under the first, which stays at the frame's left edge.
    assert second.bounding_box()["x"] < second_before - 60
    assert 0 <= first.bounding_box()["x"] <= left
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_full_screen_opens_zooms_and_closes_by_keyboard(
    browser, site_server: str, scheme: str
) -> None:
    page = browser.new_page(color_scheme=scheme)
    page.goto(site_server + "basics/request-flow/", wait_until="networkidle")
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    button = page.get_by_role("button", name="Open full screen")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="One request")
    dialog.wait_for()
    stage = page.locator(".course-viewer__stage")
    assert stage.evaluate("stage => stage === document.activeElement")
    drawing = stage.locator("svg")
    fitted = drawing.bounding_box()
    page.keyboard.press("+")
    zoomed = drawing.bounding_box()
    assert zoomed["width"] == pytest.approx(fitted["width"] * 1.25, rel=0.01)
    page.keyboard.press("ArrowLeft")
    assert drawing.bounding_box()["x"] == pytest.approx(zoomed["x"] + 48, abs=1)
    violations = Axe().run(page).response["violations"]
    assert [violation["id"] for violation in violations] == []
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert button.evaluate("element => element === document.activeElement")
    page.close()


def test_a_wrong_address_at_any_depth_offers_a_way_on(browser, site_server: str) -> None:
    page = browser.new_page()
    response = page.goto(site_server + "basics/no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert page.title() == "Page not found - The FastAPI Course"
    assert page.locator("article h1").text_content() == "404 - Page not found"
    modules = page.locator(".course-not-found__modules a")
    assert modules.all_inner_texts() == ["1. Basics", "2. Next Steps"]
    for link in page.locator("article a").all():
        target = page.request.get(link.evaluate("link => link.href"))
        assert target.status == 200, link.get_attribute("href")
    assert Axe().run(page).response["violations"] == []
    page.get_by_label("Search the course").fill("request flow")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(site_server).path)
    result = page.wait_for_selector("a.md-search-result__link", state="attached", timeout=10_000)
    assert "request-flow" in (result.get_attribute("href") or "")
    page.close()


def test_search_finds_a_diagram_by_its_accessible_name(browser, site_server: str) -> None:
    page = browser.new_page()
    page.goto(site_server, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("proxy")
    page.wait_for_selector("a.md-search-result__link", state="attached", timeout=10_000)
    links = page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert any("basics/request-flow/" in link and link.endswith("#the-flow") for link in links)
    page.close()
