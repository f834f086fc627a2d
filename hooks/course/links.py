"""A page's addresses.

- The files a page's Markdown links to: Markdown links and images, reference definitions
  and HTML `src`/`href`, outside code. Used to find links to drafts and the files only
  drafts use.
- Addresses that must not be published (`unsafe_address`): a `javascript:` or `vbscript:`
  one, which runs code in the reader's browser, and a `data:` one anywhere but in an image
  or media element, which browsers refuse to open as a page. The scheme is read as a
  browser reads it: entities decoded, control characters and spaces around it and tabs and
  line breaks within it dropped, case ignored (`java&#x09;script:`, ` JaVaScRiPt:`).
  course/content_audit.py finds them in each page as it is converted.
"""

from __future__ import annotations

import posixpath
import re
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
# A start tag that may hold an address: where raw HTML is worth reading for one (browsers
# also read `/` as the space before an attribute).
ADDRESS_ATTRIBUTE = re.compile(
    r"[\s/](?:" + "|".join(sorted(ADDRESS_ATTRIBUTES)) + r")\s*=", re.IGNORECASE
)
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
