"""The address a build writes the site for, said once: canonical links, the sitemap, the
feed and social tags all carry it, and a site built for the local preview's address would
point search engines at localhost.

Events: on_post_build: one line, in `mkdocs build` only (course/build_state.py knows which),
naming `site_url`, and saying how to set SITE_URL when it is a local address. Needs nothing
before it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from course import build_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("address")

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})


def on_post_build(*, config: MkDocsConfig) -> None:
    if not build_state.SESSION.serving:  # `mkdocs serve` writes its site for itself
        log.info(address_line(config.site_url or ""))


def address_line(site_url: str) -> str:
    if urlsplit(site_url).hostname in LOCAL_HOSTS:
        return (
            f"the site is written for {site_url}, a local address: to publish it, build it "
            "for its published address, SITE_URL=https://… python3 dev.py build"
        )
    return f"the site is written for {site_url}"
