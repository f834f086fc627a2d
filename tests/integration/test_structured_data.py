"""The JSON-LD of lesson 1 and the course page, read with extruct, against the checklist."""

from __future__ import annotations

from pathlib import Path

import course
import extruct
import pytest
import yaml
from helpers import ROOT, SITE_URL, add_fixture, build_site, copy_project

CHECKLIST = yaml.safe_load((ROOT / "tests/structured-data-checklist.yml").read_text())
LESSON_URL = SITE_URL + "introduction/what-is-fastapi/"


def json_ld(site: Path, path: str) -> list[dict]:
    html = (site / path / "index.html").read_text()
    # extruct parses the JSON-LD as it is written; it resolves no remote @context.
    return extruct.extract(html, base_url=SITE_URL + path, syntaxes=["json-ld"])["json-ld"]


def graph(site: Path, path: str) -> list[dict]:
    (document,) = json_ld(site, path)
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, course.Course]:
    """The real course, built once for this module, with the model of that build."""
    project = copy_project(tmp_path_factory.mktemp("jsonld") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE_URL)
        site = build_site(project).site_dir
    return site, course.current()


def test_every_checklist_property_cites_its_sources() -> None:
    sources = CHECKLIST["sources"]
    for kind in ("lesson", "breadcrumbs", "course", "lesson_list"):
        for name, entry in CHECKLIST[kind].items():
            assert entry["sources"] and set(entry["sources"]) <= set(sources), name


def test_lesson_one(built) -> None:
    site, loaded = built
    lesson = loaded.lessons[0]
    article, breadcrumbs = graph(site, "introduction/what-is-fastapi/")
    home_url = SITE_URL
    expected = {
        "@type": ["Article", "LearningResource"],
        "headline": "What is FastAPI?",
        "name": "What is FastAPI?",
        "description": lesson.meta.description,
        "keywords": list(lesson.meta.keywords),
        "url": LESSON_URL,
        "inLanguage": "en",
        "learningResourceType": "Lesson",
        "position": 1,
        "timeRequired": f"PT{lesson.reading_minutes}M",
        "author": {"@type": "Organization", "name": "The FastAPI Course team"},
        "publisher": {"@type": "Organization", "name": "The FastAPI Course", "url": home_url},
        "image": SITE_URL + "assets/social/introduction/what-is-fastapi.png",
        "isPartOf": {
            "@type": "Course",
            "@id": home_url + "#course",
            "name": "The FastAPI Course",
            "url": home_url,
        },
    }
    # Outside a git checkout the dates are unknown and left out, never invented.
    dated = {key: article.pop(key) for key in ("datePublished", "dateModified") if key in article}
    assert dated == {}
    for name in CHECKLIST["lesson"]:
        if name not in ("datePublished", "dateModified"):
            assert article[name] == expected[name], name
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert breadcrumbs["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "The FastAPI Course", "item": home_url},
        {
            "@type": "ListItem",
            "position": 2,
            "name": "Introduction",
            "item": home_url + "introduction/",
        },
        {"@type": "ListItem", "position": 3, "name": "What is FastAPI?", "item": LESSON_URL},
    ]


def test_the_course_page(built) -> None:
    site, loaded = built
    course_node, lesson_list = graph(site, "")
    total = sum(lesson.reading_minutes for lesson in loaded.lessons)
    expected = {
        "@type": "Course",
        "name": "The FastAPI Course",
        "description": loaded.home.meta.description,
        "url": SITE_URL,
        "inLanguage": "en",
        "provider": {"@type": "Organization", "name": "The FastAPI Course", "url": SITE_URL},
        "offers": [{"@type": "Offer", "category": "Free"}],
        "hasCourseInstance": [
            {"@type": "CourseInstance", "courseMode": "Online", "courseWorkload": f"PT{total}M"}
        ],
        "syllabusSections": [
            {
                "@type": "Syllabus",
                "name": "Introduction",
                "description": loaded.modules[0].meta.description,
                "timeRequired": f"PT{total}M",
            }
        ],
        "image": SITE_URL + "assets/social/index.png",
    }
    for name in CHECKLIST["course"]:
        assert course_node[name] == expected[name], name
    assert lesson_list["@type"] == "ItemList"
    assert [(item["position"], item["url"]) for item in lesson_list["itemListElement"]] == [
        (1, LESSON_URL),
        (2, SITE_URL + "introduction/why-fastapi-is-fast/"),
        (3, SITE_URL + "introduction/your-first-fastapi-app/"),
    ]


def test_module_pages_carry_no_structured_data(built) -> None:
    site, _ = built
    assert json_ld(site, "introduction/") == []


def test_dates_come_from_updated_without_git_history(project: Path) -> None:
    add_fixture(project, "lessons/four-hundred-one-words.md", "01-introduction/09-case.md")
    site = build_site(project).site_dir
    article = graph(site, "introduction/case/")[0]
    # `updated: 2026-03-04` and no git history: both dates are that day.
    assert (article["datePublished"], article["dateModified"]) == ("2026-03-04", "2026-03-04")


def test_a_hostile_description_stays_inside_the_script(project: Path) -> None:
    add_fixture(project, "lessons/script-title.md", "01-introduction/09-case.md")
    site = build_site(project).site_dir
    article = graph(site, "introduction/case/")[0]
    assert article["description"] == (
        'A description with </script><script>alert(2)</script> and "quotes" & ampersands in it.'
    )


def test_git_is_asked_once_per_build(project: Path, monkeypatch) -> None:
    calls = []
    real = course.git_dates
    monkeypatch.setattr(course, "git_dates", lambda docs: calls.append(docs) or real(docs))
    build_site(project)
    assert len(calls) == 1
