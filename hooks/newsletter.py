"""The newsletter footer: validated from `extra.newsletter`, shown at the end of every lesson.

Events: on_config: `extra.newsletter` checked, one line naming a wrong key; on_page_context:
the `newsletter` context (needs the course, read in on_files by hooks/lessons.py).

overrides/partials/newsletter.html renders it at the end of a lesson (page-end.html); a
lesson hides it with `newsletter: false`. The 404 page has no course page, so no footer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from course import build_state
from course.model import Lesson
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

FIELDS = ("title", "text", "url", "label")


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    # Validated once per build; pages read the cleaned settings back from extra.
    config.extra["newsletter"] = newsletter_settings(config.extra)
    return config


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    context["newsletter"] = newsletter_for(page, config)
    return context


def newsletter_settings(extra: Mapping[str, Any]) -> dict[str, str]:
    """`extra.newsletter`, or a PluginError naming the key that is missing or wrong."""
    settings = extra.get("newsletter")
    if not isinstance(settings, dict):
        raise PluginError("mkdocs.yml: extra.newsletter: is required, with " + ", ".join(FIELDS))
    for key in FIELDS:
        value = settings.get(key)
        if not isinstance(value, str) or not value.strip():
            raise PluginError(f"mkdocs.yml: extra.newsletter.{key}: is required (non-empty text)")
    url = urlsplit(settings["url"])
    if url.scheme != "https" or not url.netloc:
        raise PluginError(
            f"mkdocs.yml: extra.newsletter.url: must be an https:// URL, got {settings['url']!r}"
        )
    return {key: settings[key].strip() for key in FIELDS}


def newsletter_for(page: Page, config: MkDocsConfig) -> dict[str, str] | None:
    entry = build_state.course().page(page.file.src_uri)
    if not isinstance(entry, Lesson) or not entry.meta.newsletter:
        return None
    return config.extra["newsletter"]
