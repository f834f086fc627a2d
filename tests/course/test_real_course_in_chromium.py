"""The real course in Chromium: Mermaid itself draws every diagram of every published lesson."""

from __future__ import annotations

import html

import pytest
from bs4 import BeautifulSoup
from helpers import load_course
from served import Served

pytestmark = pytest.mark.browser

# Draws each diagram with the site's own Mermaid, as diagrams.js does, and reports failures.
RENDER_ALL = """async diagrams => {
    const { default: mermaid } = await import("mermaid")
    mermaid.initialize({ startOnLoad: false })
    const failures = []
    for (const [index, [where, source]] of diagrams.entries()) {
        try {
            await mermaid.render(`course-diagram-${index}`, source)
        } catch (error) {
            failures.push(`${where}: ${String(error.message || error).split("\\n")[0]}`)
        }
    }
    return failures
}"""


def test_mermaid_draws_every_diagram(browser, course_server: Served) -> None:
    loaded = load_course(course_server.site_dir.parent)
    site = course_server.site_dir
    diagrams = []
    for lesson in loaded.lessons:
        page = BeautifulSoup((site / lesson.url / "index.html").read_text(), "html.parser")
        for diagram in page.select("article div.mermaid"):
            source = html.unescape(diagram.get_text())
            first_line = source.strip().splitlines()[0]
            diagrams.append((f"docs/{lesson.src_uri}: {first_line}", source))
    page = browser.new_page()
    page.goto(course_server.url, wait_until="networkidle")
    assert page.evaluate(RENDER_ALL, diagrams) == []
    page.close()
