"""hooks/navigation.py changes how often the navigation is rendered, not what it says: every
page is the same, byte for byte, built with the hook and without it."""

from __future__ import annotations

from pathlib import Path

from helpers import add_fixture, build_site, configured_hooks

HOOK = "hooks/navigation.py"


def built_pages(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*.html")}


def test_pages_are_the_same_with_and_without_kept_navigation_items(project: Path) -> None:
    # Three modules (the others show as links), and items with an icon, a status, a subtitle.
    add_fixture(project, "layouts/numeric-order", "")
    add_fixture(project, "lessons/material-keys.md", "01-basics/09-case.md")
    hooks = configured_hooks(project)
    assert HOOK in hooks

    build_site(project)
    with_hook = built_pages(project / "site")
    build_site(project, hooks=[hook for hook in hooks if hook != HOOK])
    without_hook = built_pages(project / "site")

    assert len(with_hook) > 10
    assert with_hook.keys() == without_hook.keys()
    for path, page in with_hook.items():
        assert page == without_hook[path], path
