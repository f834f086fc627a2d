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


def test_updated_accepts_a_quoted_iso_date_and_a_datetime() -> None:
    checker = FrontMatterCheck("x.md")
    assert checker.date("2026-01-02") == dt.date(2026, 1, 2)
    assert checker.date(dt.datetime(2026, 1, 2, 3, 4)) == dt.date(2026, 1, 2)
    assert checker.errors == []


def test_a_list_keyword_entry_is_refused() -> None:
    checker = check(f"---\ntitle: T\ndescription: {'d' * 60}\nkeywords: [[a, b]]\n---\n")
    assert [str(e) for e in checker.errors] == [
        "docs/01-x/01-y.md: keywords: entry 1 must be non-empty text"
    ]
