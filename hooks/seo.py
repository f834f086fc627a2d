"""SEO tags for every course page: keywords, Open Graph and Twitter with the page's social
card, from the course model.

Material already writes the description, author and canonical link; overrides/partials/seo.html
writes the rest from the `seo` context this hook provides, so nothing appears twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cards
import course
import social
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

KEYWORDS_MAX = course.KEYWORDS_MAX


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
    image_width: int = cards.WIDTH
    image_height: int = cards.HEIGHT


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    context["seo"] = seo_tags(page, config)
    return context


def seo_tags(page: Page, config: MkDocsConfig) -> SeoTags | None:
    loaded = course.current()
    entry = loaded.page(page.file.src_uri)
    if entry is None:
        return None
    return SeoTags(
        title=entry.title,
        description=entry.meta.description,
        keywords=keywords(loaded, entry),
        url=page.canonical_url,
        type="article" if isinstance(entry, course.Lesson) else "website",
        site_name=config.site_name,
        locale=og_locale(config),
        image=entry.card_url(config.site_url),
        image_alt=social.card_alt(entry, loaded),
    )


def keywords(loaded: course.Course, entry: course.Page) -> tuple[str, ...]:
    """A lesson's own keywords; a module or the home page: its title, then its lessons' focus."""
    if isinstance(entry, course.Lesson):
        return entry.meta.keywords
    lessons = entry.lessons if isinstance(entry, course.Module) else loaded.lessons
    phrases = [entry.title, *(lesson.meta.keywords[0] for lesson in lessons)]
    return tuple(dict.fromkeys(phrases))[:KEYWORDS_MAX]


def og_locale(config: MkDocsConfig) -> str:
    """`extra.locale` (language_TERRITORY), else the theme language in that form."""
    locale = config.extra.get("locale") or config.theme.get("language") or "en"
    return str(locale).replace("-", "_")
