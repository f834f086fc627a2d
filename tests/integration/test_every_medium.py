"""What search engines, search and social networks read of a course, as built: no diagram
source in the search index, the head's title, alt text and dates, the print page."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import Built, build_site, only

SOURCE_MARKS = ("accTitle", "accDescr", "sequenceDiagram", "graph TD", "-->", "--&gt;", "->>")


def search_index(built: Built) -> list[dict]:
    return json.loads((built.site_dir / "search/search_index.json").read_text())["docs"]


def test_the_search_index_has_no_diagram_source(fixture_site: Built) -> None:
    docs = search_index(fixture_site)
    found = [
        (doc["location"], mark) for doc in docs for mark in SOURCE_MARKS if mark in doc["text"]
    ]
    assert found == []


def test_a_diagram_is_found_by_its_accessible_name_under_its_section(fixture_site: Built) -> None:
    sections = {doc["location"]: doc["text"] for doc in search_index(fixture_site)}
    flow = sections["basics/request-flow/#the-flow"]
    assert "One request" in flow
    assert "The client sends a request through the proxy" in flow
    # Code samples stay searchable as Material indexes them.
    assert "read_root" in sections["basics/code-samples/#the-app"]


def test_a_page_titled_like_the_site_has_its_title_once(project: Path) -> None:
    home = project / "docs/index.md"
    home.write_text(
        home.read_text().replace("title: The Fixture Course", "title: The FastAPI Course")
    )
    soup = build_site(project).html("")
    assert only(soup, "title").get_text() == "The FastAPI Course"


def test_alt_text_has_no_doubled_stop_and_lessons_carry_their_dates(project: Path) -> None:
    lesson = project / "docs/02-next-steps/01-last-lesson.md"
    lesson.write_text(
        lesson.read_text().replace("title: The Last Lesson", "title: The Last Lesson?")
    )
    soup = build_site(project).html("next-steps/last-lesson/")
    alt = only(soup, 'meta[property="og:image:alt"]')["content"]
    assert "The Last Lesson? Lesson 4 of 4" in alt and "?." not in alt
    # `updated: 2026-03-04` and no git history: both dates are that day, as in the JSON-LD.
    assert only(soup, 'meta[property="article:published_time"]')["content"] == "2026-03-04"
    assert only(soup, 'meta[property="article:modified_time"]')["content"] == "2026-03-04"


def test_only_the_pdf_s_build_makes_the_print_page(fixture_site: Built) -> None:
    assert not (fixture_site.site_dir / "print.html").exists()


def test_the_print_page_holds_every_lesson_in_order_with_links_inside_it(
    project: Path, monkeypatch
) -> None:
    monkeypatch.setenv("COURSE_PRINT_PAGE", "1")
    site = build_site(project).site_dir
    soup = BeautifulSoup((site / "print.html").read_text(), "html.parser")
    assert only(soup, 'meta[name="robots"]')["content"] == "noindex"
    lessons = soup.select("article.course-print__lesson")
    assert [lesson["id"] for lesson in lessons] == ["lesson-1", "lesson-2", "lesson-3", "lesson-4"]
    assert [" ".join(lesson.h3.get_text().split()) for lesson in lessons] == [
        "1. First Steps",
        "2. The Request Flow",
        "3. Code Samples",
        "4. The Last Lesson",
    ]
    # Lesson 1's link to lesson 2's heading leads inside the page; every anchor is there.
    ids = {element["id"] for element in soup.select("[id]")}
    assert "lesson-2-the-flow" in ids
    link = only(lessons[0], 'a[href="#lesson-2-the-flow"]')
    assert link.get_text() == "the request flow"
    internal = [a["href"] for a in soup.select('article a[href^="#"]')]
    assert internal and all(href[1:] in ids for href in internal)
    # The lessons' own sections sit under them: h2 becomes h4.
    assert lessons[1].select_one("h4").get_text(strip=True).startswith("The flow")
    assert "Client" in lessons[1].select_one(".course-diagram div.mermaid").get_text()
