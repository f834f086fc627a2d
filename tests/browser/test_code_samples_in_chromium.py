"""Code samples as readers use them: a file title, line numbers, and a copy button that copies
exactly the sample file or section."""

from __future__ import annotations

import re

import pytest
from helpers import FIXTURE_COURSE

pytestmark = pytest.mark.browser

LESSON = "basics/code-samples/"
SAMPLES = FIXTURE_COURSE / "docs_src/01-basics/03-code-samples"


def section(text: str, name: str) -> str:
    """A snippet section as pymdownx.snippets includes it: between its markers, dedented."""
    body = re.search(rf"\[start:{name}\]\n(.*?)\n[^\n]*\[end:{name}\]", text, re.DOTALL)
    assert body is not None
    return body[1]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("main.py", (SAMPLES / "main.py").read_text()),
        ("models.py: the model", section((SAMPLES / "models.py").read_text(), "model")),
    ],
)
def test_the_copy_button_copies_exactly_the_sample(browser, site_server: str, title, expected):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_server + LESSON)
    block = page.locator(
        "article div.highlight", has=page.locator(f'span.filename:text-is("{title}")')
    )
    assert block.count() == 1
    block.hover()
    block.get_by_role("button", name="Copy to clipboard").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.rstrip("\n") == expected.rstrip("\n")
    context.close()


def test_blocks_the_lesson_points_into_have_line_numbers(browser, site_server: str) -> None:
    page = browser.new_page()
    page.goto(site_server + LESSON)
    main = page.locator(
        "article div.highlight", has=page.locator('span.filename:text-is("main.py")')
    )
    numbers = main.locator(".linenos, .linenodiv").first.inner_text().split()
    assert numbers == [str(n) for n in range(1, 9)]
    assert main.locator(".hll").count() == 2  # lines 3 and 6, which the text explains
    page.close()
