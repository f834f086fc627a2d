"""The hooks: list in any order builds the same site; without the hook that reads the
course, the build stops with one line naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from course import build_state
from helpers import BuildFailed, add_fixture, build_site, configured_hooks
from mkdocs.exceptions import PluginError

# The gzip copy of the sitemap records when it was written.
BUILD_TIME_FILES = {"sitemap.xml.gz"}


def site_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name not in BUILD_TIME_FILES
    }


def test_any_order_of_the_hooks_builds_the_same_site(project: Path) -> None:
    add_fixture(project, "lessons/material-keys.md", "01-basics/09-keys.md")
    hooks = configured_hooks(project)
    build_site(project)
    expected = site_files(project / "site")
    orders = {
        "reversed": hooks[::-1],
        "lessons last": [*hooks[1:], hooks[0]],
        "interleaved": hooks[1::2] + hooks[::2],
    }
    for name, order in orders.items():
        assert sorted(order) == sorted(hooks)
        build_site(project, hooks=order)
        built = site_files(project / "site")
        assert built.keys() == expected.keys(), name
        changed = [path for path in expected if built[path] != expected[path]]
        assert changed == [], name


def test_without_the_course_reader_the_build_stops_with_one_line(project: Path) -> None:
    hooks = [hook for hook in configured_hooks(project) if hook != "hooks/lessons.py"]
    with pytest.raises(BuildFailed) as failed:
        build_site(project, hooks=hooks)
    assert failed.value.errors == [build_state.NO_BUILD]


def test_the_build_state_lives_for_one_build(project: Path) -> None:
    build_site(project)
    assert build_state.active() is None
    with pytest.raises(PluginError):
        build_state.course()
    # A build that stops after the course was read (a missing sample) drops it too.
    add_fixture(project, "lessons/missing-sample.md", "01-basics/09-case.md")
    with pytest.raises(BuildFailed):
        build_site(project)
    assert build_state.active() is None
