"""What the SEO check reads from a page's body, collected while Python-Markdown converts it,
and the addresses that must not be published (course/links.py).

A Markdown extension, free of MkDocs: its tree processor walks the page's element tree (a
fraction of the cost of parsing the page's HTML again) for the h1 headings, images without
alt text, links without text, the first paragraph and unsafe addresses; hooks/seo_check.py
takes each page's audit in on_page_content.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from course.links import ADDRESS_ATTRIBUTE, ADDRESS_ATTRIBUTES, unsafe_address

# A <pre> element: highlighted code, whose text is escaped, so it holds no other tag's end.
CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)
# Raw HTML worth parsing for the check.
RAW_AUDITED = re.compile(r"<(?:h1|img|a|p)\b", re.IGNORECASE)
# A `<` right before a code block: taking the block out may make a tag of it (`<` then `p>`).
BEFORE_CODE_BLOCK = re.compile(r"<<pre\b", re.IGNORECASE)
# Where Python-Markdown put a block of raw HTML aside in the element tree.
PLACEHOLDER = HTML_PLACEHOLDER_RE
TAG = re.compile(r"<[^>]*>")


@dataclass
class ContentAudit(HTMLParser):
    """What the SEO check needs from a page's body HTML, in one pass."""

    h1_count: int = 0
    images_without_alt: list[str] = field(default_factory=list)
    links_without_text: list[str] = field(default_factory=list)
    first_paragraph: str | None = None
    unsafe_addresses: list[str] = field(default_factory=list)  # why each must not be published
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


def audit_html(html: str) -> ContentAudit:
    """Audit HTML, leaving out code blocks: nothing the check looks for is in one."""
    audit = ContentAudit()
    audit.feed(CODE_BLOCK.sub("", html))
    audit.close()
    return audit


class RawAddresses(HTMLParser):
    """The unsafe addresses of raw HTML, attributes decoded as a browser decodes them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []

    @classmethod
    def unsafe_in(cls, raw: str) -> list[str]:
        parser = cls()
        parser.feed(raw)
        parser.close()
        return parser.unsafe

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            message = unsafe_address(tag, name, value or "")
            if message is not None:
                self.unsafe.append(message)


class ContentAuditor(Treeprocessor):
    """Reads what the check needs from the page's element tree, the last step before HTML.

    Walking the tree costs a fraction of parsing the page's HTML again. Raw HTML is in the
    tree only as placeholders: a block that holds raw headings, images, links or paragraphs
    is put back together as HTML and parsed.
    """

    def __init__(self, md: Markdown, extension: ContentAuditExtension, source: list[str]) -> None:
        super().__init__(md)
        self.extension = extension
        self.source = source

    def run(self, root: ET.Element) -> None:
        audit = ContentAudit()
        # Most pages stash only highlighted code: then no block needs its text searched.
        audited = {
            str(index)
            for index, stashed in enumerate(self.md.htmlStash.rawHtmlBlocks)
            if isinstance(stashed, str) and holds_audited_markup(stashed)
        }
        for block in root:
            if not (audited and self.holds_raw_markup(block, audited)):
                self.walk(block, audit)
                continue
            found = audit_html(self.html(block))
            audit.h1_count += found.h1_count
            audit.images_without_alt += found.images_without_alt
            audit.links_without_text += found.links_without_text
            audit.first_paragraph = audit.first_paragraph or found.first_paragraph
        audit.unsafe_addresses = self.unsafe_addresses(root)
        self.extension.audits[self.source[0]] = audit

    def unsafe_addresses(self, root: ET.Element) -> list[str]:
        """Why each address of the page that must not be published must not be, once each
        (the Answers part repeats a quiz's)."""
        found = []
        for element in root.iter():
            for name, value in element.items():
                # Without a colon, not even as an entity, an address has no scheme.
                if name not in ADDRESS_ATTRIBUTES or (":" not in value and "&" not in value):
                    continue
                # Python-Markdown writes an attribute's entities as they are: browsers decode
                # them.
                message = unsafe_address(str(element.tag), name, html.unescape(value))
                if message is not None:
                    found.append(message)
        raw = [stashed for stashed in self.md.htmlStash.rawHtmlBlocks if isinstance(stashed, str)]
        # One search of them all first: most pages stash only code, with no address in it.
        if may_hold_address("\n".join(raw)):
            for stashed in raw:
                # Code's markup is escaped, `<pre>` or not: what parses as a tag is one.
                if may_hold_address(stashed):
                    found += RawAddresses.unsafe_in(stashed)
        return list(dict.fromkeys(found))

    def walk(self, block: ET.Element, audit: ContentAudit) -> None:
        """What `block` holds, into the page's `audit`. The page's first paragraph is the
        first of a block's first paragraphs that has words: a block's is read only while
        the page has none with words yet."""
        wanted = not audit.first_paragraph
        first: str | None = None
        for element in block.iter():
            tag = element.tag
            if tag == "h1":
                audit.h1_count += 1
            elif tag == "img" and not (element.get("alt") or "").strip():
                audit.images_without_alt.append(element.get("src") or "?")
            elif tag == "a" and element.get("href") is not None:
                if not self.link_text(element).strip():
                    audit.links_without_text.append(element.get("href") or "")
            elif tag == "p" and wanted and first is None:
                first = " ".join(self.text(element).split())
        if wanted:
            audit.first_paragraph = first

    def stashed(self, placeholder: re.Match[str]) -> str:
        block = self.md.htmlStash.rawHtmlBlocks[int(placeholder[1])]
        return block if isinstance(block, str) else ""

    def holds_raw_markup(self, block: ET.Element, audited: set[str]) -> bool:
        """Whether `block` holds one of the `audited` stashed blocks of raw HTML."""
        return any(
            placeholder[1] in audited
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


def holds_audited_markup(stashed: str) -> bool:
    """Whether raw HTML holds a tag the check reads (`RAW_AUDITED`), outside code blocks.

    Most stashed HTML is highlighted code, where a search of the whole block finds no such
    tag: taking its code blocks out first can only make one of a `<` right before a block.
    """
    if RAW_AUDITED.search(stashed) is None and BEFORE_CODE_BLOCK.search(stashed) is None:
        return False
    return RAW_AUDITED.search(CODE_BLOCK.sub("", stashed)) is not None


def may_hold_address(raw: str) -> bool:
    """Whether raw HTML may hold an address: the parser reads attribute names in lowercase."""
    return ADDRESS_ATTRIBUTE.search(raw.lower()) is not None


class RememberSource(Preprocessor):
    """Runs first, to see the page's Markdown exactly as MkDocs hands it to Python-Markdown."""

    def __init__(self, md: Markdown, source: list[str]) -> None:
        super().__init__(md)
        self.source = source

    def run(self, lines: list[str]) -> list[str]:
        self.source[:] = ["\n".join(lines)]
        return lines


class ContentAuditExtension(Extension):
    """Audits every page it converts; `take` hands a page's audit over by its Markdown.

    Python-Markdown converts a page at a time with its own processors, which do not know
    the page: the audit is filed under the Markdown they were given, which is the page's
    Markdown after on_page_markdown, and taken back by the hook in on_page_content (a
    dictionary hashes the text faster than a digest would).
    """

    def __init__(self) -> None:
        super().__init__()
        self.audits: dict[str, ContentAudit] = {}  # by the Markdown converted

    def extendMarkdown(self, md: Markdown) -> None:
        source: list[str] = []
        md.preprocessors.register(RememberSource(md, source), "course-seo-source", 1000)
        md.treeprocessors.register(ContentAuditor(md, self, source), "course-seo-audit", -10)

    def take(self, markdown: str) -> ContentAudit | None:
        """The audit of the page whose Markdown is `markdown`; None for an empty page."""
        return self.audits.pop(markdown, None)

    def record(self, markdown: str) -> AuditRecord | None:
        """What the audit of the page just converted found, for the page cache
        (course/conversion_cache.py) to keep with the page's conversion; None for an empty page."""
        audit = self.audits.get(markdown)
        if audit is None:
            return None
        return AuditRecord(
            audit.h1_count,
            tuple(audit.images_without_alt),
            tuple(audit.links_without_text),
            audit.first_paragraph,
            tuple(audit.unsafe_addresses),
        )

    def replay(self, markdown: str, record: AuditRecord | None) -> None:
        """The audit a page's conversion would file now, from what it found before."""
        if record is None:
            return
        self.audits[markdown] = ContentAudit(
            record.h1_count,
            list(record.images_without_alt),
            list(record.links_without_text),
            record.first_paragraph,
            list(record.unsafe_addresses),
        )


@dataclass(frozen=True)
class AuditRecord:
    """A page's audit as plain values, kept with its conversion (ContentAudit is a parser)."""

    h1_count: int
    images_without_alt: tuple[str, ...]
    links_without_text: tuple[str, ...]
    first_paragraph: str | None
    unsafe_addresses: tuple[str, ...]
