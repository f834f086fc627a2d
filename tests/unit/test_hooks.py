"""Helpers of the SEO, newsletter and lessons hooks, called directly."""

from __future__ import annotations

import course
import lessons
import newsletter
import pytest
import seo
from mkdocs.exceptions import PluginError

SETTINGS = {
    "title": "Subscribe",
    "text": "News.",
    "label": "Subscribe on LinkedIn",
    "url": "https://www.linkedin.com/",
}


def small_course() -> course.Course:
    meta = course.FrontMatter
    home = course.Page("index.md", "./", meta("Course", "d"))
    module = course.Module("01-a/index.md", "a/", meta("A <b>", "d"), number=1)
    for number, focus in [(1, "first focus"), (2, "second focus")]:
        module.lessons.append(
            course.Lesson(
                f"01-a/0{number}-l.md",
                f"a/l{number}/",
                meta(f"L{number}", "d", keywords=(focus, "x")),
                module=module,
                number=number,
                position=number,
                reading_minutes=number,
            )
        )
    return course.Course(course.Provider("Course", "https://e.org/"), home, [module])


def test_navigation_lists_home_then_each_module_with_its_lessons() -> None:
    nav = lessons.navigation(small_course())
    assert nav == [
        {"Course": "index.md"},
        {
            "A &lt;b&gt;": [
                {"A &lt;b&gt;": "01-a/index.md"},
                {"L1": "01-a/01-l.md"},
                {"L2": "01-a/02-l.md"},
            ]
        },
    ]


def test_the_course_finds_its_pages_by_source() -> None:
    loaded = small_course()
    assert loaded.page("01-a/02-l.md").title == "L2"
    assert loaded.page("01-a/02-l.md").module.title == "A <b>"
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
    [({"locale": "en_US"}, "en", "en_US"), ({}, "pt-BR", "pt_BR"), ({}, "en", "en")],
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
