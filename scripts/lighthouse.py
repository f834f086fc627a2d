"""Lighthouse budget: build the site, serve it on localhost with gzip as GitHub Pages does, and
run Lighthouse (mobile) on a page of each type: the home page, a module's page, a lesson, and a
lesson with samples to run (Run buttons). Not the 404 page: it asks search engines not to
index it, which Lighthouse's SEO score counts against it.

    python3 dev.py lighthouse

Prints one table: the four category scores and the main metrics of each page, and exits
non-zero when a page misses the budget (performance 95, the others 100). Lighthouse 12.2.3
(the last release for Node 20) comes from the npm registry, pinned by
scripts/lighthouse/package-lock.json; it drives Chromium found at CHROME_PATH, else
/usr/bin/chromium. A benchmark, not a test: it takes about a minute and needs Node.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "scripts" / "lighthouse"
PAGES = {
    "home": "",
    "module": "introduction/",
    "lesson 1": "introduction/what-is-fastapi/",
    "lesson 3, Run buttons": "introduction/your-first-fastapi-app/",
}
BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".md")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed, with GitHub Pages' ten-minute cache lifetime."""

    def send_head(self) -> object:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSED
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def chrome() -> str:
    for candidate in (os.environ.get("CHROME_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("lighthouse: no Chromium; set CHROME_PATH")


def install_lighthouse() -> Path:
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=LIGHTHOUSE, check=True
        )
    return binary


def build(site_dir: Path, url: str) -> None:
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "--site-dir",
            str(site_dir),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )


def audit(binary: Path, url: str, browser: str) -> dict:
    result = subprocess.run(
        [
            str(binary),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--only-categories=performance,accessibility,best-practices,seo",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": browser},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def row(name: str, report: dict) -> tuple[list[str], list[str]]:
    scores = {key: round(report["categories"][key]["score"] * 100) for key in BUDGET}
    audits = report["audits"]
    metrics = [
        f"{audits['first-contentful-paint']['numericValue'] / 1000:.2f} s",
        f"{audits['largest-contentful-paint']['numericValue'] / 1000:.2f} s",
        f"{audits['total-blocking-time']['numericValue']:.0f} ms",
        f"{audits['cumulative-layout-shift']['numericValue']:.3f}",
        f"{audits['total-byte-weight']['numericValue'] / 1024:.0f} KiB",
    ]
    misses = [
        f"{name}: {key} {score} < {BUDGET[key]}"
        for key, score in scores.items()
        if score < BUDGET[key]
    ]
    return [name, *map(str, scores.values()), *metrics], misses


def main() -> int:
    binary = install_lighthouse()
    browser = chrome()
    with tempfile.TemporaryDirectory() as temporary:
        site_dir = Path(temporary) / "site"
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site_dir))
        )
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        build(site_dir, base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            results = [
                row(name, audit(binary, base + path, browser)) for name, path in PAGES.items()
            ]
        finally:
            server.shutdown()
            server.server_close()
    header = ["page", "perf", "a11y", "best pr.", "SEO", "FCP", "LCP", "TBT", "CLS", "bytes"]
    table = [header, *(cells for cells, _ in results)]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
    misses = [miss for _, page_misses in results for miss in page_misses]
    for miss in misses:
        print(f"over budget: {miss}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
