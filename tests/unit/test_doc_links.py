"""The top-level documents (README.md, AUTHORING.md, ARCHITECTURE.md, MAINTAINING.md, …)
send each reader to the others: every relative link must reach a file of the repository,
and every `#anchor` a heading of the document it names, as GitHub makes anchors from
headings."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from helpers import FIXTURES, ROOT

DOCUMENTS = sorted(ROOT.glob("*.md"))
HEADING = re.compile(r"^h[1-6]$")
# What GitHub drops from a heading's text to make its anchor: everything but letters,
# digits, underscores, hyphens and spaces.
NOT_IN_ANCHORS = re.compile(r"[^\w\- ]")


def rendered(document: Path) -> BeautifulSoup:
    """The document as HTML: links in code spans and fenced blocks are code, not links."""
    html = markdown.markdown(
        document.read_text(encoding="utf-8"), extensions=["tables", "pymdownx.superfences"]
    )
    return BeautifulSoup(html, "html.parser")


def github_anchor(heading: str) -> str:
    return NOT_IN_ANCHORS.sub("", heading.strip().lower()).replace(" ", "-")


def anchors(document: Path) -> set[str]:
    """The anchors GitHub gives the document's headings: a repeated one takes -1, -2, …"""
    seen: Counter[str] = Counter()
    found = set()
    for heading in rendered(document).find_all(HEADING):
        anchor = github_anchor(heading.get_text())
        found.add(f"{anchor}-{seen[anchor]}" if seen[anchor] else anchor)
        seen[anchor] += 1
    return found


def relative_links(document: Path) -> list[str]:
    links = [link["href"] for link in rendered(document).find_all("a", href=True)]
    return [link for link in links if not urlsplit(link).scheme]


def broken_links(document: Path) -> list[str]:
    """Each relative link of `document` that reaches no file, or no heading of the
    document it names, with why."""
    broken = []
    for link in relative_links(document):
        address = urlsplit(link)
        target = (document.parent / unquote(address.path)).resolve() if address.path else document
        if not target.exists():
            broken.append(f"{link}: no file {target.name}")
        elif address.fragment and (
            target.suffix != ".md" or unquote(address.fragment) not in anchors(target)
        ):
            broken.append(f"{link}: no heading of {target.name} has this anchor")
    return broken


def test_anchors_are_made_as_github_makes_them() -> None:
    assert github_anchor("Readers' experience: accessibility, privacy, speed") == (
        "readers-experience-accessibility-privacy-speed"
    )
    assert github_anchor("Errors: one line per mistake") == "errors-one-line-per-mistake"
    assert github_anchor("`hooks/course/`") == "hookscourse"
    assert anchors(FIXTURES / "doc_links/other.md") == {
        "another-page",
        "the-readers-words",
        "notes",
        "notes-1",
    }


def test_a_missing_file_or_section_is_found_and_code_is_no_link() -> None:
    assert broken_links(FIXTURES / "doc_links/guide.md") == [
        "#getting-started-now: no heading of guide.md has this anchor",
        "missing.md: no file missing.md",
        "other.md#the-readers-word: no heading of other.md has this anchor",
    ]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_link_between_the_documents_resolves(document: Path) -> None:
    assert broken_links(document) == []


def test_the_readme_sends_each_reader_to_every_other_document() -> None:
    linked = {urlsplit(link).path for link in relative_links(ROOT / "README.md")}
    others = {document.name for document in DOCUMENTS} - {"README.md"}
    assert others and others <= linked
