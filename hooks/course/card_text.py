"""What a page's social card says, and its alt text: hooks/social.py draws the cards,
hooks/seo.py names them in the page's head."""

from __future__ import annotations

import re

from course.cards import Card
from course.model import Course, Lesson, Module, Page
from course.reader_words import Words

# A sentence's own ending followed by the full stop the alt text adds: "FastAPI?." is "FastAPI?".
DOUBLED_STOP = re.compile(r"(?<!\.)([.!?…])\.(?!\.)")


def card_for(page: Page, course: Course, words: Words, colours: dict[str, str]) -> Card:
    total = len(course.lessons)
    title = page.title
    if isinstance(page, Lesson):
        kicker = words.text(
            "card.lesson_kicker", number=page.module.number, module=page.module.title
        )
        footer = words.text(
            "card.lesson_footer",
            position=page.position,
            total=total,
            minutes=page.reading_minutes,
        )
    elif isinstance(page, Module):
        kicker = words.text("card.module_kicker", number=page.number)
        footer = words.text("card.module_footer", count=len(page.lessons))
    else:
        kicker = words.text("card.home_kicker")
        title = page.meta.summary or page.title
        footer = words.text("card.home_footer", count=total, minutes=course.reading_minutes)
    return Card(course.home.title, kicker, title, footer, **colours)


def origin(page: Page, course: Course, line: str, characters: str) -> tuple[Page | None, str]:
    """Where the `characters` of a line of `page`'s card were written: a course page and its
    front-matter key, or the language table (None) and its entry."""
    if line == "course":
        return course.home, "title"
    if line == "title":
        if isinstance(page, (Lesson, Module)):
            return page, "title"
        return course.home, "summary" if course.home.meta.summary else "title"
    if (
        line == "kicker"
        and isinstance(page, Lesson)
        and any(char in page.module.title for char in characters)
    ):
        return page.module, "title"
    kind = (
        "lesson" if isinstance(page, Lesson) else "module" if isinstance(page, Module) else "home"
    )
    return None, f"card.{kind}_{line}"


def card_alt(page: Page, course: Course, words: Words) -> str:
    """The text of a page's card, for og:image:alt: its lines as sentences."""
    card = card_for(page, course, words, {"background": "", "foreground": "", "accent": ""})
    text = words.text(
        "card.alt", course=card.course, kicker=card.kicker, title=card.title, footer=card.footer
    )
    return DOUBLED_STOP.sub(r"\1", text)
