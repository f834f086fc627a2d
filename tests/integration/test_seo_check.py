"""The SEO check for authors: each finding is one warning naming the file and field."""

from __future__ import annotations

import logging

import pytest
from helpers import BuildFailed, add_fixture, build_site

WEAK = "seo: docs/01-basics/09-weak.md"
TWIN = "seo: docs/01-basics/10-twin.md"
LESSON_1 = "docs/01-basics/01-first-steps.md"


def test_every_finding_is_one_warning_and_strict_builds_fail(project) -> None:
    add_fixture(project, "layouts/seo-weak", "")
    with pytest.raises(BuildFailed):
        build_site(project)
    warnings = build_site(project, strict=False).warnings
    assert warnings == [
        f"{WEAK}: title: 67 characters; search results show about 60",
        f"seo: {LESSON_1}: title: the same as in docs/01-basics/10-twin.md",
        f"{TWIN}: title: the same as in {LESSON_1}",
        f"seo: {LESSON_1}: description: the same as in docs/01-basics/10-twin.md",
        f"{TWIN}: description: the same as in {LESSON_1}",
        f"{WEAK}: keywords: the focus keyword 'dependency injection' is in none of the title, "
        "the description and the first paragraph",
        f"{WEAK}: body: 2 h1 headings; the title is the page's h1, so start the body's "
        "sections at ##",
        f"{WEAK}: body: the image ../img/square.png has no alt text",
        f"{WEAK}: body: the link to https://fastapi.tiangolo.com/ has no text",
    ]


def test_the_focus_keyword_may_be_in_the_first_paragraph_only(project) -> None:
    lesson = project / "docs/01-basics/09-case.md"
    add_fixture(project, "lessons/four-hundred-one-words.md", "01-basics/09-case.md")
    text = lesson.read_text().replace("keywords: [reading time]", "keywords: [word]")
    lesson.write_text(text)
    assert build_site(project).warnings == []  # "word" opens the first paragraph


def test_a_build_ends_with_one_summary_line(project, caplog) -> None:
    add_fixture(project, "layouts/seo-weak", "")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.seo"):
        build_site(project, strict=False)
    summaries = [r.getMessage() for r in caplog.records if "lessons checked" in r.getMessage()]
    assert summaries == ["seo: 6 lessons checked, 9 findings in 3 files"]


def test_raw_html_is_checked_like_markdown(project) -> None:
    add_fixture(project, "lessons/seo-raw-html.md", "01-basics/09-raw.md")
    raw = "seo: docs/01-basics/09-raw.md: body"
    assert build_site(project, strict=False).warnings == [
        f"{raw}: 2 h1 headings; the title is the page's h1, so start the body's sections at ##",
        f"{raw}: the image https://example.org/raw.png has no alt text",
        f"{raw}: the link to https://example.org/empty has no text",
    ]
