"""FrontMatterCheck and the name rule, called directly."""

from __future__ import annotations

import datetime as dt

import pytest
from course.front_matter import FrontMatterCheck
from course.model import FrontMatter
from course.rules import LESSON_KEYS, NUMBERED_NAME, PAGE_KEYS


def check(text: str, keys: frozenset[str] = LESSON_KEYS) -> FrontMatterCheck:
    checker = FrontMatterCheck("docs/01-x/01-y.md")
    checker.read(text, keys)
    return checker


@pytest.mark.parametrize(
    ("name", "number", "slug"),
    [
        ("01-introduction", "01", "introduction"),
        ("3-why-fast", "3", "why-fast"),
        ("10-a1-b2", "10", "a1-b2"),
    ],
)
def test_numbered_names(name: str, number: str, slug: str) -> None:
    match = NUMBERED_NAME.fullmatch(name)
    assert match is not None
    assert (match["number"], match["slug"]) == (number, slug)


@pytest.mark.parametrize(
    "name", ["introduction", "01", "01-", "01-Intro", "01_intro", "01--a", "a-01"]
)
def test_names_that_are_not_numbered(name: str) -> None:
    assert NUMBERED_NAME.fullmatch(name) is None


def test_a_complete_lesson_reads_into_front_matter() -> None:
    checker = FrontMatterCheck("docs/01-x/01-y.md")
    meta = checker.read(
        "---\ntitle: '  What   is FastAPI? '\ndescription: " + "d" * 60 + "\n"
        "keywords: [What is FastAPI, FastAPI vs Flask]\nupdated: 2026-11-27\n"
        "newsletter: false\n---\nBody\n",
        LESSON_KEYS,
    )
    assert checker.errors == checker.warnings == []
    assert meta == FrontMatter(
        title="What is FastAPI?",
        description="d" * 60,
        summary=None,
        keywords=("What is FastAPI", "FastAPI vs Flask"),
        newsletter=False,
        updated=dt.date(2026, 11, 27),
        draft=False,
    )


def test_a_byte_order_mark_does_not_hide_the_front_matter() -> None:
    assert (
        check("\ufeff---\ntitle: T\ndescription: " + "d" * 60 + "\n---\n", PAGE_KEYS).errors == []
    )


@pytest.mark.parametrize(("length", "ok"), [(70, True), (71, False)])
def test_title_limit(length: int, ok: bool) -> None:
    checker = check(f"---\ntitle: {'t' * length}\ndescription: {'d' * 60}\nkeywords: [k]\n---\n")
    assert (checker.errors == []) is ok


def test_updated_accepts_a_day_written_several_ways() -> None:
    checker = FrontMatterCheck("x.md")
    for written in ("2026-01-02", "2026-1-2", "2026-01-02T10:30:00"):
        assert checker.date(written, published=True) == dt.date(2026, 1, 2), written
    assert checker.date(dt.datetime(2026, 1, 2, 3, 4), published=True) == dt.date(2026, 1, 2)
    assert checker.errors == checker.warnings == []


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (
            "2026-13-45",
            "x.md: updated: 2026-13-45 is not a day of the calendar (month must be in 1..12)",
        ),
        (
            "2026-02-30",
            "x.md: updated: 2026-02-30 is not a day of the calendar "
            "(day is out of range for month)",
        ),
        ("last tuesday", "x.md: updated: must be a date like 2026-11-27, got str 'last tuesday'"),
    ],
)
def test_an_impossible_date_is_an_error_naming_updated(written: str, problem: str) -> None:
    checker = FrontMatterCheck("x.md")
    assert checker.date(written, published=True) is None
    assert [str(error) for error in checker.errors] == [problem]


def test_a_future_date_is_a_warning_once_published() -> None:
    checker = FrontMatterCheck("x.md")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert checker.date(tomorrow.isoformat(), published=False) == tomorrow
    assert checker.warnings == []
    assert checker.date(tomorrow.isoformat(), published=True) == tomorrow
    assert [str(warning) for warning in checker.warnings] == [
        f"x.md: updated: {tomorrow.isoformat()} is in the future: give the day of the last "
        "real change"
    ]


def test_a_key_given_twice_is_an_error_naming_it() -> None:
    checker = check(f"---\ntitle: T\ndescription: {'d' * 60}\ntitle: U\nkeywords: [k]\n---\n")
    assert [str(error) for error in checker.errors] == [
        "docs/01-x/01-y.md: title: given twice (lines 2 and 4): keep one"
    ]


def test_a_list_keyword_entry_is_refused() -> None:
    checker = check(f"---\ntitle: T\ndescription: {'d' * 60}\nkeywords: [[a, b]]\n---\n")
    assert [str(e) for e in checker.errors] == [
        "docs/01-x/01-y.md: keywords: entry 1 must be non-empty text"
    ]
