"""Material's search reads each page without what it leaves out anyway.

Events: on_page_context, just before Material's search (priority 1): the page's content
without its `data-search-exclude` elements (course/search_text.py); and last (priority
-100): the whole content back, before the page's template renders it; on_build_error: a
failed build's pages dropped. Needs nothing before it.

In between, every other hook's on_page_context sees the shortened content: one that must
read the whole of it reads it in on_page_content.
"""

from __future__ import annotations

from typing import Any

from course.search_text import without_excluded
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# The whole content of the page whose context is being made, while search reads less.
_whole_content: dict[str, str] = {}


@event_priority(1)  # just before Material's search plugin (priority 0)
def _shorten_for_search(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    if not page.content:
        return None
    shortened = without_excluded(page.content)
    if shortened is not page.content:
        _whole_content[page.file.src_uri] = page.content
        page.content = shortened
    return None


@event_priority(-100)  # after every other hook's on_page_context
def _restore_whole_content(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    whole = _whole_content.pop(page.file.src_uri, None)
    if whole is not None:
        page.content = whole
    return None


on_page_context = CombinedEvent(_shorten_for_search, _restore_whole_content)


def on_build_error(*, error: Exception) -> None:
    _whole_content.clear()
