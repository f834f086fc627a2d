"""One build at a time: a second `mkdocs build` (or `serve` rebuild) of the same project
waits for the first instead of failing half-way (course/site_lock.py).

Events: on_config, first (priority 100): takes the lock, before MkDocs empties site/;
on_post_build, last (priority -100), on_build_error and on_shutdown: gives it back. Needs
nothing before it.
"""

from __future__ import annotations

from typing import IO

from course import build_cache, site_lock
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("build")

# The lock of the build in progress: from its on_config to its end.
_held: IO[bytes] | None = None


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _held
    release()
    path = build_cache.folder(config, "build.lock")

    def waiting() -> None:
        log.info(f"another build of this course is writing its site; waiting for it ({path})")

    try:
        _held = site_lock.take(path, waiting=waiting)
    except site_lock.Busy:
        raise PluginError(
            f"another build of this course has been writing its site for "
            f"{site_lock.WAIT_SECONDS // 60} minutes ({path} is locked): let it finish or "
            "stop it, then build again"
        ) from None
    return None


@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    release()


def on_build_error(*, error: Exception) -> None:
    release()


def on_shutdown() -> None:
    release()


def release() -> None:
    global _held
    if _held is not None:
        site_lock.give_back(_held)
        _held = None
