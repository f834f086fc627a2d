"""A finding about many files names a few and counts the rest: output grows with the course,
not with its square."""

from __future__ import annotations

import pytest
from course import seo_findings
from course.rules import some_of
from model_builders import one_module_course

LESSONS = 500


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["a"], "a"),
        (["a", "b", "c", "d"], "a, b, c, d"),
        (["a", "b", "c", "d", "e"], "a, b, c and 2 other files"),
        ([f"f{n}" for n in range(500)], "f0, f1, f2 and 497 other files"),
    ],
)
def test_some_of_names_a_few_and_counts_the_rest(names: list[str], expected: str) -> None:
    assert some_of(names, "file") == expected


def test_a_description_shared_by_every_lesson_is_one_short_finding_each() -> None:
    lessons = [(f"Lesson {n}", "The same description, every time.", ("k",)) for n in range(LESSONS)]
    loaded = one_module_course("A", lessons)
    found = list(seo_findings.duplicates(list(loaded.lessons), lambda lesson: lesson.src_uri))
    assert len(found) == LESSONS
    lesson, (field, message) = found[0]
    assert (lesson.src_uri, field, message) == (
        "01-a/001-l.md",
        "description",
        "the same as in 01-a/002-l.md, 01-a/003-l.md, 01-a/004-l.md and 496 other lessons",
    )
    assert max(len(message) for _, (_, message) in found) < 120
