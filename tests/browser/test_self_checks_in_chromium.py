"""Quizzes and exercises as readers use them in Chromium: by keyboard, announced, kept in
the reader's browser, shown in the outline, reset; without JavaScript; on paper; axe-clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from course import reader_words
from helpers import add_fixture, fixture_project
from served import built_and_served, pdf_text

pytestmark = pytest.mark.browser

LESSON = "next-steps/last-lesson/"
SINGLE = "Which lesson comes after the last lesson?"
MULTIPLE = "Which of these are modules of the fixture course?"


def tab_to(page, locator, presses: int = 120) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {locator}")


def test_the_answers_are_not_shown_nor_announced_before_checking(page, site_server) -> None:
    page.goto(site_server + LESSON)
    quiz = page.get_by_role("group", name=SINGLE)
    assert quiz.get_by_role("radio").count() == 3
    text = page.locator("article").inner_text()
    assert "None: the course ends here" in text  # an option, as one of three
    for hidden in ("Answer:", "The last lesson closes the course.", "Testing the app"):
        assert hidden not in text, hidden
    tree = page.locator("article").aria_snapshot()
    assert "The last lesson closes the course." not in tree and "Answer:" not in tree


def test_a_single_choice_answered_wrong_then_right_by_keyboard(page, site_server) -> None:
    page.goto(site_server + LESSON)
    quiz = page.get_by_role("group", name=SINGLE)
    first = quiz.get_by_role("radio").first
    tab_to(page, first)
    page.keyboard.press("Space")  # the first option, which is wrong
    page.keyboard.press("Enter")  # submits the form: Check
    status = page.locator(".course-quiz").first.get_by_role("status")
    assert status.text_content() == "Not quite. Read why below, then try again."
    mark = page.locator(".course-quiz").first.locator(".course-quiz__mark:visible")
    assert mark.all_inner_texts() == ["✗ Wrong"]
    form = page.locator(".course-quiz__form").first
    assert form.get_by_text("The last lesson closes the course.").is_visible()
    again = page.get_by_role("button", name="Try again").first
    assert again.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert first.evaluate("element => element === document.activeElement")
    page.keyboard.press("ArrowDown")  # the second option, which is right
    page.keyboard.press("Enter")
    assert status.text_content() == "Right. Read why below."
    assert mark.all_inner_texts() == ["✓ Right"]


def test_a_multiple_choice_and_the_answers_kept_in_the_outline(page, site_server) -> None:
    page.goto(site_server + LESSON)
    quiz = page.get_by_role("group", name=MULTIPLE)
    assert quiz.get_by_text("Select all that apply.").is_visible()
    boxes = quiz.get_by_role("checkbox")
    tab_to(page, boxes.nth(0))
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Basics and Next Steps: both right
    page.keyboard.press("Enter")
    status = page.locator(".course-quiz").nth(1).get_by_role("status")
    assert status.text_content() == "Right. Read why below."

    # Kept across a reload, and across instant navigation to the home page's outline.
    page.reload()
    quiz = page.get_by_role("group", name=MULTIPLE)
    assert [box.is_checked() for box in quiz.get_by_role("checkbox").all()] == [True, False, True]
    assert page.get_by_role("button", name="Try again").count() == 1
    page.evaluate("window.sameDocument = true")
    page.locator("nav.course-breadcrumb a").first.click()
    page.wait_for_url(site_server)
    assert page.evaluate("window.sameDocument") is True
    score = page.locator(f'[data-course-lesson="{LESSON}"] .course-outline__score')
    assert score.inner_text() == "1 of 2 correct"

    # The reset forgets it, once the reader confirms.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset my progress").click()
    assert score.inner_text() == "1 of 2 correct"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset my progress").click()
    assert score.is_hidden()
    assert page.locator(".course-reset").get_by_role("status").text_content() == (
        "Your progress has been reset."
    )
    page.goto(site_server + LESSON)
    quiz = page.get_by_role("group", name=MULTIPLE)
    assert [box.is_checked() for box in quiz.get_by_role("checkbox").all()] == [False] * 3


def test_without_javascript_a_quiz_is_a_list_and_a_collapsed_answer(browser, site_server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + LESSON)
    quiz = page.locator(".course-quiz").first
    assert quiz.locator(".course-quiz__question").inner_text() == SINGLE
    assert quiz.locator("li").all_inner_texts() == [
        "The first lesson again",
        "None: the course ends here",
        "The index page",
    ]
    assert not quiz.get_by_text("The last lesson closes the course.").is_visible()
    quiz.get_by_text("Show the answer").click()
    assert quiz.get_by_text("The last lesson closes the course.").is_visible()
    assert page.locator(".course-reset").is_hidden()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_before_and_after_checking(browser, site_server, scheme: str) -> None:
    page = browser.new_page(color_scheme=scheme)
    page.goto(site_server + LESSON, wait_until="networkidle")
    assert Axe().run(page).response["violations"] == []
    for quiz in page.locator(".course-quiz").all():
        quiz.get_by_role("radio").or_(quiz.get_by_role("checkbox")).first.check()
        quiz.get_by_role("button", name="Check").click()
    page.locator(".course-exercise summary").click()
    page.wait_for_timeout(300)  # Material's buttons fade to their focus colours
    violations = Axe().run(page).response["violations"]
    assert [(violation["id"], violation["nodes"][0]["target"]) for violation in violations] == []
    page.close()


def test_print_gives_the_questions_with_boxes_and_the_answers_at_the_end(
    browser, site_server
) -> None:
    page = browser.new_page()
    page.goto(site_server + LESSON, wait_until="networkidle")
    text = pdf_text(page.pdf(format="A4"))
    flat = " ".join(text.split())
    assert f"{SINGLE} ☐ The first lesson again ☐ None: the course ends here" in flat
    assert "Try again" not in flat and "Show the answer" not in flat
    answers = flat[flat.index("Answers") :]
    assert "Answer: None: the course ends here" in answers
    assert "Answer: Basics; Next Steps" in answers
    assert "Testing the app with TestClient" in answers
    assert flat.index(SINGLE) < flat.index("Answers")
    page.close()


def answered(quiz) -> bool:
    """Whether a quiz shows an answer: a choice made, or checked (Try again offered)."""
    choices = quiz.get_by_role("radio").or_(quiz.get_by_role("checkbox")).all()
    tried = quiz.get_by_role("button", name="Try again")
    return any(choice.is_checked() for choice in choices) or tried.is_visible()


def test_the_same_question_twice_and_in_another_lesson_is_answered_on_its_own(
    page, tmp_path: Path
) -> None:
    # Reported in issue 21: two quizzes with one question shared an id, so answering one
    # answered the other, and the outline scored a lesson never opened.
    project = fixture_project(tmp_path / "project")
    add_fixture(project, "self_checks/same-question.md", "01-basics/09-same.md")
    add_fixture(project, "self_checks/same-question-again.md", "02-next-steps/09-same.md")
    words = reader_words.for_language("en")
    with built_and_served(project) as url:
        page.goto(url + "basics/same/", wait_until="networkidle")
        first = page.locator(".course-quiz").first
        first.get_by_role("radio", name="Yes").check()
        first.get_by_role("button", name="Check").click()
        assert first.get_by_role("status").text_content() == words.text("quiz.right")

        page.reload(wait_until="networkidle")
        first, second = page.locator(".course-quiz").all()
        assert first.get_by_role("radio", name="Yes").is_checked()
        assert not answered(second)
        page.goto(url + "next-steps/same/", wait_until="networkidle")
        assert not any(answered(quiz) for quiz in page.locator(".course-quiz").all())

        page.goto(url, wait_until="networkidle")

        def score(lesson: str):
            return page.locator(f'[data-course-lesson="{lesson}"] .course-outline__score')

        assert score("basics/same/").inner_text() == words.text("progress.score", right=1, total=2)
        assert score("next-steps/same/").is_hidden()
