"""Chromium through Playwright, against the built course served over HTTP on localhost."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import build_site, copy_project

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """CHROME_PATH, else the system Chromium; None lets Playwright use its own browser."""
    for candidate in (os.environ.get("CHROME_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def built_and_served(project: Path) -> Iterator[str]:
    """Build `project` for the address it is then served at on localhost; yields that URL.

    The address must match: Material's instant navigation only takes over links to the
    host and port that the sitemap names.
    """
    site_dir = project / "site"
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    previous = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = url
    try:
        build_site(project)
    except BaseException:
        server.server_close()
        raise
    finally:
        if previous is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = previous
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real course, built and served on localhost for the whole session."""
    project = copy_project(tmp_path_factory.mktemp("served") / "project")
    with built_and_served(project) as url:
        yield url


def scroll_to_diagrams(page: object) -> None:
    """Bring each diagram near the viewport: diagrams.js draws them only then.

    After instant navigation the address changes before the new content is in place: wait
    for the page's diagrams first.
    """
    page.wait_for_selector("article div.mermaid", state="attached")
    for diagram in page.locator("article div.mermaid").all():
        diagram.scroll_into_view_if_needed()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_path()
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except sync_api.Error as error:
            if os.environ.get("CI"):
                raise
            pytest.skip(f"no Chromium to drive (install it, or set CHROME_PATH): {error}")
        yield browser
        browser.close()
