"""What the front-matter declarations give authors: the editors' JSON Schemas in schemas/ and
the reference in AUTHORING.md are current, and a schema takes a fixture's front matter
exactly when the build does."""

from __future__ import annotations

import jsonschema
import pytest
import yaml
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
from helpers import FIXTURES, ROOT, fixture_page_kind, fixture_pages, read_as_an_editor

STALE = "stale: run `python3 dev.py front-matter`"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_the_committed_schema_is_the_declarations(kind: PageKind) -> None:
    jsonschema.Draft7Validator.check_schema(json_schema(kind))
    assert schema_path(kind).read_text(encoding="utf-8") == schema_text(kind), STALE


def test_authoring_md_holds_the_current_reference() -> None:
    document = AUTHORING.read_text(encoding="utf-8")
    assert BEGIN in document and END in document
    assert with_reference(document) == document, STALE


def test_a_schema_takes_front_matter_exactly_when_the_build_does() -> None:
    """Every front matter of the fixtures that YAML can read: its page's schema accepts it if
    the declarations do, and refuses it if they refuse it. The declarations are read without
    the theme's folders, as an editor reads them: whether a `template` or an `icon` exists is
    for the build to tell."""
    verdicts: dict[bool, list[str]] = {True: [], False: []}
    disagreements = []
    for page in fixture_pages():
        reading = read_as_an_editor(page, fixture_page_kind(page))
        if reading is None:
            continue  # not text, or no mapping: the editor's YAML parser says so
        accepted = not reading.refusals
        verdicts[accepted].append(page.name)
        schema = jsonschema.Draft7Validator(json_schema(fixture_page_kind(page)))
        if schema.is_valid(reading.data) != accepted:
            disagreements.append((str(page.relative_to(FIXTURES)), reading.refusals))
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
