"""Broken lessons, layouts and settings: each stops the build with one line per problem.

Mistakes the course loader finds are checked by calling it, as the build does, without
rendering a page; whole builds prove that the build reports them the same way, and check
what only a build finds.
"""

from __future__ import annotations

import pytest
from course.front_matter_fields import unknown_field
from course.model import CourseError
from course.rules import (
    EMPTY_TEXT,
    ENTRY_NOT_TEXT,
    FRONT_MATTER_MISSING,
    HIDEABLE,
    ICON_EXAMPLE,
    ICON_MISSING,
    KEYWORDS_MAX,
    KEYWORDS_REQUIRED,
    LIST_SIZE,
    NOT_A_FLAG,
    NOT_A_FORM,
    NOT_A_LIST,
    NOT_CHOICES,
    NOT_TEXT,
    NOT_TEXT_HINT,
    PAGE_TEMPLATE,
    REQUIRED,
    SEARCH_FORM,
    STATUS_EXAMPLE,
    SUMMARY_MAX,
    TEMPLATE_EXAMPLE,
    TEMPLATE_MISSING,
    TITLE_MAX,
    TOO_LONG,
    UPDATED_FORM,
    UPDATED_NOT_A_DAY,
)
from helpers import BuildFailed, add_fixture, build_site, config_fixture, load_course

LESSON = "docs/01-basics/09-case.md"

HIDE_RULE = "hide: " + NOT_CHOICES.format(choices=", ".join(sorted(HIDEABLE)))
SEARCH_RULE = f"search: {SEARCH_FORM}"


def build_error(project, **overrides) -> list[str]:
    with pytest.raises(BuildFailed) as raised:
        build_site(project, **overrides)
    assert raised.value.warnings == []
    return [line for error in raised.value.errors for line in error.splitlines()]


def load_error(project, **overrides) -> list[str]:
    """The lines the course loader stops the build with."""
    with pytest.raises(CourseError) as raised:
        load_course(project, **overrides)
    assert raised.value.warnings == []
    return str(raised.value).splitlines()


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("missing-title", f"title: {REQUIRED}"),
        ("title-too-long", "title: " + TOO_LONG.format(length=TITLE_MAX + 4, maximum=TITLE_MAX)),
        ("title-blank", f"title: {EMPTY_TEXT}"),
        ("title-not-text", "title: " + NOT_TEXT.format(value="int 2024", hint=NOT_TEXT_HINT)),
        ("missing-description", f"description: {REQUIRED}"),
        ("missing-keywords", f"keywords: {KEYWORDS_REQUIRED}"),
        ("keywords-not-a-list", "keywords: " + NOT_A_LIST.format(value="str 'FastAPI, testing'")),
        (
            "keywords-too-many",
            "keywords: " + LIST_SIZE.format(count=KEYWORDS_MAX + 1, fewest=1, most=KEYWORDS_MAX),
        ),
        ("keywords-empty-entry", "keywords: " + ENTRY_NOT_TEXT.format(position=2)),
        (
            "summary-too-long",
            "summary: " + TOO_LONG.format(length=SUMMARY_MAX + 1, maximum=SUMMARY_MAX),
        ),
        ("unknown-field", f"author: {unknown_field('lesson')}"),
        ("newsletter-not-boolean", "newsletter: " + NOT_A_FLAG.format(value="str 'off please'")),
        ("updated-not-a-date", f"updated: {UPDATED_FORM}, got str 'last tuesday'"),
        ("draft-not-boolean", "draft: " + NOT_A_FLAG.format(value="str 'maybe'")),
        (
            "front-matter-not-a-mapping",
            "front matter: must be a mapping of fields such as `title: ...`",
        ),
        (
            "invalid-yaml",
            # libyaml's wording: the lock's PyYAML wheels all include it (course/front_matter.py).
            # The line of the bracket left open, not the closing --- where libyaml gave up.
            "front matter: not valid YAML (line 4): did not find expected ',' or ']' before the "
            "block ends (while parsing a flow sequence)",
        ),
        ("no-front-matter", f"front matter: {FRONT_MATTER_MISSING}"),
        ("hide-not-a-list", HIDE_RULE),
        ("hide-unknown-part", HIDE_RULE),
        ("search-not-a-mapping", SEARCH_RULE),
        ("search-bad-exclude", SEARCH_RULE),
        (
            "template-missing",
            "template: "
            + TEMPLATE_MISSING.format(name="lesson-layout.html", templates=PAGE_TEMPLATE),
        ),
        (
            "template-outside",
            "template: "
            + NOT_A_FORM.format(example=TEMPLATE_EXAMPLE, value="str '../secrets.html'"),
        ),
        ("icon-not-text", "icon: " + NOT_A_FORM.format(example=ICON_EXAMPLE, value="int 3")),
        ("icon-missing", "icon: " + ICON_MISSING.format(name="material/no-such-icon")),
        (
            "status-not-a-name",
            "status: "
            + NOT_A_FORM.format(
                example=STATUS_EXAMPLE, value="""str 'new" onmouseover="alert(1)'"""
            ),
        ),
        ("subtitle-not-text", "subtitle: " + NOT_TEXT.format(value="a list", hint="")),
        ("not-utf8", "is not UTF-8 text"),
    ],
)
def test_a_front_matter_mistake_stops_the_build_naming_file_and_field(
    project, fixture: str, expected: str
) -> None:
    add_fixture(project, f"front_matter/{fixture}.md", "01-basics/09-case.md")
    assert load_error(project) == [f"{LESSON}: {expected}"]


def test_the_build_reports_every_problem_of_every_file_at_once(project) -> None:
    add_fixture(project, "front_matter/many-problems.md", "01-basics/09-case.md")
    add_fixture(project, "front_matter/missing-title.md", "01-basics/10-other.md")
    assert build_error(project) == [
        f"{LESSON}: title: {EMPTY_TEXT}",
        f"{LESSON}: description: {REQUIRED}",
        f"{LESSON}: keywords: " + LIST_SIZE.format(count=0, fewest=1, most=KEYWORDS_MAX),
        f"{LESSON}: updated: "
        + UPDATED_NOT_A_DAY.format(text="2026-13-45", reason="month must be in 1..12"),
        f"docs/01-basics/10-other.md: title: {REQUIRED}",
    ]


def test_module_pages_allow_only_their_fields(project) -> None:
    index = project / "docs/01-basics/index.md"
    index.write_text(index.read_text().replace("---\n\n", "keywords: [modules]\n---\n\n", 1))
    assert load_error(project) == [f"docs/01-basics/index.md: keywords: {unknown_field('module')}"]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "lesson-without-number",
            [
                "docs/01-basics/what-next.md: a lesson file is named N-slug: a number, a "
                "hyphen, then lowercase letters, digits and single hyphens, then .md"
            ],
        ),
        (
            "bad-lesson-name",
            [
                "docs/01-basics/02-Why_Fast.md: a lesson file is named N-slug: a number, a "
                "hyphen, then lowercase letters, digits and single hyphens, then .md"
            ],
        ),
        ("module-without-index", ["docs/03-extras/: a module folder needs an index.md"]),
        (
            "duplicate-module-number",
            [
                "docs/1-more/index.md: module number 1 is also used by docs/01-basics/index.md",
                "docs/01-basics/index.md: module number 1 is also used by docs/1-more/index.md",
            ],
        ),
        (
            "duplicate-lesson-number",
            [
                "docs/01-basics/1-also-first.md: lesson number 1 is also used by "
                "docs/01-basics/01-first-steps.md",
                "docs/01-basics/01-first-steps.md: lesson number 1 is also used by "
                "docs/01-basics/1-also-first.md",
            ],
        ),
        (
            "colliding-module-urls",
            [
                "docs/01-basics/index.md: its URL collides once number prefixes are dropped: "
                "docs/01-basics/index.md, docs/03-basics/index.md all become basics/index.html",
                "docs/03-basics/index.md: its URL collides once number prefixes are dropped: "
                "docs/01-basics/index.md, docs/03-basics/index.md all become basics/index.html",
            ],
        ),
        (
            "markdown-at-root",
            ["docs/about.md: a lesson belongs in a module folder N-slug/ under docs/"],
        ),
        (
            "too-deep",
            [
                "docs/01-basics/extras/01-more.md: too deep: lessons live directly in a module "
                "folder"
            ],
        ),
        (
            "unnumbered-folder",
            [
                "docs/extras/01-first.md: the folder extras/ is not a module: name it N-slug: a "
                "number, a hyphen, then lowercase letters, digits and single hyphens"
            ],
        ),
    ],
)
def test_a_layout_mistake_stops_the_build(project, fixture: str, expected: list[str]) -> None:
    add_fixture(project, f"layouts/{fixture}", "")
    assert sorted(load_error(project)) == sorted(expected)


def test_the_build_reports_a_layout_mistake_as_the_loader_does(project) -> None:
    add_fixture(project, "layouts/too-deep", "")
    assert build_error(project) == load_error(project)


def test_two_lessons_whose_urls_collide_stop_the_build(project) -> None:
    add_fixture(project, "layouts/colliding-lesson-urls", "")
    lines = load_error(project)
    assert len(lines) == 2
    assert all(line.endswith("all become basics/first-steps/index.html") for line in lines)


def test_a_missing_home_page_stops_the_build(project) -> None:
    (project / "docs/index.md").unlink()
    assert load_error(project) == ["docs/index.md: the course home page is missing"]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "newsletter-http",
            "mkdocs.yml: extra.newsletter.url: must be an https:// URL, got "
            "'http://www.linkedin.com/'",
        ),
        (
            "newsletter-missing-label",
            "mkdocs.yml: extra.newsletter.label: is required (non-empty text)",
        ),
        (
            "newsletter-missing",
            "mkdocs.yml: extra.newsletter: is required, with title, text, url, label",
        ),
        (
            "provider-bad-url",
            "mkdocs.yml: extra.course.provider.url: must be an http(s) URL, got 'example.org'",
        ),
    ],
)
def test_a_settings_mistake_stops_the_build(project, fixture: str, expected: str) -> None:
    assert build_error(project, **config_fixture(fixture)) == [expected]


def test_a_short_description_is_a_warning_that_strict_builds_refuse(project) -> None:
    add_fixture(project, "lessons/description-too-short.md", "01-basics/09-case.md")
    with pytest.raises(BuildFailed):
        build_site(project)
    built = build_site(project, strict=False)
    assert built.warnings == [f"seo: {LESSON}: description: 10 characters; 50-160 are recommended"]


def test_an_h1_in_the_body_is_a_warning(project) -> None:
    add_fixture(project, "layouts/body-h1", "")
    built = build_site(project, strict=False)
    assert built.warnings == [
        "seo: docs/01-basics/09-own-heading.md: body: 2 h1 headings; the title is the "
        "page's h1, so start the body's sections at ##"
    ]


def test_broken_links_and_anchors_are_warnings(project) -> None:
    add_fixture(project, "layouts/broken-link", "")
    with pytest.raises(BuildFailed):
        build_site(project)
    warnings = build_site(project, strict=False).warnings
    assert len(warnings) == 2
    assert "'03-missing.md'" in warnings[0] and "not found" in warnings[0]
    assert "an anchor '#no-such-heading'" in warnings[1]


def test_warnings_are_reported_with_the_errors_that_stop_the_build(project) -> None:
    add_fixture(project, "front_matter/missing-title.md", "01-basics/09-case.md")
    add_fixture(project, "lessons/todo-left.md", "01-basics/10-short.md")
    with pytest.raises(BuildFailed) as raised:
        build_site(project)
    assert raised.value.warnings == [
        "course: docs/01-basics/10-short.md: description: still says TODO: write it "
        "before publishing"
    ]
    assert raised.value.errors == [f"{LESSON}: title: {REQUIRED}"]


def test_an_empty_site_url_stops_the_build(project, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "")
    assert load_error(project) == [
        "mkdocs.yml: site_url: is required, for canonical links and social tags (set the "
        "SITE_URL environment variable to a non-empty address)"
    ]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "missing-sample",
            "snippet: docs_src/01-basics/03-code-samples/no_such_file.py does not exist",
        ),
        (
            "missing-section",
            "snippet: docs_src/01-basics/03-code-samples/models.py has no section 'database'",
        ),
    ],
)
def test_a_missing_sample_stops_the_build(project, fixture: str, expected: str) -> None:
    add_fixture(project, f"lessons/{fixture}.md", "01-basics/09-case.md")
    assert build_error(project) == [f"{LESSON}: {expected}"]


def test_a_diagram_without_a_description_is_a_warning(project) -> None:
    add_fixture(project, "layouts/undescribed-diagram", "")
    with pytest.raises(BuildFailed):
        build_site(project)
    assert build_site(project, strict=False).warnings == [
        "course: docs/01-basics/09-undescribed.md: diagram 1: no accTitle and no "
        "accDescr; add `accTitle: …` and `accDescr: …` lines so screen readers can announce it"
    ]
