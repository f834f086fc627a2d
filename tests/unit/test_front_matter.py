"""FrontMatterCheck, the front-matter declarations and the name rule, called directly."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from course import dates
from course.front_matter import FrontMatterCheck
from course.front_matter_values import PageKind, newest_day, page_templates
from course.model import FrontMatter
from course.print_assembly import PRINT_PAGE
from course.rules import (
    FRONT_MATTER_EMPTY,
    FRONT_MATTER_NOT_CLOSED,
    NUMBERED_NAME,
    PAGE_TEMPLATE,
    SEARCH_BOOST_RULE,
    SITE_TEMPLATES,
    TAG_CANNOT_MAKE,
    TEMPLATE_MISSING,
    TEMPLATE_NOT_A_PAGE,
    UNPUBLISHABLE,
    UPDATED_EARLIEST,
    UPDATED_IN_FUTURE,
    UPDATED_NO_SUCH_ZONE,
    UPDATED_NOT_A_TIME,
    unpublishable,
)
from helpers import DAYS_OUTSIDE_FASTAPIS_LIFETIME, FIXTURE_COURSE, FIXTURES, fixture_project, git
from mkdocs.config import load_config

CASES = FIXTURES / "front_matter"
PATH = "docs/01-x/01-y.md"


def check(text: str, kind: PageKind = "lesson") -> FrontMatterCheck:
    checker = FrontMatterCheck(PATH)
    checker.read(text, kind)
    return checker


def lesson_with(**fields: object) -> str:
    """A lesson's front matter that passes, with `fields` added or changed."""
    given = {"title": "T", "description": "d" * 60, "keywords": ["k"], **fields}
    return f"---\n{yaml.safe_dump(given, allow_unicode=True, sort_keys=False)}---\n"


def read_updated(written: str, *, draft: bool = False) -> tuple[dt.date | None, FrontMatterCheck]:
    """The day a lesson whose `updated` says `written` keeps, and what reading it found."""
    checker = FrontMatterCheck("x.md")
    meta = checker.read(lesson_with(updated=written, draft=draft), "lesson")
    return (meta.updated if meta is not None else None), checker


def read_case(
    name: str, theme_dirs: list[str] | None = None
) -> tuple[FrontMatter | None, FrontMatterCheck]:
    """The lesson tests/fixtures/front_matter/<name>.md, read as the build reads a lesson."""
    checker = FrontMatterCheck(PATH, theme_dirs or ())
    return checker.read((CASES / f"{name}.md").read_text(encoding="utf-8"), "lesson"), checker


def check_case(name: str, theme_dirs: list[str] | None = None) -> FrontMatterCheck:
    return read_case(name, theme_dirs)[1]


def lines(problems: list) -> list[str]:
    return [str(problem) for problem in problems]


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
        "lesson",
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
    assert check("\ufeff---\ntitle: T\ndescription: " + "d" * 60 + "\n---\n", "module").errors == []


@pytest.mark.parametrize(("length", "ok"), [(70, True), (71, False)])
def test_title_limit(length: int, ok: bool) -> None:
    checker = check(f"---\ntitle: {'t' * length}\ndescription: {'d' * 60}\nkeywords: [k]\n---\n")
    assert (checker.errors == []) is ok


def test_updated_accepts_a_day_written_several_ways() -> None:
    for written in ("2026-01-02", "2026-1-2", "2026-01-02T10:30:00"):
        day, checker = read_updated(written)
        assert day == dt.date(2026, 1, 2), written
        assert checker.errors == checker.warnings == []
    made = FrontMatter(title="T", description="d", updated=dt.datetime(2026, 1, 2, 3, 4))
    assert made.updated == dt.date(2026, 1, 2)


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
    day, checker = read_updated(written)
    assert day is None
    assert [str(error) for error in checker.errors] == [problem]


def test_a_future_date_is_a_warning_once_published_and_never_used() -> None:
    tomorrow = newest_day() + dt.timedelta(days=1)
    day, checker = read_updated(tomorrow.isoformat(), draft=True)
    assert day is None and checker.warnings == []
    day, checker = read_updated(tomorrow.isoformat())
    assert day is None
    assert lines(checker.warnings) == [
        f"x.md: updated: {UPDATED_IN_FUTURE.format(day=tomorrow.isoformat())}"
    ]
    assert read_updated(newest_day().isoformat())[0] == newest_day()


def test_updated_accepts_every_form_of_a_yaml_timestamp() -> None:
    forms = yaml.safe_load((CASES / "updated-forms.yml").read_text())
    for day, written in forms.items():
        for form in written:
            read, checker = read_updated(form)
            assert read == day, form
            assert checker.errors == checker.warnings == []


def test_an_unquoted_timestamp_with_a_zone_gives_the_day_as_written() -> None:
    meta, checker = read_case("updated-with-zone")
    assert checker.errors == checker.warnings == []
    assert meta is not None and meta.updated == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("case", "expected"),
    DAYS_OUTSIDE_FASTAPIS_LIFETIME,
)
def test_a_day_outside_fastapis_lifetime_is_a_warning_and_not_used(
    case: str, expected: str
) -> None:
    meta, checker = read_case(case)
    assert checker.errors == []
    assert lines(checker.warnings) == [f"{PATH}: updated: {expected}"]
    assert meta is not None and meta.updated is None  # the page keeps its dates from git


def test_the_earliest_day_is_accepted() -> None:
    day, checker = read_updated(UPDATED_EARLIEST.isoformat())
    assert day == UPDATED_EARLIEST and checker.warnings == []
    day, checker = read_updated((UPDATED_EARLIEST - dt.timedelta(days=1)).isoformat())
    assert day is None
    assert checker.errors == [] and len(checker.warnings) == 1


def reason(make: object, *arguments: int) -> str:
    """What Python says when `make(*arguments)` cannot be made."""
    with pytest.raises(ValueError) as raised:
        make(*arguments)  # type: ignore[operator]
    return str(raised.value)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "updated-impossible-time",
            UPDATED_NOT_A_TIME.format(
                text="2025-06-30T24:00:00Z", reason=reason(dt.time, 24, 0, 0)
            ),
        ),
        ("updated-impossible-zone", UPDATED_NO_SUCH_ZONE.format(text="2025-06-30T10:00:00+24:00")),
    ],
)
def test_a_moment_no_clock_shows_is_an_error_naming_updated(case: str, expected: str) -> None:
    checker = check_case(case)
    assert lines(checker.errors) == [f"{PATH}: updated: {expected}"]


@pytest.mark.parametrize("case", ["front-matter-empty", "front-matter-only-a-comment"])
def test_an_empty_block_says_so(case: str) -> None:
    assert lines(check_case(case).errors) == [f"{PATH}: front matter: {FRONT_MATTER_EMPTY}"]


def test_a_block_never_closed_says_so() -> None:
    checker = check_case("front-matter-not-closed")
    assert lines(checker.errors) == [f"{PATH}: front matter: {FRONT_MATTER_NOT_CLOSED}"]


@pytest.mark.parametrize(
    ("case", "line"),
    [("yaml-error-on-line-2", 2), ("invalid-yaml", 4)],
)
def test_a_yaml_error_names_the_line_of_the_file_that_holds_it(case: str, line: int) -> None:
    text = (CASES / f"{case}.md").read_text()
    assert "[" in text.splitlines()[line - 1]  # the bracket never closed
    (error,) = lines(check_case(case).errors)
    assert error.startswith(f"{PATH}: front matter: not valid YAML (line {line}): ")


def test_a_value_its_tag_cannot_make_is_one_line_naming_its_line() -> None:
    (error,) = lines(check_case("tag-cannot-make").errors)
    made = TAG_CANNOT_MAKE.format(tag="!!bool", value=repr("maybe"))
    assert error == f"{PATH}: front matter: not valid YAML (line 5): {made}"


def test_a_tagged_timestamp_is_read_as_the_course_reads_any_date() -> None:
    # PyYAML's own timestamp constructor ends in an AttributeError on a zone with seconds.
    meta, checker = read_case("updated-tagged-timestamp")
    assert checker.errors == checker.warnings == []
    assert meta is not None and meta.updated == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("case", "field", "kind", "character", "position"),
    [
        ("title-escape-character", "title", "control character", "\x1b", 4),
        ("title-noncharacter", "title", "noncharacter", "\uffff", 17),
        ("description-c1-control", "description", "control character", "\x9b", 40),
        ("summary-delete-character", "summary", "control character", "\x7f", 36),
        ("subtitle-unit-separator", "subtitle", "control character", "\x1f", 9),
        ("keywords-null-character", "keywords", "control character", "\x00", 5),
    ],
)
def test_a_character_no_output_can_carry_is_refused_as_its_escape(
    case: str, field: str, kind: str, character: str, position: int
) -> None:
    where = "entry 2: " if field == "keywords" else ""
    refused = UNPUBLISHABLE.format(kind=kind, character=repr(character), position=position)
    assert lines(check_case(case).errors) == [f"{PATH}: {field}: {where}{refused}"]


def test_exactly_the_characters_xml_and_html_cannot_carry_are_refused() -> None:
    """Every code point, against XML 1.0's Char production and HTML's parse errors (controls
    and noncharacters), worked out here from Unicode's own categories."""

    def refused(char: str) -> bool:
        code = ord(char)
        xml_char = char in "\t\n\r" or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
        xml_char = xml_char or 0x10000 <= code <= sys.maxunicode
        noncharacter = 0xFDD0 <= code <= 0xFDEF or code % 0x10000 >= 0xFFFE
        control = unicodedata.category(char) == "Cc" and char not in "\t\n\r"
        return not xml_char or noncharacter or control

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (unpublishable(f"ok{char}") is not None) == refused(char), hex(code)
    assert unpublishable("Dict<str, T> \u202e ünïcode 😀\tand\r\n") is None


@pytest.mark.parametrize(
    ("case", "value"),
    [
        ("search-boost-nan", "float nan"),
        ("search-boost-infinity", "float inf"),
        ("search-boost-negative-infinity", "float -inf"),
        ("search-boost-overflow", "float inf"),
        ("search-boost-zero", "int 0"),
        ("search-boost-negative", "int -1"),
        ("search-boost-boolean", "true"),
        ("search-boost-text", "str '2'"),
    ],
)
def test_boost_is_a_finite_number_above_zero(case: str, value: str) -> None:
    assert lines(check_case(case).errors) == [f"{PATH}: search: {SEARCH_BOOST_RULE}; got {value}"]


def test_a_fractional_boost_is_accepted() -> None:
    meta, checker = read_case("search-boost-fraction")
    assert checker.errors == []
    assert meta is not None and meta.material["search"] == {"boost": 2.5}


@pytest.fixture
def theme_dirs(tmp_path: Path) -> list[str]:
    """The theme folders of a project whose overrides/ hold two page templates of its own."""
    project = fixture_project(tmp_path / "project")
    for template in (CASES / "templates").iterdir():
        shutil.copyfile(template, project / "overrides" / template.name)
    return load_config(str(project / "mkdocs.yml")).theme.dirs


def test_page_templates_are_main_and_the_sites_templates_that_extend_it(theme_dirs) -> None:
    assert page_templates(theme_dirs) == [PAGE_TEMPLATE, "wide-lesson.html", "narrow-lesson.html"]
    assert check_case("template-own", theme_dirs).errors == []


def test_the_site_templates_are_the_pages_the_site_renders_for_itself(theme_dirs) -> None:
    config = load_config(str(Path(theme_dirs[0]).parent / "mkdocs.yml"))
    pages = {name for name in config.theme.static_templates if name.endswith(".html")}
    assert pages | {PRINT_PAGE} == SITE_TEMPLATES


@pytest.mark.parametrize(
    ("case", "name"),
    [
        ("template-print", "print.html"),
        ("template-redirect", "redirect.html"),
        ("template-not-found", "404.html"),
        ("template-partial", "partials/seo.html"),
        ("template-base", "base.html"),
        ("template-blog-post", "blog-post.html"),
    ],
)
def test_a_template_that_renders_no_page_is_one_line_listing_those_that_do(
    theme_dirs, case: str, name: str
) -> None:
    templates = ", ".join(page_templates(theme_dirs))
    expected = TEMPLATE_NOT_A_PAGE.format(name=name, templates=templates)
    assert lines(check_case(case, theme_dirs).errors) == [f"{PATH}: template: {expected}"]


def test_a_missing_template_is_one_line_listing_the_page_templates(theme_dirs) -> None:
    templates = ", ".join(page_templates(theme_dirs))
    expected = TEMPLATE_MISSING.format(name="lesson-layout.html", templates=templates)
    assert lines(check_case("template-missing", theme_dirs).errors) == [
        f"{PATH}: template: {expected}"
    ]


@pytest.fixture
def course_history(tmp_path: Path) -> Path:
    """A repository of the fixture course: all of it on 2026-01-01, then one lesson changed
    on 2026-02-01."""
    repository = tmp_path / "history"
    shutil.copytree(FIXTURE_COURSE / "docs", repository / "docs")
    git(repository, "init", "--quiet")
    git(repository, "add", "docs")
    git(repository, "commit", "--quiet", "-m", "The course")
    lesson = repository / "docs/01-basics/01-first-steps.md"
    lesson.write_text(lesson.read_text() + "\nOne more line.\n")
    git(repository, "commit", "--quiet", "-am", "A change", day="2026-02-01")
    return repository


@pytest.fixture
def course_warnings() -> Iterator[list[str]]:
    """What the course logs as warnings, as the build shows them."""
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    yield warnings
    logger.removeHandler(handler)


def test_git_dates_of_the_whole_history(course_history: Path, course_warnings) -> None:
    found = dates.git_dates(str(course_history / "docs"))
    assert found["01-basics/01-first-steps.md"] == (dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    assert found["index.md"] == (dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    assert course_warnings == []


def test_a_shallow_clone_is_a_warning(course_history: Path, course_warnings) -> None:
    clone = course_history.parent / "clone"
    git(course_history.parent, "clone", "--quiet", "--depth=1", course_history.as_uri(), "clone")
    found = dates.git_dates(str(clone / "docs"))
    # What the warning is about: every page seems new in the one commit fetched.
    assert set(found.values()) == {(dt.date(2026, 2, 1), dt.date(2026, 2, 1))}
    assert course_warnings == [f"course: {dates.SHALLOW_CLONE}"]


def test_outside_a_repository_there_are_no_dates_and_no_warning(
    tmp_path: Path, course_warnings
) -> None:
    assert dates.git_dates(str(tmp_path)) == {}
    assert course_warnings == []


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
