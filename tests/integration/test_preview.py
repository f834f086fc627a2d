"""`serve --dirty` with hooks/preview.py: a saved lesson body rebuilds that page alone, and
whatever reaches other pages rebuilds them all; either way the site is the one a clean
build makes of the same files."""

from __future__ import annotations

import json
import os
import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course import build_cache, conversion_cache, upstream_internals
from helpers import add_fixture, build_site, only
from mkdocs.structure.pages import Page

LESSON = "docs/01-basics/02-request-flow.md"
LESSON_PAGE = "basics/request-flow/"


def serve_build(project: Path):
    """One rebuild of `mkdocs serve --dirty`: strict, so MkDocs' dirty warning would fail it."""
    return build_site(project, serve=True, dirty=True)


def save(path: Path, text: str) -> None:
    """Write `text` as an editor saving a second later would: newer than the built pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    later = path.stat().st_mtime + 1
    os.utime(path, (later, later))


def built_files(site: Path) -> dict[str, object]:
    files: dict[str, object] = {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != "sitemap.xml.gz"
    }
    # Material appends a rebuilt page's search entries at the end: the order is no content.
    index = json.loads(files.pop("search/search_index.json"))
    index["docs"].sort(key=lambda doc: json.dumps(doc, sort_keys=True))
    files["search/search_index.json"] = index
    return files


def mtimes(site: Path) -> dict[str, int]:
    return {
        path.relative_to(site).as_posix(): path.stat().st_mtime_ns
        for path in site.rglob("index.html")
    }


def assert_same_as_a_clean_build(project: Path, tmp_path: Path) -> None:
    """The site is the one a clean build of a copy makes, which converts every page (its
    other caches, the runtime's links among them, go along)."""
    clean = tmp_path / "clean"

    def left_out(folder: str, names: list[str]) -> set[str]:
        if Path(folder) == project:
            return {"site"}
        return {conversion_cache.STORE} if Path(folder) == project / build_cache.CACHE else set()

    shutil.copytree(project, clean, ignore=left_out, symlinks=True)
    build_site(clean, serve=True)
    assert built_files(project / "site") == built_files(clean / "site")


def search_locations(project: Path) -> set[str]:
    index = json.loads((project / "site/search/search_index.json").read_text())
    return {doc["location"].partition("#")[0] for doc in index["docs"]}


def test_a_body_edit_rebuilds_that_lesson_alone(project: Path, tmp_path: Path) -> None:
    # Its icon, status and subtitle show in the navigation of the lesson rebuilt alone.
    add_fixture(project, "lessons/material-keys.md", "01-basics/04-keys.md")
    serve_build(project)
    site = project / "site"
    before, locations = mtimes(site), search_locations(project)
    lesson = project / LESSON
    save(lesson, lesson.read_text().replace("is not magic", "is not wizardry", 1))

    built = serve_build(project)

    rebuilt = {path for path, mtime in mtimes(site).items() if mtime != before[path]}
    assert rebuilt == {f"{LESSON_PAGE}index.html"}
    assert "is not wizardry" in built.html(LESSON_PAGE).select_one("article").get_text()
    assert search_locations(project) == locations
    assert_same_as_a_clean_build(project, tmp_path)


def test_a_retitle_reaches_every_page(project: Path, tmp_path: Path) -> None:
    serve_build(project)
    lesson = project / LESSON
    save(lesson, lesson.read_text().replace("title: The Request Flow", "title: Why So Fast", 1))

    built = serve_build(project)

    for path in ("basics/first-steps/", "basics/"):
        nav = built.html(path).select("nav.md-nav--primary a")
        assert any(link.get_text(strip=True).startswith("Why So Fast") for link in nav), path
    home_outline = [a.get_text(" ", strip=True) for a in built.html("").select(".course-outline a")]
    assert any("Why So Fast" in text for text in home_outline)
    assert_same_as_a_clean_build(project, tmp_path)


def test_a_retitle_renders_every_page_but_converts_and_indexes_none_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_build(project)
    converted, read = [], []
    render, search_read = Page.render, upstream_internals.MATERIAL_SEARCH_PARSER.feed

    def converting(page: Page, *arguments: object) -> None:
        converted.append(page.file.src_uri)
        render(page, *arguments)

    def reading(parser: object, html: str) -> None:
        read.append(html)
        search_read(parser, html)

    monkeypatch.setattr(Page, "render", converting)
    monkeypatch.setattr(upstream_internals.MATERIAL_SEARCH_PARSER, "feed", reading)
    rendered = mtimes(project / "site")
    lesson = project / LESSON
    save(lesson, lesson.read_text().replace("title: The Request Flow", "title: Why So Fast", 1))

    serve_build(project)

    assert converted == [] and read == []
    assert all(mtime != rendered[path] for path, mtime in mtimes(project / "site").items())
    assert_same_as_a_clean_build(project, tmp_path)


def test_adding_and_renaming_lessons_rebuild_the_navigation(project: Path, tmp_path: Path) -> None:
    serve_build(project)
    add_fixture(project, "lessons/material-keys.md", "01-basics/04-added.md")
    serve_build(project)
    nav = built_nav(project, "basics/first-steps/")
    assert "basics/added/" in nav
    assert_same_as_a_clean_build(project, tmp_path / "added")

    docs = project / "docs/01-basics"
    (docs / "04-added.md").rename(docs / "04-renamed.md")
    serve_build(project)
    assert not (project / "site/basics/added").exists()
    assert "basics/renamed/" in built_nav(project, "basics/first-steps/")
    assert_same_as_a_clean_build(project, tmp_path / "renamed")


def test_a_code_sample_edit_rebuilds_the_lesson_that_shows_it(
    project: Path, tmp_path: Path
) -> None:
    serve_build(project)
    sample = project / "docs_src/01-basics/03-code-samples/main.py"
    save(sample, sample.read_text().replace('"message"', '"greeting"'))
    built = serve_build(project)
    code = built.html("basics/code-samples/").select_one("article").get_text()
    assert '"greeting"' in code
    assert_same_as_a_clean_build(project, tmp_path)


def built_nav(project: Path, path: str) -> list[str]:
    """The pages the navigation of `path` links to, as site paths."""
    html = (project / "site" / path / "index.html").read_text()
    nav = BeautifulSoup(html, "html.parser").select("nav.md-nav--primary a[href]")
    return [posixpath.normpath(posixpath.join(path, link["href"])) + "/" for link in nav]


def warnings_after(project: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    """The warnings of a `serve --dirty` rebuild, and of a clean build of the same files."""
    dirty = build_site(project, serve=True, dirty=True, strict=False).warnings
    clean = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("site", ".cache"))
    return sorted(dirty), sorted(build_site(clean, serve=True, strict=False).warnings)


def test_a_partial_rebuild_reports_what_a_clean_build_reports(
    project: Path, tmp_path: Path
) -> None:
    # Lesson 1 links to lesson 2's heading "The flow" (#the-flow); a lesson without alt text
    # has a finding that stays true while other lessons are edited.
    add_fixture(project, "lessons/img-without-alt.md", "01-basics/04-image.md")
    checks = tmp_path / "checks"
    checks.mkdir()
    first = project / "docs/01-basics/01-first-steps.md"
    second = project / LESSON
    broken = (
        "Doc file '01-basics/01-first-steps.md' contains a link '02-request-flow.md#the-flow', "
        "but the doc '01-basics/02-request-flow.md' does not contain an anchor '#the-flow'."
    )
    dirty, clean = warnings_after(project, checks)
    assert dirty == clean and broken not in clean

    save(second, second.read_text().replace("## The flow", "## The path", 1))
    dirty, clean = warnings_after(project, checks)
    assert dirty == clean and broken in clean  # the edit of lesson 2 warns about lesson 1

    save(first, first.read_text().replace("These first steps", "These steps", 1))
    dirty, clean = warnings_after(project, checks)
    assert dirty == clean and broken in clean  # and so does an edit of lesson 1 itself

    save(second, second.read_text().replace("## The path", "## The flow", 1))
    dirty, clean = warnings_after(project, checks)
    assert dirty == clean and broken not in clean
    assert any("has no alt text" in warning for warning in clean)


def quiz_ids(built, path: str) -> list[str]:
    return [quiz["id"] for quiz in built.html(path).select("article .course-quiz")]


def outline_quizzes(built, path: str, lesson: str) -> list[str]:
    """The quiz ids the outline on `path` lists for `lesson`."""
    return only(built.html(path), f'[data-course-lesson="{lesson}"]')["data-course-quizzes"].split()


def test_an_edited_question_reaches_the_outlines_as_in_a_clean_build(
    project: Path, tmp_path: Path
) -> None:
    # A quiz's id comes from its question: the home and module outlines, which list every
    # lesson's quiz ids, must follow an edit of the lesson's body alone.
    lesson, page = project / "docs/02-next-steps/01-last-lesson.md", "next-steps/last-lesson/"
    built = serve_build(project)
    before = quiz_ids(built, page)
    question = "Which lesson comes after the last lesson?"
    save(lesson, lesson.read_text().replace(question, "Which lesson follows the last one?", 1))

    built = serve_build(project)

    after = quiz_ids(built, page)
    assert after[0] != before[0] and after[1:] == before[1:]
    for path in ("", "next-steps/"):
        assert outline_quizzes(built, path, page) == after, path

    # Then an edit that leaves the questions as they were rebuilds that lesson alone.
    site = project / "site"
    rendered = mtimes(site)
    save(lesson, lesson.read_text().replace("There is no lesson after it.", "Nothing follows.", 1))
    serve_build(project)
    assert {path for path, mtime in mtimes(site).items() if mtime != rendered[path]} == {
        f"{page}index.html"
    }
    # (A clean build in this process starts another session: it comes last.)
    assert_same_as_a_clean_build(project, tmp_path)
