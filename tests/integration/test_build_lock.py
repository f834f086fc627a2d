"""Two builds of one project at once: the second waits for the first, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from course import site_lock
from helpers import SITE_URL


def test_a_second_build_waits_for_the_first_and_succeeds(project: Path) -> None:
    held = site_lock.take(project / ".cache/build.lock")
    log = project / "build.log"
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as output:
        second = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=project,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while "waiting for it" not in log.read_text() and time.monotonic() < deadline:
            assert second.poll() is None, log.read_text()
            time.sleep(0.1)
        assert "another build of this course is writing its site; waiting for it" in (
            log.read_text()
        )
        time.sleep(0.5)
        assert second.poll() is None  # still waiting, site/ untouched
        assert not (project / "site").exists()
    finally:
        site_lock.give_back(held)
    assert second.wait(timeout=120) == 0, log.read_text()
    assert "Traceback" not in log.read_text()
    assert (project / "site/index.html").is_file()


def test_a_lock_held_too_long_is_busy(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(site_lock, "WAIT_SECONDS", 0.3)
    held = site_lock.take(tmp_path / "build.lock")
    waited = []
    with pytest.raises(site_lock.Busy):
        site_lock.take(tmp_path / "build.lock", waiting=lambda: waited.append(True))
    assert waited == [True]
    site_lock.give_back(held)
    site_lock.give_back(site_lock.take(tmp_path / "build.lock"))
