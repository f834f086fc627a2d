"""Front matter at its edges, built as real sites: dates from year 1 to 9999 with times and
zones, characters no output can carry, a search boost that JSON cannot hold, templates that
render no page, an empty block, a YAML error's line, and a shallow clone.

Each mistake is one line naming the file and the field, in `build` and in `serve`; what is
only a warning still builds, and every output it writes parses.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path, PurePosixPath

import pytest
from course import reader_words
from course.dates import SHALLOW_CLONE
from course.front_matter_values import newest_day, page_templates
from course.model import CourseError
from course.rules import (
    FRONT_MATTER_EMPTY,
    FRONT_MATTER_NOT_CLOSED,
    SEARCH_BOOST_RULE,
    TAG_CANNOT_MAKE,
    TEMPLATE_NOT_A_PAGE,
    UPDATED_IN_FUTURE,
    unpublishable,
)
from helpers import (
    DAYS_OUTSIDE_FASTAPIS_LIFETIME,
    FIXTURES,
    SITE_URL,
    BuildFailed,
    add_fixture,
    build_site,
    error_lines,
    front_matter,
    git,
    load_course,
)
from mkdocs.config import load_config
from test_author_edges import new_lesson

LESSON = "docs/01-basics/09-case.md"
LESSON_URL = "basics/case/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SERVE = pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])


def add_case(project: Path, case: str) -> Path:
    return add_fixture(project, f"front_matter/{case}.md", "01-basics/09-case.md")


def errors_of(project: Path, *, serve: bool = False) -> list[str]:
    """The lines the strict build stops with, or that `serve` says as errors."""
    if serve:
        return served_errors(project)
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    assert failed.value.warnings == []
    return [line for error in failed.value.errors for line in error.splitlines()]


def served_errors(project: Path) -> list[str]:
    """The lines `serve` says as errors of the lesson's front matter. It builds every page
    anyway; the lesson, named after its file, shows them instead of its body."""
    with error_lines() as lines:
        built = build_site(project, serve=True, strict=False)
    assert built.warnings == []
    page = built.html(LESSON_URL)
    shown = [admonition.get_text(strip=True) for admonition in page.select("article .failure")]
    assert shown == lines
    assert page.select_one("article h1").get_text() == PurePosixPath(LESSON).name
    assert PurePosixPath(LESSON).name in page.select_one("nav.md-nav--primary").get_text()
    assert built.html("basics/first-steps/").select_one("h1").get_text() == "First Steps"
    return lines


def loader_errors(project: Path) -> list[str]:
    with pytest.raises(CourseError) as raised:
        load_course(project)
    return str(raised.value).splitlines()


def strict_json(text: str) -> object:
    """JSON as a browser's JSON.parse reads it: NaN and Infinity are not JSON."""

    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def sitemap_days(site: Path) -> dict[str, str]:
    """Each address of the sitemap and its lastmod, read from the file and from its gzip copy,
    which must say the same."""
    text = (site / "sitemap.xml").read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == text
    root = ElementTree.fromstring(text)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


@pytest.mark.parametrize(
    ("case", "expected"),
    DAYS_OUTSIDE_FASTAPIS_LIFETIME,
)
@SERVE
def test_a_day_outside_fastapis_lifetime_is_one_warning_and_never_published(
    project: Path, case: str, expected: str, serve: bool
) -> None:
    add_case(project, case)
    warning = f"course: {LESSON}: updated: {expected}"
    with pytest.raises(BuildFailed) as failed:
        build_site(project, serve=serve)
    assert failed.value.warnings == [warning]
    built = build_site(project, strict=False, serve=serve)
    assert built.warnings == [warning]
    day = dt.date.fromisoformat(str(front_matter(project / LESSON)["updated"])[:10])
    page = built.html(LESSON_URL)
    assert [time["datetime"] for time in page.select("time")] == []
    shown = reader_words.for_config(load_config(str(project / "mkdocs.yml"))).date(day)
    assert shown not in page.get_text()  # "Updated 1 January 1"
    assert sitemap_days(built.site_dir)[SITE_URL + LESSON_URL] != day.isoformat()


def test_a_moment_with_a_time_and_a_zone_publishes_its_day(project: Path) -> None:
    add_case(project, "updated-with-zone")
    day = dt.date(2025, 6, 30).isoformat()  # `2025-06-30 23:30:00 -5`, as written
    built = build_site(project)
    assert built.warnings == []
    assert [time["datetime"] for time in built.html(LESSON_URL).select("time")] == [day]
    assert sitemap_days(built.site_dir)[SITE_URL + LESSON_URL] == day
    (script,) = built.html(LESSON_URL).select('script[type="application/ld+json"]')
    article = strict_json(script.string)["@graph"][0]
    assert article["dateModified"] == article["datePublished"] == day


CHARACTER_CASES = {
    "title-escape-character": "title",
    "title-noncharacter": "title",
    "description-c1-control": "description",
    "summary-delete-character": "summary",
    "subtitle-unit-separator": "subtitle",
    "keywords-null-character": "keywords",
}


@pytest.mark.parametrize(("case", "field"), CHARACTER_CASES.items())
def test_a_character_no_output_can_carry_is_one_line_in_every_text_field(
    project: Path, case: str, field: str
) -> None:
    value = front_matter(add_case(project, case))[field]
    if field == "keywords":
        entry = next(number for number, text in enumerate(value, start=1) if unpublishable(text))
        expected = f"entry {entry}: {unpublishable(value[entry - 1])}"
    else:
        expected = unpublishable(value)
    assert loader_errors(project) == [f"{LESSON}: {field}: {expected}"]


@SERVE
def test_a_control_character_is_one_line_in_build_and_serve_written_as_its_escape(
    project: Path, serve: bool
) -> None:
    add_case(project, "title-escape-character")
    (line,) = errors_of(project, serve=serve)
    assert line == f"{LESSON}: title: {unpublishable(front_matter(project / LESSON)['title'])}"
    assert "\\x1b" in line and "\x1b" not in line
    assert (project / "site").exists() == serve  # the build stops before writing a page


BOOSTS = {
    "search-boost-nan": "float nan",
    "search-boost-infinity": "float inf",
    "search-boost-negative-infinity": "float -inf",
    "search-boost-overflow": "float inf",
    "search-boost-zero": "int 0",
    "search-boost-negative": "int -1",
    "search-boost-boolean": "true",
    "search-boost-text": "str '2'",
}


@pytest.mark.parametrize(("case", "value"), BOOSTS.items())
def test_a_boost_that_is_not_a_finite_positive_number_is_one_line(
    project: Path, case: str, value: str
) -> None:
    add_case(project, case)
    assert loader_errors(project) == [f"{LESSON}: search: {SEARCH_BOOST_RULE}; got {value}"]


@SERVE
def test_a_nan_boost_is_one_line_in_build_and_serve(project: Path, serve: bool) -> None:
    add_case(project, "search-boost-nan")
    assert errors_of(project, serve=serve) == [
        f"{LESSON}: search: {SEARCH_BOOST_RULE}; got {BOOSTS['search-boost-nan']}"
    ]


def test_a_fractional_boost_is_written_into_an_index_every_browser_parses(project: Path) -> None:
    add_case(project, "search-boost-fraction")
    built = build_site(project)
    index = strict_json((built.site_dir / "search/search_index.json").read_text())
    boosts = {doc["location"]: doc.get("boost") for doc in index["docs"]}
    assert boosts[LESSON_URL] == front_matter(project / LESSON)["search"]["boost"]


def theme_dirs(project: Path) -> list[str]:
    return load_config(str(project / "mkdocs.yml")).theme.dirs


@pytest.mark.parametrize(
    "case",
    [
        "template-print",
        "template-redirect",
        "template-not-found",
        "template-partial",
        "template-base",
        "template-blog-post",
    ],
)
def test_a_template_that_renders_no_page_is_one_line_listing_those_that_do(
    project: Path, case: str
) -> None:
    name = front_matter(add_case(project, case))["template"]
    templates = ", ".join(page_templates(theme_dirs(project)))
    expected = TEMPLATE_NOT_A_PAGE.format(name=name, templates=templates)
    assert loader_errors(project) == [f"{LESSON}: template: {expected}"]


@SERVE
def test_print_html_as_a_template_is_one_line_in_build_and_serve(
    project: Path, serve: bool
) -> None:
    add_case(project, "template-print")
    templates = ", ".join(page_templates(theme_dirs(project)))
    expected = TEMPLATE_NOT_A_PAGE.format(name="print.html", templates=templates)
    assert errors_of(project, serve=serve) == [f"{LESSON}: template: {expected}"]


def test_a_template_of_overrides_that_extends_main_renders_the_whole_page(project: Path) -> None:
    for template in (FIXTURES / "front_matter/templates").iterdir():
        shutil.copyfile(template, project / "overrides" / template.name)
    add_case(project, "template-own")
    built = build_site(project)
    assert built.warnings == []
    page = built.html(LESSON_URL)
    assert page.select_one("html head link[rel=canonical]")["href"] == SITE_URL + LESSON_URL
    assert page.select_one(".narrow-lesson .wide-lesson h1").get_text(strip=True) == "A lesson"
    assert SITE_URL + LESSON_URL in sitemap_days(built.site_dir)


@SERVE
def test_an_empty_front_matter_block_says_it_is_empty(project: Path, serve: bool) -> None:
    add_case(project, "front-matter-empty")
    assert errors_of(project, serve=serve) == [f"{LESSON}: front matter: {FRONT_MATTER_EMPTY}"]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("front-matter-only-a-comment", FRONT_MATTER_EMPTY),
        ("front-matter-not-closed", FRONT_MATTER_NOT_CLOSED),
        (
            "tag-cannot-make",
            "not valid YAML (line 5): " + TAG_CANNOT_MAKE.format(tag="!!bool", value="'maybe'"),
        ),
    ],
)
def test_a_block_yaml_cannot_read_is_one_line(project: Path, case: str, expected: str) -> None:
    add_case(project, case)
    assert loader_errors(project) == [f"{LESSON}: front matter: {expected}"]


def test_a_yaml_error_names_the_line_of_the_file(project: Path) -> None:
    lesson = add_case(project, "yaml-error-on-line-2")
    broken = next(
        number
        for number, line in enumerate(lesson.read_text().splitlines(), start=1)
        if line.startswith("title: [")
    )
    (line,) = errors_of(project)
    assert line.startswith(f"{LESSON}: front matter: not valid YAML (line {broken}): ")


@SERVE
def test_a_bracket_never_closed_is_named_where_it_opens_in_a_new_lesson(
    project: Path, serve: bool
) -> None:
    # The parser reads on to the next field's line; the mistake is the title's.
    assert new_lesson(project, "1", "Path parameters").returncode == 0
    (lesson,) = (project / "docs/01-basics").glob("*-path-parameters.md")
    # Its front matter as written, without its draft flag and its body's placeholders.
    text = lesson.read_text().replace("draft: true\n", "").partition("\n---\n")[0]
    text += "\n---\n\nA body.\n"
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    lesson.write_text(text.replace(title, "title: [broken", 1))
    number = text.splitlines().index(title) + 1
    shutil.move(lesson, project / LESSON)
    (line,) = errors_of(project, serve=serve)
    assert line.startswith(f"{LESSON}: front matter: not valid YAML (line {number}): ")
    assert f"on line {number + 1}" in line


def test_a_day_is_in_the_future_once_it_has_begun_nowhere_on_earth() -> None:
    # Just after midnight UTC the Line Islands (UTC+14) are at 14:00 of that day; an author
    # there writes it as today, whatever the build machine's zone.
    moment = dt.datetime(2026, 12, 7, 10, 30, tzinfo=dt.UTC)
    assert newest_day(moment) == dt.date(2026, 12, 8)
    assert newest_day(moment - dt.timedelta(hours=1)) == dt.date(2026, 12, 7)
    assert newest_day(moment.astimezone(dt.timezone(dt.timedelta(hours=-11)))) == dt.date(
        2026, 12, 8
    )


def test_the_newest_day_begun_is_published_and_the_next_is_warned_as_future(
    project: Path,
) -> None:
    lesson = add_case(project, "updated-far-future")
    newest = newest_day()
    future = newest + dt.timedelta(days=1)
    warned = f"course: {LESSON}: updated: {UPDATED_IN_FUTURE.format(day=future.isoformat())}"
    for day, warnings in ((newest, []), (future, [warned])):
        text = lesson.read_text()
        written = next(line for line in text.splitlines() if line.startswith("updated: "))
        lesson.write_text(text.replace(written, f"updated: {day.isoformat()}T00:30:00+14:00"))
        built = build_site(project, strict=False)
        assert built.warnings == warnings
        shown = [time["datetime"][:10] for time in built.html(LESSON_URL).select("time")]
        assert (day.isoformat() in shown) == (warnings == [])


def test_a_shallow_clone_is_one_warning_and_a_whole_one_none(project: Path) -> None:
    git(project, "init", "--quiet")
    git(project, "add", ".")
    git(project, "commit", "--quiet", "-m", "The course")
    assert build_site(project).warnings == []
    clone = project.parent / "clone"
    git(project.parent, "clone", "--quiet", "--depth=1", project.as_uri(), clone.name)
    with pytest.raises(BuildFailed) as failed:
        build_site(clone)
    assert failed.value.warnings == [f"course: {SHALLOW_CLONE}"]


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_a_page_shown_as_its_mistakes_leaves_the_links_to_its_anchors_alone(
    project: Path, serve: bool
) -> None:
    # First Steps links to the request flow's `#the-flow`; the request flow's front matter
    # breaks, and the page shows its mistakes instead of its body, which has that anchor.
    # serve says what the build says: the mistake, not a missing anchor.
    target = project / "docs/01-basics/02-request-flow.md"
    target.write_text(target.read_text().replace("title:", "heading:", 1))
    if serve:
        with error_lines() as lines:
            built = build_site(project, serve=True, strict=False)
        warnings = built.warnings
    else:
        with pytest.raises(BuildFailed) as failed:
            build_site(project)
        lines, warnings = failed.value.errors, failed.value.warnings
    assert warnings == []
    assert lines and all(line.startswith("docs/01-basics/02-request-flow.md: ") for line in lines)
