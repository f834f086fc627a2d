"""Fixtures: a fresh project per test, the fixture and real courses built once each, and
Chromium to read them with."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from course_pdf import CHROMIUM_ARGS  # the flags `dev.py pdf` starts Chromium with
from helpers import SITE_URL, Built, build_site, fixture_project, real_project
from served import Served, built_and_served, chromium_path


@pytest.fixture(autouse=True)
def _site_url(monkeypatch: pytest.MonkeyPatch) -> None:
    # A published address under a sub-path, as on GitHub Pages project sites.
    monkeypatch.setenv("SITE_URL", SITE_URL)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the machinery with the fixture course, to build or break."""
    return fixture_project(tmp_path / "project")


@pytest.fixture
def real_course_project(tmp_path: Path) -> Path:
    """A fresh copy of the machinery with the real course of docs/."""
    return real_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The fixture course, built once in strict mode for the read-only checks."""
    os.environ["SITE_URL"] = SITE_URL
    yield build_site(fixture_project(tmp_path_factory.mktemp("fixture") / "project"))


@pytest.fixture(scope="session")
def course_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The real course, built once in strict mode for the read-only checks."""
    os.environ["SITE_URL"] = SITE_URL
    yield build_site(real_project(tmp_path_factory.mktemp("course") / "project"))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Chromium, headless; without one the browser tests are skipped, except in CI."""
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


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture course, built and served on localhost for the whole session."""
    project = fixture_project(tmp_path_factory.mktemp("served") / "project")
    with built_and_served(project) as url:
        yield url


@pytest.fixture(scope="session")
def course_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The real course, built and served on localhost for the whole session."""
    project = real_project(tmp_path_factory.mktemp("served-course") / "project")
    with built_and_served(project) as url:
        yield Served(url, project / "site")
