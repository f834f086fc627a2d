"""The build's one line of advice on the course's quizzes: counts, and the lessons off the
recommended number, named a few at a time."""

from __future__ import annotations

import pytest
from course.self_check_parse import quiz_advice


@pytest.mark.parametrize(
    ("quizzes", "line"),
    [
        ({"docs/01-a/01-b.md": 3}, "3 quizzes in 1 lesson"),
        (
            {"docs/01-a/01-b.md": 1, "docs/01-a/02-c.md": 5},
            "6 quizzes in 2 lessons; not 3 to 5 in docs/01-a/01-b.md (1)",
        ),
        (
            {"docs/01-a/01-b.md": 0, "docs/01-a/02-c.md": 6},
            "6 quizzes in 2 lessons; not 3 to 5 in docs/01-a/01-b.md (0), docs/01-a/02-c.md (6)",
        ),
    ],
)
def test_quiz_advice(quizzes: dict[str, int], line: str) -> None:
    assert quiz_advice(quizzes) == line


def test_quiz_advice_stays_one_short_line_for_a_large_course() -> None:
    quizzes = {f"docs/01-a/{number:03}-lesson.md": 0 for number in range(500)}
    line = quiz_advice(quizzes)
    assert line.endswith("docs/01-a/002-lesson.md (0) and 497 other lessons")
    assert len(line) < 200
