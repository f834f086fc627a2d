"""The course as readers follow it: outline, numbering, reading time, dates, Up next."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from helpers import Built, add_fixture, build_site, load_course, only

# The fixture course's lessons in order: (URL, title, module title).
LESSONS = [
    ("basics/first-steps/", "First Steps", "Basics"),
    ("basics/request-flow/", "The Request Flow", "Basics"),
    ("basics/code-samples/", "Code Samples", "Basics"),
    ("next-steps/last-lesson/", "The Last Lesson", "Next Steps"),
]


def outline_rows(soup) -> list[tuple[str, str, str, str]]:
    """(link, title with its number, reading time, summary) of each lesson in the outline."""
    return [
        (
            row.a["href"],
            " ".join(row.a.get_text().split()),
            row.select_one(".course-outline__time").get_text(),
            row.select_one(".course-outline__summary").get_text(),
        )
        for row in soup.select(".course-outline li.course-outline__lesson")
    ]


def test_the_home_page_outlines_the_course(fixture_site: Built) -> None:
    soup = fixture_site.html("")
    outline = only(soup, "section.course-outline")
    modules = [h3.get_text(strip=True) for h3 in outline.select("h3")]
    assert modules == ["1. Basics", "2. Next Steps"]
    rows = outline_rows(soup)
    assert [(link, title) for link, title, _, _ in rows] == [
        (url, f"{position}. {title}") for position, (url, title, _) in enumerate(LESSONS, 1)
    ]
    # Lesson 1's prose and table are more than 200 words; the others less.
    assert [time for _, _, time, _ in rows] == ["2 min", "1 min", "1 min", "1 min"]
    assert rows[0][3] == "A table, a flowchart and an exercise."
    progress = only(outline, ".course-outline__progress")
    assert progress.has_attr("hidden")  # shown by JavaScript only
    assert progress["data-course-total"] == "4"


def test_a_module_page_lists_its_lessons(fixture_site: Built) -> None:
    soup = fixture_site.html("basics/")
    assert [link for link, *_ in outline_rows(soup)] == [
        "first-steps/",
        "request-flow/",
        "code-samples/",
    ]
    assert only(soup, "a.md-footer__link--next")["href"] == "first-steps/"


@pytest.mark.parametrize(("position", "lesson"), list(enumerate(LESSONS, start=1)))
def test_each_lesson_shows_where_it_is(fixture_site: Built, position: int, lesson) -> None:
    url, title, module = lesson
    soup = fixture_site.html(url)
    crumbs = only(soup, "nav.course-breadcrumb[aria-label=Breadcrumb]")
    assert [li.get_text(strip=True) for li in crumbs.select("li")] == [
        "The Fixture Course",
        module,
        title,
    ]
    assert [a["href"] for a in crumbs.select("a")] == ["../../", "../"]
    assert only(crumbs, "[aria-current=page]").get_text() == title
    facts = [li.get_text(" ", strip=True) for li in only(soup, "ul.course-facts").select("li")]
    assert facts[0] == f"Lesson {position} of 4"
    assert facts[1] == ("2 min read" if position == 1 else "1 min read")
    control = only(soup, ".course-complete")
    assert control.has_attr("hidden")  # without JavaScript there is nothing to press
    assert control["data-course-lesson"] == url
    assert only(control, "button")["aria-pressed"] == "false"


def test_each_lesson_is_followed_by_the_next_across_modules(fixture_site: Built) -> None:
    for position, (url, _, _) in enumerate(LESSONS[:-1], start=1):
        next_url, next_title, _ = LESSONS[position]
        up_next = only(fixture_site.html(url), "aside.course-next")
        assert only(up_next, "h2").get_text() == "Up next"
        link = only(up_next, "a")
        assert link["href"] == os.path.relpath(next_url, url) + "/"
        assert " ".join(link.get_text().split()) == f"Lesson {position + 1}: {next_title}"
    up_next = only(fixture_site.html(LESSONS[0][0]), "aside.course-next")
    assert "A sequence diagram of one request." in up_next.get_text()  # lesson 2's summary


def test_the_last_lesson_closes_the_course(fixture_site: Built) -> None:
    closing = only(fixture_site.html(LESSONS[-1][0]), "aside.course-next--end")
    assert only(closing, "h2").get_text() == "You have reached the end of the course"
    assert "last of 4 lessons" in " ".join(closing.get_text().split())
    assert only(closing, "a")["href"] == "../../#course-outline-title"


def test_a_new_lesson_file_joins_the_outline_numbering_and_up_next(project: Path) -> None:
    add_fixture(project, "lessons/four-hundred-one-words.md", "02-next-steps/09-case.md")
    built = build_site(project)
    rows = outline_rows(built.html(""))
    assert rows[-1][:3] == ("next-steps/case/", "5. A lesson of exactly 401 words", "3 min")
    facts = [
        li.get_text(" ", strip=True)
        for li in built.html("next-steps/case/").select(".course-facts li")
    ]
    # 401 words at 200 a minute round up to 3; the code block does not count.
    assert facts == ["Lesson 5 of 5", "3 min read", "Updated 4 March 2026"]
    up_next = only(built.html(LESSONS[-1][0]), "aside.course-next a")
    assert up_next["href"] == "../case/"


def test_drafts_are_not_counted(project: Path) -> None:
    add_fixture(project, "lessons/draft.md", "01-basics/09-case.md")
    built = build_site(project)
    assert len(outline_rows(built.html(""))) == 4
    facts = built.html(LESSONS[1][0]).select_one(".course-facts li")
    assert facts.get_text() == "Lesson 2 of 4"


def git(project: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Author",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "Author",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_the_last_update_comes_from_git_unless_front_matter_says(project: Path) -> None:
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "first", date="2026-01-10T12:00:00+00:00")
    lesson = project / "docs/01-basics/01-first-steps.md"
    lesson.write_text(lesson.read_text() + "\nOne more sentence.\n")
    git(project, "commit", "-qam", "edit", date="2026-02-20T12:00:00+00:00")
    add_fixture(project, "lessons/four-hundred-one-words.md", "02-next-steps/09-case.md")
    git(project, "add", ".")
    git(project, "commit", "-qm", "third", date="2026-05-01T12:00:00+00:00")
    built = build_site(project)

    def updated(url: str) -> str:
        return only(built.html(url), ".course-facts time")["datetime"]

    assert updated(LESSONS[0][0]) == "2026-02-20"
    assert updated(LESSONS[1][0]) == "2026-01-10"
    assert updated("next-steps/case/") == "2026-03-04"  # `updated:` wins over git
    lessons = load_course(project).lessons
    assert [lesson.published for lesson in lessons] == [dt.date(2026, 1, 10)] * 4 + [
        dt.date(2026, 5, 1)
    ]
