"""A page's addresses.

- The files a page's Markdown links to: Markdown links and images, reference definitions
  and HTML `src`/`href`, outside code. Used to find links to drafts and the files only
  drafts use.
- Addresses that must not be published (`unsafe_address`): a `javascript:` or `vbscript:`
  one, which runs code in the reader's browser, and a `data:` one anywhere but in an image
  or media element, which browsers refuse to open as a page. The scheme is read as a
  browser reads it: entities decoded, control characters and spaces around it and tabs and
  line breaks within it dropped, case ignored (`java&#x09;script:`, ` JaVaScRiPt:`).
  course/content_audit.py finds them in each page as it is converted; `serve` publishes
  the page without them (`disarmed`).
"""

from __future__ import annotations

import html
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from course.lesson_body import prose_lines

# Schemes whose addresses run code in the reader's browser.
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript"})
DATA_SCHEME = "data"
# HTML's attributes whose value is an address.
ADDRESS_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "ping"}
    | {"xlink:href", "longdesc", "lowsrc", "dynsrc", "codebase", "classid", "manifest"}
)
# The elements where a data: address is only shown (an image, a sound), never opened.
MEDIA = frozenset({"img", "picture", "source", "video", "audio", "track", "input"})
# An attribute that may hold an address, in raw HTML put in lowercase (as parsers read
# attribute names; a pattern that ignores case is several times slower): where raw HTML is
# worth reading for one. Its name follows what may end the attribute before it: a space, a
# `/`, which browsers also read as one, or a quote (`title="x"href="…"` holds two).
ADDRESS_ATTRIBUTE = re.compile(r"""[\s/'"](?:""" + "|".join(sorted(ADDRESS_ATTRIBUTES)) + r")\s*=")
SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
# What the URL standard drops before reading a scheme: C0 controls and spaces around the
# address, tabs and line breaks anywhere in it.
AROUND = "".join(map(chr, range(0x21)))
WITHIN = re.compile(r"[\t\n\r]")
SHOWN_LENGTH = 60
SCRIPT_ADDRESS = (
    "{address!r} is a {scheme}: address, which would run code in the reader's browser: "
    "link to a page or a file instead"
)
DATA_ADDRESS = (
    "{address!r} is a data: address, which browsers refuse to open as a page: link to a "
    "file instead"
)

TARGETS = (
    re.compile(r"\]\(\s*<?(?P<target>[^)\s>]+)"),  # [text](target) and ![alt](target)
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)"),  # [name]: target
    re.compile(r"""\b(?:src|href)\s*=\s*["'](?P<target>[^"']+)["']"""),  # <img src="target">
)


def targets(markdown: str, src_uri: str) -> set[str]:
    """The docs-relative paths of the site's own files that `markdown`, in `src_uri`, names."""
    found = set()
    folder = posixpath.dirname(src_uri)
    for _, line in prose_lines(markdown):
        for pattern in TARGETS:
            for match in pattern.finditer(line):
                path = local_path(match["target"], folder)
                if path is not None:
                    found.add(path)
    return found


def local_path(target: str, folder: str) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    return None if path.startswith("../") or path == ".." else path


def scheme(address: str) -> str:
    """The scheme a browser reads in `address` (an attribute's value, entities decoded),
    lowercase; empty for a relative address."""
    found = SCHEME.match(WITHIN.sub("", address.strip(AROUND)))
    return found["scheme"].lower() if found else ""


def unsafe_address(tag: str, attribute: str, address: str) -> str | None:
    """Why the address `address` in the `attribute` of a `tag` element (its entities
    decoded) must not be published, or None."""
    if attribute.lower() not in ADDRESS_ATTRIBUTES:
        return None
    kind = scheme(address)
    shown = address if len(address) <= SHOWN_LENGTH else address[: SHOWN_LENGTH - 1] + "…"
    if kind in SCRIPT_SCHEMES:
        return SCRIPT_ADDRESS.format(address=shown, scheme=kind)
    if kind == DATA_SCHEME and tag.lower() not in MEDIA:
        return DATA_ADDRESS.format(address=shown)
    return None


def disarmed(page_html: str) -> str:
    """`page_html` with each attribute holding an unsafe address dropped from its tag, read
    as a browser reads it: `serve` shows the page, never the address live."""
    return _Disarming.rewrite(page_html)


class _Disarming(HTMLParser):
    """Finds each start tag that holds an unsafe address and writes it again without it."""

    def __init__(self, page_html: str) -> None:
        # Attribute values come decoded, as a browser reads them (`java&#x09;script:`).
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [found.end() for found in re.finditer("\n", page_html)]
        self.rewritten: list[tuple[int, str, str]] = []  # offset, tag as written, as rewritten

    @classmethod
    def rewrite(cls, page_html: str) -> str:
        parser = cls(page_html)
        parser.feed(page_html)
        parser.close()
        for offset, written, safe in reversed(parser.rewritten):
            page_html = page_html[:offset] + safe + page_html[offset + len(written) :]
        return page_html

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = [
            (name, value) for name, value in attrs if not unsafe_address(tag, name, value or "")
        ]
        written = self.get_starttag_text()
        if len(kept) == len(attrs) or written is None:
            return
        line, column = self.getpos()  # where the tag starts
        attributes = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value)}"'
            for name, value in kept
        )
        closing = "/>" if written.endswith("/>") else ">"
        offset = self.line_starts[line - 1] + column
        self.rewritten.append((offset, written, f"<{tag}{attributes}{closing}"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
