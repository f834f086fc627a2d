"""Helpers behind the author edges (tests/integration/test_author_edges.py), called directly
on the fixture files of tests/fixtures/author_edges/."""

from __future__ import annotations

from pathlib import Path

import material
from course import links, mermaid_source, reader_words, self_check_source
from course.front_matter import body
from helpers import FIXTURES

EDGES = FIXTURES / "author_edges"


def lesson_body(name: str) -> str:
    return body((EDGES / name).read_text(encoding="utf-8"))


def test_every_form_of_mermaid_s_accessible_text_is_read() -> None:
    found = [
        diagram.accessible_text()
        for diagram in mermaid_source.diagrams(lesson_body("diagram-descriptions.md"))
    ]
    assert found == [
        (
            "A request and its answer",
            "The client sends GET /items/1, and the API answers 200 with the item.",
        ),
        ("Spaces around the colon", "One line between braces"),
        (
            "An image tag in a description",
            'The page shows <img src="diagram.png"> as text, and never loads it.',
        ),
    ]
    assert [
        mermaid_source.undescribed(diagram)
        for diagram in mermaid_source.diagrams(lesson_body("diagram-descriptions.md"))
    ] == [None] * 3


def test_a_description_block_never_closed_is_no_description() -> None:
    (diagram,) = mermaid_source.diagrams(lesson_body("diagram-description-unclosed.md"))
    assert diagram.accessible_text() == ("The request flow", "")
    assert mermaid_source.undescribed(diagram) == (
        "diagram 1",
        mermaid_source.UNDESCRIBED.format(missing=mermaid_source.DESCRIPTION),
    )


def test_a_block_in_fenced_code_is_code_and_an_indented_block_is_a_block() -> None:
    markdown = lesson_body("self-checks-in-code.md")
    (quiz,) = self_check_source.self_checks(markdown)
    lines = markdown.split("\n")
    assert lines[quiz.line - 1].strip().startswith("/// quiz")
    assert lines[quiz.end - 1].strip() == "///"
    assert [option.text for option in quiz.options() or []] == ["Right", "Wrong"]


def test_raw_html_is_unbalanced_only_outside_code_and_void_elements() -> None:
    (first, second, balanced, exercise) = self_check_source.self_checks(
        lesson_body("self-checks-raw-html.md")
    )
    assert self_check_source.unbalanced_tag(first.list_items()[0]) == (
        "</li>",
        self_check_source.CLOSES_UNOPENED,
    )
    assert self_check_source.unbalanced_tag(first.list_items()[1]) is None  # in code
    assert self_check_source.unbalanced_tag(second.title) == (
        "<b>",
        self_check_source.OPENS_UNCLOSED,
    )
    assert [
        self_check_source.unbalanced_tag(text) for _, text in self_check_source.parts(balanced)
    ] == [None] * 4
    assert self_check_source.block_problems(exercise, lesson=True) == [
        self_check_source.CLOSES_UNOPENED.format(
            part="the model answer", tag="</div>", name="exercise"
        )
    ]


def test_block_lines_that_open_no_known_block() -> None:
    known = {"quiz", "exercise", "answer", "table-caption"}
    markdown = lesson_body("unknown-blocks.md")
    lines = markdown.split("\n")
    found = self_check_source.unknown_blocks(markdown, known)
    assert [name for _, name in found] == ["quizz", "note"]
    assert [lines[line - 1].split("|")[0].strip() for line, _ in found] == ["/// quizz", "/// note"]
    names = "answer, exercise, quiz, table-caption"
    assert self_check_source.unknown_block("quizz", known) == (
        self_check_source.UNKNOWN_BLOCK.format(name="quizz", names=names)
        + self_check_source.LIKELY_BLOCK.format(name="quiz")
    )
    assert self_check_source.unknown_block("note", known) == self_check_source.UNKNOWN_BLOCK.format(
        name="note", names=names
    )


def test_a_scheme_is_read_as_a_browser_reads_it() -> None:
    disguised = [
        "JaVaScRiPt:x",
        "java\tscript:x",
        "\x01 javascript:x",
        "java\nscript:x",
        "\x00javascript:x",
    ]
    assert {links.scheme(address) for address in disguised} == {"javascript"}
    assert links.scheme("/javascript:x") == ""
    assert links.scheme("https://example.org/javascript:") == "https"
    assert links.scheme("page.md#javascript:") == ""


def test_data_addresses_are_safe_in_images_and_media_only() -> None:
    image = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    assert links.unsafe_address("img", "src", image) is None
    assert links.unsafe_address("video", "poster", image) is None
    assert links.unsafe_address("a", "href", image) == links.DATA_ADDRESS.format(address=image)
    assert links.unsafe_address("a", "title", "javascript:x") is None  # not an address
    long = "javascript:" + "x" * 100
    shown = long[: links.SHOWN_LENGTH - 1] + "…"
    assert links.unsafe_address("A", "HREF", long) == links.SCRIPT_ADDRESS.format(
        address=shown, scheme="javascript"
    )


def test_a_language_material_has_no_words_in_is_named() -> None:
    theme = [str(Path(material.__file__).parent / "templates")]
    assert reader_words.missing_theme_language("fr", theme) is None
    assert reader_words.missing_theme_language("yo", theme) == reader_words.NO_THEME_WORDS.format(
        language="yo", partial=f"{reader_words.THEME_LANGUAGES}/yo.html"
    )
