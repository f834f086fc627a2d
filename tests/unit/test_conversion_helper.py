"""When a build forks its conversion helper (course/conversion_helper.py): only where a fork
is safe and worth it."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator

import pytest
from course import build_state, conversion_helper

MANY = conversion_helper.MIN_PAGES


@pytest.fixture
def building() -> Iterator[None]:
    build_state.SESSION.start("build", dirty=False)
    yield
    build_state.SESSION.start("build", dirty=False)


@pytest.mark.skipif(sys.platform != "linux", reason="the helper forks on Linux only")
@pytest.mark.usefixtures("building")
def test_a_build_of_many_pages_in_a_process_without_threads_has_a_helper(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # This process's threads (the test runner's, the served sites') are not a build's.
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})
    assert conversion_helper.eligible(MANY)
    assert not conversion_helper.eligible(MANY - 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0})
    assert not conversion_helper.eligible(MANY)


@pytest.mark.usefixtures("building")
def test_a_process_with_another_thread_never_forks() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not conversion_helper.eligible(MANY)
    finally:
        release.set()
        other.join()


@pytest.mark.usefixtures("building")
@pytest.mark.parametrize(("command", "dirty"), [("serve", False), ("build", True)])
def test_serve_and_dirty_builds_never_fork(command: str, dirty: bool) -> None:
    build_state.SESSION.start(command, dirty=dirty)  # type: ignore[arg-type]
    assert not conversion_helper.eligible(MANY)
