"""The real course of docs/, built strictly: properties that hold for any course.

No test here names a lesson: the lessons come from the course model, and the model is
checked against the files.
"""

from __future__ import annotations

import pytest
from course import snippets
from course_properties import (
    check_cards,
    check_lessons,
    check_links,
    check_model_matches_files,
    check_nothing_loads_from_elsewhere,
    check_outline,
    check_sitemap_and_feed,
    check_structured_data,
)
from helpers import ROOT, SITE_URL, Built, load_course

SAMPLES = ROOT / "docs_src"


@pytest.fixture(scope="module")
def loaded(course_site: Built):
    """The model of the copy that `course_site` built."""
    return load_course(course_site.site_dir.parent)


def test_the_strict_build_logs_no_warning(course_site: Built) -> None:
    assert course_site.warnings == []


def test_the_model_holds_every_published_file_in_order(course_site: Built, loaded) -> None:
    check_model_matches_files(loaded, course_site.site_dir.parent / "docs")
    assert loaded.lessons, "the course has no published lesson"


def test_the_outline_lists_every_lesson_in_order(course_site: Built, loaded) -> None:
    check_outline(course_site, loaded)


def test_each_lesson_knows_its_place_and_what_comes_next(course_site: Built, loaded) -> None:
    check_lessons(course_site, loaded)


def test_the_sitemap_and_the_feed_list_every_page(course_site: Built, loaded) -> None:
    check_sitemap_and_feed(course_site, loaded, SITE_URL)


def test_the_structured_data_follows_the_course(course_site: Built, loaded) -> None:
    check_structured_data(course_site, loaded, SITE_URL)


def test_every_page_has_its_own_card(course_site: Built, loaded) -> None:
    check_cards(course_site, loaded, SITE_URL)


def test_every_link_and_anchor_resolves(course_site: Built) -> None:
    check_links(course_site, SITE_URL)


def test_no_page_loads_anything_from_another_host(course_site: Built) -> None:
    check_nothing_loads_from_elsewhere(course_site, SITE_URL)


def test_every_sample_is_included_by_a_published_lesson(loaded) -> None:
    included = {
        match["target"].partition(":")[0]
        for lesson in loaded.lessons
        for match in snippets.INCLUDE.finditer(lesson.markdown)
    }
    files = {path.relative_to(SAMPLES).as_posix() for path in SAMPLES.rglob("*") if path.is_file()}
    assert files - included == set(), "samples that no published lesson shows"
