"""The whole course as one PDF: `python3 dev.py pdf`.

    python3 dev.py pdf      # site/course.pdf, linked from the home page

Builds the site strictly with its print page (print.html: a cover, the contents, every
published module and lesson in course order; only this build makes it, as no reader opens
it and it holds the whole course), into .cache/print-site/, and prints that page with
Chromium through Playwright once every diagram is drawn: A4, page numbers, a bookmark for
every module and lesson, links inside the course as links inside the PDF. Then builds the
site into site/, strictly, with the PDF in it and the home page's link to it. Needs
Chromium (CHROME_PATH, else /usr/bin/chromium).

Before printing, it reads the print page as Chromium lays it out on paper (print media, the
page's width) and warns, one line each naming the lesson's file, about what the PDF would
lose without a word: anything wider than the page (cut at its edge), a diagram Mermaid
cannot draw (only its description prints), and characters no font on this machine has
(empty boxes). As `mkdocs build --strict` does, a warning stops it: the PDF stays in
.cache/course.pdf, unpublished, unless `--allow-warnings` publishes it anyway.

    python3 dev.py pdf --allow-warnings
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from course.build_cache import CACHE  # noqa: E402
from course.print_assembly import (  # noqa: E402
    COVER,
    PDF,
    PDF_VARIABLE,
    PRINT_PAGE,
    PRINT_VARIABLE,
    SOURCES,
)
from course.rules import some_characters  # noqa: E402

# The PDF's page, and its margins: the width its content is laid out in.
PAPER = {"format": "A4", "width_mm": 210}
MARGIN_MM = {"top": 18, "bottom": 18, "left": 16, "right": 16}
CSS_PIXELS_PER_MM = 96 / 25.4
PAGE_WIDTH = int((PAPER["width_mm"] - MARGIN_MM["left"] - MARGIN_MM["right"]) * CSS_PIXELS_PER_MM)

# What the PDF would lose without a word: one warning each, naming the part's file.
TOO_WIDE = (
    "{source}: {what} is {width} px wide, the printed page {page} px: the PDF cuts it at "
    "the page's edge"
)
NOT_DRAWN = "{source}: a diagram Mermaid cannot draw ({error}) prints as its description alone"
NO_GLYPH = "{source}: no font on this machine has {characters}: the PDF prints them as empty boxes"
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


# Read from the print page once laid out for paper: each finding names the part of the
# page (a lesson's, a module's or the cover's id) it is in.
FINDINGS = r"""() => {
  const page = document.documentElement.clientWidth
  const content = document.querySelector(".md-content") || document.body
  const part = element => element.closest(
    ".course-print__lesson, .course-print__module, .course-print__cover")?.id || ""
  const shown = element => element.checkVisibility({ visibilityProperty: true })
  // The first words of an element's text, to find it by.
  const snippet = element => {
    const text = element.innerText.replace(/\s+/g, " ").trim()
    const start = text.slice(0, 41)
    const words = start.replace(/\s\S*$/, "")
    return text.length <= 40 ? text : words === start ? text.slice(0, 40) : words
  }

  // Wider than the page: past its edge, or cut inside a box that scrolls on screen. The
  // outermost such element is named; what is inside it goes with it.
  const wide = []
  for (const element of content.querySelectorAll("*")) {
    if (wide.length && wide.at(-1).element.contains(element)) continue
    if (!shown(element)) continue
    const box = element.getBoundingClientRect()
    const cut = element.scrollWidth > element.clientWidth + 1
      && getComputedStyle(element).overflowX !== "visible"
    if (box.right > page + 1 || box.left < -1 || cut) {
      wide.push({ element, width: Math.round(Math.max(box.width, element.scrollWidth)) })
    }
  }

  // Characters no font has are drawn as the font's missing-glyph box: the same pixels as
  // a code point no font maps.
  const canvas = document.createElement("canvas")
  canvas.width = 96
  canvas.height = 64
  const context = canvas.getContext("2d", { willReadFrequently: true })
  const pixels = (font, text) => {
    context.clearRect(0, 0, canvas.width, canvas.height)
    context.font = font
    context.fillText(text, 8, 44)
    return context.getImageData(0, 0, canvas.width, canvas.height).data
  }
  const same = (a, b) => a.every((value, index) => value === b[index])
  const boxes = new Map()
  const missing = new Map()
  const noGlyph = new Set()
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT)
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement
    const characters = [...walker.currentNode.data].filter(char => /[^\p{ASCII}\s]/u.test(char))
    if (!characters.length || !shown(parent)) continue
    const style = getComputedStyle(parent)
    const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`
    if (!boxes.has(font)) boxes.set(font, pixels(font, "\u{10FFFD}"))
    for (const char of characters) {
      const key = `${font}\n${char}`
      if (!missing.has(key)) missing.set(key, same(pixels(font, char), boxes.get(font)))
      if (missing.get(key)) noGlyph.add(`${part(parent)}\n${char}`)
    }
  }
  return {
    page,
    wide: wide.map(({ element, width }) => ({
      part: part(element), tag: element.localName, width, text: snippet(element) })),
    notDrawn: [...content.querySelectorAll('.course-diagram div.mermaid[data-course-done="error"]')]
      .map(diagram => ({ part: part(diagram),
        error: (diagram.querySelector("pre")?.textContent || "").trim().split("\n")[0] })),
    noGlyph: [...noGlyph].map(key => key.split("\n")),
  }
}"""


class PdfError(Exception):
    """Why the PDF could not be made, as one line."""


@dataclass(frozen=True)
class Printed:
    pages: int
    warnings: list[str]


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


def print_pdf(site: Path, destination: Path) -> Printed:
    """Print `site`'s print page to `destination`: its page count, and what it loses."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    if not (site / PRINT_PAGE).is_file():
        raise PdfError(f"{site}/{PRINT_PAGE} is missing: the print build did not make it")
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        # As wide as the paper's content: laid out for print, the page is what the PDF holds.
        page = browser.new_page(
            color_scheme="light", viewport={"width": PAGE_WIDTH, "height": 1000}
        )
        page.goto(url + PRINT_PAGE, wait_until="networkidle")
        page.wait_for_function(ALL_DRAWN, timeout=120_000)
        page.evaluate("document.fonts.ready")
        page.emulate_media(media="print")
        warnings = findings(page.evaluate(FINDINGS), json.loads((site / SOURCES).read_text()))
        footer = page.eval_on_selector("#course-pdf-footer", "template => template.innerHTML")
        destination.parent.mkdir(parents=True, exist_ok=True)
        pdf = page.pdf(
            path=destination,
            format=PAPER["format"],
            margin={side: f"{size}mm" for side, size in MARGIN_MM.items()},
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=footer,
            outline=True,
            tagged=True,
        )
        browser.close()
    return Printed(len(PdfReader(io.BytesIO(pdf)).pages), warnings)


def findings(found: dict, sources: dict[str, str]) -> list[str]:
    """FINDINGS' answer as warnings, each naming the file of the part it is in."""
    home = sources.get(COVER, PRINT_PAGE)

    def source(part: str) -> str:
        return sources.get(part, home)

    warnings = [
        TOO_WIDE.format(
            source=source(wide["part"]),
            what=described_element(wide["tag"], wide["text"]),
            width=wide["width"],
            page=found["page"],
        )
        for wide in found["wide"]
    ]
    warnings += [
        NOT_DRAWN.format(source=source(diagram["part"]), error=diagram["error"])
        for diagram in found["notDrawn"]
    ]
    missing: dict[str, list[str]] = {}
    for part, char in found["noGlyph"]:
        missing.setdefault(source(part), []).append(char)
    warnings += [
        NO_GLYPH.format(source=where, characters=some_characters(chars))
        for where, chars in missing.items()
    ]
    return warnings


# What a reader calls the elements that are too wide most often.
ELEMENTS = {"table": "a table", "pre": "a code block", "img": "a picture", "svg": "a diagram"}


def described_element(tag: str, text: str) -> str:
    what = ELEMENTS.get(tag, f"a <{tag}>")
    return f"{what} ({text!r})" if text else what


def build(*, into: Path, **environment: str) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(into)]
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **environment}).returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dev.py pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--allow-warnings",
        action="store_true",
        help="publish the PDF even when it loses something (each loss is still printed)",
    )
    arguments = parser.parse_args(argv)
    site = ROOT / "site"
    print_site = ROOT / CACHE / "print-site"
    kept = ROOT / CACHE / PDF
    if build(into=print_site, **{PRINT_VARIABLE: "1"}) != 0:
        return 1
    try:
        printed = print_pdf(print_site, kept)
    except PdfError as error:
        print(f"pdf: {error}", file=sys.stderr)
        return 2
    for warning in printed.warnings:
        print(f"pdf: {warning}", file=sys.stderr)
    if printed.warnings and not arguments.allow_warnings:
        print(
            f"pdf: {len(printed.warnings)} warning(s): {kept} is not published; fix them, or "
            "publish it anyway with `python3 dev.py pdf --allow-warnings`",
            file=sys.stderr,
        )
        return 1
    print(f"pdf: printed {PRINT_PAGE} ({kept.stat().st_size:,} bytes); building the site with it")
    # The build that publishes it: the PDF in the site, the home page's link to it.
    if build(into=site, **{PDF_VARIABLE: str(kept)}) != 0:
        return 1
    print(f"pdf: {site / PDF}, {printed.pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
