"""A title made of markup stays text in the page, its navigation and search results."""

from __future__ import annotations

import pytest
from helpers import add_fixture
from served import built_and_served

pytestmark = pytest.mark.browser

TITLE = '<img src=x onerror="window.pwned=1">'


def test_a_markup_title_runs_nothing_and_shows_as_text(browser, project) -> None:
    add_fixture(project, "lessons/img-title.md", "01-basics/09-case.md")
    with built_and_served(project) as url:
        page = browser.new_page()
        page.goto(url + "basics/case/", wait_until="networkidle")
        assert page.locator("article h1").text_content() == TITLE
        link = page.locator("nav.md-nav--primary a.md-nav__link--active")
        assert link.inner_text().splitlines() == [TITLE, '<img src=y onerror="window.pwned=2">']
        page.keyboard.press("/")
        page.keyboard.type("Xylophone")
        result = page.wait_for_selector(
            "a.md-search-result__link h1", state="attached", timeout=10_000
        )
        assert result.text_content() == TITLE
        assert page.evaluate("() => window.pwned") is None
        page.close()
