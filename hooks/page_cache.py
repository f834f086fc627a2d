"""The page cache: a page converts only when something it depends on changed; otherwise it
gets the conversion kept in `.cache/pages.sqlite3` (course/conversion_cache.py).

Events: on_page_markdown, last of every hook's (course/feature_order.py), once the page's
Markdown is what Python-Markdown converts: MkDocs' conversion of the page goes through the
cache (needs the course, read in on_files by hooks/lessons.py); on_post_build: one line, how
many pages were converted and how many came from the cache, and the entries no page used
removed when the build went through every page.
"""

from __future__ import annotations

import functools

from course import conversion_cache, feature_order, upstream_internals
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("pages")


@event_priority(feature_order.priority("page_cache", "on_page_markdown"))
def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    upstream_internals.render_instead(page, functools.partial(conversion_cache.render, page))
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    line = conversion_cache.finish()
    if line is not None:
        log.info(line)
