"""scripts/new_lesson.py's helpers, called directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from new_lesson import UNSPELLED, LessonError, find_module, next_lesson_name, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Your First FastAPI App", "your-first-fastapi-app"),
        ("Dependencies: Depends() & Annotated", "dependencies-depends-annotated"),
        ("Pydantic v2 \u2013 Déjà vu", "pydantic-v2-deja-vu"),
        ("¿?", ""),
        # Letters that Unicode does not decompose are spelt as their languages spell them.
        ("Straße", "strasse"),
        ("GROẞE Dateien", "grosse-dateien"),
        ("Æsir, Øresund, Łódź, Þór", "aesir-oresund-lodz-thor"),
        ("Œuvre complète", "oeuvre-complete"),
        ("x² ﬁles", "x2-files"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("title", "unspelled"),
    [
        ("Привет FastAPI", "'Привет'"),
        ("FastAPI 入門 と 実践", "'入門', 'と', '実践'"),
        ("Ελληνικά and Straße", "'Ελληνικά'"),
    ],
)
def test_a_title_in_another_script_asks_for_a_slug(title: str, unspelled: str) -> None:
    with pytest.raises(LessonError) as raised:
        slugify(title)
    assert str(raised.value) == UNSPELLED.format(title=title, words=unspelled)


def make(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    return tmp_path


def test_next_lesson_follows_the_highest_number_with_its_padding(tmp_path: Path) -> None:
    docs = make(tmp_path, "03-http/index.md", "03-http/01-a.md", "03-http/09-b.md", "03-http/x.png")
    assert next_lesson_name(docs / "03-http", "c") == "10-c.md"
    unpadded = make(tmp_path, "4-db/index.md", "4-db/2-a.md")
    assert next_lesson_name(unpadded / "4-db", "b") == "3-b.md"
    empty = make(tmp_path, "5-new/index.md")
    assert next_lesson_name(empty / "5-new", "first") == "01-first.md"


@pytest.mark.parametrize("name", ["02-basics", "basics", "2", "02"])
def test_a_module_is_found_by_folder_slug_or_number(tmp_path: Path, name: str) -> None:
    docs = make(tmp_path, "01-intro/index.md", "02-basics/index.md", "assets/x.css")
    assert find_module(docs, name) == docs / "02-basics"


def test_an_unknown_module_lists_the_modules(tmp_path: Path) -> None:
    docs = make(tmp_path, "01-intro/index.md", "02-basics/index.md")
    with pytest.raises(
        LessonError, match=r"no module 'advanced' in .* \(modules: 01-intro, 02-basics\)"
    ):
        find_module(docs, "advanced")
