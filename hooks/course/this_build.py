"""The course of the build in progress, handed to every hook by one accessor.

Its lifetime is one build: hooks/lessons.py reads the course in `on_files`, first of every
hook's on_files (event priority 100), and calls `begin`; every hook reads it with `current`
from then on; hooks/lessons.py calls `end` after every other on_post_build (priority -100),
in on_build_error and in on_shutdown. So `mkdocs serve` never shows one build the course of
the build before, and a hook that asks too early stops the build with one line saying so.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from course.model import Course

READER = "hooks/lessons.py"

_course: Course | None = None


def begin(course: Course) -> None:
    global _course
    _course = course


def current() -> Course:
    """The course of this build; a PluginError when the build has not read it (yet)."""
    if _course is None:
        raise PluginError(
            f"the course is read in on_files by {READER}, which must be listed under "
            "`hooks:` in mkdocs.yml; no hook can read it before on_files"
        )
    return _course


def end() -> None:
    global _course
    _course = None
