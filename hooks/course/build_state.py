"""The state of the build in progress, in one object, and what a session keeps between builds.

A `Build` is made when a build starts (`begin`, in hooks/lessons.py's on_config, first of
every hook's: course/feature_order.py) and dropped when it ends, fails or `serve` stops
(`end`, in the same hook's on_post_build, last, on_build_error and on_shutdown). Every hook
keeps what it needs from one event to the next on it: the course, read in on_files, and
each feature's own part (`Build.part(SomeState)`, a dataclass the feature declares, made on
first use). What must happen when the build ends (a lock given back) is registered with
`Build.at_end` and runs however the build ends. So `mkdocs serve` never shows one build the
state of the build before, and no module keeps a build's state in a global.

A `Session` is one `mkdocs build` or one `mkdocs serve`: whether it serves, whether it
builds dirty, and the parts a feature keeps from one build to the next on purpose (the
preview's record of each page's last rendering: `SESSION.part(...)`). hooks/lessons.py sets
it in on_startup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from course.model import Course

READER = "hooks/lessons.py"
NO_BUILD = (
    f"no build is in progress: {READER}, which must be listed under `hooks:` in mkdocs.yml, "
    "starts each build in on_config"
)
NO_COURSE = (
    f"the course is read in on_files by {READER}, which must be listed under `hooks:` in "
    "mkdocs.yml; no hook can read it before on_files"
)

Part = TypeVar("Part")


@dataclass
class _Parts:
    """Each feature's own state, one instance per dataclass, made on first use."""

    made: dict[type, Any] = field(default_factory=dict)

    def part(self, kind: type[Part]) -> Part:
        found = self.made.get(kind)
        if found is None:
            found = self.made[kind] = kind()
        return found


@dataclass
class Build(_Parts):
    """One build: from its on_config to its end, whichever way it ends."""

    config: MkDocsConfig | None = None
    course: Course | None = None
    ending: list[Callable[[], None]] = field(default_factory=list)

    def at_end(self, callback: Callable[[], None]) -> None:
        """Run `callback` when this build ends, fails or `serve` stops (last registered,
        first run)."""
        self.ending.append(callback)


@dataclass
class Session(_Parts):
    """One `mkdocs build` or `mkdocs serve` process, and the build it runs now."""

    command: Literal["build", "gh-deploy", "serve"] = "build"
    dirty: bool = False
    build: Build | None = None

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def start(self, command: Literal["build", "gh-deploy", "serve"], *, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        self.made.clear()

    def begin(self, config: MkDocsConfig) -> Build:
        self.end()  # a build that stopped before its end events (in on_config, say)
        self.build = Build(config=config)
        return self.build

    def end(self) -> None:
        build, self.build = self.build, None
        if build is None:
            return
        for callback in reversed(build.ending):
            callback()


SESSION = Session()


def current() -> Build:
    """The build in progress; a PluginError when none is."""
    if SESSION.build is None:
        raise PluginError(NO_BUILD)
    return SESSION.build


def active() -> Build | None:
    """The build in progress, if any: Markdown is also converted outside a build (tests)."""
    return SESSION.build


def course() -> Course:
    """The course of this build; a PluginError when the build has not read it (yet)."""
    found = SESSION.build.course if SESSION.build is not None else None
    if found is None:
        raise PluginError(NO_COURSE)
    return found


def part(kind: type[Part]) -> Part:
    """This build's `kind` part (see the module's docstring)."""
    return current().part(kind)
