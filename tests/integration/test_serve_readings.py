"""`serve` reads the whole course for every rebuild, and works out what a body alone decides
(its words, its warnings, its Markdown copy) again only for a body that changed: every
rebuild says and shows what reading each body afresh would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from course import loader, reader_words, self_check_parse
from course.front_matter import body
from course.rules import PLACEHOLDER_LEFT
from helpers import FIXTURES, Built, add_fixture, build_site

TODO_LESSON = "docs/01-basics/09-case.md"
OTHER_LESSON = "docs/01-basics/02-request-flow.md"
OTHER_PAGE = "basics/request-flow/"


def serve_rebuild(project: Path) -> Built:
    """One rebuild of `mkdocs serve --dirty`, not strict: the TODO lines are warnings."""
    return build_site(project, strict=False, serve=True, dirty=True)


def save(path: Path, text: str) -> None:
    """Write `text` as an editor saving a second later would: newer than the built pages."""
    path.write_text(text, encoding="utf-8")
    later = path.stat().st_mtime + 1
    os.utime(path, (later, later))


def todo_warnings(built: Built, *lines: int) -> None:
    found = [warning for warning in built.warnings if PLACEHOLDER_LEFT in warning]
    assert found == [f"course: {TODO_LESSON}: line {line}: {PLACEHOLDER_LEFT}" for line in lines]


def reading_time(built: Built) -> str:
    return built.html(OTHER_PAGE).select_one("article .course-facts").get_text(" ", strip=True)


def test_each_rebuild_reads_a_changed_body_again_and_an_unchanged_one_alike(
    project: Path,
) -> None:
    add_fixture(project, "lessons/todo-in-body.md", TODO_LESSON.removeprefix("docs/"))
    todo, other = project / TODO_LESSON, project / OTHER_LESSON
    todo_warnings(serve_rebuild(project), 7, 15)  # the heading and the HTML comment

    # Another lesson gains words: its reading time follows; the unchanged lesson warns again.
    save(other, other.read_text() + (FIXTURES / "serve/more-words.md").read_text())
    built = serve_rebuild(project)
    todo_warnings(built, 7, 15)
    minutes = loader.reading_minutes(loader.count_words(body(other.read_text())))
    shown = reader_words.for_language("en").text("reading_time", minutes=minutes)
    assert minutes > 1 and shown in reading_time(built)

    # A paragraph above the TODO lesson's first section moves its warnings' lines.
    above = (FIXTURES / "serve/paragraph-above.md").read_text()
    front_matter_end = todo.read_text().index("---\n", 4) + len("---\n")
    text = todo.read_text()
    save(todo, text[:front_matter_end] + above + text[front_matter_end:])
    todo_warnings(serve_rebuild(project), 9, 17)


def test_a_body_edit_makes_that_lesson_s_markdown_copy_alone_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    as_markdown = self_check_parse.as_markdown

    def counted(body: str, *args: object) -> str:
        made.append(body)
        return as_markdown(body, *args)

    monkeypatch.setattr(self_check_parse, "as_markdown", counted)
    site = project / "site"
    serve_rebuild(project)
    copies = {path: path.read_text() for path in site.rglob("index.md")}
    assert len(made) == len(copies) > 5

    made.clear()
    lesson = project / OTHER_LESSON
    save(lesson, lesson.read_text() + (FIXTURES / "serve/paragraph-above.md").read_text())
    serve_rebuild(project)
    assert len(made) == 1
    edited = site / OTHER_PAGE / "index.md"
    assert "A paragraph added above the first section." in edited.read_text()
    assert {path: path.read_text() for path in copies if path != edited} == {
        path: text for path, text in copies.items() if path != edited
    }

    # A new title reaches every page, and every copy is made again.
    made.clear()
    save(lesson, lesson.read_text().replace("title: The Request Flow", "title: The Path", 1))
    serve_rebuild(project)
    assert len(made) == len(copies)
    assert (site / OTHER_PAGE / "index.md").read_text().startswith("# The Path\n")
