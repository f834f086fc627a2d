"""Every use of another package's private behaviour, in one place.

Written for mkdocs 1.6.1, mkdocs-material 9.8.2 and mkdocs-mermaid2-plugin 1.2.3. `check`
runs when each build starts (hooks/upstream.py, on_config) and stops the build with one
line naming what is gone, so an update that moves one of these shows where to redo it,
instead of breaking a page without a word.

- MkDocs: its front-matter pattern (`FRONT_MATTER`); the warning of every dirty build,
  which hooks/preview.py makes accurate and silences; the site folder emptied to make a
  dirty build render every page (`render_every_page`); the anchors and links of a page a
  dirty build does not render, given back for MkDocs' link check
  (`restore_anchors_and_links`); a page a dirty build skipped, rendered after all, and the
  conversion helper's pages, events and all, as its build renders pages (`populate_page`);
  a page's conversion replaced by the page cache's (`render_instead`, `give_rendered`:
  course/conversion_cache.py).
- pymdown-extensions: its snippets and superfences pass the lines they leave alone through
  unchanged, by which a self-check knows its line in the author's file
  (course/self_check_blocks.py; checked by converting a sample); its blocks' parser, fixed
  until a release fixes it (`BLOCKS_LIST_COUNT`, applied by hooks/upstream.py).
- Material: two of its partials, patched as they load (`TEMPLATE_PATCHES`) instead of
  copied into overrides/; the colours of its palette stylesheet (`palette_colours`); its
  search's parser, whose reading of a page `serve` keeps (`keep_search_readings`).
- mermaid2: its formatter `pyjs.beautify`, whose results hooks/mermaid2_stand_in.py keeps.
"""

from __future__ import annotations

import functools
import inspect
import logging
import re
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import material
import mkdocs.commands.build
import mkdocs.structure.pages
from material.plugins.search import plugin as material_search
from mermaid2 import pyjs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, _TocToken, get_toc
from mkdocs.utils import clean_directory
from mkdocs.utils.meta import YAML_RE
from pymdownx.blocks import BlocksProcessor

from course import build_state, self_check_blocks

WRITTEN_FOR = (
    "mkdocs 1.6.1, mkdocs-material 9.8.2, mkdocs-mermaid2-plugin 1.2.3, pymdown-extensions 13.1.2"
)

# MkDocs' own split of a page into front matter and body: the body the course reads is the
# one MkDocs renders.
FRONT_MATTER: re.Pattern[str] = YAML_RE

# What each line that says something is gone ends with.
REDO = f"redo it in hooks/course/upstream_internals.py, written for {WRITTEN_FOR}"

# -- MkDocs: dirty builds ---------------------------------------------------------------------
DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"


class _AccurateDirtyBuilds(logging.Filter):
    """MkDocs warns on every dirty build that other pages may be stale; with the preview
    hook they are not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_BUILD_WARNING)


_ACCURATE_DIRTY_BUILDS = _AccurateDirtyBuilds()


def silence_dirty_build_warning(*, silenced: bool = True) -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if silenced:
        logger.addFilter(_ACCURATE_DIRTY_BUILDS)
    else:
        logger.removeFilter(_ACCURATE_DIRTY_BUILDS)


def render_every_page(site_dir: str) -> None:
    """Make a dirty build render every page: MkDocs renders a page whose output is missing."""
    clean_directory(site_dir)


def populate_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Render a page's Markdown as MkDocs' build does, with every page event: for a page a
    dirty build skipped that it must render after all, and for each page the conversion
    helper converts (course/conversion_helper.py)."""
    mkdocs.commands.build._populate_page(page, config, files, dirty=False)


def restore_anchors_and_links(
    page: Page, anchors: set[str] | None, links_to_anchors: dict[File, dict[str, str]]
) -> None:
    """Give a page that a dirty build does not render what its last rendering found: MkDocs
    checks every page's links to anchors after rendering, with these two attributes, and
    skips a page that has neither."""
    page.present_anchor_ids = anchors
    page.links_to_anchors = links_to_anchors


# MkDocs' build converts a page with this call, between its on_page_markdown and
# on_page_content events (mkdocs.commands.build._populate_page).
RENDER_CALL = "page.render(config, files)"
# An entry of a page's table of contents, as Python-Markdown's toc gives it to get_toc.
TocToken = _TocToken
# What Page.render sets on the page, each of which a page given a kept conversion gets.
RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")
# All a page's conversion reads of the build's files (its links' targets).
FILES_READ = "get_file_from_path"


def render_instead(page: Page, render: Callable[[MkDocsConfig, Files], None]) -> None:
    """MkDocs converts `page` with `render` instead of Page.render: its build calls
    `page.render(config, files)`, and an attribute of the instance comes before the class's
    method. `render` takes itself off the page (`rendered_as_usual`) before it does anything."""
    page.render = render  # type: ignore[method-assign]


def rendered_as_usual(page: Page) -> None:
    """`page.render` is Page.render again."""
    vars(page).pop("render", None)


def give_rendered(
    page: Page,
    content: str,
    toc_tokens: list[_TocToken],
    title: str | None,
    anchors: set[str] | None,
    links_to_anchors: dict[File, dict[str, str]] | None,
) -> None:
    """What Page.render sets, set from a conversion kept: the HTML, the table of contents
    (from Python-Markdown's tokens, as Page.render makes it), the title of the first h1, the
    anchors the page has and its links to anchors."""
    page.content = content
    page.toc = get_toc(toc_tokens)
    page._title_from_render = title
    page.present_anchor_ids = anchors
    page.links_to_anchors = links_to_anchors


def toc_tokens(page: Page) -> list[_TocToken]:
    """The tokens `get_toc` made a rendered page's table of contents from (what it reads)."""

    def token(link: AnchorLink) -> _TocToken:
        children = [token(child) for child in link.children]
        return {"level": link.level, "id": link.id, "name": link.title, "children": children}

    return [token(link) for link in page.toc]


def title_from_render(page: Page) -> str | None:
    return page._title_from_render


def render_problem(build_source: str, pages_source: str) -> str | None:
    """What keeps a kept conversion from standing in for Page.render, given the source of
    mkdocs.commands.build and of mkdocs.structure.pages; None when nothing does."""
    populate = build_source[build_source.find("def _populate_page(") :]
    events = [populate.find(text) for text in ("on_page_markdown(", RENDER_CALL)]
    events.append(populate.find("on_page_content(", max(events[-1], 0)))
    if "def _populate_page(" not in build_source or min(events) < 0 or events != sorted(events):
        return (
            f"mkdocs: its build no longer converts a page with `{RENDER_CALL}` between "
            "on_page_markdown and on_page_content, where the page cache gives a kept conversion"
        )
    render = pages_source[pages_source.find("    def render(") :]
    render = render[: render.find("\n    def ", 1)]
    missing = [name for name in RENDERED if f"self.{name} = " not in render]
    if missing:
        return (
            f"mkdocs: Page.render no longer sets {', '.join(missing)}, which the page cache "
            "sets from a kept conversion"
        )
    if set(re.findall(r"\bself\.files\.(\w+)", pages_source)) != {FILES_READ}:
        return (
            f"mkdocs: a page's conversion no longer reads the build's files by {FILES_READ} "
            "alone, through which the page cache learns what its links found"
        )
    return None


def anchors_unknown(page: Page) -> None:
    """MkDocs checks no link to the anchors of `page`, as of a page it did not render: the
    page shows its mistakes instead of its body, which has the anchors."""
    page.present_anchor_ids = None


# -- Material: its partials, patched as they load ---------------------------------------------
@dataclass(frozen=True)
class TemplatePatch:
    """Replace `anchor`, found once in Material's `template`, by `replacement`."""

    template: str
    anchor: str
    replacement: str
    why: str

    def apply(self, source: str, filename: str | None) -> str:
        if source.count(self.anchor) != 1:
            raise PluginError(self.gone(filename or self.template))
        return source.replace(self.anchor, self.replacement)

    def gone(self, where: str) -> str:
        first_line = self.anchor.strip().splitlines()[0]
        return (
            f"{where}: the text the course patches ({self.why}) is not there once: "
            f"{first_line!r}; redo the patch in hooks/course/upstream_internals.py, written for "
            f"{WRITTEN_FOR}"
        )


TEMPLATE_PATCHES = (
    TemplatePatch(
        "partials/nav-item.html",
        "{% macro render(nav_item, path, level, parent) %}\n",
        "{#- COURSE: each item through hooks/navigation.py, where it is loaded. -#}\n"
        "{% macro render(nav_item, path, level, parent) %}\n"
        "  {%- if course_nav_fragment is defined -%}\n"
        "    {{ course_nav_fragment(render_item, nav_item, path, level, parent) }}\n"
        "  {%- else -%}\n"
        "    {{ render_item(nav_item, path, level, parent) }}\n"
        "  {%- endif -%}\n"
        "{% endmacro %}\n"
        "{% macro render_item(nav_item, path, level, parent) %}\n",
        "items rendered once per URL by hooks/navigation.py",
    ),
    TemplatePatch(
        "partials/nav-item.html",
        "      {% for item in nav_item.children %}\n"
        "        {% if item.is_index and _.index is none %}\n"
        "          {% set _.index = item %}\n"
        "        {% endif %}\n"
        "      {% endfor %}\n",
        "      {#- COURSE: a module's index page is its section's first child "
        "(hooks/lessons.py). -#}\n"
        "      {% set first = nav_item.children | first %}\n"
        "      {% if first.is_index %}\n"
        "        {% set _.index = first %}\n"
        "      {% endif %}\n",
        "a module's index page looked for in its first child only, not in every child of "
        "every section on every page",
    ),
    TemplatePatch(
        "partials/nav-item.html",
        '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" '
        'tabindex="{{ tabindex }}">\n',
        '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" '
        'tabindex="{{ tabindex }}">\n'
        "                {#- COURSE: text (for screen readers only) that names the section's "
        "nav. -#}\n"
        '                <span class="course-sr-only">{{ nav_item.title | e }}</span>\n',
        "a section's nav named by its title, which axe requires (landmark-unique)",
    ),
    TemplatePatch(
        "partials/search.html",
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" '
        "aria-label=\"{{ lang.t('search.placeholder') }}\">",
        "the search dialog named, which axe requires (aria-dialog-name)",
    ),
    TemplatePatch(
        "partials/search.html",
        '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>',
        '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix role="region" '
        "aria-label=\"{{ words.t('search_results') }}\">",
        "the results' list, which takes the focus to scroll, named as a region (axe: "
        "focus-order-semantics)",
    ),
)


class PatchingLoader(jinja2.BaseLoader):
    """The theme's loader, with `TEMPLATE_PATCHES` applied to the templates they name."""

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader
        self.patches: dict[str, list[TemplatePatch]] = {}
        for patch in TEMPLATE_PATCHES:
            self.patches.setdefault(patch.template, []).append(patch)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        for patch in self.patches.get(template, ()):
            source = patch.apply(source, filename)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def patch_templates(env: jinja2.Environment) -> None:
    env.loader = PatchingLoader(env.loader)


def template_problems(theme_dirs: list[str]) -> list[str]:
    """Each patch whose anchor is not in the template the theme would load."""
    problems = []
    for patch in TEMPLATE_PATCHES:
        paths = (Path(folder) / patch.template for folder in theme_dirs)
        found = next((path for path in paths if path.is_file()), None)
        if found is None:
            problems.append(
                f"{patch.template}: not in the theme; redo the patch in "
                f"hooks/course/upstream_internals.py, written for {WRITTEN_FOR}"
            )
        elif found.read_text(encoding="utf-8").count(patch.anchor) != 1:
            problems.append(patch.gone(found.as_posix()))
    return problems


# -- Material: palette colours -----------------------------------------------------------------
def palette_stylesheet() -> str:
    stylesheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return next(stylesheets.glob("palette.*.min.css")).read_text(encoding="utf-8")


def palette_colour(css: str, kind: str, name: str, variable: str) -> str | None:
    """`#4051b5`: a colour of Material's palette, as its minified stylesheet defines it."""
    css_name = name.lower().replace(" ", "-")  # as Material names it: deep-orange
    pattern = rf"\[data-md-color-{kind}={re.escape(css_name)}\]\{{{variable}:(#[0-9a-f]+)"
    rule = re.search(pattern, css)
    return rule[1][:7] if rule else None


# -- Material: its search's reading of each page, kept by `serve` ----------------------------
# What Material's search index does with a page's HTML: it reads it with its module's
# `Parser` into sections, which it makes entries of (material.plugins.search.plugin).
SEARCH_READS = ("parser = Parser()", "parser.feed(page.content)", "parser.close()", "parser.data")
# Material's own, which `keep_search_readings` replaces in its module.
MATERIAL_SEARCH_PARSER = material_search.Parser


@dataclass(frozen=True)
class _SectionRead:
    """One section Material's search parser read: what its index entries are made of."""

    tag: str
    attributes: tuple[tuple[str, str | None], ...]
    depth: float  # Material's: infinite for a section closed by its heading's container
    text: tuple[str, ...]
    title: tuple[str, ...]
    id: str | None

    @classmethod
    def of(cls, section: material_search.Section) -> _SectionRead:
        element = section.el
        attributes = tuple(element.attrs.items())
        return cls(
            element.tag, attributes, section.depth, (*section.text,), (*section.title,), section.id
        )

    def section(self) -> material_search.Section:
        """A new section, as the parser makes it (the index may change it)."""
        element = material_search.Element(self.tag, dict(self.attributes))
        made = material_search.Section(element, self.depth)
        made.text, made.title, made.id = [*self.text], [*self.title], self.id
        return made


@dataclass
class SearchReadings:
    """`serve`'s (course/build_state.py's SESSION): each page's HTML that Material's search
    read, and what it read, kept from one build to the next; those read since `forget_unread`."""

    by_html: dict[str, tuple[_SectionRead, ...]] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)

    def forget_unread(self) -> None:
        """Keep only what a build that rendered every page read: the site as it is now."""
        self.by_html = {html: self.by_html[html] for html in self.read if html in self.by_html}
        self.read = set()


class _KeptSearchParser(MATERIAL_SEARCH_PARSER):
    """Material's search parser, which reads HTML it has read before no more: a retitle in
    `serve` renders every page again, and their HTML, which the parser reads at about 7 ms
    a lesson, has not changed. What it reads depends on the HTML alone."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.readings = build_state.SESSION.part(SearchReadings)
        self.reading: str | None = None

    def feed(self, data: str) -> None:
        self.readings.read.add(data)
        kept = self.readings.by_html.get(data)
        if kept is None:
            self.reading = data
            super().feed(data)
        else:
            self.data = [section.section() for section in kept]

    def close(self) -> None:
        super().close()
        if self.reading is not None:
            self.readings.by_html[self.reading] = tuple(map(_SectionRead.of, self.data))


def keep_search_readings() -> None:
    """Material's search reads HTML it read before in this session no more (`serve`)."""
    material_search.Parser = _KeptSearchParser


def search_problem(plugin_source: str) -> str | None:
    """What keeps Material's search from reading pages through `_KeptSearchParser`, given the
    source of its plugin; None when nothing does."""
    missing = [text for text in SEARCH_READS if text not in plugin_source]
    if not missing and all(
        hasattr(material_search, name) for name in ("Parser", "Section", "Element")
    ):
        return None
    return (
        "mkdocs-material: its search no longer reads a page's HTML with its Parser "
        f"({', '.join(missing) or 'Parser, Section, Element'}), whose readings `serve` keeps"
    )


# -- mermaid2 ----------------------------------------------------------------------------------
def keep_mermaid2_formatting() -> None:
    """jsbeautifier's result depends on its text alone: keep it instead of redoing it."""
    if not hasattr(pyjs.beautify, "cache_info"):
        pyjs.beautify = functools.lru_cache(maxsize=16)(pyjs.beautify)


# -- pymdown-extensions: the lists around nested blocks -------------------------------------
@dataclass(frozen=True)
class FunctionPatch:
    """Replace `anchor`, found once in the source of the method `name` of `owner`, by
    `replacement`, which may call `helpers`: a fix carried until a release has it."""

    owner: type
    name: str
    anchor: str
    replacement: str
    helpers: tuple[Callable[..., object], ...]
    why: str

    @property
    def where(self) -> str:
        return f"{self.owner.__module__}.{self.owner.__qualname__}.{self.name}"

    def problem(self) -> str | None:
        """What says that the installed package's method is not the one the fix was made for."""
        source, _ = source_of(self.original())
        if source.count(self.anchor) == 1:
            return None
        return (
            f"{self.where}: the code the course patches ({self.why}) is not there once: "
            f"{self.anchor.strip().splitlines()[0]!r}"
        )

    def original(self) -> Callable[..., object]:
        method = getattr(self.owner, self.name)
        return getattr(method, PATCHED_FROM, method)

    def patched(self) -> Callable[..., object]:
        """The method with the fix, compiled at its own lines in its own file, in its
        module's namespace and the helpers'."""
        original = self.original()
        source, first = source_of(original)
        # Blank lines for those the fix takes out: a traceback names the package's own lines.
        removed = self.anchor.count("\n") - self.replacement.count("\n")
        fixed = source.replace(self.anchor, self.replacement + "\n" * max(removed, 0))
        code = compile(
            "\n" * (first - 1) + textwrap.dedent(fixed), original.__code__.co_filename, "exec"
        )
        namespace = dict(vars(sys.modules[original.__module__]))
        namespace.update((helper.__name__, helper) for helper in self.helpers)
        exec(code, namespace)  # the package's own code, with the fix
        method = namespace[self.name]
        method.__qualname__ = original.__qualname__
        setattr(method, PATCHED_FROM, original)
        return method

    def apply(self) -> None:
        """Patch the method, once; raise PluginError when the package has changed."""
        if hasattr(getattr(self.owner, self.name), PATCHED_FROM):
            return
        if (problem := self.problem()) is not None:
            raise PluginError(f"{problem}; {REDO}")
        setattr(self.owner, self.name, self.patched())


# What a patched method keeps: the method it patches.
PATCHED_FROM = "__course_patched_from__"


@functools.cache  # inspect reads the whole file for it
def source_of(function: Callable[..., object]) -> tuple[str, int]:
    """A function's source, and the line of its file it starts on."""
    lines, first = inspect.getsourcelines(function)
    return "".join(lines), first


def lists_above(root: ET.Element, element: ET.Element) -> int:
    """How many list items (`li`, `dd`) hold `element` below `root`, `root` counted, or 0 when
    `root` does not hold it: what pymdownx.blocks counts to indent a nested block's content,
    looked for from the end of `root`, where the block being parsed is."""
    open_elements = [(root, reversed(root))]
    while open_elements:
        child = next(open_elements[-1][1], None)
        if child is None:
            open_elements.pop()
        elif child is element:
            return sum(holder.tag in ("li", "dd") for holder, _ in open_elements)
        else:
            open_elements.append((child, reversed(child)))
    return 0


# For each chunk of a block's content, pymdownx.blocks maps every element of the document to
# its parent, to count the lists between nested blocks: it builds the map even for a block
# that no block holds, which leaves it unread, and its cost grows with the square of the page.
BLOCKS_LIST_COUNT = FunctionPatch(
    BlocksProcessor,
    "parse_blocks",
    anchor="""\
            parent_map = {c: p for p in current_parent.iter() for c in p}
            # Only need to count lists between nested blocks
            parent = self.stack[-1].el if len(self.stack) > 1 else None
            li = 0
            while parent is not None:
                parent = parent_map.get(parent, None)
                if parent is not None:
                    if parent.tag in ('li', 'dd'):
                        li += 1
                    continue
                break
""",
    replacement="""\
            # COURSE (hooks/course/upstream_internals.py): the lists between nested blocks
            # counted on the way to the innermost block, no map of the page for every chunk.
            li = lists_above(current_parent, self.stack[-1].el) if len(self.stack) > 1 else 0
""",
    helpers=(lists_above,),
    why="the lists around nested blocks counted without a map of the page for every chunk",
)


# -- the check ---------------------------------------------------------------------------------
def problems(config: MkDocsConfig) -> list[str]:
    """What the course relies on that the installed packages no longer have, one line each."""
    found = []
    build_source = Path(mkdocs.commands.build.__file__).read_text("utf-8")
    if DIRTY_BUILD_WARNING not in build_source:
        found.append("mkdocs: the dirty-build warning that hooks/preview.py silences has changed")
    if "validate_anchor_links" not in build_source or not all(
        hasattr(Page, name) for name in ("present_anchor_ids", "links_to_anchors")
    ):
        found.append(
            "mkdocs: pages no longer check their links to anchors as hooks/preview.py restores "
            "them (Page.present_anchor_ids, Page.links_to_anchors)"
        )
    if not callable(getattr(mkdocs.commands.build, "_populate_page", None)):
        found.append(
            "mkdocs: _populate_page, which hooks/preview.py and course/conversion_helper.py "
            "render a page with, is gone"
        )
    pages_source = Path(mkdocs.structure.pages.__file__).read_text("utf-8")
    if (render := render_problem(build_source, pages_source)) is not None:
        found.append(render)
    if (lines := self_check_blocks.line_problem(config)) is not None:
        found.append(lines)
    if (blocks := BLOCKS_LIST_COUNT.problem()) is not None:
        found.append(blocks)
    if (search := search_problem(Path(material_search.__file__).read_text("utf-8"))) is not None:
        found.append(search)
    if palette_colour(palette_stylesheet(), "primary", "indigo", "--md-primary-fg-color") is None:
        found.append(
            "mkdocs-material: its palette stylesheet no longer defines the colours that the "
            "social cards read"
        )
    if not callable(getattr(pyjs, "beautify", None)):
        found.append(
            "mkdocs-mermaid2-plugin: mermaid2.pyjs.beautify, whose results "
            "hooks/mermaid2_stand_in.py keeps, is gone"
        )
    return template_problems(list(config.theme.dirs)) + [f"{line}; {REDO}" for line in found]


def check(config: MkDocsConfig) -> None:
    """Stop the build, one line each, when something the course relies on is gone."""
    found = problems(config)
    if found:
        raise PluginError("\n".join(found))
