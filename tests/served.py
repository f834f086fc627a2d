"""Chromium through Playwright, against a built course served over HTTP on localhost."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from helpers import build_site
from pypdf import PdfReader

from dev import COMMANDS


@dataclass(frozen=True)
class Served:
    """A built site and the address it is served at."""

    url: str
    site_dir: Path


def chromium_path() -> str | None:
    """CHROME_PATH, else the system Chromium; None lets Playwright use its own browser."""
    for candidate in (os.environ.get("CHROME_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves a built site as GitHub Pages does: its 404.html for any missing path."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser that closes a connection early is no failure of the site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def mkdocs_serving(project: Path) -> Iterator[tuple[str, Path]]:
    """`python3 dev.py serve`'s command on `project`, on a free port: its address once the
    first build answers, and the file its output goes to."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = project / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, *COMMANDS["serve"], "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SITE_URL": url},
        )
    try:
        deadline = time.monotonic() + 60
        while not _answers(url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"mkdocs serve did not answer at {url}:\n{log.read_text()}")
            time.sleep(0.2)
        yield url, log
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextlib.contextmanager
def built_and_served(project: Path) -> Iterator[str]:
    """Build `project` for the address it is then served at on localhost; yields that URL.

    The address must match: Material's instant navigation only takes over links to the
    host and port that the sitemap names.
    """
    site_dir = project / "site"
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
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


def scroll_to_diagrams(page: object) -> None:
    """Bring each diagram near the viewport: diagrams.js draws them only then.

    After instant navigation the address changes before the new content is in place: wait
    for the page's diagrams first.
    """
    page.wait_for_selector("article div.mermaid", state="attached")
    for diagram in page.locator("article div.mermaid").all():
        diagram.scroll_into_view_if_needed()


# What a diagram's Mermaid source is made of, and a reader should never see as text.
SOURCE_MARKS = ["accTitle", "accDescr", "graph TD", "sequenceDiagram", "-->", "->>"]

# The effective size of each diagram label: its font size times the drawing's scale.
LABEL_SIZES = """() => [...document.querySelectorAll('.course-diagram svg')].flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
    return [...svg.querySelectorAll('text, foreignObject span, foreignObject p')]
        .filter(label => label.textContent.trim())
        .map(label => [label.textContent.trim(),
                       parseFloat(getComputedStyle(label).fontSize) * scale])
})"""
# Diagrams that no reader scrolled to are drawn five seconds after load; tests that are not
# about that wait use this, run before the page's scripts, to have them drawn at once.
DRAW_AT_ONCE = "window.courseDiagramSettleMs = 0"
# Every diagram drawn, or shown as Mermaid's message (assets/javascripts/diagrams.js).
ALL_DRAWN = """() => [...document.querySelectorAll('.course-diagram div.mermaid')]
    .every(diagram => diagram.dataset.courseDone)"""


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def missing_labels(labels: list[str], text: str) -> list[str]:
    """The labels not in `text`; a label wrapped in its box is still the label."""
    squeezed = "".join(text.split())
    return [label for label in labels if "".join(label.split()) not in squeezed]
