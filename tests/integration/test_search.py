"""hooks/search.py changes what Material's search reads, not what it finds: the fixture
course's index is the same with the hook and without it, and so is every page."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import build_site, configured_hooks

HOOK = "hooks/search.py"


def built_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_search_finds_the_same_and_pages_are_the_same_with_and_without_the_hook(
    project: Path,
) -> None:
    hooks = configured_hooks(project)
    assert HOOK in hooks

    build_site(project)
    with_hook = built_files(project / "site")
    build_site(project, hooks=[hook for hook in hooks if hook != HOOK])
    without_hook = built_files(project / "site")

    index = "search/search_index.json"
    assert json.loads(with_hook.pop(index)) == json.loads(without_hook.pop(index))
    assert with_hook.keys() == without_hook.keys()
    different = [path for path in with_hook if with_hook[path] != without_hook[path]]
    assert different == []
