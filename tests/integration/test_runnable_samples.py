"""Runnable samples and checked exercises as built: every Python sample whose whole source
defines a FastAPI app points at that source, which the site publishes, wherever the sample
renders, and gains no word; a checked exercise names its published check, which nothing a
reader reads shows; each mistake of a starter or a check is one line naming its file and
line, the same in `serve` as in the strict build."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course import code_fences, snippets
from course.runnable_sources import PUBLISHED, RUN, RUN_NAME, UNNAMED, defines_app
from course.self_check_blocks import CHECK_ATTRIBUTE, EXERCISE_ATTRIBUTE
from course.self_check_parse import (
    ANSWER_WITHOUT_APP,
    CHECK,
    CHECK_NOT_PYTHON,
    CHECK_WITHOUT_ASSERT,
    CHECK_WITHOUT_STARTER,
    EXERCISE,
    OUTSIDE_AN_EXERCISE,
    STARTER,
    STARTER_NOT_AN_APP,
    STARTER_WITHOUT_CODE,
    TWICE,
    quiz_id,
)
from helpers import (
    FIXTURES,
    SITE_URL,
    BuildFailed,
    Built,
    add_fixture,
    build_site,
    error_lines,
    fixture_project,
    only,
)

RUNNABLE = FIXTURES / "runnable"
SAMPLES = RUNNABLE / "samples.md"
CHECKED = RUNNABLE / "checked.md"
MISTAKES = RUNNABLE / "mistakes.md"
SAMPLES_PAGE, CHECKED_PAGE = "basics/samples/", "basics/checked/"
MISTAKES_LESSON = "docs/01-basics/07-mistakes.md"
HOOK_LINE = "  - hooks/runnable_samples.py\n"
# What samples.md's fences run as, in page order: the name each is published under, or None.
# An include runs as its whole file, under the file's name, whatever the title (a section
# too, and in an admonition or a list); a fence written in the lesson as the file its title
# names, else UNNAMED; the braced fence and the tab's hold the same app, published once.
# Not runnable: an app made inside a function, no app, code that is not Python, JSON, and a
# Python fence shown inside a Markdown one.
SAMPLE_NAMES = [
    "app.py",
    "app.py",
    "inline.py",
    UNNAMED,
    "braced.py",
    "module_style.py",
    "tab.py",
    "app.py",
    None,
    None,
    None,
    None,
    None,
]
HL_LINES = re.compile(r"""hl_lines=(["'])(?P<lines>.*?)\1""")
TITLE = re.compile(r"""title=(["'])(?P<title>.*?)\1""")


def with_the_runnable_fixtures(project: Path, *lessons: Path) -> Path:
    """`project` with runnable/'s samples in docs_src/ and `lessons` in its first module."""
    shutil.copytree(RUNNABLE / "docs_src", project / "docs_src", dirs_exist_ok=True)
    for number, lesson in enumerate(lessons, 7):
        fixture = lesson.relative_to(FIXTURES).as_posix()
        add_fixture(project, fixture, f"01-basics/{number:02}-{lesson.name}")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The fixture course with samples.md and checked.md, built once in strict mode."""
    os.environ["SITE_URL"] = SITE_URL
    project = fixture_project(tmp_path_factory.mktemp("runnable") / "project")
    yield build_site(with_the_runnable_fixtures(project, SAMPLES, CHECKED))


def fence_sources(lesson: Path) -> list[tuple[str, str]]:
    """(opening line, whole source) of each fence of `lesson` outside any other: an include's
    whole file as pymdownx.snippets includes it (without its section lines), else its code."""
    lines = lesson.read_text(encoding="utf-8").split("\n")
    found = []
    for fence in code_fences.fences(lines):
        indent = lines[fence.first][: len(lines[fence.first]) - len(lines[fence.first].lstrip())]
        body = [line.removeprefix(indent) for line in lines[fence.first + 1 : fence.last]]
        include = snippets.INCLUDE.match(body[0]) if len(body) == 1 else None
        if include is None:
            source = "\n".join(body) + "\n"
        else:
            path = RUNNABLE / "docs_src" / include["target"].partition(":")[0]
            text = path.read_text(encoding="utf-8").split("\n")
            source = "\n".join(line for line in text if "--8<-- [" not in line)
        found.append((lines[fence.first], source))
    return found


def article(page: BeautifulSoup):
    """What the page shows of its lesson, without the printed answers at its end."""
    body = page.select_one("article")
    for printed in body.select("section.course-answers"):
        printed.decompose()
    return body


def test_each_sample_that_defines_an_app_points_at_its_whole_source(built: Built) -> None:
    blocks = article(built.html(SAMPLES_PAGE)).select("div.highlight")
    fences = fence_sources(SAMPLES)
    assert len(blocks) == len(fences) == len(SAMPLE_NAMES)
    for block, (opening, source), name in zip(blocks, fences, SAMPLE_NAMES, strict=True):
        # Title, line numbers and highlighted lines are as the fence asks, marked or not.
        title = TITLE.search(opening)
        shown = block.select_one(".filename")
        assert (shown.get_text() if shown else None) == (title["title"] if title else None)
        assert bool(block.select(".linenos")) == ("linenums=" in opening), opening
        highlighted = HL_LINES.search(opening)
        assert len(block.select(".hll")) == (
            len(highlighted["lines"].split()) if highlighted else 0
        ), opening
        if name is None:
            assert not [key for key in block.attrs if key.startswith("data-course")], opening
            continue
        assert defines_app(source), opening
        path = f"{PUBLISHED}/{hashlib.sha256(source.encode()).hexdigest()[:16]}.py"
        assert (block[RUN], block[RUN_NAME]) == (path, name), opening
        assert (built.site_dir / path).read_text(encoding="utf-8") == source


def test_the_marks_add_no_word_to_the_page_its_search_or_its_markdown_copy(
    tmp_path: Path,
) -> None:
    # The same course built without runnable samples: what readers read is the same.
    marked, unmarked = (
        with_the_runnable_fixtures(fixture_project(tmp_path / name), SAMPLES)
        for name in ("marked", "unmarked")
    )
    config = unmarked / "mkdocs.yml"
    config.write_text(config.read_text().replace(HOOK_LINE, ""))
    with_marks, without = build_site(marked), build_site(unmarked)
    marked_article = article(with_marks.html(SAMPLES_PAGE))
    assert marked_article.select(f"[{RUN}]")
    for element in marked_article.select(f"[{RUN}]"):
        del element[RUN], element[RUN_NAME]
    assert str(marked_article) == str(article(without.html(SAMPLES_PAGE)))

    def searched(site: Built) -> list[dict]:
        index = json.loads((site.site_dir / "search/search_index.json").read_text())
        return [doc for doc in index["docs"] if doc["location"].startswith(SAMPLES_PAGE)]

    assert searched(with_marks) == searched(without)
    copy = f"{SAMPLES_PAGE}index.md"
    assert (with_marks.site_dir / copy).read_bytes() == (without.site_dir / copy).read_bytes()
    assert not (without.site_dir / PUBLISHED).exists()


def test_a_checked_exercise_names_its_published_check_and_shows_its_starter(built: Built) -> None:
    page = built.html(CHECKED_PAGE)
    exercises = article(page).select(".course-exercise")
    titles = re.findall(r"^ */// exercise \| (.*)$", CHECKED.read_text(), re.MULTILINE)
    checks = [source for _, source in fence_sources(CHECKED) if "await client" in source]
    assert len(exercises) == len(titles) == 3 and len(checks) == 2
    ids = []
    for exercise, title, check in zip(exercises[:2], titles, checks, strict=False):
        published = exercise[CHECK_ATTRIBUTE]
        assert (built.site_dir / published).read_text(encoding="utf-8") == check
        assert exercise[EXERCISE_ATTRIBUTE] == quiz_id(CHECKED_PAGE, title, 1, EXERCISE)
        ids.append(exercise[EXERCISE_ATTRIBUTE])
        starter = only(exercise, ".course-exercise__starter div.highlight")
        assert (built.site_dir / starter[RUN]).is_file()
        answer = only(exercise, "details.course-exercise__answer div.highlight")
        assert defines_app((built.site_dir / answer[RUN]).read_text(encoding="utf-8"))
    # An exercise with a starter and no check is no checked exercise; its starter still runs.
    unchecked = exercises[2]
    assert CHECK_ATTRIBUTE not in unchecked.attrs and EXERCISE_ATTRIBUTE not in unchecked.attrs
    assert only(unchecked, ".course-exercise__starter div.highlight").has_attr(RUN)
    # The outlines count the checked exercises, by their ids, besides the quizzes.
    for outline in ("", "basics/"):
        row = only(built.html(outline), f'[data-course-lesson="{CHECKED_PAGE}"]')
        assert row["data-course-exercises"].split() == ids
        assert row["data-course-quizzes"] == ""


def test_no_reader_ever_reads_a_check(built: Built) -> None:
    text = CHECKED.read_text(encoding="utf-8")
    # A line of each check: what it says and what it runs.
    said = re.findall(r'^ *assert .*?, "(.*)"$', text, re.MULTILINE)
    run = re.findall(r"^ *(\w+ = await client\..*)$", text, re.MULTILINE)
    assert said and run
    page = (built.site_dir / CHECKED_PAGE / "index.html").read_text(encoding="utf-8")
    search = (built.site_dir / "search/search_index.json").read_text(encoding="utf-8")
    copy = (built.site_dir / CHECKED_PAGE / "index.md").read_text(encoding="utf-8")
    llms = (built.site_dir / "llms.txt").read_text(encoding="utf-8")
    for line in said + run:
        for where, shown in (("page", page), ("search", search), ("copy", copy), ("llms", llms)):
            assert json.dumps(line)[1:-1] not in shown and line not in shown, (where, line)
    # The Markdown copy shows each starter as its code, where it stands, and no block syntax.
    assert copy.count('return {"message": "Hello"}') == 3  # two starters, one model answer
    assert "    app = FastAPI()\n    ```\n\n    **Model answer:**" in copy
    outside_code = re.sub(r"```.*?```", "", copy, flags=re.DOTALL)
    assert "///" not in outside_code


def line_of(text: str, after: str = "") -> int:
    """The 1-based line of mistakes.md that holds `text`: the first after the one that
    holds `after`."""
    lines = MISTAKES.read_text(encoding="utf-8").split("\n")
    start = next(n + 1 for n, line in enumerate(lines) if after in line) if after else 0
    return next(n for n, line in enumerate(lines[start:], start + 1) if text in line)


def syntax_error(code: str) -> str:
    """Python's own words for what is wrong with `code`."""
    with pytest.raises(SyntaxError) as raised:
        compile(code, "check", "exec", flags=0x2000)  # ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    return raised.value.msg


def expected_mistakes() -> list[str]:
    """What the build says of mistakes.md, in its order."""

    def said(line: int, what: str, message: str) -> str:
        return f"{MISTAKES_LESSON}: line {line}: {what}: {message}"

    def exercise(title: str, message: str) -> str:
        return said(line_of(f"/// exercise | {title}"), f"{EXERCISE} {title!r}", message)

    def part(name: str, title: str, message: str) -> str:
        return said(line_of(f"//// {name}", after=title), name, message)

    unclosed = 'assert response.json() == {"message": "Hello"'
    last_exercise = "A check that returns"
    return [
        part(
            CHECK,
            "A check that is not Python",
            CHECK_NOT_PYTHON.format(
                where=f"line {line_of(unclosed)}", error=syntax_error(unclosed)
            ),
        ),
        exercise("A check without a starter", CHECK_WITHOUT_STARTER),
        part(STARTER, "A starter that is no app", STARTER_NOT_AN_APP),
        exercise("An answer without code", ANSWER_WITHOUT_APP),
        exercise("Two starters", TWICE.format(count=2, name=STARTER)),
        exercise("Two checks", TWICE.format(count=2, name=CHECK)),
        part(CHECK, "A check that asserts nothing", CHECK_WITHOUT_ASSERT),
        part(STARTER, "A starter without code", STARTER_WITHOUT_CODE),
        part(
            CHECK,
            last_exercise,
            CHECK_NOT_PYTHON.format(
                where=f"line {line_of('return', after=last_exercise)}",
                error=syntax_error("return"),
            ),
        ),
        part(STARTER, "A starter outside any exercise", OUTSIDE_AN_EXERCISE.format(name=STARTER)),
        part(CHECK, "Which block holds a check?", OUTSIDE_AN_EXERCISE.format(name=CHECK)),
    ]


def test_each_mistake_is_one_line_naming_the_file_and_the_line_in_build_and_serve(
    project: Path,
) -> None:
    with_the_runnable_fixtures(project, MISTAKES)
    expected = expected_mistakes()
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    assert failed.value.warnings == []
    assert [line for error in failed.value.errors for line in error.splitlines()] == expected
    with error_lines() as errors:
        build_site(project, serve=True, strict=False)
    assert errors == expected


def save(path: Path, text: str) -> None:
    """Write `text` as an editor saving a second later would: newer than the built pages."""
    path.write_text(text, encoding="utf-8")
    later = path.stat().st_mtime + 1
    os.utime(path, (later, later))


def test_a_page_serve_renders_again_publishes_its_sources_again(project: Path) -> None:
    with_the_runnable_fixtures(project, CHECKED)
    build_site(project, serve=True, dirty=True)
    lesson = project / "docs/01-basics/07-checked.md"
    edited = 'app = FastAPI(title="Edited")'
    save(lesson, lesson.read_text().replace("app = FastAPI()", edited, 1))
    for published in (project / "site" / PUBLISHED).iterdir():
        published.unlink()  # what the last build published: only this build's is there now

    rebuilt = build_site(project, serve=True, dirty=True)

    page = rebuilt.html(CHECKED_PAGE)
    exercises = article(page).select(".course-exercise")
    starters = [only(exercise, ".course-exercise__starter div.highlight") for exercise in exercises]
    sources = [(rebuilt.site_dir / block[RUN]).read_text() for block in starters]
    assert [edited in source for source in sources] == [False, True, False]
    for exercise in exercises[:2]:
        assert (rebuilt.site_dir / exercise[CHECK_ATTRIBUTE]).is_file()
