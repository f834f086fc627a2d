"""`python3 dev.py serve` for authors: an edit reloads the open page; a mistake is one
clear line; an edited question reaches the outlines of other pages."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from served import mkdocs_serving

pytestmark = pytest.mark.browser

LESSON_SOURCE = "docs/01-basics/01-first-steps.md"
LESSON = "basics/first-steps/"


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(project: Path) -> Iterator[tuple[str, Path, Path]]:
    with mkdocs_serving(project) as (url, log):
        yield url, project, log


def test_an_edit_reloads_the_open_page(browser, served) -> None:
    url, project, _ = served
    page = browser.new_page()
    page.goto(url + LESSON)
    assert page.locator("h1").text_content() == "First Steps"
    source = project / LESSON_SOURCE
    time.sleep(1)  # let the watcher settle before the first edit
    source.write_text(source.read_text().replace("These first steps", "These live steps", 1))
    page.wait_for_selector("text=These live steps", timeout=20_000)
    page.close()


def test_a_mistake_while_serving_is_one_line_without_traceback(browser, served) -> None:
    url, project, log = served
    source = project / LESSON_SOURCE
    source.write_text(source.read_text().replace("title: First Steps", "title: ''", 1))
    expected = f"{LESSON_SOURCE}: title: must not be empty"
    wait_for(lambda: expected in log.read_text(), 20, "the error line")
    output = log.read_text()
    assert "Traceback" not in output
    error_lines = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert error_lines[0] == f"ERROR   -  {expected}"
    # Fixing it brings the page back.
    source.write_text(source.read_text().replace("title: ''", "title: Fixed title", 1))
    page = browser.new_page()

    def fixed() -> bool:
        page.goto(url + LESSON)
        return page.locator("h1").text_content() == "Fixed title"

    wait_for(fixed, 20, "the fixed page")
    page.close()


def test_an_edited_question_reaches_the_outlines_of_the_home_and_module_pages(served) -> None:
    # A quiz's id comes from its question; the outlines list every lesson's quiz ids.
    url, project, _ = served
    source, lesson = project / "docs/02-next-steps/01-last-lesson.md", "next-steps/last-lesson/"

    def read(path: str) -> BeautifulSoup:
        with urllib.request.urlopen(url + path, timeout=10) as response:
            return BeautifulSoup(response.read(), "html.parser")

    def listed(path: str) -> list[str]:
        row = read(path).select_one(f'[data-course-lesson="{lesson}"]')
        return row["data-course-quizzes"].split()

    before = [quiz["id"] for quiz in read(lesson).select("article .course-quiz")]
    time.sleep(1)  # let the watcher settle before the first edit
    question = "Which lesson comes after the last lesson?"
    source.write_text(source.read_text().replace(question, "Which lesson follows it?", 1))
    wait_for(lambda: "Which lesson follows it?" in read(lesson).get_text(), 20, "the edit")
    after = [quiz["id"] for quiz in read(lesson).select("article .course-quiz")]
    assert after != before
    assert listed("") == listed("next-steps/") == after


def test_an_edited_template_reaches_every_page(served) -> None:
    # The course's templates are watched (mkdocs.yml `watch:`), and an edit there rebuilds
    # every page, as the preview compares them with the last build.
    url, project, _ = served
    template = project / "overrides/partials/course/page-end.html"
    time.sleep(1)  # let the watcher settle before the first edit
    template.write_text(template.read_text() + '\n<p class="edited-template">Edited</p>\n')

    def shown(path: str) -> bool:
        with urllib.request.urlopen(url + path, timeout=10) as response:
            return bool(BeautifulSoup(response.read(), "html.parser").select(".edited-template"))

    wait_for(lambda: shown(LESSON) and shown(""), 30, "the edited template on every page")
