"""The front-matter check an author's editor runs as they type: VS Code's remark extension
runs remark with .remarkrc.mjs, as remark's command line does here. It flags exactly the pages
whose front matter the build refuses for a reason the schema can tell, on every kind of page,
naming the fields the build names, on their lines; it checks nothing else, and leaves a page
as written when asked to format it.

Needs Node.js and the packages of package-lock.json (dev.py installs them with npm): without them
these tests are skipped, except in CI, where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
import yaml
from course.front_matter_fields import PAGE_KINDS
from course.front_matter_values import PageKind
from course.rules import INDEX, NUMBERED_NAME, REQUIRED, UNKNOWN_FIELD
from course.upstream_internals import FRONT_MATTER
from helpers import (
    FIXTURE_COURSE,
    FIXTURES,
    ROOT,
    fixture_page_kind,
    fixture_pages,
    read_as_an_editor,
)

REMARK = ROOT / "node_modules" / "remark-cli" / "cli.js"
CONFIG = ROOT / ".remarkrc.mjs"
DOCS = ROOT / "docs"
# The one rule .remarkrc.mjs turns on, as remark names it in a message.
SCHEMA_RULE = ("remark-lint", "frontmatter-schema")
# The build's words for a field a page does not take, which the editor says too.
UNKNOWN = UNKNOWN_FIELD.partition("{")[0]
# Where a page of each kind sits in a course, as hooks/course/layout.py reads it.
PLACE: dict[PageKind, str] = {
    "home": f"docs/{INDEX}.md",
    "module": f"docs/01-module/{INDEX}.md",
    "lesson": "docs/01-module/01-lesson.md",
}


def kind_in_docs(page: PurePosixPath) -> PageKind | None:
    """The kind of page a file of docs/ is by the layout's rules; None for what is no page."""
    *folders, name = page.parts
    numbered = all(NUMBERED_NAME.fullmatch(folder) for folder in folders)
    if name == f"{INDEX}.md":
        return {0: "home", 1: "module"}.get(len(folders)) if numbered else None
    if len(folders) == 1 and numbered and NUMBERED_NAME.fullmatch(name.removesuffix(".md")):
        return "lesson"
    return None


@pytest.fixture(scope="module")
def remark() -> list[str]:
    """remark's command line, run by Node.js from the project's node_modules."""
    node = shutil.which("node")
    if node is None or not REMARK.is_file():
        missing = "Node.js" if node is None else "node_modules/ (dev.py installs it with npm)"
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the editor's front-matter check: {missing} is missing")
        pytest.skip(f"the editor's front-matter check needs {missing}")
    return [node, str(REMARK)]


@dataclass(frozen=True)
class Report:
    """What remark said of each file it read, by its path from where it ran."""

    messages: dict[str, list[dict]]
    returncode: int

    def flagged(self, path: str) -> bool:
        return bool(self.messages[path])


def run_remark(remark: list[str], cwd: Path, *paths: str) -> Report:
    result = subprocess.run(
        [*remark, "--no-stdout", "--report", "json", *paths],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NODE_NO_WARNINGS": "1"},
    )
    try:
        files = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"remark printed no report: {result.stderr}")
    return Report({file["path"]: file["messages"] for file in files}, result.returncode)


@dataclass(frozen=True)
class Placed:
    """A page copied to where a page of `kind` sits in a course of its own."""

    page: Path
    kind: PageKind


@dataclass(frozen=True)
class Checked:
    """The pages placed, by their path from where remark ran, and what remark said of them."""

    placements: dict[str, Placed]
    report: Report


@pytest.fixture(scope="module")
def checked(remark: list[str], tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """Every fixture page as its own kind of page, and every page of the fixture course as each
    kind, each in a course of its own with the project's .remarkrc.mjs and schemas: checked by
    one run of remark, as the editor checks a page where it sits."""
    courses = tmp_path_factory.mktemp("editor")
    (courses / "node_modules").symlink_to(ROOT / "node_modules")
    placements = [Placed(page, fixture_page_kind(page)) for page in fixture_pages()]
    placements += [
        Placed(page, kind) for page in sorted(FIXTURE_COURSE.rglob("*.md")) for kind in PAGE_KINDS
    ]
    where: dict[str, Placed] = {}
    for number, placement in enumerate(placements):
        course = courses / str(number)
        target = course / PLACE[placement.kind]
        target.parent.mkdir(parents=True)
        shutil.copyfile(placement.page, target)
        shutil.copyfile(CONFIG, course / CONFIG.name)
        (course / "schemas").symlink_to(ROOT / "schemas")
        where[target.relative_to(courses).as_posix()] = placement
    return Checked(where, run_remark(remark, courses, *where))


def test_remark_flags_exactly_the_front_matter_the_build_refuses(checked: Checked) -> None:
    """What YAML reads into a mapping: flagged if and only if the build's check refuses it.
    What YAML cannot read (no block, not YAML, a key given twice, not text) is the build's to
    name: the schema cannot."""
    report = checked.report
    assert sorted(report.messages) == sorted(checked.placements)  # remark read every page
    disagreements, verdicts = [], {True: 0, False: 0}
    for path, placement in checked.placements.items():
        reading = read_as_an_editor(placement.page, placement.kind)
        if reading is None:
            continue
        refused = bool(reading.refusals)
        verdicts[refused] += 1
        if report.flagged(path) != refused:
            shown = placement.page.relative_to(FIXTURES)
            disagreements.append((str(shown), placement.kind, reading.refusals))
    assert disagreements == []
    assert verdicts[True] > 20 and verdicts[False] > 20  # both, from many pages
    assert report.returncode != 0  # a refused page is an error, as in the build


def field_lines(page: Path) -> dict[str, range]:
    """The lines of `page` on which each field of its front matter is written."""
    block = FRONT_MATTER.match(page.read_text(encoding="utf-8").lstrip("\ufeff"))[1]
    keys = [key for key, _ in yaml.compose(block).value]
    # The block starts on the page's second line, after its `---`; its last field ends where
    # the block ends.
    starts = [key.start_mark.line + 2 for key in keys]
    ends = [*starts[1:], block.count("\n") + 2]
    return {
        key.value: range(start, end) for key, start, end in zip(keys, starts, ends, strict=True)
    }


def test_each_mistake_names_its_field_on_its_lines(checked: Checked) -> None:
    """The editor names the fields the build names, underlines each field's own lines (a
    missing field: the opening `---`), and words a field unknown or missing as the build does."""
    compared = 0
    for path, placement in checked.placements.items():
        reading = read_as_an_editor(placement.page, placement.kind)
        if reading is None or not reading.refusals:
            continue
        compared += 1
        messages = checked.report.messages[path]
        named = {message["reason"].partition(": ")[0] for message in messages}
        assert named == {problem.field for problem in reading.refusals}, path
        lines = field_lines(placement.page)
        for message in messages:
            field = message["reason"].partition(": ")[0]
            assert message["place"]["start"]["line"] in lines.get(field, [1]), message
        said = {message["reason"] for message in messages}
        for problem in reading.refusals:
            if problem.message.startswith(UNKNOWN):
                assert f"{problem.field}: {problem.message}" in said, path
            if problem.message.startswith(REQUIRED):  # the build adds a hint to some
                assert f"{problem.field}: {REQUIRED}" in said, path
    assert compared > 20


def test_each_kind_of_page_is_checked_against_its_own_schema(checked: Checked) -> None:
    """The fixture course's pages, each placed as each kind: every kind has pages its schema
    takes and pages it refuses (a lesson's keywords on the home page), so each of
    .remarkrc.mjs's paths reaches its pages."""
    in_course = {
        path: placement
        for path, placement in checked.placements.items()
        if placement.page.is_relative_to(FIXTURE_COURSE)
    }
    for kind in PAGE_KINDS:
        flags = {checked.report.flagged(path) for path, p in in_course.items() if p.kind == kind}
        assert flags == {True, False}, kind


def test_every_message_is_a_front_matter_error(checked: Checked) -> None:
    """No other rule, no style warning: only the schema's check, as errors (the editor
    underlines them in red)."""
    messages = [message for file in checked.report.messages.values() for message in file]
    assert messages
    for message in messages:
        assert (message["source"], message["ruleId"]) == SCHEMA_RULE, message
        assert message["fatal"] is True, message


def test_the_course_s_own_pages_pass_where_they_sit(remark: list[str]) -> None:
    """docs/ as the editor reads it, with the project's own .remarkrc.mjs: remark reads every
    page, and flags those whose front matter the build refuses (the course builds: none)."""
    pages = {
        page.relative_to(ROOT).as_posix(): kind
        for page in DOCS.rglob("*.md")
        if (kind := kind_in_docs(PurePosixPath(page.relative_to(DOCS).as_posix())))
    }
    assert sorted(set(pages.values())) == sorted(PAGE_KINDS)
    report = run_remark(remark, ROOT, DOCS.name)
    assert set(pages) <= set(report.messages)
    readings = {page: read_as_an_editor(ROOT / page, kind) for page, kind in pages.items()}
    readable = {page for page, reading in readings.items() if reading is not None}
    refused = {page for page in readable if readings[page].refusals}
    assert {page for page in readable if report.flagged(page)} == refused


def test_formatting_leaves_a_page_as_written(remark: list[str]) -> None:
    """remark's formatter ("Format Document", or on save) would rewrite Python-Markdown's
    admonitions, their body into a code block: the config keeps a page byte for byte."""
    lesson = FIXTURE_COURSE / "docs" / "01-basics" / "01-first-steps.md"
    written = lesson.read_bytes()
    assert b"\n??? question " in written  # a collapsible admonition, indented body and all
    result = subprocess.run(
        [*remark, "--quiet", lesson.relative_to(ROOT)], cwd=ROOT, capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == written
