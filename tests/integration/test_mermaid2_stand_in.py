"""hooks/mermaid2_stand_in.py changes how long mermaid2 takes, not what it does: every page
is the same, element for element, built with the hook and without it, and mermaid2 logs the
same diagrams."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import add_fixture, build_site, configured_hooks

HOOK = "hooks/mermaid2_stand_in.py"
MERMAID2_LOG = "mkdocs.plugins.mermaid2.util"


def html_pages(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }


def elements(html: str) -> str:
    """The page's element tree, as mermaid2's own parser reads and prints it."""
    return str(BeautifulSoup(html, "html.parser"))


def build_logging_mermaid2(project: Path, caplog: pytest.LogCaptureFixture, **overrides) -> list:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=MERMAID2_LOG):
        build_site(project, **overrides)
    return [record.getMessage() for record in caplog.records if record.name == MERMAID2_LOG]


def test_pages_are_the_same_with_and_without_the_stand_in(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_fixture(project, "lessons/diagrams.md", "01-basics/09-diagrams.md")
    add_fixture(project, "lessons/mermaid-code-element.md", "01-basics/10-code-element.md")
    hooks = configured_hooks(project)
    assert HOOK in hooks

    with_hook = build_logging_mermaid2(project, caplog)
    with_pages = html_pages(project / "site")
    without_hook = build_logging_mermaid2(
        project, caplog, hooks=[hook for hook in hooks if hook != HOOK]
    )
    without_pages = html_pages(project / "site")

    assert with_hook == without_hook
    diagrams_page = "Page 'Diagrams in every place mermaid2 meets them'"
    assert f"MERMAID2  - {diagrams_page}: found 4 diagrams, adding scripts" in with_hook
    assert with_pages.keys() == without_pages.keys()
    for path, page in with_pages.items():
        assert elements(page) == elements(without_pages[path]), path

    # The stand-in was used: the page is the template's own HTML, not mermaid2's reprint
    # (which gives an attribute without a value, `hidden`, an empty one), with mermaid2's one
    # script at the end of the body.
    lesson = with_pages["basics/diagrams/index.html"]
    assert '<div class="course-diagram__text" hidden>' in lesson
    assert (
        '<div class="course-diagram__text" hidden="">'
        in without_pages["basics/diagrams/index.html"]
    )
    body = BeautifulSoup(lesson, "html.parser").body
    scripts = body.select('script[type="module"]')
    assert [script.get_text() for script in scripts][-1].startswith(
        'import mermaid from "../../assets/javascripts/mermaid/mermaid.esm.min.mjs";'
    )
    assert body.find_all(recursive=False)[-1] is scripts[-1]
    # The code element mermaid2 rewrites went to mermaid2 whole, and was rewritten.
    code_page = BeautifulSoup(with_pages["basics/code-element/index.html"], "html.parser")
    assert code_page.select("pre code.language-mermaid") == []
    assert len(code_page.select("div.mermaid")) == 1
    # A page without a diagram gets no Mermaid script.
    home = BeautifulSoup(with_pages["index.html"], "html.parser")
    assert not any("import mermaid" in script.get_text() for script in home("script"))
