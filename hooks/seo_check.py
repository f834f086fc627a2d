"""The SEO check for authors: one warning per finding, naming the file, in serve and build.

Checked on every course page: the description's length. On every published lesson also:
the title's length, the focus keyword (the first keyword) in the title, description or
first paragraph, a single h1, alt text on images, text on links, and titles and
descriptions used twice.
`mkdocs build --strict` fails on any finding; the last line of a build sums them up.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

import course
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("seo")

TITLE_RECOMMENDED = 60
DESCRIPTION_RECOMMENDED = (50, 160)

# A <pre> element: highlighted code, whose text is escaped, so it holds no other tag's end.
CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)
# Raw HTML worth parsing for the check, and Python-Markdown's placeholder for stashed HTML.
RAW_AUDITED = re.compile(r"<(?:h1|img|a|p)\b", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\x02wzxhzdk:(\d+)\x03")
TAG = re.compile(r"<[^>]*>")

# Front-matter findings of the build in progress, by file; emptied when each build starts.
_findings: dict[str, list[str]] = defaultdict(list)
# Findings in a lesson's built page, by file: replaced whenever the page is built, kept
# otherwise, as `serve --dirty` builds only the page that changed.
_body_findings: dict[str, list[str]] = {}
BODY_FIELDS = ("keywords", "body")
# The Markdown extension of the build in progress, set in on_config.
_extension: ContentAuditExtension | None = None


@dataclass
class ContentAudit(HTMLParser):
    """What the SEO check needs from a page's body HTML, in one pass."""

    h1_count: int = 0
    images_without_alt: list[str] = field(default_factory=list)
    links_without_text: list[str] = field(default_factory=list)
    first_paragraph: str | None = None
    _paragraph: list[str] | None = None
    _link: tuple[str, list[str]] | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        elif tag == "img":
            if not (attributes.get("alt") or "").strip():
                self.images_without_alt.append(attributes.get("src") or "?")
            if self._link is not None and (attributes.get("alt") or "").strip():
                self._link[1].append(attributes["alt"] or "")
        elif tag == "a" and attributes.get("href") is not None:
            label = attributes.get("aria-label") or attributes.get("title") or ""
            self._link = (attributes["href"] or "", [label])
        elif tag == "p" and self.first_paragraph is None:
            self._paragraph = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            href, text = self._link
            if not "".join(text).strip():
                self.links_without_text.append(href)
            self._link = None
        elif tag == "p" and self._paragraph is not None:
            self.first_paragraph = " ".join("".join(self._paragraph).split())
            self._paragraph = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[1].append(data)
        if self._paragraph is not None:
            self._paragraph.append(data)


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _extension
    _extension = ContentAuditExtension()
    config.markdown_extensions.append(_extension)
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    _findings.clear()


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    loaded = course.current()
    published = [lesson for lesson in loaded.lessons if not lesson.meta.draft]
    for page in (loaded.home, *loaded.modules, *published):
        check_front_matter(page, config)
    check_duplicates(published, config)
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    entry = course.current().page(page.file.src_uri)
    # A draft (previewed by `serve` only) is checked once it is published.
    audit = _extension.audit if _extension is not None else None
    if _extension is not None:
        _extension.audit = None
    if isinstance(entry, course.Lesson) and not entry.meta.draft and audit is not None:
        _body_findings[course.display_path(entry.src_uri, config)] = []
        check_content(entry, audit, config)
    return None


def audit_html(html: str) -> ContentAudit:
    """Audit HTML, leaving out code blocks: nothing the check looks for is in one."""
    audit = ContentAudit()
    audit.feed(CODE_BLOCK.sub("", html))
    audit.close()
    return audit


class ContentAuditor(Treeprocessor):
    """Reads what the check needs from the page's element tree, the last step before HTML.

    Walking the tree costs a fraction of parsing the page's HTML again. Raw HTML is in the
    tree only as placeholders: a block that holds raw headings, images, links or paragraphs
    is put back together as HTML and parsed.
    """

    def __init__(self, md: Markdown, extension: ContentAuditExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        audit = ContentAudit()
        for block in root:
            raw = self.holds_raw_markup(block)
            found = audit_html(self.html(block)) if raw else self.walk(block)
            audit.h1_count += found.h1_count
            audit.images_without_alt += found.images_without_alt
            audit.links_without_text += found.links_without_text
            audit.first_paragraph = audit.first_paragraph or found.first_paragraph
        self.extension.audit = audit

    def walk(self, block: ET.Element) -> ContentAudit:
        audit = ContentAudit()
        for element in block.iter():
            if element.tag == "h1":
                audit.h1_count += 1
            elif element.tag == "img" and not (element.get("alt") or "").strip():
                audit.images_without_alt.append(element.get("src") or "?")
            elif element.tag == "a" and element.get("href") is not None:
                if not self.link_text(element).strip():
                    audit.links_without_text.append(element.get("href") or "")
            elif element.tag == "p" and audit.first_paragraph is None:
                audit.first_paragraph = " ".join(self.text(element).split())
        return audit

    def stashed(self, placeholder: re.Match[str]) -> str:
        block = self.md.htmlStash.rawHtmlBlocks[int(placeholder[1])]
        return block if isinstance(block, str) else ""

    def holds_raw_markup(self, block: ET.Element) -> bool:
        return any(
            RAW_AUDITED.search(CODE_BLOCK.sub("", self.stashed(placeholder)))
            for placeholder in PLACEHOLDER.finditer("".join(block.itertext()))
        )

    def html(self, block: ET.Element) -> str:
        return PLACEHOLDER.sub(self.stashed, ET.tostring(block, encoding="unicode"))

    def text(self, element: ET.Element) -> str:
        """The element's text as the page shows it (stashed entities and inline tags too)."""
        return PLACEHOLDER.sub(
            lambda placeholder: html.unescape(TAG.sub("", self.stashed(placeholder))),
            "".join(element.itertext()),
        )

    def link_text(self, link: ET.Element) -> str:
        """What names a link: its text, the alt text of its images, or its label."""
        alts = "".join(image.get("alt") or "" for image in link.iter("img"))
        return self.text(link) + alts + (link.get("aria-label") or link.get("title") or "")


class ContentAuditExtension(Extension):
    """Puts the auditor at the end of the tree processors; `audit` is the last page's."""

    audit: ContentAudit | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(ContentAuditor(md, self), "course-seo-audit", -10)


def on_post_build(*, config: MkDocsConfig) -> None:
    loaded = course.current()
    published = {course.display_path(lesson.src_uri, config) for lesson in loaded.lessons}
    for path in _body_findings.keys() - published:
        del _body_findings[path]
    by_file = defaultdict(list, _findings)
    for path, findings in _body_findings.items():
        by_file[path] += findings
    by_file = {path: findings for path, findings in by_file.items() if findings}
    lessons = plural(len(loaded.lessons), "lesson")
    count = sum(len(findings) for findings in by_file.values())
    files = plural(len(by_file), "file")
    log.info(
        f"{lessons} checked, "
        + (f"{plural(count, 'finding')} in {files}" if count else "no findings")
    )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def report(page: course.Page, config: MkDocsConfig, field_name: str, message: str) -> None:
    path = course.display_path(page.src_uri, config)
    (_body_findings if field_name in BODY_FIELDS else _findings)[path].append(message)
    log.warning(f"{path}: {field_name}: {message}")


def check_front_matter(page: course.Page, config: MkDocsConfig) -> None:
    low, high = DESCRIPTION_RECOMMENDED
    length = len(page.meta.description)
    if not low <= length <= high:
        report(page, config, "description", f"{length} characters; {low}-{high} are recommended")
    if isinstance(page, course.Lesson) and len(page.title) > TITLE_RECOMMENDED:
        report(
            page,
            config,
            "title",
            f"{len(page.title)} characters; search results show about {TITLE_RECOMMENDED}",
        )


def check_content(lesson: course.Lesson, audit: ContentAudit, config: MkDocsConfig) -> None:
    focus = lesson.meta.keywords[0]
    places = (lesson.title, lesson.meta.description, audit.first_paragraph or "")
    if not any(focus.casefold() in place.casefold() for place in places):
        report(
            lesson,
            config,
            "keywords",
            f"the focus keyword {focus!r} is in none of the title, the description and "
            "the first paragraph",
        )
    if audit.h1_count:
        report(
            lesson,
            config,
            "body",
            f"{audit.h1_count + 1} h1 headings; the title is the page's h1, so start the "
            "body's sections at ##",
        )
    for src in audit.images_without_alt:
        report(lesson, config, "body", f"the image {src} has no alt text")
    for href in audit.links_without_text:
        report(lesson, config, "body", f"the link to {href} has no text")


def check_duplicates(lessons: list[course.Lesson], config: MkDocsConfig) -> None:
    for field_name in ("title", "description"):
        users: dict[str, list[course.Lesson]] = defaultdict(list)
        for lesson in lessons:
            users[getattr(lesson.meta, field_name).casefold()].append(lesson)
        for same in users.values():
            if len(same) < 2:
                continue
            paths = [course.display_path(lesson.src_uri, config) for lesson in same]
            for index, lesson in enumerate(same):
                others = course.some_of(paths[:index] + paths[index + 1 :], "lesson")
                report(lesson, config, field_name, f"the same as in {others}")
