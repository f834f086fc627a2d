"""AUTHORING.md, the authors' guide, works on the course as it stands: each command it shows
runs on a copy of the real course, and the lesson front matter it shows passes validation."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from course.front_matter import FrontMatterCheck
from helpers import ROOT, build_site, load_course

from dev import COMMANDS

FENCE = re.compile(r"^(?P<fence>`{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=fence)$", re.M | re.S)


AUTHORING = ROOT / "AUTHORING.md"


def authoring_blocks() -> list[tuple[str, str]]:
    """(info string, text) of every fenced block of AUTHORING.md."""
    guide = AUTHORING.read_text(encoding="utf-8")
    return [(match["info"].strip(), match["body"]) for match in FENCE.finditer(guide)]


def commands() -> list[list[str]]:
    """Each line of the guide's `sh` blocks, as `python3 dev.py` would run it."""
    found = []
    for info, body in authoring_blocks():
        if info != "sh":
            continue
        for line in body.splitlines():
            words = shlex.split(line, comments=True)
            if not words:
                continue
            assert words[:2] == ["python3", "dev.py"], line
            found.append([sys.executable, *COMMANDS[words[2]], *words[3:]])
    return found


def test_the_guide_has_commands_and_front_matter() -> None:
    infos = [info for info, _ in authoring_blocks()]
    assert "sh" in infos and "yaml" in infos


def test_every_command_runs_on_a_copy_and_the_course_still_builds(
    real_course_project: Path,
) -> None:
    project = real_course_project
    shutil.copy2(ROOT / "dev.py", project / "dev.py")
    shutil.copytree(ROOT / "scripts", project / "scripts")
    before = {path.relative_to(project) for path in (project / "docs").rglob("*.md")}
    for command in commands():
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"{shlex.join(command)}\n{result.stderr}"
    created = {path.relative_to(project) for path in (project / "docs").rglob("*.md")} - before
    assert created, "the commands created no lesson"
    # New lessons are drafts: the strict build stays green, and `serve` previews them.
    assert build_site(project).warnings == []
    served = {lesson.src_uri for lesson in load_course(project, serve=True).lessons}
    assert {path.relative_to("docs").as_posix() for path in created} <= served


def test_the_lesson_front_matter_shown_is_valid() -> None:
    shown = [body for info, body in authoring_blocks() if info == "yaml"]
    for text in shown:
        check = FrontMatterCheck(AUTHORING.name)
        meta = check.read(text, "lesson")
        assert check.errors == [] and meta is not None, check.errors
