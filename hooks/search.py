"""Material's search reads each page without what it leaves out anyway.

Events: on_page_context, just before Material's search (priority 1): the page's content
without its `data-search-exclude` elements (course/search_text.py); and last (priority
-100): the whole content back, before the page's template renders it (course/
feature_order.py). Needs nothing before it.

In between, every other hook's on_page_context sees the shortened content: one that must
read the whole of it reads it in on_page_content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from course import build_state, feature_order
from course.search_text import without_excluded
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


@dataclass
class WholeContent:
    """The whole content of the page whose context is being made, while search reads less."""

    by_page: dict[str, str] = field(default_factory=dict)


@event_priority(feature_order.priority("search._shorten_for_search", "on_page_context"))
def _shorten_for_search(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    if not page.content:
        return None
    shortened = without_excluded(page.content)
    if shortened is not page.content:
        build_state.part(WholeContent).by_page[page.file.src_uri] = page.content
        page.content = shortened
    return None


@event_priority(feature_order.priority("search._restore_whole_content", "on_page_context"))
def _restore_whole_content(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    whole = build_state.part(WholeContent).by_page.pop(page.file.src_uri, None)
    if whole is not None:
        page.content = whole
    return None


on_page_context = CombinedEvent(_shorten_for_search, _restore_whole_content)
