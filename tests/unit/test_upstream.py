"""What the course borrows from other packages is still there, and when it is not, the build
says which in one line."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import material
import pytest
from course import upstream_internals
from helpers import ROOT
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
COURSE = "partials/course/"


def test_the_installed_packages_have_everything_the_course_relies_on(monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert upstream_internals.problems(config) == []


def test_a_patched_partial_that_changed_is_one_line_naming_it(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    changed = theme / "partials/nav-item.html"
    changed.parent.mkdir(parents=True)
    original = (MATERIAL_TEMPLATES / "partials/nav-item.html").read_text()
    changed.write_text(original.replace("{% macro render(", "{% macro draw("))
    problems = upstream_internals.template_problems([str(theme), str(MATERIAL_TEMPLATES)])
    assert len(problems) == 1
    assert problems[0].startswith(
        f"{changed.as_posix()}: the text the course patches (items rendered once per URL by "
        "hooks/navigation.py) is not there once: '{% macro render(nav_item, path, level, "
        "parent) %}'; redo the patch in hooks/course/upstream_internals.py, written for "
        "mkdocs 1.6.1"
    )


def test_the_loader_patches_as_it_loads_and_stops_when_it_cannot() -> None:
    template = "partials/search.html"  # the search dialog's name and its results' region
    patches = [patch for patch in upstream_internals.TEMPLATE_PATCHES if patch.template == template]
    anchors = "\n".join(patch.anchor for patch in patches)
    loader = upstream_internals.PatchingLoader(jinja2.DictLoader({template: anchors}))
    source, *_ = loader.get_source(jinja2.Environment(), template)
    assert source == "\n".join(patch.replacement for patch in patches)
    broken = upstream_internals.PatchingLoader(jinja2.DictLoader({template: "<div>"}))
    with pytest.raises(PluginError, match=r"partials/search\.html: the text the course patches"):
        broken.get_source(jinja2.Environment(), template)


INCLUDE = re.compile(r"""\{%-?\s*include\s+"(?P<name>[^"]+)"\s*-?%\}""")


def test_a_course_page_keeps_every_partial_of_materials_content() -> None:
    # Course pages take Material's `content` block (overrides/main.html) with the course's
    # own content partial: a partial Material adds to its own would be missing from them.
    material_content = (MATERIAL_TEMPLATES / "partials/content.html").read_text()
    course_content = (ROOT / "overrides/partials/course/content.html").read_text()
    theirs = INCLUDE.findall(material_content)
    ours = [name for name in INCLUDE.findall(course_content) if not name.startswith(COURSE)]
    assert ours == theirs


def test_course_pages_take_materials_content_block_in_main_html() -> None:
    base = (MATERIAL_TEMPLATES / "base.html").read_text()
    main = (ROOT / "overrides/main.html").read_text()
    block = re.compile(r"\{% block content %\}(?P<body>.*?)\{% endblock %\}", re.DOTALL)
    assert 'include "partials/content.html"' in block.search(base)["body"]
    assert 'include "partials/course/content.html" if course_page' in block.search(main)["body"]
