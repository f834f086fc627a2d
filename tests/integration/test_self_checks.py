"""Quizzes and exercises as authors write them and as built: read once, by the blocks that
render them. Wherever one renders it is checked, one line per mistake naming the file and
its line; whatever sits in code is code; the page keeps its answers out of search and out
of sight; the outline, the quiz advice, the Markdown copies and llms.txt count and say
what the page rendered."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest
from course import reader_words
from course.model import Problem
from course.rules import REQUIRED
from course.self_check_parse import (
    ANSWER_ALONE,
    CHECK,
    CHECK_NOT_PYTHON,
    NESTED,
    NO_CORRECT_OPTION,
    NO_MODEL_ANSWER,
    NO_OPTIONS,
    NOT_A_TASK_LIST,
    NOT_IN_A_LESSON,
    ONE_OPTION,
    SAME_OPTIONS,
    SPLIT_OPTIONS,
    quiz_advice,
)
from helpers import (
    FIXTURE_COURSE,
    FIXTURES,
    BuildFailed,
    Built,
    add_fixture,
    build_site,
    error_lines,
    fixture_project,
    only,
)

LESSON = "docs/01-basics/09-case.md"
LESSON_PAGE = "basics/case/"
SELF_CHECKS = FIXTURES / "self_checks"


def line_of(fixture: Path, text: str) -> int:
    """The 1-based line of `fixture` that holds `text`, which it holds once."""
    found = [n for n, line in enumerate(fixture.read_text().splitlines(), 1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def said(path: str, fixture: Path, opening: str, what: str, message: str) -> str:
    """The line the build says of the block that opens with `opening` in `fixture`."""
    return f"{path}: line {line_of(fixture, opening)}: {what}: {message}"


def build_errors(project: Path) -> list[str]:
    """The lines a strict build stops with; it warns of nothing else."""
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    assert failed.value.warnings == []
    return [line for error in failed.value.errors for line in error.splitlines()]


@pytest.mark.parametrize(
    ("fixture", "what", "message"),
    [
        ("quiz-without-options", "quiz 'What is missing here?'", NO_OPTIONS),
        ("quiz-without-a-right-option", "quiz 'Which one is right?'", NO_CORRECT_OPTION),
        ("quiz-options-not-a-task-list", "quiz 'Which one is right?'", NOT_A_TASK_LIST),
        ("exercise-without-an-answer", "exercise 'Think about it'", NO_MODEL_ANSWER),
        ("quiz-with-one-option", "quiz 'Which one is right?'", ONE_OPTION),
        (
            "quiz-with-the-same-option-twice",
            "quiz 'Which one is right?'",
            SAME_OPTIONS.format(text="Same"),
        ),
        ("quiz-with-options-split-by-text", "quiz 'Which one is right?'", SPLIT_OPTIONS),
    ],
)
def test_a_mistaken_self_check_is_one_line_naming_file_line_and_question(
    project: Path, fixture: str, what: str, message: str
) -> None:
    add_fixture(project, f"self_checks/{fixture}.md", "01-basics/09-case.md")
    source = SELF_CHECKS / f"{fixture}.md"
    opening = what.split(" ", 1)[0]
    assert build_errors(project) == [said(LESSON, source, f"/// {opening} |", what, message)]


def expected_everywhere() -> list[str]:
    """What the build says of each broken self-check of broken-everywhere.md, in order."""
    source = SELF_CHECKS / "broken-everywhere.md"

    def line(opening: str, what: str, message: str) -> str:
        return said(LESSON, source, opening, what, message)

    nested = NESTED.format(outer="quiz", line=line_of(source, "Holds another quiz?"))
    in_answer = NESTED.format(outer="exercise", line=line_of(source, "Holds a quiz in its"))
    return [
        line(
            "/// Quiz | Capitalised", "quiz 'Capitalised, and nothing is right?'", NO_CORRECT_OPTION
        ),
        line(
            "In an admonition, and",
            "quiz 'In an admonition, and nothing is right?'",
            NO_CORRECT_OPTION,
        ),
        line("In a tab, and", "quiz 'In a tab, and without options?'", NO_OPTIONS),
        line("In details, and", "quiz 'In details, and not a task list?'", NOT_A_TASK_LIST),
        line(
            "In a list, and",
            "exercise 'In a list, and without a model answer'",
            NO_MODEL_ANSWER,
        ),
        line(
            "After an include",
            "quiz 'After an include and a fence, and nothing is right?'",
            NO_CORRECT_OPTION,
        ),
        line("Inside another quiz?", "quiz 'Inside another quiz?'", nested),
        line("Inside a model answer?", "quiz 'Inside a model answer?'", in_answer),
        f"{LESSON}: line {answer_alone_line(source)}: answer: {ANSWER_ALONE}",
    ]


def answer_alone_line(source: Path) -> int:
    """The line of the answer that no exercise holds: the one before its text."""
    return line_of(source, "An answer outside any exercise.") - 1


def test_every_broken_self_check_is_said_once_wherever_it_renders(project: Path) -> None:
    # In capitals, in an admonition, a tab, details or a list, after an include and a fence,
    # in another self-check: each one line, at its line in the author's file; the quiz
    # syntax shown in a ```markdown fence is code, and says nothing.
    add_fixture(project, "self_checks/broken-everywhere.md", "01-basics/09-case.md")
    stopped = build_errors(project)
    assert stopped == expected_everywhere()
    assert not (project / "site" / LESSON_PAGE).exists()  # stopped before any page is written


def test_a_front_matter_mistake_does_not_hide_the_other_pages_self_check_mistakes(
    project: Path,
) -> None:
    # One build says every mistake of the course: a page's front matter is read before any
    # page renders, its self-checks while it renders; neither stops the build before the other.
    add_fixture(project, "front_matter/missing-title.md", "01-basics/08-untitled.md")
    add_fixture(project, "self_checks/broken-everywhere.md", "01-basics/09-case.md")
    stopped = build_errors(project)
    untitled = str(Problem("docs/01-basics/08-untitled.md", "title", REQUIRED))
    assert stopped == [untitled, *expected_everywhere()]


def test_serve_says_the_same_lines_and_shows_each_where_its_block_was(project: Path) -> None:
    add_fixture(project, "self_checks/broken-everywhere.md", "01-basics/09-case.md")
    with error_lines() as errors:
        served = build_site(project, serve=True, strict=False)
    expected = expected_everywhere()
    assert errors == expected
    page = served.html(LESSON_PAGE)
    shown = page.select("article > .md-content__inner .admonition.failure, article .failure")
    texts = [admonition.get_text(strip=True) for admonition in shown]
    assert [line for line in expected if line in texts] == expected
    holders = {
        "In an admonition": "admonition",
        "In a tab": "tabbed-block",
        "In details": "tip",
        "In a list": None,
    }
    for start, holder in holders.items():
        (admonition,) = [a for a in shown if f"'{start}, and" in a.get_text()]
        if holder is None:
            assert admonition.find_parent("li") is not None
        else:
            assert admonition.find_parent(class_=holder) is not None
    # No broken quiz is published as one: only the sound quiz that held another is a quiz.
    questions = [q.get_text() for q in page.select("article .course-quiz__question")]
    assert questions == ["Holds another quiz?"] * 2  # on the page, and in the printed answers
    assert "/// quiz | Shown as code, and never checked" in page.select("article pre")[1].get_text()
    assert served.html("basics/first-steps/").select_one("h1").get_text() == "First Steps"


def test_a_self_check_from_an_included_file_is_said_at_its_include(project: Path) -> None:
    shutil.copy(SELF_CHECKS / "included-quiz.md", project / "docs_src/included-quiz.md")
    add_fixture(project, "self_checks/includes-a-quiz.md", "01-basics/09-case.md")
    lesson = SELF_CHECKS / "includes-a-quiz.md"
    assert build_errors(project) == [
        said(
            LESSON,
            lesson,
            "--8<--",
            "quiz 'From an included file, and nothing is right?'",
            NO_CORRECT_OPTION,
        ),
        said(
            LESSON,
            lesson,
            "After the include",
            "quiz 'After the include, and nothing is right?'",
            NO_CORRECT_OPTION,
        ),
    ]


def test_the_same_broken_check_twice_is_said_at_each_one_s_lines(project: Path) -> None:
    # What is wrong with a check's code is read once for the same code: where it is, never.
    add_fixture(project, "self_checks/the-same-broken-check-twice.md", "01-basics/09-case.md")
    source = SELF_CHECKS / "the-same-broken-check-twice.md"
    lines = source.read_text().splitlines()
    checks = [n for n, line in enumerate(lines, 1) if line == f"//// {CHECK}"]
    broken = [n for n, line in enumerate(lines, 1) if line.startswith("assert response.json()")]
    with pytest.raises(SyntaxError) as raised:
        compile(lines[broken[0] - 1], "check", "exec")
    assert len(checks) == len(broken) == 2
    assert build_errors(project) == [
        f"{LESSON}: line {check}: {CHECK}: "
        + CHECK_NOT_PYTHON.format(where=f"line {line}", error=raised.value.msg)
        for check, line in zip(checks, broken, strict=True)
    ]


def test_a_quiz_outside_a_lesson_is_one_line_wherever_it_is(project: Path) -> None:
    add_fixture(project, "layouts/quiz-on-module-page", "")
    add_fixture(project, "layouts/quiz-in-admonition-on-home", "")
    module = FIXTURES / "layouts/quiz-on-module-page/01-basics/index.md"
    home = FIXTURES / "layouts/quiz-in-admonition-on-home/index.md"
    message = NOT_IN_A_LESSON.format(name="quiz")
    assert sorted(build_errors(project)) == sorted(
        [
            said(
                "docs/index.md",
                home,
                "/// quiz |",
                "quiz 'Is a quiz at home on the home page?'",
                message,
            ),
            said(
                "docs/01-basics/index.md",
                module,
                "/// quiz |",
                "quiz 'Is a quiz at home on a module page?'",
                message,
            ),
        ]
    )


def test_a_self_check_renders_checked_and_counted_wherever_a_block_does(project: Path) -> None:
    add_fixture(project, "self_checks/placements.md", "01-basics/09-case.md")
    built = build_site(project)
    assert built.warnings == []
    page = built.html(LESSON_PAGE)
    quizzes = page.select("article .course-quiz")
    source = (SELF_CHECKS / "placements.md").read_text()
    asked = re.findall(r"^ */// [Qq]uiz \| (.*)$", source, re.MULTILINE)
    assert [quiz.select_one(".course-quiz__question").get_text() for quiz in quizzes] == [
        question for question in asked if question != "Shown as code, never a quiz"
    ]
    holders = [
        quiz.find_parent(class_=["admonition", "tabbed-block", "tip"]) or quiz.find_parent("li")
        for quiz in quizzes[1:5]
    ]
    assert [holder.name if holder is not None else None for holder in holders] == [
        "div",
        "div",
        "details",
        "li",
    ]
    # Shown as code, quiz syntax is code: not a quiz, not counted.
    code = [block.get_text() for block in page.select("article pre")]
    assert any("/// quiz | Shown as code, never a quiz" in text for text in code)
    ids = [quiz["id"] for quiz in quizzes]
    assert len(set(ids)) == len(ids) == 6
    outline = only(built.html(""), f'[data-course-lesson="{LESSON_PAGE}"]')
    assert outline["data-course-quizzes"].split() == ids
    module_outline = only(built.html("basics/"), f'[data-course-lesson="{LESSON_PAGE}"]')
    assert module_outline["data-course-quizzes"].split() == ids


def test_the_markdown_copy_says_every_self_check_where_it_stands(project: Path) -> None:
    add_fixture(project, "self_checks/placements.md", "01-basics/09-case.md")
    built = build_site(project)
    copy = (built.site_dir / LESSON_PAGE / "index.md").read_text()
    words = reader_words.for_language("en")
    single, multiple = words.text("markdown_copy.single"), words.text("markdown_copy.multiple")
    assert copy.count(f"**{single}**") == 5
    assert copy.count(f"**{multiple}**") == 1
    # In its admonition, indented as it was.
    assert f'!!! note "In an admonition"\n\n    **{single}** In an admonition' in copy
    assert f'=== "In a tab"\n\n    **{multiple}** In a tab, still a quiz?' in copy
    assert "    **Answer:** Yes; Certainly" in copy
    # Only code shows block syntax; the fences of an explanation and a model answer are whole.
    outside_code = re.sub(r"```.*?```", "", copy, flags=re.DOTALL)
    assert "///" not in outside_code
    assert "```markdown\n/// quiz | Shown as code, never a quiz\n///\n```" in copy
    why = words.text("markdown_copy.why")
    assert (
        f"**{why}** A block closes with its slashes alone on a line:\n\n"
        "```text\n/// details | A block\n///\n```\n\nThat fence is part of the explanation."
    ) in copy
    model = words.text("markdown_copy.model_answer")
    assert (
        f'**{model}** Two lines do it:\n\n```python\ngreeting = "Hello"\nprint(greeting)\n```'
    ) in copy
    llms = (built.site_dir / "llms.txt").read_text().splitlines()
    quiz = words.text("markdown_copy.quiz")
    assert f"  - {quiz} In a tab, still a quiz? Answer: Yes; Certainly" in llms
    assert "  - Exercise: Print a greeting" in llms


def test_the_same_question_twice_and_in_two_lessons_is_four_quizzes(project: Path) -> None:
    add_fixture(project, "self_checks/same-question.md", "01-basics/09-same.md")
    add_fixture(project, "self_checks/same-question-again.md", "02-next-steps/09-same.md")
    built = build_site(project)
    first = [quiz["id"] for quiz in built.html("basics/same/").select("article .course-quiz")]
    second = [quiz["id"] for quiz in built.html("next-steps/same/").select("article .course-quiz")]
    assert len(set(first + second)) == 4
    # A rebuild of the same files gives the same ids: readers' answers stay theirs.
    again = build_site(project)
    assert [q["id"] for q in again.html("basics/same/").select("article .course-quiz")] == first


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


def test_the_markdown_copy_and_llms_txt_say_them_in_the_page_s_language(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project", FIXTURES / "course-es")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: es", 1))
    built = build_site(project)
    copy = (built.site_dir / "fundamentos/ultima-leccion/index.md").read_text()
    words = reader_words.for_language("es")
    question = "¿Qué lección viene después de la última?"
    assert f"**{words.text('markdown_copy.single')}** {question}" in copy
    assert f"**{words.text('quiz.answer')}** Ninguna: el curso termina aquí" in copy
    assert f"**{words.text('markdown_copy.why')}** El curso termina con esta lección." in copy
    assert f"**{words.text('exercise.label')}** Tu siguiente paso" in copy
    assert f"**{words.text('markdown_copy.model_answer')}** Las pruebas con" in copy
    llms = (built.site_dir / "llms.txt").read_text().splitlines()
    quiz, answer = words.text("markdown_copy.quiz"), words.text("quiz.answer")
    assert f"  - {quiz} {question} {answer} Ninguna: el curso termina aquí" in llms


def test_the_outline_knows_each_lesson_s_quizzes(fixture_site: Built) -> None:
    rows = fixture_site.html("").select("li.course-outline__lesson")
    counts = [len(row["data-course-quizzes"].split()) for row in rows]
    assert counts == [0, 0, 0, 2]
    source = (FIXTURE_COURSE / "docs/02-next-steps/01-last-lesson.md").read_text()
    assert source.count("/// quiz |") == 2
    last = fixture_site.html("next-steps/last-lesson/")
    assert rows[3]["data-course-quizzes"].split() == [
        quiz["id"] for quiz in last.select("article .course-quiz")
    ]


def test_the_number_of_quizzes_is_advice_that_stops_no_build(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A lesson is written before its questions: one without a quiz builds, strictly.
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.self-checks"):
        built = build_site(project)
    lines = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.self-checks"]
    rows = built.html("").select("li.course-outline__lesson")
    counts = [len(row["data-course-quizzes"].split()) for row in rows]
    assert 0 in counts, "the fixture course has lessons without a quiz"
    lessons = sorted((FIXTURE_COURSE / "docs").glob("0*/0*.md"))
    paths = [f"docs/{lesson.relative_to(FIXTURE_COURSE / 'docs').as_posix()}" for lesson in lessons]
    assert lines == [f"self-checks: {quiz_advice(dict(zip(paths, counts, strict=True)))}"]


def test_a_self_check_in_a_quote_stays_in_its_quote_in_the_markdown_copy(project: Path) -> None:
    # A quiz whose explanation holds a block of its own takes more slashes (AUTHORING.md).
    add_fixture(project, "self_checks/quoted.md", "01-basics/09-case.md")
    built = build_site(project)
    assert built.warnings == []
    page = built.html(LESSON_PAGE)
    assert len(page.select(".course-quiz")) == 2 and len(page.select(".course-exercise")) == 1
    assert page.select_one(".course-quiz caption, .course-quiz figcaption") is not None
    copy = (built.site_dir / LESSON_PAGE / "index.md").read_text()
    words = reader_words.for_language("en")
    single, answer = words.text("markdown_copy.single"), words.text("quiz.answer")
    why, model = words.text("markdown_copy.why"), words.text("markdown_copy.model_answer")
    label = words.text("exercise.label")
    assert (
        f"> **{single}** Is a quoted quiz still a quiz?\n>\n> - [x] Yes\n> - [ ] No\n>\n"
        f"> **{answer}** Yes\n>\n> **{why}** Because quoted.\n"
    ) in copy
    assert (
        f"> **{label}** Answer from a quote\n>\n> Say why a quote holds it.\n>\n"
        f"> **{model}** Quoted answer.\n"
    ) in copy
    # Only the self-checks are rewritten: the table's caption block stays as written.
    assert not re.search(r"^[> ]*/+ *(quiz|exercise|answer)", copy, flags=re.MULTILINE | re.I)
