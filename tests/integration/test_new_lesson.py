"""The author tool: a new lesson is a draft that keeps the strict build green until published."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, BuildFailed, build_site

TITLE = "Path Operations in Depth"


def new_lesson(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "scripts/new_lesson.py"), "--docs", "docs", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


def test_a_new_lesson_is_a_draft_until_its_todos_are_written(project: Path) -> None:
    result = new_lesson(project, "basics", TITLE)
    assert result.returncode == 0, result.stderr
    path = project / "docs/01-basics/04-path-operations-in-depth.md"
    assert result.stdout.startswith("created docs/01-basics/04-path-operations-in-depth.md")
    assert path.read_text().startswith(f"---\ntitle: {TITLE}\n")

    # Left out of the published site, the strict build stays green.
    built = build_site(project)
    assert not (built.site_dir / "basics/path-operations-in-depth").exists()
    # Previewed by `serve`, numbered after the module's last lesson.
    served = build_site(project, serve=True).html("basics/path-operations-in-depth/")
    assert served.select_one("h1").get_text() == TITLE
    assert served.select_one(".course-facts li").get_text() == "Lesson 4 of 5"

    # Published with its TODOs still there, the strict build names every one.
    path.write_text(path.read_text().replace("draft: true  # remove this line to publish\n", ""))
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    shown = "docs/01-basics/04-path-operations-in-depth.md"
    body_lines = [
        number
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "TODO" in line and number > 7  # after the front matter
    ]
    assert len(body_lines) > 4  # the scaffold's TODOs in the body, its quiz's among them
    assert failed.value.warnings == [
        f"course: {shown}: {field}: still says TODO: write it before publishing"
        for field in ("description", "summary", "keywords", *(f"line {n}" for n in body_lines))
    ] + [
        f"seo: {shown}: keywords: the focus keyword 'TODO: the focus keyword, the phrase "
        "readers search for' is in none of the title, the description and the first paragraph"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["7", TITLE], "new lesson: no module '7' in docs/ (modules: 01-basics, 02-next-steps)"),
        (
            ["1", "First steps"],
            "new lesson: 01-basics/ already has a lesson whose URL ends in /first-steps/",
        ),
        (["1", "x" * 71], "new lesson: the title must have 1 to 70 characters"),
        (["1", "¿?"], "new lesson: cannot make a URL from '¿?': give one with --slug a-name"),
    ],
)
def test_a_lesson_that_cannot_be_made_is_one_line(project: Path, args, message: str) -> None:
    result = new_lesson(project, *args)
    assert (result.returncode, result.stderr, result.stdout) == (2, message + "\n", "")
    assert sorted(p.name for p in (project / "docs/01-basics").iterdir()) == [
        "01-first-steps.md",
        "02-request-flow.md",
        "03-code-samples.md",
        "index.md",
    ]


def test_the_slug_can_be_given(project: Path) -> None:
    assert new_lesson(project, "01-basics", "¿Qué es?", "--slug", "que-es").returncode == 0
    assert (project / "docs/01-basics/04-que-es.md").is_file()
    build_site(project)
