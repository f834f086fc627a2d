"""Course models made in memory, for unit tests of what hooks derive from a model."""

from __future__ import annotations

from course.model import Course, FrontMatter, Lesson, Module, Page, Provider


def one_module_course(module_title: str, lessons: list[tuple[str, str, tuple[str, ...]]]) -> Course:
    """A course whose one module, `01-a/`, has `lessons`: (title, description, keywords)."""
    made = tuple(
        Lesson(
            f"01-a/{number:03d}-l.md",
            f"a/l{number}/",
            FrontMatter(title=title, description=description, keywords=keywords),
            number=number,
            position=number,
            reading_minutes=number,
        )
        for number, (title, description, keywords) in enumerate(lessons, start=1)
    )
    module = Module(
        "01-a/index.md",
        "a/",
        FrontMatter(title=module_title, description="d"),
        number=1,
        lessons=made,
    )
    home = Page("index.md", "./", FrontMatter(title="Course", description="d"))
    return Course(Provider("Course", "https://e.org/"), home, (module,))
