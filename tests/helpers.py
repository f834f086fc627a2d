"""Build a site from a temporary project, as MkDocs' own tests do.

A project is the machinery of this repository (mkdocs.yml, hooks, templates, assets) with a
course: the fixture course of tests/fixtures/course/ for tests of the generator, whose shape
the tests control, or the real course of docs/ for the tests of tests/course/, which check
only what holds for any course.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import subprocess
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from bs4 import BeautifulSoup
from course import browser_runtime_files as runtime_files
from course import loader
from course.front_matter import FrontMatterCheck
from course.front_matter_values import PageKind
from course.model import Course, Problem
from course.rules import UPDATED_EARLIEST, UPDATED_IN_FUTURE, UPDATED_TOO_EARLY
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import get_files

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_COURSE = FIXTURES / "course"
# What builds a course, whichever course it is.
MACHINERY = ("mkdocs.yml", "hooks", "overrides")
# Served with every page of any course; read, never written, by a build: hard-linked, not
# copied (a symbolic link to it would be refused: it leaves the project).
SITE_ASSETS = "docs/assets"
SITE_URL = "https://example.org/course/"

# The fixtures in front_matter/ whose `updated` is outside FastAPI's lifetime, and the warning
# each gives.
DAYS_OUTSIDE_FASTAPIS_LIFETIME = [
    ("updated-far-future", UPDATED_IN_FUTURE.format(day="2926-11-27")),
    ("updated-last-moment", UPDATED_IN_FUTURE.format(day="9999-12-31")),
    ("updated-year-one", UPDATED_TOO_EARLY.format(day="0001-01-01", year=UPDATED_EARLIEST.year)),
]

# Material 9.x announces its end of life when the theme loads; that notice is not about our site.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class BuildFailed(Exception):
    """The build stopped; `errors` are the lines MkDocs logged as errors."""

    def __init__(self, errors: list[str], warnings: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors
        self.warnings = warnings


@dataclass
class Built:
    """A site built by `build_site`: where it is and what MkDocs logged on the way."""

    site_dir: Path
    warnings: list[str] = field(default_factory=list)

    def html(self, url_path: str) -> BeautifulSoup:
        """Parse the page served at `url_path` (`basics/first-steps/`)."""
        return BeautifulSoup((self.site_dir / url_path / "index.html").read_text(), "html.parser")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        messages = self.errors if record.levelno >= logging.ERROR else self.warnings
        messages.append(record.getMessage())


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination, dirs_exist_ok=True)
    else:
        shutil.copy2(source, destination)


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:  # another file system
        shutil.copy2(source, destination)


Result = TypeVar("Result")


def run_to_end(coroutine: Coroutine[object, object, Result]) -> Result:
    """What `coroutine` returns, run on an event loop of its own in this thread, as
    `asyncio.run` would, also while Playwright's sync API keeps its loop running here (a
    browser test's browser is open for the session). Not in another thread: some tests
    refuse threads, as the browser's Python has none."""
    outer = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
        asyncio._set_running_loop(outer)


def fixture_project(
    destination: Path, course: Path = FIXTURE_COURSE, *, runtime: bool = True
) -> Path:
    """The machinery with a fixture course (its docs/ and docs_src/), and the Run buttons'
    runtime unless `runtime` is False."""
    for part in MACHINERY:
        _copy(ROOT / part, destination / part)
    if runtime:
        runtime_files.link_installed(ROOT, destination)
    shutil.copytree(ROOT / SITE_ASSETS, destination / SITE_ASSETS, copy_function=_link_or_copy)
    for part in ("docs", "docs_src"):
        if (course / part).is_dir():
            _copy(course / part, destination / part)
    (destination / "docs_src").mkdir(exist_ok=True)  # mkdocs.yml watches it
    return destination


def real_project(destination: Path, *, runtime: bool = True) -> Path:
    """The machinery with the real course of docs/ and docs_src/, and the Run buttons'
    runtime unless `runtime` is False."""
    for part in (*MACHINERY, "docs", "docs_src"):
        _copy(ROOT / part, destination / part)
    if runtime:
        runtime_files.link_installed(ROOT, destination)
    return destination


def add_fixture(project: Path, fixture: str, target: str) -> Path:
    """Copy `tests/fixtures/<fixture>` (a file or a folder) to `docs/<target>` in `project`."""
    destination = project / "docs" / target
    _copy(FIXTURES / fixture, destination)
    return destination


def configured_hooks(project: Path) -> list[str]:
    """The `hooks:` list of the project's mkdocs.yml (read alone: the file has !ENV tags)."""
    lines = (project / "mkdocs.yml").read_text().splitlines()
    start = lines.index("hooks:")
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if line and not line.startswith((" ", "#")):
            break
        block.append(line)
    return yaml.safe_load("\n".join(block))["hooks"]


def config_fixture(name: str) -> dict:
    """Top-level mkdocs.yml keys to override, from `tests/fixtures/config/<name>.yml`."""
    return yaml.safe_load((FIXTURES / "config" / f"{name}.yml").read_text())


def build_site(
    project: Path, *, strict: bool = True, serve: bool = False, dirty: bool = False, **overrides
) -> Built:
    """Build `project` as `mkdocs build` would (or as `mkdocs serve` would, with `serve`;
    `dirty` as `mkdocs serve --dirty` does each rebuild, into the same site folder)."""
    config = load_config(
        str(project / "mkdocs.yml"), strict=strict, site_dir=str(project / "site"), **overrides
    )
    global _serving
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    # `serve` starts once and rebuilds: a dirty serve build of the project that the last
    # one served is a rebuild of the same session (hooks/preview.py keeps what it saw).
    session = (project.resolve(), dirty) if serve else None
    if session is None or session != _serving:
        config.plugins.on_startup(command="serve" if serve else "build", dirty=dirty)
    _serving = session if dirty else None
    try:
        build(config, serve_url="http://127.0.0.1:8000/" if serve else None, dirty=dirty)
    except Abort as abort:
        raise BuildFailed(collect.errors or [str(abort)], collect.warnings) from abort
    finally:
        logger.removeHandler(collect)
    return Built(project / "site", collect.warnings)


# The project that `build_site` serves dirty now, as `mkdocs serve --dirty` would.
_serving: tuple[Path, bool] | None = None


def load_course(project: Path, *, serve: bool = False, **overrides) -> Course:
    """The course model of `project`, read as a build reads it, without building a page.

    Raises CourseError as the build would.
    """
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), **overrides)
    loaded, _ = loader.load(get_files(config), config, include_drafts=serve)
    return loaded


def front_matter(path: Path) -> dict:
    """The front matter of a Markdown file, read as plain YAML."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def fixture_pages() -> list[Path]:
    """Every Markdown file of the fixtures, whatever its course or test."""
    return sorted(FIXTURES.rglob("*.md"))


def fixture_page_kind(page: Path) -> PageKind:
    """The kind of page a fixture is: an index.md is a module's (the home page takes the same
    fields), any other a lesson."""
    return "module" if page.name == "index.md" else "lesson"


@dataclass(frozen=True)
class EditorReading:
    """A page's front matter as the build reads it, and what its declarations refuse in it."""

    data: dict
    refusals: list[Problem]  # none: the build takes it


def read_as_an_editor(page: Path, kind: PageKind) -> EditorReading | None:
    """The front matter of `page`, validated as a page of `kind` by the build's own check, but
    without the theme's folders, as an editor checks it: whether a `template` or an `icon`
    exists is for the build to tell. None for what YAML itself cannot read into a mapping (not
    text, no block, not YAML, not a mapping), which the build names and no schema can; a key
    given twice is YAML's mistake too, left out of the refusals."""
    check = FrontMatterCheck(page.name)
    try:
        data = check.parse(page.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None
    if data is None:
        return None
    yamls_own = len(check.errors)
    check.validate(data, kind)
    return EditorReading(data, check.errors[yamls_own:])


def only(soup, selector: str):
    """The one element `selector` finds; fails when there are none or several."""
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} elements"
    return found[0]


@contextlib.contextmanager
def error_lines() -> Iterator[list[str]]:
    """The lines logged as errors meanwhile (a build's own helper keeps only warnings)."""
    lines: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        yield lines
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def git(folder: Path, *arguments: str, day: str = "2026-01-01") -> None:
    """Run git in `folder` as one author, every commit made at noon on `day` (UTC)."""
    moment = f"{day}T12:00:00+00:00"
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": moment,
        "GIT_COMMITTER_DATE": moment,
        "GIT_AUTHOR_NAME": "Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Author",
        "GIT_COMMITTER_EMAIL": "author@example.org",
    }
    subprocess.run(
        ["git", *arguments], cwd=folder, env=environment, check=True, capture_output=True
    )
