"""The whole course as one PDF (`python3 dev.py pdf`), read with pypdf as a reader's PDF
viewer reads it: bookmarks, text, page numbers, links inside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course import reader_words
from helpers import ROOT, SITE_URL, add_fixture, build_site, only
from pypdf import PdfReader

pytestmark = pytest.mark.browser

LESSONS = ["First Steps", "The Request Flow", "Code Samples", "The Last Lesson"]


def outline_titles(outline: list) -> list[str]:
    titles = []
    for entry in outline:
        titles += outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, browser) -> tuple[Path, PdfReader]:
    """The fixture course with a draft, built, then printed by the PDF command."""
    from helpers import fixture_project

    project = fixture_project(tmp_path_factory.mktemp("pdf") / "project")
    add_fixture(project, "lessons/draft.md", "01-basics/09-draft.md")
    shutil.copytree(ROOT / "scripts", project / "scripts")
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE_URL)
        build_site(project)
    result = subprocess.run(
        [sys.executable, "scripts/course_pdf.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith(f"pdf: {project}/site/course.pdf, ")
    return project, PdfReader(project / "site/course.pdf")


def test_the_bookmarks_follow_the_course(printed) -> None:
    _, pdf = printed
    titles = outline_titles(pdf.outline)
    assert titles[:2] == ["The Fixture Course", "Contents"]
    lessons = [title for title in titles if title.split(". ", 1)[-1] in LESSONS]
    assert lessons == [f"{n}. {title}" for n, title in enumerate(LESSONS, start=1)]
    assert "Module 1: Basics" in titles and "Module 2: Next Steps" in titles
    assert not any("still being written" in title for title in titles)  # the draft


def test_every_lesson_is_in_the_text_in_order_with_page_numbers(printed) -> None:
    _, pdf = printed
    pages = [page.extract_text() for page in pdf.pages]
    text = "\n".join(pages)
    positions = [text.index(f"{n}. {title}\n") for n, title in enumerate(LESSONS, start=1)]
    assert positions == sorted(positions)
    assert "A lesson still being written" not in text
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    # Diagrams drawn, code included whole, no source.
    assert "Validator (Checks)" in text and "Database" in text
    assert 'return {"message": "Hello, fixture"}' in text
    assert "accTitle" not in text and "-->" not in text


def test_links_between_lessons_are_links_inside_the_pdf(printed) -> None:
    _, pdf = printed
    inside = 0
    for page in pdf.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            action = link.get("/A")
            if link.get("/Dest") is not None or (action and action.get("/S") == "/GoTo"):
                inside += 1
    # At least the contents' six entries and lesson 1's link to lesson 2.
    assert inside >= 7


def test_the_home_page_links_to_the_pdf_with_its_size(printed) -> None:
    project, _ = printed
    home = BeautifulSoup((project / "site/index.html").read_text(), "html.parser")
    link = only(home, "a[download]")
    assert link["href"] == "course.pdf"
    size = reader_words.for_language("en").size((project / "site/course.pdf").stat().st_size)
    assert link.get_text() == f"Download the course as PDF ({size})"
    assert size.endswith((" KB", " MB"))


def test_without_the_pdf_the_home_page_has_no_link(project: Path) -> None:
    home = build_site(project).html("")
    assert home.select("a[download]") == []
