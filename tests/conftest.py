"""Fixtures: a fresh project copy per test, and the real course built once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import SITE_URL, Built, build_site, copy_project


@pytest.fixture(autouse=True)
def _site_url(monkeypatch: pytest.MonkeyPatch) -> None:
    # A published address under a sub-path, as on GitHub Pages project sites.
    monkeypatch.setenv("SITE_URL", SITE_URL)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the course project to build or break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def course_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The real course, built once in strict mode for the read-only checks."""
    os.environ["SITE_URL"] = SITE_URL
    project = copy_project(tmp_path_factory.mktemp("course") / "project")
    yield build_site(project)
