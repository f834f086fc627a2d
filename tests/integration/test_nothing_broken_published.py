"""What used to slip through to readers: each is one line naming the file and the field or
line, in `build` and in `serve`, and nothing of it reaches site/."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from course.layout import LINK_INSIDE
from course.model import CourseError
from helpers import BuildFailed, add_fixture, build_site, load_course

LESSON = "docs/01-basics/09-case.md"


def warnings_of(project: Path, *, serve: bool = False) -> list[str]:
    """The warnings of a build that is not strict (the strict one fails on each of them)."""
    with pytest.raises(BuildFailed):
        build_site(project, serve=serve)
    return build_site(project, strict=False, serve=serve).warnings


def errors_of(project: Path, *, serve: bool = False) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        build_site(project, serve=serve)
    return [line for error in failed.value.errors for line in error.splitlines()]


def site_text(site: Path) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in site.rglob("*")
        if path.is_file() and path.suffix in {".html", ".md", ".json", ".txt", ".xml"}
    )


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_todo_left_in_a_published_body_is_a_warning_per_line(project: Path, serve: bool) -> None:
    add_fixture(project, "lessons/todo-in-body.md", "01-basics/09-case.md")
    assert warnings_of(project, serve=serve) == [
        f"course: {LESSON}: line {line}: still says TODO: write it before publishing"
        for line in (7, 15)  # the heading and the HTML comment; not the code
    ]


def test_a_lesson_without_a_body_is_a_warning(project: Path) -> None:
    add_fixture(project, "lessons/empty-body.md", "01-basics/09-case.md")
    assert warnings_of(project) == [
        f"course: {LESSON}: body: is empty: write the lesson, or mark it `draft: true`"
    ]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "updated-impossible",
            "updated: 2026-13-45 is not a day of the calendar (month must be in 1..12)",
        ),
        ("key-twice", "title: given twice (lines 2 and 5): keep one"),
    ],
)
def test_an_impossible_date_or_a_key_twice_is_an_error_naming_it(
    project: Path, fixture: str, expected: str
) -> None:
    add_fixture(project, f"front_matter/{fixture}.md", "01-basics/09-case.md")
    with pytest.raises(CourseError) as raised:
        load_course(project)
    assert str(raised.value).splitlines() == [f"{LESSON}: {expected}"]
    assert errors_of(project) == [f"{LESSON}: {expected}"]


def test_a_date_in_the_future_is_a_warning(project: Path) -> None:
    add_fixture(project, "front_matter/updated-future.md", "01-basics/09-case.md")
    assert dt.date.today() < dt.date(2099, 1, 1)
    assert warnings_of(project) == [
        f"course: {LESSON}: updated: 2099-01-01 is in the future: give the day of the last "
        "real change"
    ]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "include-absolute",
            "/etc/passwd: name a file inside docs_src/ by its path there, not an absolute path",
        ),
        ("include-parent", "../mkdocs.yml: goes outside docs_src/; include only files inside it"),
        (
            "include-block",
            "/etc/hostname: name a file inside docs_src/ by its path there, not an absolute path",
        ),
        (
            "include-web",
            "https://example.org/main.py: include files from docs_src/, not from the web",
        ),
    ],
)
@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_an_include_outside_the_samples_is_one_line(
    project: Path, fixture: str, expected: str, serve: bool
) -> None:
    add_fixture(project, f"lessons/{fixture}.md", "01-basics/09-case.md")
    assert errors_of(project, serve=serve) == [f"{LESSON}: snippet: {expected}"]


def test_an_include_through_a_symbolic_link_is_one_line_and_leaks_nothing(
    project: Path,
) -> None:
    add_fixture(project, "lessons/include-symlink.md", "01-basics/09-case.md")
    secret = project / "secret.txt"
    secret.write_text("the-secret-text-of-another-file\n")
    (project / "docs_src/leak.txt").symlink_to(secret)
    assert errors_of(project) == [f"docs_src/leak.txt: {LINK_INSIDE.format(target='secret.txt')}"]
    site = project / "site"
    assert not site.exists() or "the-secret-text" not in site_text(site)


def test_a_diagram_that_names_no_type_first_is_an_error_with_the_fix(project: Path) -> None:
    add_fixture(project, "layouts/diagram-untyped", "")
    assert errors_of(project) == [
        "docs/01-basics/09-untyped.md: line 10: diagram 1 starts with 'accTitle: The request "
        "flow', not with its type (graph TD, sequenceDiagram, classDiagram...): Mermaid would "
        "draw nothing; put the type first, and accTitle: and accDescr: on the lines after it"
    ]


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_a_link_to_a_draft_is_a_warning_that_says_so(project: Path, serve: bool) -> None:
    add_fixture(project, "layouts/links-to-draft", "")
    assert warnings_of(project, serve=serve) == [
        "course: docs/01-basics/09-published.md: link: docs/01-basics/10-draft.md is a draft, "
        "left out of the published site: link to it once it is published"
    ]


def test_files_only_drafts_use_are_left_out_of_the_site(project: Path) -> None:
    add_fixture(project, "layouts/links-to-draft", "")
    published = project / "docs/01-basics/09-published.md"
    published.write_text(published.read_text().replace("[a draft](10-draft.md)", "a draft"))
    built = build_site(project)
    assert not (built.site_dir / "basics/img/draft-only.png").exists()
    assert not (built.site_dir / "basics/draft").exists()
    served = build_site(project, serve=True)
    assert (served.site_dir / "basics/img/draft-only.png").is_file()


def test_the_build_names_the_address_it_wrote_the_site_for(
    project: Path, monkeypatch, caplog
) -> None:
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000/")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.address"):
        build_site(project)
    lines = [record.getMessage() for record in caplog.records if record.name.endswith("address")]
    assert lines == [
        "address: the site is written for http://127.0.0.1:8000/, a local address: to publish "
        "it, build it for its published address, SITE_URL=https://… python3 dev.py build"
    ]
    caplog.clear()
    monkeypatch.setenv("SITE_URL", "https://example.org/course/")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.address"):
        build_site(project)
    assert [r.getMessage() for r in caplog.records if r.name.endswith("address")] == [
        "address: the site is written for https://example.org/course/"
    ]
