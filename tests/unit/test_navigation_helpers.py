"""An inactive navigation item is rendered once per URL it shows; the page's own, each time."""

from __future__ import annotations

from dataclasses import dataclass, field

import navigation
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page


def page(src_uri: str) -> Page:
    return Page(None, File(src_uri, "docs", "site", use_directory_urls=True), {})


@dataclass
class RenderItem:
    """Stands in for Material's `render_item` macro: counts the items it renders."""

    rendered: list[str] = field(default_factory=list)

    def __call__(self, item: object, path: str, level: int, parent: object) -> str:
        self.rendered.append(path)
        return f"<li>{path}</li>"


def render_on(
    fragments: navigation.NavFragments, current: Page, item: object, path: str
) -> tuple[str, list[str]]:
    """Render `item` as the page `current` shows it: Jinja passes its context first."""
    render_item = RenderItem()
    context = {"page": current, "base_url": ".."}
    html = fragments.render(context, render_item, item, path, 2, None)
    return html, render_item.rendered


def test_a_neighbour_is_rendered_once_for_the_pages_that_see_it_alike() -> None:
    fragments = navigation.NavFragments(sections_are_links=True)
    one, two, three = page("m/one.md"), page("m/two.md"), page("m/three.md")
    assert render_on(fragments, one, three, "__nav_1_3") == ("<li>__nav_1_3</li>", ["__nav_1_3"])
    assert render_on(fragments, two, three, "__nav_1_3") == ("<li>__nav_1_3</li>", [])
    # From the module's own page the same lesson is at another relative URL.
    index = page("m/index.md")
    assert render_on(fragments, index, three, "__nav_1_3")[1] == ["__nav_1_3"]


def test_the_pages_own_item_and_its_sections_are_rendered_every_time() -> None:
    fragments = navigation.NavFragments(sections_are_links=True)
    one, two = page("m/one.md"), page("m/two.md")
    module = Section("Module", [one, two])
    one.parent = two.parent = module
    one.active = True  # as MkDocs marks the page being built, and so its sections
    for _ in range(2):
        assert render_on(fragments, one, one, "__nav_1_1")[1] == ["__nav_1_1"]
        assert render_on(fragments, one, module, "__nav_1")[1] == ["__nav_1"]


def test_a_section_is_kept_only_where_it_shows_as_one_link() -> None:
    other = Section("Other", [Section("Part", [page("o/part/first.md")]), page("o/last.md")])
    current = page("m/one.md")
    assert navigation.first_page_url(other) == "o/part/first/"
    linked = navigation.NavFragments(sections_are_links=True)
    laid_out = navigation.NavFragments(sections_are_links=False)
    for fragments, renders in ((linked, [["__nav_2"], []]), (laid_out, [["__nav_2"]] * 2)):
        assert [render_on(fragments, current, other, "__nav_2")[1] for _ in range(2)] == renders
    assert navigation.first_page_url(Section("Empty", [])) is None
