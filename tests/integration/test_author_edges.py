"""Authors' edge cases, each a fixture file: what the build says (one line, never a
traceback) or what it publishes."""

from __future__ import annotations

from pathlib import Path

from course import diagrams
from helpers import add_fixture, build_site

LESSON = "docs/01-basics/09-case.md"
LESSON_PAGE = "basics/case/"


def add_lesson(project: Path, fixture: str) -> None:
    add_fixture(project, f"author_edges/{fixture}", "01-basics/09-case.md")


def test_mermaid_s_accessibility_statements_are_read_as_mermaid_reads_them(project: Path) -> None:
    add_lesson(project, "diagram-descriptions.md")
    built = build_site(project)
    assert built.warnings == []
    page = built.html(LESSON_PAGE)
    texts = [text.get_text(" ", strip=True) for text in page.select(".course-diagram__text")]
    assert texts == [
        "A request and its answer The client sends GET /items/1, and the API answers 200 "
        "with the item.",
        "Spaces around the colon One line between braces",
        'An image tag in a description The page shows <img src="diagram.png"> as text, and '
        "never loads it.",
    ]
    # The source is the diagram's text, not elements of the page: no image to fetch or audit,
    # and a `<br>` in a label stays in the source Mermaid reads.
    for diagram in page.select(".mermaid"):
        assert diagram.find_all(True) == []
    assert "Content<br>one entry" in page.select(".mermaid")[2].get_text()


def test_a_description_block_never_closed_is_reported_missing(project: Path) -> None:
    add_lesson(project, "diagram-description-unclosed.md")
    built = build_site(project, strict=False)
    missing = diagrams.UNDESCRIBED.format(missing=diagrams.DESCRIPTION)
    assert built.warnings == [f"course: {LESSON}: diagram 1: {missing}"]
