"""The reader's words: every language has the table English has, with the same placeholders,
plural forms its language knows, and dates in its own words; a regional variant takes its
language's table."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from course import reader_words
from helpers import ROOT
from markupsafe import Markup
from mkdocs.exceptions import PluginError

ENGLISH = reader_words.for_language("en")
LANGUAGES = reader_words.available()


def test_english_and_spanish_ship() -> None:
    assert {"en", "es"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_shipped_table_keeps_the_rules_the_build_checks(language: str) -> None:
    # The rules the build checks an author's table with when it starts (hooks/words.py):
    # en.yml's keys and placeholders, the language's plural forms, a date Babel can write.
    assert reader_words.mistakes(language) == []
    assert reader_words.for_language(language).table.keys() == ENGLISH.table.keys()


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "4 March 2026"), ("es", "4 de marzo de 2026")]
)
def test_dates_are_written_in_the_language(language: str, expected: str) -> None:
    assert reader_words.for_language(language).date(dt.date(2026, 3, 4)) == expected


def test_plurals_follow_the_count() -> None:
    assert ENGLISH.text("card.module_footer", count=1) == "1 lesson"
    assert ENGLISH.text("card.module_footer", count=2) == "2 lessons"
    spanish = reader_words.for_language("es")
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
    assert reader_words.missing_language("fr") == reader_words.NO_TABLE.format(
        language="fr",
        tables=", ".join(LANGUAGES),
        folder=reader_words.TABLES,
        alternative="",
        reference=reader_words.REFERENCE,
    )
    with pytest.raises(PluginError) as raised:
        reader_words.for_language("fr")
    assert str(raised.value) == f"mkdocs.yml: {reader_words.missing_language('fr')}"
    assert reader_words.missing_language("es") is None


def test_a_regional_variant_takes_its_language_s_table() -> None:
    assert reader_words.table_for("en-GB") == "en"
    assert reader_words.table_for("es-MX") == "es"
    british = reader_words.for_language("en-GB")
    assert british.table == ENGLISH.table
    assert str(british.locale) == "en_GB"
    assert reader_words.mistakes("en-GB") == []
    # Its own table when it has one; a variant of a language without one has neither.
    assert reader_words.missing_language("pt-BR") == reader_words.NO_TABLE.format(
        language="pt-BR",
        tables=", ".join(LANGUAGES),
        folder=reader_words.TABLES,
        alternative=reader_words.BASE_TABLE.format(base="pt"),
        reference=reader_words.REFERENCE,
    )
    assert (
        reader_words.base_of("pt-BR"),
        reader_words.base_of("pt"),
        reader_words.base_of("en"),
    ) == ("pt", None, None)


@pytest.mark.parametrize("language", ["zh-TW", "zh-Hant", "sr-Latn", "ku-IQ"])
def test_a_table_in_another_script_is_no_fallback(language: str) -> None:
    # zh.yml is written in simplified characters, zh-TW in traditional ones.
    assert reader_words.base_of(language) is None


WORD_CALL = re.compile(r"""words\.(?:t|text)\(\s*["']([a-z_.]+)["']""")


def test_every_word_the_code_asks_for_is_in_the_english_table() -> None:
    places = [*(ROOT / "overrides").rglob("*.html"), *(ROOT / "hooks").rglob("*.py")]
    asked = {
        (path.relative_to(ROOT).as_posix(), key)
        for path in places
        for key in WORD_CALL.findall(path.read_text(encoding="utf-8"))
    }
    assert len(asked) > 20
    asked |= {("course/reader_words.py FOR_SCRIPTS", key) for key in reader_words.FOR_SCRIPTS}
    assert [(where, key) for where, key in sorted(asked) if key not in ENGLISH.table] == []
