"""The reader's words: every language has the table English has, with the same placeholders,
plural forms its language knows, and dates in its own words."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel import Locale
from course import words
from helpers import ROOT
from markupsafe import Markup
from mkdocs.exceptions import PluginError

ENGLISH = words.for_language("en")
LANGUAGES = words.available()


def placeholders_of(value: str | dict[str, str]) -> set[str]:
    forms = value.values() if isinstance(value, dict) else [value]
    return set().union(*(words.placeholders(form) for form in forms))


def test_english_and_spanish_ship() -> None:
    assert {"en", "es"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_table_has_every_key_with_the_same_placeholders(language: str) -> None:
    table = words.for_language(language).table
    assert table.keys() == ENGLISH.table.keys()
    for key, value in table.items():
        if key == "date":
            continue
        assert placeholders_of(value) == placeholders_of(ENGLISH.table[key]), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_are_the_language_s_own(language: str) -> None:
    tags = Locale.parse(language).plural_form.tags | {"other"}
    for key, value in words.for_language(language).table.items():
        if isinstance(value, dict):
            assert "other" in value and set(value) <= tags, key


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "4 March 2026"), ("es", "4 de marzo de 2026")]
)
def test_dates_are_written_in_the_language(language: str, expected: str) -> None:
    assert words.for_language(language).date(dt.date(2026, 3, 4)) == expected


def test_plurals_follow_the_count() -> None:
    assert ENGLISH.text("card.module_footer", count=1) == "1 lesson"
    assert ENGLISH.text("card.module_footer", count=2) == "2 lessons"
    spanish = words.for_language("es")
    assert spanish.text("card.module_footer", count=1) == "1 lección"
    assert spanish.text("card.module_footer", count=1_000_000) == "1000000 lecciones"


def test_html_escapes_values_but_not_markup() -> None:
    link = Markup('<a href="#outline">course outline</a>')
    html = ENGLISH.t("next.lesson", position=2, title="Dict<str, T>")
    assert html == "Lesson 2: Dict&lt;str, T&gt;"
    assert ENGLISH.t("end.text", count=3, outline=link).endswith(
        f"the {link} to revisit any lesson."
    )


def test_a_language_without_a_table_is_one_line_that_stops_the_build() -> None:
    assert words.missing_language("fr") == (
        "theme.language: the course has no words in 'fr' (it has en, es): add "
        "hooks/course/languages/fr.yml, translated from en.yml"
    )
    with pytest.raises(PluginError) as raised:
        words.for_language("fr")
    assert str(raised.value) == f"mkdocs.yml: {words.missing_language('fr')}"
    assert words.missing_language("es") is None


WORD_CALL = re.compile(r"""words\.(?:t|text)\(\s*["']([a-z_.]+)["']""")


def test_every_word_the_code_asks_for_is_in_the_english_table() -> None:
    places = [*(ROOT / "overrides").rglob("*.html"), *(ROOT / "hooks").rglob("*.py")]
    asked = {
        (path.relative_to(ROOT).as_posix(), key)
        for path in places
        for key in WORD_CALL.findall(path.read_text(encoding="utf-8"))
    }
    assert len(asked) > 20
    asked |= {("course/words.py FOR_SCRIPTS", key) for key in words.FOR_SCRIPTS}
    assert [(where, key) for where, key in sorted(asked) if key not in ENGLISH.table] == []
