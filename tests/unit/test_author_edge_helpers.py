"""Helpers behind the author edges (tests/integration/test_author_edges.py), called directly
on the fixture files of tests/fixtures/author_edges/."""

from __future__ import annotations

from course import diagrams
from course.front_matter import body
from helpers import FIXTURES

EDGES = FIXTURES / "author_edges"


def lesson_body(name: str) -> str:
    return body((EDGES / name).read_text(encoding="utf-8"))


def test_every_form_of_mermaid_s_accessible_text_is_read() -> None:
    found = [
        diagram.accessible_text()
        for diagram in diagrams.diagrams(lesson_body("diagram-descriptions.md"))
    ]
    assert found == [
        (
            "A request and its answer",
            "The client sends GET /items/1, and the API answers 200 with the item.",
        ),
        ("Spaces around the colon", "One line between braces"),
        (
            "An image tag in a description",
            'The page shows <img src="diagram.png"> as text, and never loads it.',
        ),
    ]
    assert [
        diagrams.undescribed(diagram)
        for diagram in diagrams.diagrams(lesson_body("diagram-descriptions.md"))
    ] == [None] * 3


def test_a_description_block_never_closed_is_no_description() -> None:
    (diagram,) = diagrams.diagrams(lesson_body("diagram-description-unclosed.md"))
    assert diagram.accessible_text() == ("The request flow", "")
    assert diagrams.undescribed(diagram) == (
        "diagram 1",
        diagrams.UNDESCRIBED.format(missing=diagrams.DESCRIPTION),
    )
