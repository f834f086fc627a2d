"""Structured data (JSON-LD) for the course page and every lesson, from the course model.

Events: on_page_context: the `structured_data` context (needs the course, read in on_files
by hooks/lessons.py).

overrides/partials/seo.html prints the `structured_data` context with Jinja's `tojson`, which
escapes <, > and & so no value can end the script element. What each property means, and
where schema.org and Google define it, is in tests/structured-data-checklist.yml.
"""

from __future__ import annotations

from typing import Any

from course import build_state, reader_words
from course.model import Course, Lesson
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

Json = dict[str, Any]
SCHEMA = "https://schema.org"


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    context["structured_data"] = structured_data(page.file.src_uri, config)
    return context


def structured_data(src_uri: str, config: MkDocsConfig) -> Json | None:
    loaded = build_state.course()
    entry = loaded.page(src_uri)
    if isinstance(entry, Lesson):
        return {"@context": SCHEMA, "@graph": lesson_graph(entry, loaded, config)}
    if entry is loaded.home:
        return {"@context": SCHEMA, "@graph": course_graph(loaded, config)}
    return None


def lesson_graph(lesson: Lesson, loaded: Course, config: MkDocsConfig) -> list[Json]:
    url = lesson.absolute_url(config.site_url)
    article: Json = {
        "@type": ["Article", "LearningResource"],
        "@id": f"{url}#lesson",
        "headline": lesson.title,
        "name": lesson.title,
        "description": lesson.meta.description,
        "keywords": list(lesson.meta.keywords),
        "url": url,
        "inLanguage": reader_words.language_of(config),
        "learningResourceType": "Lesson",
        "position": lesson.position,
        "timeRequired": iso_duration(lesson.reading_minutes),
        "author": {"@type": "Organization", "name": config.site_author or loaded.provider.name},
        "publisher": organization(loaded),
        "image": lesson.card_url(config.site_url),
        "isPartOf": course_reference(loaded, config),
    }
    dates = {"datePublished": lesson.published, "dateModified": lesson.updated}
    article |= {key: day.isoformat() for key, day in dates.items() if day is not None}
    crumbs = [loaded.home, lesson.module, lesson]
    breadcrumbs: Json = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": page.title,
                "item": page.absolute_url(config.site_url),
            }
            for position, page in enumerate(crumbs, start=1)
        ],
    }
    return [article, breadcrumbs]


def course_graph(loaded: Course, config: MkDocsConfig) -> list[Json]:
    home = loaded.home
    course_node: Json = {
        **course_reference(loaded, config),
        "description": home.meta.description,
        "inLanguage": reader_words.language_of(config),
        "provider": organization(loaded),
        "image": home.card_url(config.site_url),
        "offers": [{"@type": "Offer", "category": "Free"}],
        "hasCourseInstance": [
            {
                "@type": "CourseInstance",
                "courseMode": "Online",
                "courseWorkload": iso_duration(loaded.reading_minutes),
            }
        ],
        "syllabusSections": [
            {
                "@type": "Syllabus",
                "name": module.title,
                "description": module.meta.description,
                "timeRequired": iso_duration(module.reading_minutes),
            }
            for module in loaded.modules
        ],
    }
    lessons: Json = {
        "@type": "ItemList",
        "name": reader_words.for_config(config).text(
            "structured_data.lesson_list", course=home.title
        ),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": lesson.position,
                "name": lesson.title,
                "url": lesson.absolute_url(config.site_url),
            }
            for lesson in loaded.lessons
        ],
    }
    return [course_node, lessons]


def course_reference(loaded: Course, config: MkDocsConfig) -> Json:
    url = loaded.home.absolute_url(config.site_url)
    return {"@type": "Course", "@id": f"{url}#course", "name": loaded.home.title, "url": url}


def organization(loaded: Course) -> Json:
    return {"@type": "Organization", "name": loaded.provider.name, "url": loaded.provider.url}


def iso_duration(minutes: int) -> str:
    """ISO 8601 duration: 6 -> PT6M, 90 -> PT1H30M."""
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")
