"""What the SEO check finds, page by page: each finding a field and a message.

hooks/seo_check.py logs them as warnings naming the file; the limits are in course.rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from course.content_audit import ContentAudit
from course.model import Lesson, Page
from course.rules import DESCRIPTION_RECOMMENDED, TITLE_RECOMMENDED, description_range, some_of

Finding = tuple[str, str]  # (field, message)


def front_matter(page: Page) -> list[Finding]:
    """The description's length on every page; the title's on a lesson."""
    found = []
    low, high = DESCRIPTION_RECOMMENDED
    length = len(page.meta.description)
    if not low <= length <= high:
        found.append(("description", f"{length} characters; {description_range()} are recommended"))
    if isinstance(page, Lesson) and len(page.title) > TITLE_RECOMMENDED:
        found.append(
            (
                "title",
                f"{len(page.title)} characters; search results show about {TITLE_RECOMMENDED}",
            )
        )
    return found


def content(lesson: Lesson, audit: ContentAudit) -> list[Finding]:
    """The focus keyword's place, a single h1, alt text on images, text on links."""
    found = []
    focus = lesson.meta.keywords[0]
    places = (lesson.title, lesson.meta.description, audit.first_paragraph or "")
    if not any(focus.casefold() in place.casefold() for place in places):
        found.append(
            (
                "keywords",
                f"the focus keyword {focus!r} is in none of the title, the description and "
                "the first paragraph",
            )
        )
    if audit.h1_count:
        found.append(
            (
                "body",
                f"{audit.h1_count + 1} h1 headings; the title is the page's h1, so start the "
                "body's sections at ##",
            )
        )
    found += [("body", f"the image {src} has no alt text") for src in audit.images_without_alt]
    found += [("body", f"the link to {href} has no text") for href in audit.links_without_text]
    return found


def duplicates(
    lessons: list[Lesson], path_of: Callable[[Lesson], str]
) -> Iterator[tuple[Lesson, Finding]]:
    """Each lesson whose title or description another lesson has, naming a few of those."""
    for field_name in ("title", "description"):
        users: dict[str, list[Lesson]] = defaultdict(list)
        for lesson in lessons:
            users[getattr(lesson.meta, field_name).casefold()].append(lesson)
        for same in users.values():
            if len(same) < 2:
                continue
            paths = [path_of(lesson) for lesson in same]
            for index, lesson in enumerate(same):
                others = some_of(paths[:index] + paths[index + 1 :], "lesson")
                yield lesson, (field_name, f"the same as in {others}")
