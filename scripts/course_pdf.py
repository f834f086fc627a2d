"""The whole course as one PDF: `python3 dev.py pdf`.

    python3 dev.py pdf      # site/course.pdf, linked from the home page

Builds the site strictly with its print page (print.html: a cover, the contents, every
published module and lesson in course order; only this build makes it, as no reader opens
it and it holds the whole course), into .cache/print-site/, and prints that page with
Chromium through Playwright once every diagram is drawn: A4, page numbers, a bookmark for
every module and lesson, links inside the course as links inside the PDF. Then builds the
site into site/, strictly, with the PDF in it and the home page's link to it. Needs
Chromium (CHROME_PATH, else /usr/bin/chromium).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT_PAGE = "print.html"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every diagram drawn, or shown as Mermaid's message: nothing is left to draw
# (assets/javascripts/diagrams.js marks each when it is done).
ALL_DRAWN = """() => [...document.querySelectorAll(".course-diagram div.mermaid")]
    .every(diagram => diagram.dataset.courseDone)"""


class PdfError(Exception):
    """Why the PDF could not be made, as one line."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """`site` on a local address, for the print page's scripts and module imports."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium() -> str:
    path = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise PdfError(f"no Chromium at {path}: install it, or set CHROME_PATH")
    return path


def print_pdf(site: Path, destination: Path) -> int:
    """Print `site`'s print page to `destination`; returns the PDF's page count."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    if not (site / PRINT_PAGE).is_file():
        raise PdfError(f"{site}/{PRINT_PAGE} is missing: the print build did not make it")
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(color_scheme="light")
        page.goto(url + PRINT_PAGE, wait_until="networkidle")
        page.wait_for_function(ALL_DRAWN, timeout=120_000)
        page.evaluate("document.fonts.ready")
        footer = page.eval_on_selector("#course-pdf-footer", "template => template.innerHTML")
        destination.parent.mkdir(parents=True, exist_ok=True)
        pdf = page.pdf(
            path=destination,
            format="A4",
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=footer,
            outline=True,
            tagged=True,
        )
        browser.close()
    return len(PdfReader(io.BytesIO(pdf)).pages)


def build(*, into: Path, **environment: str) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(into)]
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **environment}).returncode


def main(argv: list[str]) -> int:
    site = ROOT / "site"
    print_site = ROOT / ".cache" / "print-site"
    kept = ROOT / ".cache" / "course.pdf"
    if build(into=print_site, COURSE_PRINT_PAGE="1") != 0:
        return 1
    try:
        pages = print_pdf(print_site, kept)
    except PdfError as error:
        print(f"pdf: {error}", file=sys.stderr)
        return 2
    print(f"pdf: printed {PRINT_PAGE} ({kept.stat().st_size:,} bytes); building the site with it")
    # The build that publishes it: the PDF in the site, the home page's link to it.
    if build(into=site, COURSE_PDF=str(kept)) != 0:
        return 1
    print(f"pdf: {site / 'course.pdf'}, {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
