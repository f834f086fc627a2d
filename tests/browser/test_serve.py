"""`python3 dev.py serve` for authors: an edit reloads the open page; a mistake is one
clear line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dev import COMMANDS

pytestmark = pytest.mark.browser

LESSON_SOURCE = "docs/01-basics/01-first-steps.md"
LESSON = "basics/first-steps/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(project: Path) -> Iterator[tuple[str, Path, Path]]:
    port = free_port()
    log = project / "serve.log"
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/"}
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, *COMMANDS["serve"], "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except OSError:
            return False

    try:
        wait_for(up, 60, "mkdocs serve to answer")
        yield url, project, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_an_edit_reloads_the_open_page(browser, served) -> None:
    url, project, _ = served
    page = browser.new_page()
    page.goto(url + LESSON)
    assert page.locator("h1").text_content() == "First Steps"
    source = project / LESSON_SOURCE
    time.sleep(1)  # let the watcher settle before the first edit
    source.write_text(source.read_text().replace("These first steps", "These live steps", 1))
    page.wait_for_selector("text=These live steps", timeout=20_000)
    page.close()


def test_a_mistake_while_serving_is_one_line_without_traceback(browser, served) -> None:
    url, project, log = served
    source = project / LESSON_SOURCE
    source.write_text(source.read_text().replace("title: First Steps", "title: ''", 1))
    expected = f"{LESSON_SOURCE}: title: must not be empty"
    wait_for(lambda: expected in log.read_text(), 20, "the error line")
    output = log.read_text()
    assert "Traceback" not in output
    error_lines = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert error_lines[0] == f"ERROR   -  {expected}"
    # Fixing it brings the page back.
    source.write_text(source.read_text().replace("title: ''", "title: Fixed title", 1))
    page = browser.new_page()

    def fixed() -> bool:
        page.goto(url + LESSON)
        return page.locator("h1").text_content() == "Fixed title"

    wait_for(fixed, 20, "the fixed page")
    page.close()
