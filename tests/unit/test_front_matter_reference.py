"""What the front-matter declarations give authors: the editors' JSON Schemas in schemas/ and
the reference in AUTHORING.md are current, and a schema takes a fixture's front matter
exactly when the build does."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from course.front_matter import FrontMatterCheck
from course.front_matter_fields import DECLARATIONS, PAGE_KINDS, FrontMatter, value_kind
from course.front_matter_values import PageKind, ValueKind
from front_matter_reference import (
    AUTHORING,
    BEGIN,
    END,
    json_schema,
    schema_path,
    schema_text,
    with_reference,
)
from helpers import FIXTURES, ROOT

STALE = "stale: run `python3 dev.py front-matter`"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_the_committed_schema_is_the_declarations(kind: PageKind) -> None:
    jsonschema.Draft7Validator.check_schema(json_schema(kind))
    assert schema_path(kind).read_text(encoding="utf-8") == schema_text(kind), STALE


def test_authoring_md_holds_the_current_reference() -> None:
    document = AUTHORING.read_text(encoding="utf-8")
    assert BEGIN in document and END in document
    assert with_reference(document) == document, STALE


def fixture_pages() -> list[Path]:
    return sorted(FIXTURES.rglob("*.md"))


def kind_of(page: Path) -> PageKind:
    # The home page and a module's index take the same fields.
    return "module" if page.name == "index.md" else "lesson"


def test_a_schema_takes_front_matter_exactly_when_the_build_does() -> None:
    """Every front matter of the fixtures that YAML can read: its page's schema accepts it if
    the declarations do, and refuses it if they refuse it. The declarations are read without
    the theme's folders, as an editor reads them: whether a `template` or an `icon` exists is
    for the build to tell."""
    verdicts: dict[bool, list[str]] = {True: [], False: []}
    disagreements = []
    for page in fixture_pages():
        checker = FrontMatterCheck(page.name)
        try:
            data = checker.parse(page.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # not text: no editor opens it as YAML
        if data is None:
            continue  # not YAML, or no mapping: the editor's YAML parser says so
        before = len(checker.errors)  # a key given twice: YAML's own mistake
        checker.validate(data, kind_of(page))
        accepted = len(checker.errors) == before
        verdicts[accepted].append(page.name)
        if jsonschema.Draft7Validator(json_schema(kind_of(page))).is_valid(data) != accepted:
            disagreements.append((str(page.relative_to(FIXTURES)), checker.errors[before:]))
    assert disagreements == []
    assert len(verdicts[True]) > 20 and len(verdicts[False]) > 20  # both, from many fixtures


def test_a_schema_takes_every_way_of_writing_updated_the_build_takes() -> None:
    forms = yaml.safe_load((FIXTURES / "front_matter/updated-forms.yml").read_text())
    schema = jsonschema.Draft7Validator(json_schema("lesson"))
    for written in forms.values():
        for form in written:
            page = {"title": "T", "description": "D", "keywords": ["k"], "updated": form}
            assert schema.is_valid(page), form


@pytest.mark.parametrize("name", DECLARATIONS.declared)
def test_every_field_is_checked_in_the_course_s_words(name: str) -> None:
    """A field's value kind makes its every mistake one of the course's lines; it leaves a
    null value at the field's default."""
    field = FrontMatter.model_fields[name]
    assert isinstance(value_kind(name), ValueKind)
    assert field.description, "its one line of documentation"
    declared = DECLARATIONS.declared[name]
    assert declared.pages, "the pages that take it"
    if declared.block is not None:
        assert (ROOT / "overrides" / declared.block.template).is_file()
