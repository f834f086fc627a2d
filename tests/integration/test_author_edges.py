"""Authors' edge cases, each a fixture file: what the build says (one line, never a
traceback) or what it publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from course import diagrams
from course.self_checks import CLOSES_UNOPENED, OPENS_UNCLOSED, unknown_block
from helpers import BuildFailed, add_fixture, build_site, load_course

LESSON = "docs/01-basics/09-case.md"
LESSON_PAGE = "basics/case/"


def add_lesson(project: Path, fixture: str) -> None:
    add_fixture(project, f"author_edges/{fixture}", "01-basics/09-case.md")


def test_mermaid_s_accessibility_statements_are_read_as_mermaid_reads_them(project: Path) -> None:
    add_lesson(project, "diagram-descriptions.md")
    built = build_site(project)
    assert built.warnings == []
    page = built.html(LESSON_PAGE)
    texts = [text.get_text(" ", strip=True) for text in page.select(".course-diagram__text")]
    assert texts == [
        "A request and its answer The client sends GET /items/1, and the API answers 200 "
        "with the item.",
        "Spaces around the colon One line between braces",
        'An image tag in a description The page shows <img src="diagram.png"> as text, and '
        "never loads it.",
    ]
    # The source is the diagram's text, not elements of the page: no image to fetch or audit,
    # and a `<br>` in a label stays in the source Mermaid reads.
    for diagram in page.select(".mermaid"):
        assert diagram.find_all(True) == []
    assert "Content<br>one entry" in page.select(".mermaid")[2].get_text()


def test_a_description_block_never_closed_is_reported_missing(project: Path) -> None:
    add_lesson(project, "diagram-description-unclosed.md")
    built = build_site(project, strict=False)
    missing = diagrams.UNDESCRIBED.format(missing=diagrams.DESCRIPTION)
    assert built.warnings == [f"course: {LESSON}: diagram 1: {missing}"]


def build_errors(project: Path) -> list[str]:
    """The lines a strict build stops with; it warns of nothing else."""
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    assert failed.value.warnings == []
    return [line for error in failed.value.errors for line in error.splitlines()]


def test_raw_html_that_would_break_a_self_check_apart_is_one_line_each(project: Path) -> None:
    add_lesson(project, "self-checks-raw-html.md")
    quiz, question = "quiz 'Which tags end a list?'", "the question"
    bold = "quiz 'What does <b> do to the rest of the quiz?'"
    assert build_errors(project) == [
        f"{LESSON}: line 9: {quiz}: "
        + CLOSES_UNOPENED.format(part="option 1", tag="</li>", name="quiz"),
        f"{LESSON}: line 14: {bold}: "
        + OPENS_UNCLOSED.format(part=question, tag="<b>", name="quiz"),
        f"{LESSON}: line 24: exercise 'Close a block': "
        + CLOSES_UNOPENED.format(part="the model answer", tag="</div>", name="exercise"),
    ]


def test_self_check_syntax_shown_as_code_is_code(project: Path) -> None:
    add_lesson(project, "self-checks-in-code.md")
    built = build_site(project)
    assert built.warnings == []
    quizzes = built.html(LESSON_PAGE).select(".course-quiz")
    assert [quiz.select_one(".course-quiz__question").get_text() for quiz in quizzes] == [
        "Indented by two spaces, still a quiz"
    ]
    (lesson,) = [
        lesson for lesson in load_course(project).lessons if lesson.src_uri.endswith("09-case.md")
    ]
    assert lesson.quizzes == (quizzes[0]["id"],)


# The `///` blocks that the fixture project's Markdown extensions register: the course's
# self-checks and pymdownx.blocks.caption's.
COURSE_BLOCKS = {"quiz", "exercise", "answer", "caption", "figure-caption", "table-caption"}
ADMONITION_BLOCKS = {"admonition", "note", "attention", "caution", "danger", "error", "tip"} | {
    "hint",
    "important",
    "warning",
}


def test_a_block_line_that_opens_no_known_block_is_a_warning(project: Path) -> None:
    add_lesson(project, "unknown-blocks.md")
    built = build_site(project, strict=False)
    assert built.warnings == [
        f"course: {LESSON}: line 9: {unknown_block('quizz', COURSE_BLOCKS)}",
        f"course: {LESSON}: line 13: {unknown_block('note', COURSE_BLOCKS)}",
    ]
    assert "/// quizz" in built.html(LESSON_PAGE).select_one("article").get_text()


def test_the_known_blocks_are_those_the_build_s_extensions_register(project: Path) -> None:
    add_lesson(project, "unknown-blocks.md")
    config = project / "mkdocs.yml"
    admonition = "  - pymdownx.blocks.caption\n  - pymdownx.blocks.admonition\n"
    config.write_text(config.read_text().replace("  - pymdownx.blocks.caption\n", admonition))
    built = build_site(project, strict=False)
    known = COURSE_BLOCKS | ADMONITION_BLOCKS
    assert built.warnings == [f"course: {LESSON}: line 9: {unknown_block('quizz', known)}"]
