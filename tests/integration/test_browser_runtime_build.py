"""What a build does with the Run buttons' runtime: publishes all of it, checked, when the course
has a sample to run; refuses to build such a course without it, in one line; in `serve`,
says once that the Run buttons are left out and leaves them out; and needs nothing of it for
a course without samples to run."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course import browser_runtime_files as runtime_files
from helpers import FIXTURES, ROOT, BuildFailed, build_site, fixture_project, real_project

RUNNABLE = "[data-course-run]"


def pages(site: Path) -> list[BeautifulSoup]:
    return [BeautifulSoup(path.read_text(), "html.parser") for path in site.rglob("*.html")]


def left_out_line(reason: str) -> str:
    return runtime_files.LEFT_OUT.format(reason=reason, set_up=runtime_files.SET_UP)


NO_PYODIDE = runtime_files.NO_PYODIDE.format(path=runtime_files.PYODIDE_PACKAGE.as_posix())


def test_a_course_with_samples_to_run_publishes_the_whole_runtime(tmp_path: Path) -> None:
    built = build_site(real_project(tmp_path))
    assert not built.warnings
    published = built.site_dir / runtime_files.PUBLISHED
    pins = runtime_files.pinned_wheels((ROOT / runtime_files.WHEEL_LOCK).read_text())
    wheels = json.loads((published / "wheels.json").read_text())["wheels"]
    assert len(wheels) == len(pins)
    for pin in pins:
        found = runtime_files.wheel_file(pin, published / "wheels")
        assert found is not None and found.name in wheels, pin.name
        assert hashlib.sha256(found.read_bytes()).hexdigest() == pin.sha256
    for name in runtime_files.PYODIDE_FILES:
        installed = ROOT / runtime_files.PYODIDE_PACKAGE / name
        assert (published / "pyodide" / name).read_bytes() == installed.read_bytes()
    lock = json.loads((published / "pyodide" / runtime_files.PYODIDE_LOCK).read_text())
    assert lock["packages"] == {}
    assert (published / "runner.py").read_bytes() == (ROOT / runtime_files.RUNNER).read_bytes()
    runnable = [block for soup in pages(built.site_dir) for block in soup.select(RUNNABLE)]
    assert runnable, "the real course's lesson 3 has samples to run"


def test_the_build_ci_publishes_stops_in_one_line_without_the_runtime(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failed:
        build_site(real_project(tmp_path, runtime=False))
    expected = runtime_files.MISSING.format(reason=NO_PYODIDE, set_up=runtime_files.SET_UP)
    assert failed.value.errors == [expected]


def test_serve_without_the_runtime_says_so_once_and_leaves_the_run_buttons_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = real_project(tmp_path, runtime=False)
    with caplog.at_level(logging.INFO):
        first = build_site(project, serve=True, dirty=True)
        build_site(project, serve=True, dirty=True)  # a rebuild of the same session
    said = [
        record.getMessage() for record in caplog.records if "Run buttons" in record.getMessage()
    ]
    assert len(said) == 1 and said[0].endswith(left_out_line(NO_PYODIDE))
    assert not first.warnings
    assert not [block for soup in pages(first.site_dir) for block in soup.select(RUNNABLE)]
    assert not (first.site_dir / runtime_files.PUBLISHED).exists()


def test_a_course_without_samples_to_run_needs_no_runtime(tmp_path: Path) -> None:
    # The Spanish fixture course has no sample that defines an app.
    built = build_site(fixture_project(tmp_path, FIXTURES / "course-es", runtime=False))
    assert not built.warnings
    assert not (built.site_dir / runtime_files.PUBLISHED).exists()
