"""A course built in Spanish: no English course string on any page, and Spanish dates."""

from __future__ import annotations

import json
import string
from pathlib import Path

from bs4 import BeautifulSoup
from course import reader_words
from helpers import FIXTURES, build_site, fixture_project, only

SPANISH_COURSE = FIXTURES / "course-es"
# Attributes whose value a reader sees or hears (not class names, addresses or data).
SHOWN_ATTRIBUTES = ("aria-label", "title", "alt", "content", "placeholder", "value")


def english_fragments() -> set[str]:
    """The fixed parts of every English entry that the Spanish table does not share."""
    spanish = " ".join(str(value) for value in reader_words.for_language("es").table.values())

    def parts(text: str) -> list[str]:
        return [literal.strip(" :.·") for literal, *_ in string.Formatter().parse(text)]

    # And the words of mkdocs.yml a reader sees, which the course's table gives them.
    found = {"Switch to dark mode", "Switch to light mode"}
    for key, value in reader_words.for_language("en").table.items():
        if key == "date":
            continue
        for form in value.values() if isinstance(value, dict) else [value]:
            found |= {part for part in parts(form) if len(part) >= 3 and part not in spanish}
    return found


def shown(html: str) -> str:
    """What a page shows or says: its text and the values of its attributes."""
    soup = BeautifulSoup(html, "html.parser")
    values = [
        element[name]
        for element in soup.find_all(True)
        for name in SHOWN_ATTRIBUTES
        if isinstance(element.get(name), str)
    ]
    return " ".join([soup.get_text(" "), *values])


def test_a_spanish_course_shows_no_english_course_words(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COURSE_PRINT_PAGE", "1")  # its words too
    project = fixture_project(tmp_path / "project", SPANISH_COURSE)
    config = project / "mkdocs.yml"
    settings = config.read_text().replace("language: en", "language: es", 1)
    # The site's own description is its settings', not the course's words: given in Spanish.
    settings = settings.replace(
        "site_description: ", "site_description: Un curso gratuito de FastAPI. # ", 1
    )
    config.write_text(settings)
    built = build_site(project)
    assert built.warnings == []
    fragments = english_fragments()
    assert "Up next" in fragments and "Lesson" in fragments
    pages = sorted(built.site_dir.rglob("*.html"))
    assert len(pages) == 6  # home, module, two lessons, 404, print page
    for page in pages:
        text = shown(page.read_text(encoding="utf-8"))
        assert [fragment for fragment in fragments if fragment in text] == [], page.name

    lesson = built.html("fundamentos/primeros-pasos/")
    facts = [li.get_text(" ", strip=True) for li in lesson.select(".course-facts li")]
    assert facts == ["Lección 1 de 2", "1 min de lectura", "Actualizada el 4 de marzo de 2026"]
    assert only(lesson, 'meta[property="og:locale"]')["content"] == "es_ES"
    home = built.html("")
    graph = json.loads(only(home, 'script[type="application/ld+json"]').get_text())["@graph"]
    assert graph[1]["name"] == "Lecciones de El curso de prueba"
    assert graph[0]["inLanguage"] == "es"
