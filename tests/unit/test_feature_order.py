"""course/feature_order.py is the order MkDocs really runs the hooks in, event by event."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from course.feature_order import ORDER, PLUGINS, priority
from helpers import ROOT
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import PluginCollection

HOOKS_FOLDER = "hooks/"


@pytest.fixture(scope="module")
def config(monkeypatch_module: pytest.MonkeyPatch) -> MkDocsConfig:
    monkeypatch_module.setenv("SITE_URL", "https://example.org/")
    monkeypatch_module.setenv("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def handler_name(method: Any) -> str | None:
    """`lessons`, or `search._shorten_for_search` for a part of a CombinedEvent; None for a
    plugin's handler."""
    module = getattr(method, "__module__", "") or ""
    if not module.startswith(HOOKS_FOLDER):
        return None
    hook = Path(module).stem
    name = method.__name__
    return hook if name.startswith("on_") else f"{hook}.{name}"


def run_order(config: MkDocsConfig, event: str) -> list[tuple[str, int]]:
    """The hooks' handlers of `event` in the order MkDocs runs them, with their priorities."""
    return [
        (name, getattr(method, "mkdocs_priority", 0))
        for method in config.plugins.events.get(event.removeprefix("on_"), [])
        if (name := handler_name(method)) is not None
    ]


def listed(event: str) -> list[tuple[str, int]]:
    return [
        entry if isinstance(entry, tuple) else (entry, 0)
        for entry in ORDER.get(event, ())
        if entry != PLUGINS
    ]


EVENTS = sorted({f"on_{event}" for event in PluginCollection().events} | set(ORDER))


@pytest.mark.parametrize("event", EVENTS)
def test_the_table_is_the_order_mkdocs_runs_the_hooks_in(config: MkDocsConfig, event: str) -> None:
    assert listed(event) == run_order(config, event)


@pytest.mark.parametrize("event", sorted(ORDER))
def test_plugins_run_where_the_table_says(event: str) -> None:
    entries = ORDER[event]
    if PLUGINS not in entries:
        return
    at = entries.index(PLUGINS)
    before, after = listed(event)[:at], listed(event)[at:]
    assert all(value > 0 for _, value in before), before
    assert all(value <= 0 for _, value in after), after


def test_a_handler_the_table_does_not_list_is_named_in_the_error() -> None:
    expected = "course/feature_order.py does not list nothing at on_files"
    with pytest.raises(LookupError, match=re.escape(expected)):
        priority("nothing", "on_files")
