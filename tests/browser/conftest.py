"""What the browser tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A page in a fresh browser context (no stored progress); a script error fails the test."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []
