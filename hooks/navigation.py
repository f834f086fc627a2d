"""The theme's templates are compiled once per session, and the navigation's links rendered
once per build, not once per page.

Events: on_env: the session's compiled templates (course/compiled_templates.py) for the
build's environment, and the `course_nav_fragment` global, new with each build's environment.
The global needs Material's nav-item partial patched to call it (hooks/upstream.py,
course/upstream_internals.py).

`mkdocs serve` makes a new environment for each rebuild, which compiled every template it
rendered again: a third of a one-page rebuild. It now takes the code compiled before for a
template whose source is the same.

Material renders the navigation into every page. With `navigation.prune` a page shows its
own module expanded and each other module as one link: every item that is not the page's
own (nor a section holding it) is a single link, the same on every page that sees it at
the same relative URL, such as a lesson's neighbours seen from each lesson of the module.
The navigation was a tenth of a 500-lesson build; keeping these items halves it.

The patched nav-item partial asks `course_nav_fragment` for each item. An inactive item is
rendered by Material's own macro the first time it appears with a given URL and kept; the
page's own item and sections are rendered on every page, as before.
tests/integration/test_navigation.py builds every page with and without this hook and
compares them.
"""

from __future__ import annotations

from course import build_state
from course.compiled_templates import CompiledTemplates
from jinja2 import Environment, pass_context
from jinja2.runtime import Context, Macro
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

# With either, Material lays out inactive sections in full rather than as one link.
SECTION_LAYOUTS = frozenset({"navigation.tabs", "navigation.sections"})


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    build_state.SESSION.part(CompiledTemplates).use_in(env)
    # MkDocs makes a new environment for every build: the kept items start empty each time.
    features = set(config.theme.get("features") or ())
    fragments = NavFragments(sections_are_links="navigation.prune" in features - SECTION_LAYOUTS)
    env.globals["course_nav_fragment"] = fragments.render
    return env


class NavFragments:
    """Each inactive navigation item's HTML, kept by its place in the tree and its one URL."""

    def __init__(self, *, sections_are_links: bool) -> None:
        self.sections_are_links = sections_are_links
        self.rendered: dict[tuple[str, int, str], str] = {}

    @pass_context
    def render(
        self,
        context: Context,
        render_item: Macro,
        item: StructureItem,
        path: str,
        level: int,
        parent: object,  # the item's section, or Jinja's Undefined at the top level
    ) -> str:
        target = self.only_link(item)
        if target is None:
            return render_item(item, path, level, parent)
        key = (path, level, normalize_url(target, page=context["page"], base=context["base_url"]))
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = render_item(item, path, level, parent)
        return html

    def only_link(self, item: StructureItem) -> str | None:
        """The URL of the one link an item shows when inactive, or None when it shows more."""
        if item.active:
            return None  # the page itself, or a section holding it
        if isinstance(item, Page | Link):
            return item.url
        if isinstance(item, Section) and self.sections_are_links:
            return first_page_url(item)
        return None


def first_page_url(section: Section) -> str | None:
    """Where a pruned section links to: its first page, in its first subsection if need be."""
    first = section.children[0] if section.children else None
    while isinstance(first, Section):
        first = first.children[0] if first.children else None
    return first.url if first is not None else None
