"""What `serve --dirty` compares between builds (hooks/preview.py) comes from the course
model itself: every field of every page but its body, so a field added to the model is
compared without anyone listing it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from course.model import Course, Lesson, Module, Page
from model_builders import one_module_course
from preview import model_digest

# What a page shows only on itself, or what links pages to each other.
OWN = frozenset({"markdown", "module", "next", "lessons"})


def course() -> Course:
    return one_module_course("A module", [("L1", "d", ("one", "x")), ("L2", "d", ("two", "x"))])


def other(value: Any) -> Any:
    """A value of the same kind as `value`, and different."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + " changed"
    if isinstance(value, tuple):
        return (*value, "changed")
    if value is None or isinstance(value, dt.date):
        return dt.date(2020, 1, 1)
    if hasattr(value, "model_copy"):  # the front matter, a Pydantic model
        return value.model_copy(update={"title": "Changed"})
    raise AssertionError(f"no other value for {value!r}")


def with_page(original: Course, kind: type[Page], **changes: Any) -> Course:
    """`original` with its first page of `kind` (its home, module or lesson) changed."""
    module = original.modules[0]
    lessons = list(module.lessons)
    home = original.home
    if kind is Lesson:
        lessons[0] = dataclasses.replace(lessons[0], **changes)
    module = dataclasses.replace(
        module, lessons=tuple(lessons), **(changes if kind is Module else {})
    )
    if kind is Page:
        home = dataclasses.replace(home, **changes)
    return Course(original.provider, home, (module,))


def own_fields(kind: type[Page]) -> list[str]:
    return [
        field.name for field in dataclasses.fields(kind) if field.init and field.name not in OWN
    ]


@pytest.mark.parametrize(
    ("kind", "name"),
    [(kind, name) for kind in (Page, Module, Lesson) for name in own_fields(kind)],
)
def test_every_field_of_a_page_but_its_body_is_compared(kind: type[Page], name: str) -> None:
    original = course()
    page = {Page: original.home, Module: original.modules[0], Lesson: original.lessons[0]}[kind]
    changed = with_page(original, kind, **{name: other(getattr(page, name))})
    assert model_digest(changed) != model_digest(original)


@pytest.mark.parametrize("kind", [Page, Module, Lesson])
def test_a_body_edit_is_no_change_to_the_others(kind: type[Page]) -> None:
    original = course()
    assert model_digest(with_page(original, kind, markdown="A new body.")) == model_digest(original)
