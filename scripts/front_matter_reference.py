"""Write what the front-matter declarations (hooks/course/front_matter_fields.py) give authors:
a JSON Schema per kind of page, for their editors, in schemas/; and the reference of every
field, between the markers of AUTHORING.md.

    python3 dev.py front-matter

Run it after changing a declaration: tests fail while either is stale
(tests/unit/test_front_matter_reference.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from course.front_matter_fields import (  # noqa: E402
    DECLARATIONS,
    PAGE_KINDS,
    FrontMatter,
    fields_of,
    required_of,
    value_kind,
)
from course.front_matter_values import PageKind  # noqa: E402

SCHEMAS = ROOT / "schemas"
AUTHORING = ROOT / "AUTHORING.md"
GENERATED = "written by `python3 dev.py front-matter` from hooks/course/front_matter_fields.py"
BEGIN = f"<!-- front-matter-reference: start; {GENERATED}: change a field there, not here. -->"
END = "<!-- front-matter-reference: end -->"
# Draft 7: the newest draft the YAML and JSON editors of VS Code read in full.
DRAFT = "http://json-schema.org/draft-07/schema#"
PAGES = {"home": "the home page", "module": "a module's index.md", "lesson": "a lesson"}


def schema_path(kind: PageKind) -> Path:
    return SCHEMAS / f"front-matter-{kind}.schema.json"


def json_schema(kind: PageKind) -> dict[str, Any]:
    """The JSON Schema of the front matter of a page of `kind`: the fields it takes, those it
    requires, and none other."""
    properties = FrontMatter.model_json_schema()["properties"]
    required = required_of(kind)
    described = {}
    for name in fields_of(kind):
        field = {key: value for key, value in properties[name].items() if key != "title"}
        if name not in required and not value_kind(name).null_is_a_value:
            field["type"] = [field["type"], "null"]  # `summary:` with no value gives none
        described[name] = field
    return {
        "$schema": DRAFT,
        "title": f"The front matter of {PAGES[kind]}",
        "description": f"Generated: {GENERATED}.",
        "type": "object",
        "properties": described,
        "required": list(required),
        "additionalProperties": False,
    }


def schema_text(kind: PageKind) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=True) + "\n"


def reference() -> str:
    """A lesson's front matter, from the fields' examples, then the table of every field: the
    pages that take it, what it is when left out, and its one line of documentation."""
    return f"Lessons:\n\n```yaml\n---\n{example()}---\n```\n\nEvery field:\n\n{table()}"


def example() -> str:
    """`title: What is FastAPI?  # required`: each lesson field that has an example."""
    lines = []
    for name in fields_of("lesson"):
        examples = FrontMatter.model_fields[name].examples
        if examples:
            value = examples[0]
            if isinstance(value, list):  # on one line: [first, second]
                value = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()
                written = f"{name}: {value}"
            else:
                written = yaml.safe_dump({name: value}, allow_unicode=True, width=1000).strip()
            required = DECLARATIONS.declared[name].required
            lines.append((written, "required" if required else "optional"))
    width = max(len(written) for written, _ in lines) + 2
    return "".join(f"{written:<{width}}# {which}\n" for written, which in lines)


def table() -> str:
    """The Markdown table of every field."""
    rows = [
        "| Field | Taken by | Left out | What it is |",
        "|---|---|---|---|",
    ]
    for name, declared in DECLARATIONS.declared.items():
        pages = (
            "every page"
            if set(declared.pages) == set(PAGE_KINDS)
            else ", ".join(f"{kind}s" for kind in declared.pages)
        )
        default = FrontMatter.model_fields[name].default
        left_out = "required" if declared.required else _written(default)
        what = FrontMatter.model_fields[name].description or ""
        if declared.block is not None:
            what += f" Shown at the {declared.block.place} of the page ({declared.block.template})."
        rows.append(f"| `{name}` | {pages} | {left_out} | {what} |")
    return "\n".join(rows) + "\n"


def _written(default: object) -> str:
    """A default as YAML writes it: `true`, `false`; nothing, for no value."""
    if default in (None, ()):
        return "nothing"
    return f"`{json.dumps(default)}`"


def with_reference(document: str) -> str:
    """`document` with the reference between its markers; a ValueError if it has none."""
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"no markers for the reference: put these two lines in it\n{BEGIN}\n{END}")
    return f"{document[: start + len(BEGIN)]}\n\n{reference()}\n{document[end:]}"


def main() -> int:
    SCHEMAS.mkdir(exist_ok=True)
    for kind in PAGE_KINDS:
        schema_path(kind).write_text(schema_text(kind), encoding="utf-8")
        print(f"wrote {schema_path(kind).relative_to(ROOT)}")
    if not AUTHORING.is_file():
        print(f"{AUTHORING.name} does not exist: no reference written")
        return 0
    try:
        written = with_reference(AUTHORING.read_text(encoding="utf-8"))
    except ValueError as error:
        print(f"{AUTHORING.name}: {error}")
        return 1
    AUTHORING.write_text(written, encoding="utf-8")
    print(f"wrote the reference in {AUTHORING.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
