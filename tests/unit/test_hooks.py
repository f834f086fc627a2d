"""Helpers of the SEO, newsletter and lessons hooks, called directly."""

from __future__ import annotations

import lessons
import newsletter
import pytest
import seo
from course.model import Course
from mkdocs.exceptions import PluginError
from model_builders import one_module_course

SETTINGS = {
    "title": "Subscribe",
    "text": "News.",
    "label": "Subscribe on LinkedIn",
    "url": "https://www.linkedin.com/",
}


def small_course() -> Course:
    return one_module_course(
        "A <b>", [("L1", "d", ("first focus", "x")), ("L2", "d", ("second focus", "x"))]
    )


def test_navigation_lists_home_then_each_module_with_its_lessons() -> None:
    nav = lessons.navigation(small_course())
    assert nav == [
        {"Course": "index.md"},
        {
            "A &lt;b&gt;": [
                {"A &lt;b&gt;": "01-a/index.md"},
                {"L1": "01-a/001-l.md"},
                {"L2": "01-a/002-l.md"},
            ]
        },
    ]


def test_the_course_finds_its_pages_by_source() -> None:
    loaded = small_course()
    assert loaded.page("01-a/002-l.md").title == "L2"
    assert loaded.page("01-a/002-l.md").module.title == "A <b>"
    assert loaded.page("01-a/001-l.md").next is loaded.page("01-a/002-l.md")
    assert loaded.page("assets/x.png") is None
    assert [lesson.position for lesson in loaded.lessons] == [1, 2]


def test_keywords_of_lessons_modules_and_home() -> None:
    loaded = small_course()
    module = loaded.modules[0]
    assert seo.keywords(loaded, module.lessons[0]) == ("first focus", "x")
    assert seo.keywords(loaded, module) == ("A <b>", "first focus", "second focus")
    assert seo.keywords(loaded, loaded.home) == ("Course", "first focus", "second focus")


@pytest.mark.parametrize(
    ("extra", "theme_language", "locale"),
    [
        ({"locale": "en_GB"}, "en", "en_GB"),
        ({}, "pt-BR", "pt_BR"),
        ({}, "en", "en_US"),
        ({}, "es", "es_ES"),
    ],
)
def test_og_locale(extra: dict, theme_language: str, locale: str) -> None:
    class Config:
        def __init__(self) -> None:
            self.extra = extra
            self.theme = {"language": theme_language}

    assert seo.og_locale(Config()) == locale


def test_newsletter_settings_are_trimmed() -> None:
    assert (
        newsletter.newsletter_settings({"newsletter": {**SETTINGS, "title": " Subscribe "}})
        == SETTINGS
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"url": "https:///no-host"}, "extra.newsletter.url: must be an https:// URL"),
        ({"url": "javascript:alert(1)"}, "extra.newsletter.url: must be an https:// URL"),
        ({"text": ""}, "extra.newsletter.text: is required"),
        ({"label": 3}, "extra.newsletter.label: is required"),
    ],
)
def test_newsletter_settings_refuse(change: dict, message: str) -> None:
    with pytest.raises(PluginError, match=message.replace(".", r"\.")):
        newsletter.newsletter_settings({"newsletter": {**SETTINGS, **change}})
