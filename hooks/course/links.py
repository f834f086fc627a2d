"""The files a page's Markdown links to: Markdown links and images, reference definitions
and HTML `src`/`href`, outside code. Used to find links to drafts and the files only
drafts use."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from course.lesson_body import prose_lines

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
