"""A front-matter field shown in a block: its declaration (course/front_matter_fields.py) is
all the course's code needs. The block's template shows where the declaration says, on the
pages that give the field, in the site and in the print page; the course's own templates
are not edited.

The two fields are the test's own, declared as a new field would be, on a model that
extends the course's.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import pytest
from bs4 import BeautifulSoup
from course import front_matter_fields
from course.front_matter_fields import LESSONS, Block, Declarations, Declared, FrontMatter
from course.front_matter_values import Text, TextList
from course.print_assembly import PRINT_VARIABLE
from helpers import FIXTURES, Built, add_fixture, build_site
from pydantic import Field, create_model

CASE = FIXTURES / "field_blocks"
LESSON_URL = "basics/case/"
WITH_BLOCKS = create_model(
    "FrontMatterWithBlocks",
    __base__=FrontMatter,
    reminder=(
        Annotated[
            str | None,
            Text(maximum=80),
            Declared(
                LESSONS, block=Block("partials/course/reminder.html", "top", "reminder_title")
            ),
        ],
        Field(None, description="What to read first."),
    ),
    recap=(
        Annotated[
            tuple[str, ...],
            TextList(most=3),
            Declared(LESSONS, block=Block("partials/course/recap.html", "end", "recap_title")),
        ],
        Field((), description="What the lesson taught."),
    ),
)


# The blocks' titles, added to the project's English words as a new field's would be.
TITLES = {"reminder_title": "Before you start", "recap_title": "What you learned"}


@pytest.fixture
def site(project: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    """The fixture course built with the two fields declared, their templates in overrides/,
    and a lesson that gives both; with the print page."""
    monkeypatch.setattr(front_matter_fields, "DECLARATIONS", Declarations.of(WITH_BLOCKS))
    monkeypatch.setenv(PRINT_VARIABLE, "1")
    for template in ("reminder.html", "recap.html"):
        shutil.copyfile(CASE / template, project / "overrides/partials/course" / template)
    add_fixture(project, "field_blocks/with-blocks.md", "01-basics/09-case.md")
    english = project / "hooks/course/languages/en.yml"
    english.write_text(english.read_text() + "".join(f"{k}: {v}\n" for k, v in TITLES.items()))
    built = build_site(project)
    assert built.warnings == []
    return built


def in_order(container, *selectors: str) -> list[int]:
    """The position, in `container`'s document order, of the one element each selector finds."""
    elements = list(container.descendants)
    found = []
    for selector in selectors:
        (element,) = container.select(selector)
        found.append(elements.index(element))
    return found


def test_a_block_shows_where_its_field_is_declared_on_the_page_that_gives_it(site: Built) -> None:
    article = site.html(LESSON_URL).select_one("article")
    positions = in_order(
        article, ".course-facts", ".test-reminder", "p:-soup-contains('The body')", ".test-recap"
    )
    assert positions == sorted(positions)
    assert article.select_one(".test-reminder").get_text() == "Read First Steps before this lesson."
    assert [item.get_text() for item in article.select(".test-recap li")] == [
        "A block comes from its field's template",
        "The declaration says where it goes",
    ]
    # On a lesson, an end block comes before the course's own end.
    assert in_order(article, ".test-recap", ".course-complete") == sorted(
        in_order(article, ".test-recap", ".course-complete")
    )


def test_a_page_that_does_not_give_the_field_shows_no_block(site: Built) -> None:
    for address in ("basics/first-steps/", "basics/", ""):
        assert site.html(address).select(".test-reminder, .test-recap") == [], address


def test_the_print_page_shows_the_blocks_around_the_lesson(site: Built) -> None:
    page = BeautifulSoup((site.site_dir / "print.html").read_text(), "html.parser")
    (lesson,) = [
        article
        for article in page.select("article.course-print__lesson")
        if article.select_one("h3").get_text().endswith("Blocks of Fields")
    ]
    positions = in_order(
        lesson, "h3", ".test-reminder", "p:-soup-contains('The body')", ".test-recap"
    )
    assert positions == sorted(positions)
    assert len(page.select(".test-reminder")) == len(page.select(".test-recap")) == 1


def test_the_markdown_copy_carries_the_blocks_where_the_page_shows_them(site: Built) -> None:
    copy = (site.site_dir / LESSON_URL / "index.md").read_text()
    reminder = f"**{TITLES['reminder_title']}**\n\nRead First Steps before this lesson.\n\n"
    recap = (
        f"**{TITLES['recap_title']}**\n\n- A block comes from its field's template\n"
        "- The declaration says where it goes\n"
    )
    assert reminder in copy and copy.endswith(recap)
    assert copy.index(reminder) < copy.index("The body")
    # A page that does not give the fields has no such block in its copy.
    other = (site.site_dir / "basics/first-steps/index.md").read_text()
    assert not any(title in other for title in TITLES.values())
