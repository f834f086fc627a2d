"""The page cache (hooks/page_cache.py): a build that gives pages their kept conversions makes
the site a build without the cache makes, says the same, and fails the same, after every
kind of edit; and it converts only the pages an edit reaches."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from course import build_cache, conversion_cache, conversion_helper
from helpers import FIXTURES, ROOT, BuildFailed, Built, add_fixture, build_site, fixture_project
from mkdocs.structure.pages import Page

LESSON = "01-basics/02-request-flow.md"
LAST_LESSON = "02-next-steps/01-last-lesson.md"
CODE_SAMPLES = "01-basics/03-code-samples.md"
EVERYTHING = "01-basics/04-everything.md"
# Where a process of its own finds the course's modules and the tests' helpers (pyproject.toml).
PYTHON_PATH = [ROOT, ROOT / "hooks", ROOT / "scripts", ROOT / "tests"]
DIAGRAM_TEMPLATE = "overrides/partials/course/diagram.html"
# Every page converts again (a change to what every page's key holds).
EVERY_PAGE = None


def store_path(project: Path) -> Path:
    return project / build_cache.CACHE / conversion_cache.STORE


def entries(project: Path) -> set[str]:
    store = conversion_cache.Store.opened(store_path(project))
    assert store is not None
    try:
        return store.keys()
    finally:
        store.close()


def site_files(site: Path) -> dict[str, bytes]:
    # The gzipped sitemap holds the moment it was written.
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != "sitemap.xml.gz"
    }


def copy(project: Path, destination: Path, *, cache: bool) -> Path:
    """A copy of `project` without its site, and without its page cache unless `cache`
    (its other caches, the runtime's links among them, go along)."""

    def left_out(folder: str, names: list[str]) -> set[str]:
        if Path(folder) == project:
            return {"site"}
        if Path(folder) == project / build_cache.CACHE and not cache:
            return {conversion_cache.STORE}
        return set()

    shutil.copytree(project, destination, ignore=left_out, symlinks=True)
    return destination


@pytest.fixture(scope="module")
def cached_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course and a lesson that leaves something of every kind on the build
    (warnings, links to anchors, self-checks, published samples, an SEO finding), built once
    to fill its cache."""
    project = fixture_project(tmp_path_factory.mktemp("cached") / "project")
    add_fixture(project, "page_cache/leaves-everything.md", EVERYTHING)
    shutil.copytree(FIXTURES / "runnable/docs_src", project / "docs_src", dirs_exist_ok=True)
    build_site(project, strict=False)
    return project


@pytest.fixture
def converted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The source path of each page Page.render converts (the cache converts with it too)."""
    found: list[str] = []
    render = Page.render

    def counted(page: Page, *arguments: object) -> None:
        found.append(page.file.src_uri)
        render(page, *arguments)

    monkeypatch.setattr(Page, "render", counted)
    yield found


def build_twice(project: Path, tmp_path: Path, **options: object) -> tuple[Built, Built]:
    """A build of `project` with its cache, and a build of a copy of it without."""
    warm = build_site(project, strict=False, **options)
    cold = build_site(copy(project, tmp_path / "cold", cache=False), strict=False, **options)
    return warm, cold


def replace(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def body_edit(project: Path) -> set[str] | None:
    replace(project, f"docs/{LESSON}", "is not magic", "is not wizardry")
    return {LESSON}


def retitle(project: Path) -> set[str] | None:
    replace(project, f"docs/{LESSON}", "title: The Request Flow", "title: Why So Fast")
    return set()


def quiz_edit(project: Path) -> set[str] | None:
    question = "Which lesson comes after the last lesson?"
    replace(project, f"docs/{LAST_LESSON}", question, "Which lesson follows the last one?")
    return {LAST_LESSON}


def sample_edit(project: Path) -> set[str] | None:
    replace(project, "docs_src/01-basics/03-code-samples/main.py", '"message"', '"greeting"')
    return {CODE_SAMPLES}


def included_starter_edit(project: Path) -> set[str] | None:
    replace(project, "docs_src/runnable/greeting.py", '"Hello"', '"Hi"')
    return {EVERYTHING}


def added_lesson(project: Path) -> set[str] | None:
    add_fixture(project, "lessons/material-keys.md", "01-basics/05-added.md")
    return {"01-basics/05-added.md"}


def added_link_target(project: Path) -> set[str] | None:
    # The everything lesson links to 05-gone.md, which warns until it is there.
    add_fixture(project, "lessons/material-keys.md", "01-basics/05-gone.md")
    return {"01-basics/05-gone.md", EVERYTHING}


def renamed_lesson(project: Path) -> set[str] | None:
    # Two lessons link to it: their links break.
    docs = project / "docs/01-basics"
    (docs / "02-request-flow.md").rename(docs / "02-renamed.md")
    return {"01-basics/02-renamed.md", "01-basics/01-first-steps.md", EVERYTHING}


def front_matter_grown(project: Path) -> set[str] | None:
    # The lines after it move down: a self-check's warning names its line in the file.
    replace(project, f"docs/{EVERYTHING}", "keywords:", "summary: One more line.\nkeywords:")
    return {EVERYTHING}


def deleted_lesson(project: Path) -> set[str] | None:
    (project / "docs" / CODE_SAMPLES).unlink()  # no page links to it
    return set()


def words_edit(project: Path) -> set[str] | None:
    replace(project, "hooks/course/languages/en.yml", "Show the answer", "Show me")
    return EVERY_PAGE


def template_edit(project: Path) -> set[str] | None:
    replace(
        project,
        DIAGRAM_TEMPLATE,
        '<div class="course-diagram">',
        '<div class="course-diagram" data-edited>',
    )
    return EVERY_PAGE


def configuration_edit(project: Path) -> set[str] | None:
    replace(project, "mkdocs.yml", "      permalink: true", '      permalink: "#"')
    return EVERY_PAGE


def broken_link(project: Path) -> set[str] | None:
    replace(project, f"docs/{LESSON}", "is not magic", "is not [magic](missing.md)")
    return {LESSON}


EDITS: list[Callable[[Path], set[str] | None]] = [
    body_edit,
    retitle,
    quiz_edit,
    sample_edit,
    included_starter_edit,
    added_lesson,
    added_link_target,
    renamed_lesson,
    deleted_lesson,
    front_matter_grown,
    words_edit,
    template_edit,
    configuration_edit,
    broken_link,
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_a_build_with_the_cache_is_the_build_without_it_after_every_kind_of_edit(
    edit: Callable[[Path], set[str] | None],
    cached_course: Path,
    tmp_path: Path,
    converted: list[str],
) -> None:
    project = copy(cached_course, tmp_path / "project", cache=True)
    reached = edit(project)

    warm = build_site(project, strict=False)
    converted_warm = len(converted)
    cold = build_site(copy(project, tmp_path / "cold", cache=False), strict=False)

    assert site_files(warm.site_dir) == site_files(cold.site_dir)
    assert warm.warnings == cold.warnings
    every_page = set(converted[converted_warm:])
    assert set(converted[:converted_warm]) == (every_page if reached is EVERY_PAGE else reached)


def test_a_broken_link_added_then_fixed_warns_then_does_not(
    cached_course: Path, tmp_path: Path
) -> None:
    project = copy(cached_course, tmp_path / "project", cache=True)
    broken_link(project)
    warm, cold = build_twice(project, tmp_path / "broken")
    assert any("missing.md" in warning for warning in warm.warnings)
    assert warm.warnings == cold.warnings
    replace(project, f"docs/{LESSON}", "[magic](missing.md)", "magic")
    warm, cold = build_twice(project, tmp_path / "fixed")
    assert site_files(warm.site_dir) == site_files(cold.site_dir)
    assert warm.warnings == cold.warnings
    assert not any("missing.md" in warning for warning in warm.warnings)


def test_a_warm_strict_build_fails_on_the_warnings_of_pages_it_did_not_convert(
    cached_course: Path, tmp_path: Path, converted: list[str]
) -> None:
    project = copy(cached_course, tmp_path / "project", cache=True)
    with pytest.raises(BuildFailed) as cold:
        build_site(copy(project, tmp_path / "cold", cache=False))
    converted.clear()
    with pytest.raises(BuildFailed) as warm:
        build_site(project)
    assert converted == []
    assert warm.value.warnings == cold.value.warnings
    # Warned of as the page converts (MkDocs), and once it is converted (the self-checks).
    assert any("05-gone.md" in warning for warning in warm.value.warnings)
    assert any("quizz" in warning for warning in warm.value.warnings)


def test_serve_starts_from_the_conversions_a_build_kept(
    cached_course: Path, tmp_path: Path, converted: list[str]
) -> None:
    project = copy(cached_course, tmp_path / "project", cache=True)
    build_site(project, strict=False, serve=True, dirty=True)
    assert converted == []
    body_edit(project)
    saved = project / "docs" / LESSON
    later = saved.stat().st_mtime + 1  # newer than its built page, as a save is
    os.utime(saved, (later, later))
    build_site(project, strict=False, serve=True, dirty=True)  # the rebuild of that save
    assert converted == [LESSON]


def test_a_page_mistake_is_never_kept(cached_course: Path, tmp_path: Path) -> None:
    project = copy(cached_course, tmp_path / "project", cache=True)
    question = "Which lesson comes after the last lesson?"
    replace(project, f"docs/{LAST_LESSON}", f"/// quiz | {question}", "/// quiz |")
    kept = entries(project)
    failures = []
    for run in ("first", "again"):
        with pytest.raises(BuildFailed) as failed:
            build_site(project, strict=False)
        failures.append(failed.value.errors)
        assert entries(project) == kept, run  # nothing written, nothing removed
    assert failures[0] == failures[1]
    assert any(LAST_LESSON in line for line in failures[0])
    # `serve` shows the mistake in the page, and says it each time.
    warm, cold = build_twice(project, tmp_path / "served", serve=True)
    assert site_files(warm.site_dir) == site_files(cold.site_dir)


def test_an_entry_that_cannot_be_read_is_converted_again(
    cached_course: Path, tmp_path: Path, converted: list[str]
) -> None:
    project = copy(cached_course, tmp_path / "project", cache=True)
    store = conversion_cache.Store.opened(store_path(project))
    assert store is not None
    for number, key in enumerate(sorted(store.keys())):
        entry = store.get(key)
        assert entry is not None
        # Half of them cut short, half of them something else altogether.
        store.put(key, entry[:40] if number % 2 else b"not a pickle")
    store.close()
    warm, cold = build_twice(project, tmp_path)
    assert site_files(warm.site_dir) == site_files(cold.site_dir)
    assert warm.warnings == cold.warnings
    pages = set(converted)
    converted.clear()
    build_site(project, strict=False)
    assert converted == [] and pages  # written again, whole


def built_with_helper(project: Path) -> dict[str, Any]:
    """What tests/integration/build_with_helper.py reports of its build of `project`: in a
    process of its own, since this one has threads and the helper forks from none."""
    found = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("build_with_helper.py")), str(project)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(map(str, PYTHON_PATH))},
    )
    return json.loads(found.stdout.splitlines()[-1])


def helper_line(reported: dict[str, Any]) -> str:
    said = [line for line in reported["said"] if "second process" in line]
    assert len(said) == 1, reported["said"]
    return said[0]


def test_a_second_process_converts_pages_meanwhile_and_the_site_is_the_same(
    cached_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helped = copy(cached_course, tmp_path / "helped", cache=False)
    reported = built_with_helper(helped)
    monkeypatch.setattr(conversion_helper, "MIN_PAGES", 10**9)
    alone = build_site(copy(cached_course, tmp_path / "alone", cache=False), strict=False)
    assert site_files(helped / "site") == site_files(alone.site_dir)
    assert reported["warnings"] == alone.warnings
    assert reported["helped"] > 0
    assert f"converted {reported['helped']} pages" in helper_line(reported)


def test_a_page_mistake_the_helper_meets_first_fails_the_build_alike(
    cached_course: Path, tmp_path: Path
) -> None:
    # The last lesson is the helper's first page.
    question = "Which lesson comes after the last lesson?"
    alone = copy(cached_course, tmp_path / "alone", cache=False)
    replace(alone, f"docs/{LAST_LESSON}", f"/// quiz | {question}", "/// quiz |")
    helped = copy(alone, tmp_path / "helped", cache=False)
    with pytest.raises(BuildFailed) as failed:
        build_site(alone, strict=False)
    reported = built_with_helper(helped)
    assert reported["errors"] == failed.value.errors
    assert any(LAST_LESSON in line for line in reported["errors"])
    assert reported["helped"] > 0


def test_a_cache_file_that_is_not_a_database_is_made_anew(
    cached_course: Path, tmp_path: Path, converted: list[str]
) -> None:
    project = copy(cached_course, tmp_path / "project", cache=True)
    kept = entries(project)
    store_path(project).write_bytes(b"not a database " * 100)
    warm, cold = build_twice(project, tmp_path)
    assert site_files(warm.site_dir) == site_files(cold.site_dir)
    assert warm.warnings == cold.warnings
    assert entries(project) == kept
    converted.clear()
    build_site(project, strict=False)
    assert converted == []


def test_a_build_through_every_page_removes_the_entries_it_did_not_use(
    cached_course: Path, tmp_path: Path
) -> None:
    project = copy(cached_course, tmp_path / "project", cache=True)
    before = entries(project)
    body_edit(project)
    build_site(project, strict=False)
    after = entries(project)
    assert len(before - after) == 1 and len(after - before) == 1
    assert not any(project.joinpath(build_cache.CACHE).rglob("*.tmp"))
