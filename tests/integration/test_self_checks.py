"""Quizzes and exercises as authors write them and as built: one line per mistake, a page
whose answers are kept out of search and out of sight, and Markdown copies that say them."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from course.model import CourseError
from helpers import FIXTURE_COURSE, Built, add_fixture, build_site, load_course, only

LESSON = "docs/01-basics/09-case.md"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "quiz-without-options",
            "line 9: quiz 'What is missing here?': has no options: list them as a task list, "
            "- [ ] wrong, - [x] right",
        ),
        (
            "quiz-without-a-right-option",
            "line 9: quiz 'Which one is right?': has no correct option: mark the right ones "
            "with [x]",
        ),
        (
            "quiz-options-not-a-task-list",
            "line 9: quiz 'Which one is right?': its options are not a task list: start each "
            "with [ ] or [x]",
        ),
        (
            "exercise-without-an-answer",
            "line 9: exercise 'Think about it': has no model answer: add a //// answer block "
            "inside it",
        ),
    ],
)
def test_a_mistaken_self_check_is_one_line_naming_file_line_and_question(
    project: Path, fixture: str, expected: str
) -> None:
    add_fixture(project, f"self_checks/{fixture}.md", "01-basics/09-case.md")
    with pytest.raises(CourseError) as raised:
        load_course(project)
    assert str(raised.value).splitlines() == [f"{LESSON}: {expected}"]


def test_a_quiz_outside_a_lesson_is_one_line(project: Path) -> None:
    add_fixture(project, "layouts/quiz-on-module-page", "")
    with pytest.raises(CourseError) as raised:
        load_course(project)
    assert str(raised.value).splitlines() == [
        "docs/01-basics/index.md: line 9: quiz 'Is a quiz at home on a module page?': a quiz "
        "belongs in a lesson, not on a module's or the home page"
    ]


def test_a_quiz_is_its_question_its_options_and_a_collapsed_answer(fixture_site: Built) -> None:
    soup = fixture_site.html("next-steps/last-lesson/")
    single, multiple = soup.select("article .course-quiz")
    assert only(single, ".course-quiz__question").get_text() == (
        "Which lesson comes after the last lesson?"
    )
    assert (single["data-course-kind"], multiple["data-course-kind"]) == ("single", "multiple")
    options = [(li.get_text(), li["data-course-right"]) for li in single.select("li")]
    assert options == [
        ("The first lesson again", "false"),
        ("None: the course ends here", "true"),
        ("The index page", "false"),
    ]
    answer = only(single, "details.course-quiz__answer")
    assert not answer.has_attr("open")
    assert " ".join(answer.get_text().split()) == (
        "Show the answer Answer: None: the course ends here The last lesson closes the course."
    )
    exercise = only(soup, "article .course-exercise")
    assert only(exercise, "details summary").get_text() == "Show model answer"
    # Every answer again, at the lesson's end, for print.
    answers = only(soup, "article section.course-answers")
    assert len(answers.select("ol > li")) == 3


def test_search_has_the_questions_and_no_answer(fixture_site: Built) -> None:
    index = json.loads((fixture_site.site_dir / "search/search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Which lesson comes after the last lesson?" in text
    for hidden in ("None: the course ends here", "The last lesson closes", "Testing the app"):
        assert hidden not in text, hidden
    assert "The first lesson again" not in text  # options are no search results either


def test_the_markdown_copy_and_llms_txt_say_every_answer(fixture_site: Built) -> None:
    copy = (fixture_site.site_dir / "next-steps/last-lesson/index.md").read_text()
    assert "/// quiz" not in copy
    assert "**Quiz (one answer):** Which lesson comes after the last lesson?" in copy
    assert "- [x] None: the course ends here" in copy
    assert "**Answer:** None: the course ends here" in copy
    assert "**Why:** The last lesson closes the course." in copy
    assert "**Quiz (select all that apply):** Which of these are modules" in copy
    assert "**Answer:** Basics; Next Steps" in copy
    assert "**Model answer:** Testing the app with `TestClient`" in copy
    llms = (fixture_site.site_dir / "llms.txt").read_text().splitlines()
    assert (
        "  - Quiz: Which lesson comes after the last lesson? Answer: None: the course ends here"
    ) in llms


def test_the_outline_knows_each_lesson_s_quizzes(fixture_site: Built) -> None:
    rows = fixture_site.html("").select("li.course-outline__lesson")
    counts = [len(row["data-course-quizzes"].split()) for row in rows]
    assert counts == [0, 0, 0, 2]
    source = (FIXTURE_COURSE / "docs/02-next-steps/01-last-lesson.md").read_text()
    assert source.count("/// quiz |") == 2


def test_the_number_of_quizzes_is_advice_that_stops_no_build(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A lesson is written before its questions: one without a quiz builds, strictly.
    published = [lesson for lesson in load_course(project).lessons if not lesson.meta.draft]
    without = [lesson for lesson in published if not lesson.quizzes]
    assert without, "the fixture course has lessons without a quiz"
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.self-checks"):
        build_site(project)
    lines = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.self-checks"]
    total = sum(len(lesson.quizzes) for lesson in published)
    assert len(lines) == 1
    assert lines[0].startswith(
        f"self-checks: {total} quizzes in {len(published)} lessons; not 3 to 5"
    )
    assert f"docs/{without[0].src_uri} (0)" in lines[0]
