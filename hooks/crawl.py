"""What crawlers, feed readers and AI agents fetch besides the pages.

Events: on_files: keeps the build's files, to resolve links in the Markdown copies, on the
build's state; on_nav: each page's sitemap date; on_post_build: writes robots.txt, feed.xml,
llms.txt and the Markdown copies. All three need the course, read in on_files by
hooks/lessons.py; the copies and llms.txt need each page's self-checks, read as it rendered
(course/self_check_parse.py).

- the sitemap's `lastmod`: each course page's last change, from the course model;
- robots.txt, naming the sitemap;
- feed.xml, an Atom feed of the lessons, newest first (linked from every page's head);
- llms.txt, the course for language models (https://llmstxt.org/), linking to
- a clean Markdown copy of each lesson next to its page: `introduction/x/index.md`.

The files are written into the built site after the build (never into docs/). The Markdown
copies show the code that lessons include, and are kept in `.cache/markdown-copies/` and
linked into the site (course/build_cache.py). `serve --dirty` makes again only the copies of
the pages it rendered again: hooks/preview.py renders again every page whose copy could have
changed (its body, its includes, the course, the files, the words), and each other page keeps
the copy of the last build. Their quizzes and exercises are plain
Markdown, labelled in the page's language, with every answer. Titles, descriptions and
summaries are plain text: llms.txt and the copies escape them, so `Dict<str, T>` is no tag
there.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit

from course import build_cache, build_state, links, reader_words, self_check_parse, snippets
from course.layout import FEED_XML, LLMS_TXT, ROBOTS_TXT, display_path
from course.model import Course, Page
from course.reader_words import Words
from course.self_check_parse import SelfCheckParse
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_build_date

ATOM = "http://www.w3.org/2005/Atom"
# An inline Markdown link or image target: [text](target "title") or ![alt](target).
LINK_TARGET = re.compile(r"(\]\()([^)\s]+)")
# What starts emphasis, code, a link, an image or a heading inside a line of Markdown; a
# backslash before it shows it as it is, in CommonMark as in Python-Markdown.
MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]#]")
# What starts a list at the beginning of a line: `- `, `+ `, `1. `, `1) `.
LIST_MARKER = re.compile(r"^(?:[0-9]+(?=[.)])|(?=[-+]))")


@dataclass
class BuildFiles:
    """The build's files, to resolve links in the Markdown copies."""

    files: Files | None = None


@dataclass
class KeptCopies:
    """The session's: each page's Markdown copy in the cache, as the last build made it."""

    by_page: dict[str, Path] = field(default_factory=dict)


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    build_state.part(BuildFiles).files = files
    return None


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    # Every page of the sitemap, rendered in this build or not (`serve --dirty`).
    for page in nav.pages:
        set_sitemap_date(page)
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    files = build_state.part(BuildFiles).files
    assert files is not None  # set in on_files
    loaded = build_state.course()
    self_checks = build_state.part(SelfCheckParse)
    words = reader_words.for_config(config)
    site = Path(config.site_dir)
    site_url = config.site_url or ""
    write(site / ROBOTS_TXT, f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n")
    write(site / FEED_XML, atom_feed(loaded, config))
    write(site / LLMS_TXT, llms_txt(loaded, site_url, self_checks, words))
    cache = build_cache.folder(config, "markdown-copies")
    expander = snippets.expander(config) if snippets.EXTENSION in config.mdx_configs else None
    last, copies = build_state.SESSION.part(KeptCopies).by_page, {}
    for page in loaded.pages:
        copy = last.get(page.src_uri) if not rendered(files, page) else None
        if copy is None or not copy.is_file():
            # Its self-checks, as its rendering read them, in the body as the author wrote it
            # (and as MkDocs converts it: without the blank lines after the front matter).
            body = page.markdown.lstrip("\n")
            markdown = self_check_parse.as_markdown(body, self_checks.of(page.src_uri), words)
            # A page with mistakes of its own (`serve`) may include what cannot be read.
            if expander is not None and not page.mistakes:
                where = display_path(page.src_uri, config)
                markdown = snippets.expand(markdown, expander, where)
            text = markdown_copy(page, absolute_links(page, markdown, files, site_url), words)
            copy = build_cache.save_text(cache, text, ".md")
        build_cache.place(copy, site / markdown_copy_path(page))
        copies[page.src_uri] = copy
    build_state.SESSION.part(KeptCopies).by_page = copies
    build_cache.prune(cache, copies.values(), ".md")


def rendered(files: Files, page: Page) -> bool:
    """Whether this build rendered `page`: `serve --dirty` renders only some pages."""
    file = files.get_file_from_path(page.src_uri)
    return file is None or file.page is None or file.page.content is not None


def set_sitemap_date(page: MkDocsPage) -> None:
    """The sitemap's lastmod is the page's real last change, where git or `updated` knows it.

    Otherwise MkDocs' own value stays: the build date.
    """
    entry = build_state.course().page(page.file.src_uri)
    if entry is None or entry.updated is None:
        return
    page.update_date = entry.updated.isoformat()


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def markdown_copy_path(page: Page) -> str:
    return posixpath.join(page.url.removeprefix("./"), "index.md")


def atom_feed(loaded: Course, config: MkDocsConfig) -> str:
    site_url = config.site_url or ""
    build_date = dt.date.fromisoformat(get_build_date())
    newest_first = sorted(
        loaded.lessons,
        key=lambda lesson: (lesson.published or build_date, lesson.position),
        reverse=True,
    )
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> None:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text

    def timestamp(day: dt.date | None) -> str:
        return f"{(day or build_date).isoformat()}T00:00:00Z"

    add(feed, "id", site_url)
    add(feed, "title", loaded.home.title)
    add(feed, "subtitle", loaded.home.meta.description)
    add(feed, "link", href=site_url)
    add(feed, "link", rel="self", href=urljoin(site_url, FEED_XML))
    add(
        feed,
        "updated",
        timestamp(loaded.home.updated),
    )
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    add(author, "name", config.site_author or loaded.provider.name)
    for lesson in newest_first:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = lesson.absolute_url(site_url)
        add(entry, "id", url)
        add(entry, "title", lesson.title)
        add(entry, "link", href=url)
        add(entry, "published", timestamp(lesson.published))
        add(entry, "updated", timestamp(lesson.updated))
        add(entry, "summary", lesson.meta.description)
        for keyword in lesson.meta.keywords:
            add(entry, "category", term=keyword)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def markdown_text(text: str) -> str:
    """Plain text of the front matter (a title, a description) as Markdown that shows it as
    written, on one line: `Dict<str, T>` stays text, `*args` no emphasis, `1. Setup` no list.

    `&`, `<` and `>` become references; a backslash goes before the characters that would
    start emphasis, code, a link or a heading, and before a list marker at the start.
    """
    escaped = html.escape(" ".join(text.split()), quote=False)
    escaped = MARKDOWN_SPECIAL.sub(r"\\\g<0>", escaped)
    return LIST_MARKER.sub(r"\g<0>\\", escaped, count=1)


def llms_txt(loaded: Course, site_url: str, self_checks: SelfCheckParse, words: Words) -> str:
    home = loaded.home
    title, description = markdown_text(home.title), markdown_text(home.meta.description)
    lead = markdown_text(home.meta.summary or home.meta.description)
    lines = [f"# {title}", "", f"> {lead}", "", description, ""]
    for module in loaded.modules:
        title, description = markdown_text(module.title), markdown_text(module.meta.description)
        lines += [f"## {module.number}. {title}", "", description, ""]
        for lesson in module.lessons:
            address = urljoin(site_url, markdown_copy_path(lesson))
            title, description = markdown_text(lesson.title), markdown_text(lesson.meta.description)
            lines.append(f"- [{title}]({address}): {description}")
            lines += self_check_parse.llms_lines(self_checks.of(lesson.src_uri), words)
        lines.append("")
    return "\n".join(lines)


def markdown_copy(page: Page, body: str, words: Words) -> str:
    """The page as clean Markdown: its title and lead, then its body, with the blocks of its
    front-matter fields where the page shows them (course/front_matter_fields.py)."""
    lead = markdown_text(page.meta.summary or page.meta.description)
    parts = [
        f"# {markdown_text(page.title)}",
        f"> {lead}",
        *field_blocks(page, "top", words),
        body.strip(),
        *field_blocks(page, "end", words),
    ]
    return "\n\n".join(parts) + "\n"


def field_blocks(page: Page, place: Literal["top", "end"], words: Words) -> list[str]:
    """Each block shown at `place`: its title in bold, then its value, a list of texts as a
    list and anything else as one paragraph."""
    blocks = []
    for block, value in page.meta.block_values(place):
        if isinstance(value, list | tuple):
            shown = "\n".join(f"- {markdown_text(str(item))}" for item in value)
        else:
            shown = markdown_text(str(value))
        blocks.append(f"**{markdown_text(words.text(block.label))}**\n\n{shown}")
    return blocks


def absolute_links(page: Page, markdown: str, files: Files, site_url: str) -> str:
    """Links to other files of the site become absolute URLs, as on the page itself."""
    folder = posixpath.dirname(page.src_uri)

    def replace(match: re.Match[str]) -> str:
        target = match[2]
        path = links.local_path(target, folder)  # None: absolute, or an anchor on the page
        linked = files.get_file_from_path(path) if path is not None else None
        if linked is None:
            return match[0]
        url = urljoin(site_url, linked.url.removeprefix("./"))
        anchor = urlsplit(target).fragment
        return match[1] + url + (f"#{anchor}" if anchor else "")

    return LINK_TARGET.sub(replace, markdown)
