"""One build at a time: a second `mkdocs build` (or `serve` rebuild) of the same project
waits for the first instead of failing half-way (course/site_lock.py).

Events: on_config, right after the build's state begins (course/feature_order.py): takes
the lock, before MkDocs empties site/, and gives it back when the build ends, however it
ends (course/build_state.py). Needs hooks/lessons.py's on_config before it.
"""

from __future__ import annotations

from course import build_cache, build_state, feature_order, site_lock
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("build")


@event_priority(feature_order.priority("build_lock", "on_config"))
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    build = build_state.current()
    path = build_cache.folder(config, "build.lock")

    def waiting() -> None:
        log.info(f"another build of this course is writing its site; waiting for it ({path})")

    try:
        held = site_lock.take(path, waiting=waiting)
    except site_lock.Busy:
        raise PluginError(
            f"another build of this course has been writing its site for "
            f"{site_lock.WAIT_SECONDS // 60} minutes ({path} is locked): let it finish or "
            "stop it, then build again"
        ) from None
    build.at_end(lambda: site_lock.give_back(held))
    return None
