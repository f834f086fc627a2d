"""The JSON-LD of a lesson and the course page, read with extruct, against the checklist."""

from __future__ import annotations

from pathlib import Path

import extruct
import pytest
import yaml
from course import dates
from course.model import Course
from helpers import ROOT, SITE_URL, add_fixture, build_site, fixture_project, load_course

CHECKLIST = yaml.safe_load((ROOT / "tests/structured-data-checklist.yml").read_text())
LESSON_URL = SITE_URL + "basics/first-steps/"


def json_ld(site: Path, path: str) -> list[dict]:
    html = (site / path / "index.html").read_text()
    # extruct parses the JSON-LD as it is written; it resolves no remote @context.
    return extruct.extract(html, base_url=SITE_URL + path, syntaxes=["json-ld"])["json-ld"]


def graph(site: Path, path: str) -> list[dict]:
    (document,) = json_ld(site, path)
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Course]:
    """The fixture course, built once for this module, with the model of that build."""
    project = fixture_project(tmp_path_factory.mktemp("jsonld") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE_URL)
        return build_site(project).site_dir, load_course(project)


def test_every_checklist_property_cites_its_sources() -> None:
    sources = CHECKLIST["sources"]
    for kind in ("lesson", "breadcrumbs", "course", "lesson_list"):
        for name, entry in CHECKLIST[kind].items():
            assert entry["sources"] and set(entry["sources"]) <= set(sources), name


def test_the_first_lesson(built) -> None:
    site, loaded = built
    lesson = loaded.lessons[0]
    article, breadcrumbs = graph(site, "basics/first-steps/")
    home_url = SITE_URL
    expected = {
        "@type": ["Article", "LearningResource"],
        "headline": "First Steps",
        "name": "First Steps",
        "description": lesson.meta.description,
        "keywords": list(lesson.meta.keywords),
        "url": LESSON_URL,
        "inLanguage": "en",
        "learningResourceType": "Lesson",
        "position": 1,
        "timeRequired": f"PT{lesson.reading_minutes}M",
        "author": {"@type": "Organization", "name": "The FastAPI Course team"},
        "publisher": {"@type": "Organization", "name": "The FastAPI Course", "url": home_url},
        "image": SITE_URL + "assets/social/basics/first-steps.png",
        "isPartOf": {
            "@type": "Course",
            "@id": home_url + "#course",
            "name": "The Fixture Course",
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
        {"@type": "ListItem", "position": 1, "name": "The Fixture Course", "item": home_url},
        {"@type": "ListItem", "position": 2, "name": "Basics", "item": home_url + "basics/"},
        {"@type": "ListItem", "position": 3, "name": "First Steps", "item": LESSON_URL},
    ]


def test_the_course_page(built) -> None:
    site, loaded = built
    course_node, lesson_list = graph(site, "")
    minutes = {module.title: module.reading_minutes for module in loaded.modules}
    assert minutes == {"Basics": 4, "Next Steps": 1}  # lesson 1 takes two minutes, others one
    expected = {
        "@type": "Course",
        "name": "The Fixture Course",
        "description": loaded.home.meta.description,
        "url": SITE_URL,
        "inLanguage": "en",
        "provider": {"@type": "Organization", "name": "The FastAPI Course", "url": SITE_URL},
        "offers": [{"@type": "Offer", "category": "Free"}],
        "hasCourseInstance": [
            {"@type": "CourseInstance", "courseMode": "Online", "courseWorkload": "PT5M"}
        ],
        "syllabusSections": [
            {
                "@type": "Syllabus",
                "name": module.title,
                "description": module.meta.description,
                "timeRequired": f"PT{minutes[module.title]}M",
            }
            for module in loaded.modules
        ],
        "image": SITE_URL + "assets/social/index.png",
    }
    for name in CHECKLIST["course"]:
        assert course_node[name] == expected[name], name
    assert lesson_list["@type"] == "ItemList"
    assert lesson_list["name"] == "Lessons of The Fixture Course"
    assert [(item["position"], item["url"]) for item in lesson_list["itemListElement"]] == [
        (1, LESSON_URL),
        (2, SITE_URL + "basics/request-flow/"),
        (3, SITE_URL + "basics/code-samples/"),
        (4, SITE_URL + "next-steps/last-lesson/"),
    ]


def test_module_pages_carry_no_structured_data(built) -> None:
    site, _ = built
    assert json_ld(site, "basics/") == []


def test_dates_come_from_updated_without_git_history(project: Path) -> None:
    add_fixture(project, "lessons/four-hundred-one-words.md", "01-basics/09-case.md")
    site = build_site(project).site_dir
    article = graph(site, "basics/case/")[0]
    # `updated: 2026-03-04` and no git history: both dates are that day.
    assert (article["datePublished"], article["dateModified"]) == ("2026-03-04", "2026-03-04")


def test_a_hostile_description_stays_inside_the_script(project: Path) -> None:
    add_fixture(project, "lessons/script-title.md", "01-basics/09-case.md")
    site = build_site(project).site_dir
    article = graph(site, "basics/case/")[0]
    assert article["description"] == (
        'A description with </script><script>alert(2)</script> and "quotes" & ampersands in it.'
    )


def test_git_is_asked_once_per_build(project: Path, monkeypatch) -> None:
    calls = []
    real = dates.git_dates
    monkeypatch.setattr(dates, "git_dates", lambda docs: calls.append(docs) or real(docs))
    build_site(project)
    assert len(calls) == 1
