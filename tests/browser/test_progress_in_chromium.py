"""Progress in a real browser: mark complete, instant navigation, reload, keyboard only."""

from __future__ import annotations

import pytest
from served import scroll_to_diagrams

pytestmark = pytest.mark.browser

LESSON_1 = "basics/first-steps/"
LESSON_2 = "basics/request-flow/"


def test_marking_a_lesson_complete_survives_instant_navigation_and_reload(
    page, site_server: str
) -> None:
    page.goto(site_server + LESSON_1)
    button = page.get_by_role("button", name="Mark as complete")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("status").text_content() == "Lesson marked as complete"

    # Instant navigation keeps the same document: a marker set on it survives the click.
    page.evaluate("window.sameDocument = true")
    page.locator("nav.course-breadcrumb a").first.click()
    page.wait_for_url(site_server)
    assert page.evaluate("window.sameDocument") is True
    progress = page.locator(".course-outline__progress")
    assert progress.inner_text() == "1 of 4 lessons done"
    assert page.locator(".course-outline__done").evaluate_all(
        "marks => marks.map(mark => !mark.hidden)"
    ) == [True, False, False, False]

    page.reload()
    assert progress.inner_text() == "1 of 4 lessons done"
    assert page.locator(f'[data-course-lesson="{LESSON_1}"] .course-outline__done').is_visible()

    # Unmarking is the same button again.
    page.goto(site_server + LESSON_1)
    page.get_by_role("button", name="Mark as complete").click()
    page.goto(site_server)
    assert progress.inner_text() == "0 of 4 lessons done"


def test_the_control_works_with_the_keyboard_alone(page, site_server: str) -> None:
    page.goto(site_server + LESSON_2)
    button = page.get_by_role("button", name="Mark as complete")
    for _ in range(200):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Mark as complete button")
    assert button.evaluate("element => element.matches(':focus-visible')")
    assert button.evaluate("element => getComputedStyle(element).outlineStyle") != "none"
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("status").text_content() == "Lesson marked as complete"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "false"
    assert page.get_by_role("status").text_content() == "Lesson marked as not complete"
    assert button.evaluate("element => element === document.activeElement")


def test_without_javascript_there_is_no_control(browser, site_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + LESSON_1)
    assert page.locator(".course-complete").is_hidden()
    page.goto(site_server)
    assert page.locator(".course-outline__progress").is_hidden()
    assert page.locator(".course-outline__lesson a").count() == 4  # the outline itself stays
    context.close()


def test_diagrams_render_after_instant_navigation(page, site_server: str) -> None:
    page.goto(site_server)
    page.evaluate("window.sameDocument = true")
    page.locator(".course-outline a", has_text="The Request Flow").click()
    page.wait_for_url(site_server + LESSON_2)
    scroll_to_diagrams(page)
    svg = page.wait_for_selector("article div.mermaid svg[aria-roledescription]", timeout=15_000)
    assert page.evaluate("window.sameDocument") is True
    assert svg.get_attribute("aria-roledescription") == "sequence"
    page.locator("a.md-footer__link--prev").click()  # back to lesson 1, with its flowchart
    page.wait_for_url(site_server + LESSON_1)
    scroll_to_diagrams(page)
    assert page.wait_for_selector("article div.mermaid svg", timeout=15_000)
    assert page.evaluate("window.sameDocument") is True


def test_diagrams_follow_the_palette_toggle(page, site_server: str) -> None:
    page.goto(site_server + LESSON_1)
    arrow = "article div.mermaid svg path.flowchart-link"
    scroll_to_diagrams(page)
    page.wait_for_selector(arrow, state="attached")
    light = page.locator(arrow).first.evaluate("path => getComputedStyle(path).stroke")
    page.locator("label[for='__palette_1']").click()  # Material's "Switch to dark mode"
    page.wait_for_function(
        f'stroke => getComputedStyle(document.querySelector("{arrow}")).stroke !== stroke',
        arg=light,
        timeout=15_000,
    )
    assert page.locator("article div.mermaid svg").count() == 1
