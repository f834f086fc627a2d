"""Helpers behind the author edges (tests/integration/test_author_edges.py), called directly
on the fixture files of tests/fixtures/author_edges/."""

from __future__ import annotations

from pathlib import Path

import material
from course import links, mermaid_source, reader_words, self_check_parse
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


def test_a_block_line_that_opens_no_known_block_names_the_likeliest() -> None:
    known = {"quiz", "exercise", "answer", "table-caption"}
    names = "answer, exercise, quiz, table-caption"
    assert self_check_parse.unknown_block("quizz", known) == (
        self_check_parse.UNKNOWN_BLOCK.format(name="quizz", names=names)
        + self_check_parse.LIKELY_BLOCK.format(name="quiz")
    )
    assert self_check_parse.unknown_block("note", known) == self_check_parse.UNKNOWN_BLOCK.format(
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
