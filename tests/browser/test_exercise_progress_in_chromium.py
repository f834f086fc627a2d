"""A checked exercise's result in a real browser: the run panel says it with a
`course:exercise-checked` event on the exercise; the reader's progress keeps it, and the
outline scores it with the lesson's quizzes, after instant navigation and a reload, until
the home page's reset forgets it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from course import reader_words
from helpers import FIXTURES, add_fixture, fixture_project
from served import built_and_served

pytestmark = pytest.mark.browser

LESSON = "basics/checked/"
WORDS = reader_words.for_language("en")
ROW = f'.course-outline [data-course-lesson="{LESSON}"]'
# What the run panel dispatches once a check has run (docs/assets/javascripts/run-*.js).
CHECKED = """([index, passed]) => {
  const exercise = document.querySelectorAll("article .course-exercise[data-course-check]")[index]
  const detail = {id: exercise.dataset.courseExercise, passed}
  exercise.dispatchEvent(new CustomEvent("course:exercise-checked", {bubbles: true, detail}))
  return detail.saved
}"""


@pytest.fixture(scope="module")
def checked_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture course with two checked exercises in a lesson, served on localhost."""
    project = fixture_project(tmp_path_factory.mktemp("checked") / "project")
    shutil.copytree(FIXTURES / "runnable/docs_src", project / "docs_src", dirs_exist_ok=True)
    add_fixture(project, "runnable/checked.md", "01-basics/07-checked.md")
    with built_and_served(project) as url:
        yield url


def score(page) -> str | None:
    """The lesson's score as the outline displays it, or None when it shows none."""
    shown = page.locator(f"{ROW} .course-outline__score")
    return shown.inner_text() if shown.is_visible() else None


def test_a_checked_exercise_counts_in_the_outline_like_a_quiz(page, checked_server: str) -> None:
    page.goto(checked_server)
    assert score(page) is None  # nothing checked yet
    page.goto(checked_server + LESSON)
    assert page.evaluate(CHECKED, [0, True]) is True
    page.evaluate("window.sameDocument = true")
    page.locator("nav.course-breadcrumb a").first.click()
    page.wait_for_url(checked_server)
    assert page.evaluate("window.sameDocument") is True
    # Instant navigation changes the address before it swaps the page's content in.
    page.locator(f"{ROW} .course-outline__score").wait_for(state="visible")
    assert score(page) == WORDS.text("progress.score", right=1, total=2)

    # The last result stands: a failed check after a passed one is not right.
    page.goto(checked_server + LESSON)
    assert page.evaluate(CHECKED, [1, False]) is True
    assert page.evaluate(CHECKED, [0, False]) is True
    page.goto(checked_server)
    assert score(page) == WORDS.text("progress.score", right=0, total=2)
    page.reload()
    assert score(page) == WORDS.text("progress.score", right=0, total=2)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=WORDS.text("progress.reset")).click()
    assert score(page) is None
    page.reload()
    assert score(page) is None


def test_an_event_without_an_id_or_a_result_is_not_kept(page, checked_server: str) -> None:
    page.goto(checked_server + LESSON)
    for detail in ("{}", '{id: "", passed: true}', '{id: "exercise-x", passed: "yes"}'):
        page.evaluate(
            f"""() => document.querySelector("article .course-exercise").dispatchEvent(
              new CustomEvent("course:exercise-checked", {{bubbles: true, detail: {detail}}}))"""
        )
    page.goto(checked_server)
    assert score(page) is None
