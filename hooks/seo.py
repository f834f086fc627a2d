"""SEO tags for every course page: keywords, Open Graph and Twitter with the page's social
card, from the course model.

Events: on_page_context: the `seo` context (needs the course, read in on_files by
hooks/lessons.py).

Material already writes the description, author and canonical link; overrides/partials/seo.html
writes the rest from the `seo` context this hook provides, so nothing appears twice.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.core import get_global
from course import build_state, cards, reader_words
from course.card_text import card_alt
from course.model import Course, Lesson, Module, Page
from course.reader_words import Words
from course.rules import KEYWORDS_MAX
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage


@dataclass(frozen=True)
class SeoTags:
    title: str
    description: str
    keywords: tuple[str, ...]
    url: str | None
    type: str  # Open Graph type: "article" for lessons, "website" otherwise
    site_name: str
    locale: str
    image: str  # absolute URL of the page's social card (hooks/social.py)
    image_alt: str
    # A lesson's first publication and last change (ISO 8601), as in the JSON-LD and the feed.
    published: str | None = None
    modified: str | None = None
    image_width: int = cards.WIDTH
    image_height: int = cards.HEIGHT


@dataclass
class BuildWords:
    """The reader's words of this build, found once for every page's card alt text rather
    than once per page (finding the tables' folder asks the file system)."""

    words: Words | None = None

    def of(self, config: MkDocsConfig) -> Words:
        if self.words is None:
            self.words = reader_words.for_config(config)
        return self.words


def on_page_context(
    context: dict[str, Any], *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    context["seo"] = seo_tags(page, config)
    return context


def seo_tags(page: MkDocsPage, config: MkDocsConfig) -> SeoTags | None:
    course = build_state.course()
    entry = course.page(page.file.src_uri)
    if entry is None:
        return None
    return SeoTags(
        title=entry.title,
        description=entry.meta.description,
        keywords=keywords(course, entry),
        url=page.canonical_url,
        type="article" if isinstance(entry, Lesson) else "website",
        site_name=config.site_name,
        locale=og_locale(config),
        image=entry.card_url(config.site_url),
        image_alt=card_alt(entry, course, build_state.part(BuildWords).of(config)),
        **article_times(entry),
    )


def article_times(entry: Page) -> dict[str, str]:
    """A lesson's first publication and last change, as the course model dates it
    (course/loader.py)."""
    if not isinstance(entry, Lesson):
        return {}
    dates = {"published": entry.published, "modified": entry.updated}
    return {key: day.isoformat() for key, day in dates.items() if day is not None}


def keywords(course: Course, entry: Page) -> tuple[str, ...]:
    """A lesson's own keywords; a module or the home page: its title, then its lessons' focus."""
    if isinstance(entry, Lesson):
        return entry.meta.keywords
    lessons = entry.lessons if isinstance(entry, Module) else course.lessons
    phrases = [entry.title, *(lesson.meta.keywords[0] for lesson in lessons)]
    return tuple(dict.fromkeys(phrases))[:KEYWORDS_MAX]


def og_locale(config: MkDocsConfig) -> str:
    """`extra.locale` (language_TERRITORY), else the theme language's `likely_locale`."""
    if config.extra.get("locale"):
        return str(config.extra["locale"]).replace("-", "_")
    return likely_locale(reader_words.language_of(config))


@functools.cache  # a pure function of the language: parsed once, not for every page
def likely_locale(language: str) -> str:
    """The most likely language_TERRITORY for `language`, by CLDR: `en` is `en_US`, `es` is
    `es_ES`, `pt-BR` is `pt_BR`."""
    locale = reader_words.locale_of(language)
    likely = get_global("likely_subtags").get(locale.language, locale.language)
    territory = locale.territory or Locale.parse(likely).territory
    return f"{locale.language}_{territory}" if territory else locale.language
