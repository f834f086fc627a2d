"""The real course in Chromium: Mermaid itself draws every diagram of every published lesson,
at a readable size on a phone, and on paper."""

from __future__ import annotations

import html

import pytest
from bs4 import BeautifulSoup
from helpers import load_course
from served import (
    ALL_DRAWN,
    DRAW_AT_ONCE,
    LABEL_SIZES,
    SOURCE_MARKS,
    Served,
    missing_labels,
    pdf_text,
)

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
            const lines = String(error.message || error).split("\\n").filter(line => line.trim())
            failures.push(`${where}: ${lines.slice(0, 3).join(" / ")}`)
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


def lessons_with_diagrams(course_server: Served) -> list[str]:
    loaded = load_course(course_server.site_dir.parent)
    return [lesson.url for lesson in loaded.lessons if diagrams_of(course_server, lesson.url)]


def diagrams_of(course_server: Served, url: str) -> list:
    page = BeautifulSoup((course_server.site_dir / url / "index.html").read_text(), "html.parser")
    return page.select("article .course-diagram div.mermaid")


def test_on_a_phone_every_diagram_label_is_readable(browser, course_server: Served) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.add_init_script(DRAW_AT_ONCE)
    for url in lessons_with_diagrams(course_server):
        page.goto(course_server.url + url, wait_until="networkidle")
        page.wait_for_function(ALL_DRAWN, timeout=20_000)
        small = [(label, size) for label, size in page.evaluate(LABEL_SIZES) if size < 11.99]
        assert small == [], url
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390, url
    page.close()


def test_printing_a_lesson_prints_its_diagrams_and_none_of_their_source(
    browser, course_server: Served
) -> None:
    page = browser.new_page(color_scheme="dark")
    page.add_init_script(DRAW_AT_ONCE)
    for url in lessons_with_diagrams(course_server):
        page.goto(course_server.url + url, wait_until="networkidle")
        page.wait_for_function(ALL_DRAWN, timeout=20_000)
        labels = page.locator(".course-diagram svg :is(text, foreignObject)").evaluate_all(
            "labels => labels.map(label => label.textContent.trim()).filter(Boolean)"
        )
        text = pdf_text(page.pdf(format="A4"))
        assert missing_labels(labels, text) == [], url
        assert [mark for mark in SOURCE_MARKS if mark in text] == [], url
    page.close()
