"""What the course borrows from other packages is still there, and when it is not, the build
says which in one line."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2
import markdown
import material
import pytest
from course import upstream_internals
from course.upstream_internals import BLOCKS_LIST_COUNT, REDO, lists_above
from helpers import FIXTURES, ROOT
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from pymdownx.blocks import BlocksProcessor

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


# -- pymdown-extensions' blocks, fixed until a release fixes them -------------------------------
BLOCKS_IN_LISTS = FIXTURES / "upstream/blocks-in-lists.md"
BLOCK_EXTENSIONS = ["def_list", "pymdownx.blocks.details", "pymdownx.blocks.admonition"]


def test_the_blocks_fix_is_made_for_the_installed_pymdown_extensions() -> None:
    # Fails once pymdown-extensions changes the code the fix replaces: released, the fix goes.
    assert BLOCKS_LIST_COUNT.problem() is None


def converted(parse_blocks: object, monkeypatch: pytest.MonkeyPatch) -> str:
    """The fixture's HTML, its blocks parsed by `parse_blocks`."""
    monkeypatch.setattr(BlocksProcessor, "parse_blocks", parse_blocks)
    return markdown.markdown(BLOCKS_IN_LISTS.read_text(), extensions=BLOCK_EXTENSIONS)


def test_the_fixed_blocks_convert_blocks_in_lists_as_the_package_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fixed = converted(BLOCKS_LIST_COUNT.patched(), monkeypatch)
    assert fixed == converted(BLOCKS_LIST_COUNT.original(), monkeypatch)
    # Each nested block's content lost its items' indentation: none of it is indented code.
    assert "<pre>" not in fixed
    assert fixed.count('<div class="admonition">') == 2


def parents_counted(root: ET.Element, element: ET.Element) -> int:
    """The list items around `element` in `root`, as pymdownx.blocks counts them: on a map
    of every element of `root` to its parent."""
    parents = {child: parent for parent in root.iter() for child in parent}
    count = 0
    holder = parents.get(element)
    while holder is not None:
        count += holder.tag in ("li", "dd")
        holder = parents.get(holder)
    return count


def test_the_list_items_around_a_block_are_those_the_map_of_parents_counts() -> None:
    html = markdown.markdown(BLOCKS_IN_LISTS.read_text(), extensions=BLOCK_EXTENSIONS)
    page = ET.fromstring(f"<div>{html}</div>")
    elements = list(page.iter())
    assert {parents_counted(page, element) for element in elements} == {0, 1, 2}
    assert page.find(".//dd/ul/li") is not None
    for root in elements:
        for element in elements:
            assert lists_above(root, element) == parents_counted(root, element)
    assert lists_above(page, ET.Element("li")) == 0  # not in the page


def test_a_changed_method_is_one_line_naming_it_and_stays_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(BlocksProcessor, "parse_blocks", BLOCKS_LIST_COUNT.original())
    changed = dataclasses.replace(
        BLOCKS_LIST_COUNT, anchor=BLOCKS_LIST_COUNT.anchor.replace("parent_map", "parents")
    )
    problem = changed.problem()
    assert problem == (
        f"pymdownx.blocks.BlocksProcessor.parse_blocks: the code the course patches "
        f"({BLOCKS_LIST_COUNT.why}) is not there once: "
        "'parents = {c: p for p in current_parent.iter() for c in p}'"
    )
    before = BlocksProcessor.parse_blocks
    with pytest.raises(PluginError) as raised:
        changed.apply()
    assert str(raised.value) == f"{problem}; {REDO}"
    assert BlocksProcessor.parse_blocks is before


def test_the_fix_is_applied_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BlocksProcessor, "parse_blocks", BLOCKS_LIST_COUNT.original())
    BLOCKS_LIST_COUNT.apply()
    fixed = BlocksProcessor.parse_blocks
    assert fixed is not BLOCKS_LIST_COUNT.original()
    BLOCKS_LIST_COUNT.apply()  # serve's next build
    assert BlocksProcessor.parse_blocks is fixed
    assert BLOCKS_LIST_COUNT.original() is getattr(fixed, upstream_internals.PATCHED_FROM)


def test_the_fixed_method_keeps_the_package_s_file_and_lines() -> None:
    # A traceback through the fixed method names the lines of the package's file.
    original, fixed = BLOCKS_LIST_COUNT.original(), BLOCKS_LIST_COUNT.patched()
    assert fixed.__code__.co_filename == original.__code__.co_filename
    assert fixed.__code__.co_firstlineno == original.__code__.co_firstlineno
    last = [
        max(line for *_, line in method.__code__.co_lines() if line) for method in (original, fixed)
    ]
    assert last[0] == last[1]
