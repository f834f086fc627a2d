"""A course in a language the course has no words in: its author adds a table, translated
from en.yml (the build says so); the build checks it against en.yml when it starts, and
names every mistake, one line each, in build and serve alike. A regional variant (en-GB)
takes its language's table."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from course import reader_words
from helpers import FIXTURES, BuildFailed, build_site, only

from dev import COMMANDS

LANGUAGE_FIXTURES = FIXTURES / "languages"
# The fixture course's dated lesson, and its date.
LAST_LESSON = "next-steps/last-lesson/"
LAST_LESSON_UPDATED = dt.date(2026, 3, 4)


def in_language(project: Path, language: str, table: str | None = None) -> None:
    """Set `theme.language`, and give the course the fixture `table` as its table for it."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", f"language: {language}", 1))
    if table is not None:
        shutil.copy(LANGUAGE_FIXTURES / table, project / reader_words.TABLES / f"{language}.yml")


def line_of(fixture: str, text: str) -> int:
    """The line of the fixture table where `text` is."""
    lines = (LANGUAGE_FIXTURES / fixture).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def failed_build(project: Path, *, serve: bool) -> list[str]:
    """The lines the build stopped with; it warned of nothing first."""
    with pytest.raises(BuildFailed) as failed:
        build_site(project, serve=serve)
    assert failed.value.warnings == []
    return "\n".join(failed.value.errors).splitlines()


def facts(page: object) -> list[str]:
    return [item.get_text(" ", strip=True) for item in page.select(".course-facts li")]


def test_a_german_table_makes_a_german_course(project: Path) -> None:
    in_language(project, "de", "de.yml")
    built = build_site(project)
    assert built.warnings == []
    german = reader_words.for_language("de", project / reader_words.TABLES)
    lesson = built.html(LAST_LESSON)
    assert only(lesson, "html")["lang"] == "de"
    assert german.date(LAST_LESSON_UPDATED) == "4. März 2026"
    assert facts(lesson)[-1] == german.text("updated", date=german.date(LAST_LESSON_UPDATED))
    assert only(lesson, "nav.course-breadcrumb")["aria-label"] == german.text("breadcrumb")


def test_every_mistake_of_a_table_is_one_line_and_the_build_stops(project: Path) -> None:
    # One mistake of each kind a translator makes; the build used to stop at the first page
    # that asked for the word, with a traceback (KeyError, AttributeError) or an empty line.
    fixture = "de-mistakes.yml"
    in_language(project, "de", fixture)
    english = reader_words.for_language("en")
    reference = reader_words.REFERENCE
    expected = reader_words.TableMistakes("de")
    twice = line_of(fixture, "button: Erledigt")
    expected.add(
        "complete.button", reader_words.GIVEN_TWICE.format(first=twice - 1, again=twice), twice
    )
    expected.add(
        "date",
        reader_words.UNWRITABLE_DATE.format(
            pattern="d. MMMM y {oops", reason=reader_words.TIME_FIELD
        ),
        line_of(fixture, "date:"),
    )
    expected.add(
        "breadcrumb",
        reader_words.MISSING.format(reference=reference, words=english.table["breadcrumb"]),
    )
    lesson_of = line_of(fixture, "lesson_of:")
    expected.add(
        "lesson_of",
        reader_words.UNKNOWN_PLACEHOLDER.format(
            placeholder="{pos}", reference=reference, known="{position}, {total}"
        ),
        lesson_of,
    )
    expected.add(
        "lesson_of",
        reader_words.MISSING_PLACEHOLDER.format(placeholder="{position}", reference=reference),
        lesson_of,
    )
    expected.add(
        "reading_time",
        reader_words.MISSING.format(reference=reference, words=english.table["reading_time"]),
    )
    expected.add(
        "outline.minutes",
        reader_words.FORMATTED_PLACEHOLDER.format(placeholder="{minutes!r}", name="minutes"),
        line_of(fixture, "{minutes!r}"),
    )
    expected.add("outline.progress", reader_words.NO_OTHER, line_of(fixture, "progress:"))
    expected.add(
        "outline.progress.many",
        reader_words.NOT_A_FORM.format(form="many", language="German", forms="one, other"),
        line_of(fixture, "many:"),
    )
    expected.add(
        "end.text.one",
        reader_words.MISSING_PLACEHOLDER.format(placeholder="{outline}", reference=reference),
        line_of(fixture, "one: Das war die einzige Lektion."),
    )
    expected.add(
        "feed_title",
        reader_words.BRACES.format(problem="unmatched '{' in format spec"),
        line_of(fixture, "feed_title:"),
    )
    expected.add(
        "card.module_footer.few",
        reader_words.NOT_A_FORM.format(form="few", language="German", forms="one, other"),
        line_of(fixture, "few:"),
    )
    expected.add(
        "structured_data.lesson_list",
        reader_words.MISSING.format(
            reference=reference, words=english.table["structured_data.lesson_list"]
        ),
    )
    expected.add(
        "not_found.title",
        reader_words.NOT_TEXT.format(got="int 404"),
        line_of(fixture, "title: 404"),
    )
    expected.add(
        "reading_tim",
        reader_words.EXTRA.format(reference=reference),
        line_of(fixture, "reading_tim:"),
    )
    expected.add(
        "structured_data",
        reader_words.NOT_A_GROUP.format(keys="structured_data.lesson_list", reference=reference),
        line_of(fixture, "structured_data:"),
    )
    for serve in (False, True):
        assert failed_build(project, serve=serve) == expected.found
    assert not (project / "site").exists()


def test_a_table_yaml_cannot_read_is_one_line_naming_where(project: Path) -> None:
    fixture = "de-yaml-error.yml"
    in_language(project, "de", fixture)
    with pytest.raises(yaml.YAMLError) as unreadable:
        yaml.load((LANGUAGE_FIXTURES / fixture).read_text(), reader_words.TableLoader)
    line, problem = reader_words.where(unreadable.value)
    # The list that never closes opens here, a line before the parser gives up.
    assert line == line_of(fixture, "breadcrumb: [broken")
    expected = reader_words.TableMistakes("de")
    expected.add(None, reader_words.NOT_YAML.format(problem=problem), line)
    for serve in (False, True):
        assert failed_build(project, serve=serve) == expected.found


@pytest.mark.parametrize("command", ["build", "serve"])
def test_mkdocs_itself_says_the_mistakes_without_a_traceback(project: Path, command: str) -> None:
    in_language(project, "de", "de-mistakes.yml")
    result = subprocess.run(
        [sys.executable, *COMMANDS[command]],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    found = reader_words.mistakes("de", project / reader_words.TABLES)
    assert result.returncode != 0
    assert [line for line in result.stderr.splitlines() if line.startswith("ERROR")] == [
        f"ERROR   -  {found[0]}"
    ]
    assert "\n".join(found) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_regional_variant_needs_material_s_words_only(project: Path) -> None:
    # The course's words fall back to en.yml; Material has no en-GB words of its own.
    in_language(project, "en-GB")
    partial = f"{reader_words.THEME_LANGUAGES}/en-GB.html"
    problem = reader_words.NO_THEME_WORDS.format(language="en-GB", partial=partial)
    problem += reader_words.BASE_THEME_WORDS.format(base="en", language="en-GB")
    expected = [f"mkdocs.yml: {problem}"]
    assert failed_build(project, serve=False) == expected
    # Material's words for it, as an author adds them to overrides/.
    (project / "overrides" / partial).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(LANGUAGE_FIXTURES / "en-GB.html", project / "overrides" / partial)
    built = build_site(project)
    assert built.warnings == []
    british = reader_words.for_language("en-GB", project / reader_words.TABLES)
    lesson = built.html(LAST_LESSON)
    assert only(lesson, "html")["lang"] == "en-GB"
    assert only(lesson, 'meta[property="og:locale"]')["content"] == "en_GB"
    assert facts(lesson)[-1] == british.text("updated", date=british.date(LAST_LESSON_UPDATED))
    assert british.table == reader_words.for_language("en").table
