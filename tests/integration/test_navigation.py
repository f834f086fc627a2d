"""hooks/navigation.py changes how often the navigation is rendered, not what it says: every
page is the same, byte for byte, built with the hook and without it; and `serve` compiles a
template again only once it is edited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import FIXTURES, add_fixture, build_site, configured_hooks
from jinja2 import Environment

HOOK = "hooks/navigation.py"
LESSON = "docs/01-basics/02-request-flow.md"
LESSON_PAGE = "basics/request-flow/"
PAGE_END = "partials/course/page-end.html"


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


def test_serve_compiles_a_template_again_only_once_it_is_edited(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []
    compile_source = Environment.compile

    def counted(self: Environment, source: str, name: str | None = None, *args, **kwargs):
        compiled.append(name or "")
        return compile_source(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counted)
    rendered = {"main.html", "base.html", "404.html", PAGE_END}
    build_site(project, serve=True, dirty=True)
    assert rendered <= set(compiled)

    compiled.clear()
    saved_later(project / LESSON, (project / LESSON).read_text() + "\nA sentence more.\n")
    built = build_site(project, serve=True, dirty=True)
    assert "A sentence more." in built.html(LESSON_PAGE).select_one("article").get_text()
    assert not rendered & set(compiled)

    compiled.clear()
    template = project / "overrides" / PAGE_END
    addition = (FIXTURES / "templates/page-end-addition.html").read_text()
    saved_later(template, template.read_text() + addition)
    built = build_site(project, serve=True, dirty=True)
    assert PAGE_END in compiled and not {"main.html", "base.html"} & set(compiled)
    for page in (LESSON_PAGE, "basics/"):
        assert built.html(page).select_one("article .course-test-edit") is not None, page


def saved_later(path: Path, text: str) -> None:
    """Write `text` as an editor saving a second later would: newer than the built pages."""
    path.write_text(text, encoding="utf-8")
    later = path.stat().st_mtime + 1
    os.utime(path, (later, later))
