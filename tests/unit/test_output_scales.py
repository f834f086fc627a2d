"""A finding about many files names a few and counts the rest: output grows with the course,
not with its square."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import course
import pytest
import seo_check

LESSONS = 500


def same_description_course(lessons: int) -> course.Course:
    meta = course.FrontMatter
    home = course.Page("index.md", "./", meta("Course", "d"))
    module = course.Module("01-a/index.md", "a/", meta("A", "d"), number=1)
    for number in range(1, lessons + 1):
        module.lessons.append(
            course.Lesson(
                f"01-a/{number:03d}-l.md",
                f"a/l{number}/",
                meta(f"Lesson {number}", "The same description, every time.", keywords=("k",)),
                module=module,
                number=number,
                position=number,
                reading_minutes=1,
            )
        )
    return course.Course(course.Provider("Course", "https://e.org/"), home, [module])


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
    assert course.some_of(names, "file") == expected


def test_a_description_shared_by_every_lesson_is_one_short_line_each(caplog) -> None:
    loaded = same_description_course(LESSONS)
    config = SimpleNamespace(config_file_path="/p/mkdocs.yml", docs_dir="/p/docs")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.seo"):
        seo_check.check_duplicates(loaded.lessons, config)
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == LESSONS
    assert lines[0] == (
        "seo: docs/01-a/001-l.md: description: the same as in docs/01-a/002-l.md, "
        "docs/01-a/003-l.md, docs/01-a/004-l.md and 496 other lessons"
    )
    assert max(map(len, lines)) < 200
