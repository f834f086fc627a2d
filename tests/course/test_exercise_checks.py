"""Every checked exercise of a course, its check run as the reader's browser runs it
(in_browser/runner.py, here with the installed FastAPI): its model answer passes every
assert, its starter fails at least one. An answer that fails its own check fails CI, and
so does a check that its starter already passes, which would have the reader change nothing.

The exercises are read from the built site, as the reader's browser reads them: the check
the exercise names (`data-course-check`), the starter's runnable sample, and the model
answer's last one. The real course's are found by property (as many as its lessons have
`//// check` blocks); the fixture course's show the test can fail.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import anyio.to_thread
import pytest
from bs4 import BeautifulSoup
from course import code_fences
from course.browser_runtime_files import RUNNER
from course.runnable_sources import RUN, RUN_NAME
from course.self_check_blocks import CHECK_ATTRIBUTE
from helpers import (
    FIXTURES,
    ROOT,
    SITE_URL,
    Built,
    add_fixture,
    build_site,
    fixture_project,
    only,
    run_to_end,
)

# A check block's opening line, in a quote or a block or not.
CHECK_LINE = re.compile(r"^[ >]*/{4,}[ ]*check[ ]*$", re.IGNORECASE)
RUNNABLE = FIXTURES / "runnable"
CHECKED = RUNNABLE / "checked.md"


@dataclass(frozen=True)
class CheckedExercise:
    where: str  # the page and the exercise's title, to name a failure
    check: str
    starter: tuple[str, str]  # its source and the file name it runs as
    answer: tuple[str, str]


def checked_exercises(built: Built) -> list[CheckedExercise]:
    """Every checked exercise of the built site, as its pages give it to the reader."""
    found = []
    for page in sorted(built.site_dir.rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for exercise in soup.select(f"article div.course-exercise[{CHECK_ATTRIBUTE}]"):

            def source(block: Any) -> tuple[str, str]:
                text = (built.site_dir / block[RUN]).read_text(encoding="utf-8")
                return text, block[RUN_NAME]

            title = " ".join(only(exercise, ".course-exercise__title").get_text().split())
            starter = only(exercise, f".course-exercise__starter div.highlight[{RUN}]")
            answers = exercise.select(f"details.course-exercise__answer div.highlight[{RUN}]")
            assert answers, f"{page}: {title}: the model answer has no runnable code"
            found.append(
                CheckedExercise(
                    f"{page.relative_to(built.site_dir).parent}: {title}",
                    (built.site_dir / exercise[CHECK_ATTRIBUTE]).read_text(encoding="utf-8"),
                    source(starter),
                    source(answers[-1]),
                )
            )
    return found


@pytest.fixture(scope="module")
def runner() -> Iterator[ModuleType]:
    """The course's runner (a file: hooks/browser_runtime.py holds the name of its folder),
    prepared as the browser's is, for this module's tests only."""
    spec = importlib.util.spec_from_file_location("course_runner", ROOT / RUNNER)
    assert spec is not None and spec.loader is not None
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anyio.to_thread, "run_sync", anyio.to_thread.run_sync)  # put back after
        runner.prepare()
        yield runner


def failures(runner: ModuleType, exercises: list[CheckedExercise]) -> list[str]:
    """What is wrong with each exercise's check, as its answer and starter meet it."""
    found = []
    for exercise in exercises:
        answered = run_to_end(runner.check(*exercise.answer, exercise.check))
        if answered["problem"] or answered["error"] or not answered["results"]:
            found.append(f"{exercise.where}: the model answer does not run its check: {answered}")
        failed = [result["words"] for result in answered["results"] if not result["passed"]]
        if failed:
            found.append(f"{exercise.where}: the model answer fails its check: {failed}")
        started = run_to_end(runner.check(*exercise.starter, exercise.check))
        if started["problem"]:
            found.append(f"{exercise.where}: the starter does not load: {started['error']}")
        elif all(result["passed"] for result in started["results"]) and not started["error"]:
            found.append(f"{exercise.where}: the starter already passes the check")
    return found


def check_blocks(lessons: Iterable[Path]) -> int:
    """How many `//// check` blocks `lessons` hold, outside code."""
    count = 0
    for lesson in lessons:
        lines = lesson.read_text(encoding="utf-8").split("\n")
        count += sum(1 for index in code_fences.outside(lines) if CHECK_LINE.match(lines[index]))
    return count


def test_every_check_of_the_real_course_passes_its_answer_and_fails_its_starter(
    course_site: Built, runner: ModuleType
) -> None:
    exercises = checked_exercises(course_site)
    assert len(exercises) == check_blocks((course_site.site_dir.parent / "docs").rglob("*.md"))
    assert failures(runner, exercises) == []


@pytest.fixture(scope="module")
def fixture_exercises(tmp_path_factory: pytest.TempPathFactory) -> list[CheckedExercise]:
    os.environ["SITE_URL"] = SITE_URL
    project = fixture_project(tmp_path_factory.mktemp("checks") / "project")
    shutil.copytree(RUNNABLE / "docs_src", project / "docs_src", dirs_exist_ok=True)
    add_fixture(project, CHECKED.relative_to(FIXTURES).as_posix(), "01-basics/07-checked.md")
    return checked_exercises(build_site(project))


def test_every_check_of_the_fixture_course_passes_its_answer_and_fails_its_starter(
    fixture_exercises: list[CheckedExercise], runner: ModuleType
) -> None:
    assert len(fixture_exercises) == check_blocks([CHECKED]) > 0
    assert failures(runner, fixture_exercises) == []


def test_an_answer_that_fails_its_check_and_a_starter_that_passes_it_are_failures(
    fixture_exercises: list[CheckedExercise], runner: ModuleType
) -> None:
    swapped = [
        CheckedExercise(exercise.where, exercise.check, exercise.answer, exercise.starter)
        for exercise in fixture_exercises
    ]
    found = failures(runner, swapped)
    for exercise in swapped:
        assert f"{exercise.where}: the starter already passes the check" in found
        assert any(line.startswith(f"{exercise.where}: the model answer fails") for line in found)
