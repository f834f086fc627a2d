"""The page cache: a page converts only when something it depends on changed; otherwise it
gets the conversion kept in `.cache/pages.sqlite3` (course/conversion_cache.py). A build of
many pages has a second process convert pages meanwhile, from the last one back, into the
same cache (course/conversion_helper.py).

Events: on_nav, last of every hook's, once every page is known: the helper starts;
on_pre_page: where the build is, for the helper; on_page_markdown, last of every hook's
(course/feature_order.py), once the page's Markdown is what Python-Markdown converts:
MkDocs' conversion of the page goes through the cache (needs the course, read in on_files
by hooks/lessons.py); on_env, once every page is converted: the helper done; on_post_build:
one line, how many pages were converted and how many came from the cache, and the entries
no page used removed when the build went through every page.
"""

from __future__ import annotations

import functools

from course import conversion_cache, conversion_helper, feature_order, upstream_internals
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = get_plugin_logger("pages")


@event_priority(feature_order.priority("page_cache", "on_nav"))
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    conversion_helper.start(config, files)
    return None


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
    conversion_helper.reached(page)
    return None


@event_priority(feature_order.priority("page_cache", "on_page_markdown"))
def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    upstream_internals.render_instead(page, functools.partial(conversion_cache.render, page))
    return None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    conversion_helper.finish()
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    line = conversion_cache.finish(helped=conversion_helper.converted())
    if line is not None:
        log.info(line)
