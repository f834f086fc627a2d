"""The in-browser runtime: Pyodide and FastAPI's wheels, served by the site for its Run buttons.

Events: on_config: finds the runtime's files (course/browser_runtime_files.py) and, in
`serve`, says once when they are missing, so that the Run buttons are left out;
on_post_build: publishes them under assets/runtime/ when a page has a sample to run, and
stops a build (not `serve`) that has one without them: CI never publishes a course whose
samples cannot run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course import browser_runtime_files, build_cache, build_state, snippets
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("browser_runtime")


@dataclass
class _Said:
    """What `serve` has already told the author about the runtime, once a session."""

    missing: bool = False


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    project = snippets.project_folder(config)
    found = browser_runtime_files.locate(
        project, build_cache.folder(config, browser_runtime_files.WHEEL_CACHE)
    )
    runtime = build_state.part(browser_runtime_files.BrowserRuntime)
    runtime.files, runtime.problem = found.files, found.problem
    said = build_state.SESSION.part(_Said)
    if found.problem and build_state.SESSION.serving and not said.missing:
        said.missing = True
        log.info(
            browser_runtime_files.LEFT_OUT.format(
                reason=found.problem, set_up=browser_runtime_files.SET_UP
            )
        )
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    runtime = build_state.part(browser_runtime_files.BrowserRuntime)
    if not runtime.needed:
        return
    if runtime.problem is not None:
        if build_state.SESSION.serving:
            return
        raise PluginError(
            browser_runtime_files.MISSING.format(
                reason=runtime.problem, set_up=browser_runtime_files.SET_UP
            )
        )
    project = snippets.project_folder(config)
    browser_runtime_files.publish(runtime, project, Path(config.site_dir))
