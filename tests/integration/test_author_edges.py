"""Authors' edge cases, each a fixture file: what the build says (one line, never a
traceback) or what it publishes."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course import mermaid_source, reader_words
from course.links import DATA_ADDRESS, MEDIA, SCRIPT_ADDRESS, SCRIPT_SCHEMES, scheme
from course.self_check_parse import (
    CLOSES_UNOPENED,
    NAMES,
    NO_CORRECT_OPTION,
    OPENS_UNCLOSED,
    unknown_block,
)
from helpers import ROOT, BuildFailed, add_fixture, build_site, error_lines, only
from new_lesson import UNSPELLED
from served import mkdocs_serving
from test_preview import save

LESSON = "docs/01-basics/09-case.md"
LESSON_PAGE = "basics/case/"


def add_lesson(project: Path, fixture: str) -> None:
    add_fixture(project, f"author_edges/{fixture}", "01-basics/09-case.md")


def test_mermaid_s_accessibility_statements_are_read_as_mermaid_reads_them(project: Path) -> None:
    add_lesson(project, "diagram-descriptions.md")
    built = build_site(project)
    assert built.warnings == []
    page = built.html(LESSON_PAGE)
    texts = [text.get_text(" ", strip=True) for text in page.select(".course-diagram__text")]
    assert texts == [
        "A request and its answer The client sends GET /items/1, and the API answers 200 "
        "with the item.",
        "Spaces around the colon One line between braces",
        'An image tag in a description The page shows <img src="diagram.png"> as text, and '
        "never loads it.",
    ]
    # The source is the diagram's text, not elements of the page: no image to fetch or audit,
    # and a `<br>` in a label stays in the source Mermaid reads.
    for diagram in page.select(".mermaid"):
        assert diagram.find_all(True) == []
    assert "Content<br>one entry" in page.select(".mermaid")[2].get_text()


def test_a_description_block_never_closed_is_reported_missing(project: Path) -> None:
    add_lesson(project, "diagram-description-unclosed.md")
    built = build_site(project, strict=False)
    missing = mermaid_source.UNDESCRIBED.format(missing=mermaid_source.DESCRIPTION)
    assert built.warnings == [f"course: {LESSON}: diagram 1: {missing}"]


def build_errors(project: Path) -> list[str]:
    """The lines a strict build stops with; it warns of nothing else."""
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    assert failed.value.warnings == []
    return [line for error in failed.value.errors for line in error.splitlines()]


def test_raw_html_that_would_break_a_self_check_apart_is_one_line_each(project: Path) -> None:
    add_lesson(project, "self-checks-raw-html.md")
    quiz, question = "quiz 'Which tags end a list?'", "the question"
    bold = "quiz 'What does <b> do to the rest of the quiz?'"
    assert build_errors(project) == [
        f"{LESSON}: line 9: {quiz}: "
        + CLOSES_UNOPENED.format(part="option 1", tag="</li>", name="quiz"),
        f"{LESSON}: line 14: {bold}: "
        + OPENS_UNCLOSED.format(part=question, tag="<b>", name="quiz"),
        f"{LESSON}: line 24: exercise 'Close a block': "
        + CLOSES_UNOPENED.format(part="the model answer", tag="</div>", name="exercise"),
    ]


def test_self_check_syntax_shown_as_code_is_code(project: Path) -> None:
    add_lesson(project, "self-checks-in-code.md")
    built = build_site(project)
    assert built.warnings == []
    quizzes = built.html(LESSON_PAGE).select(".course-quiz")
    assert [quiz.select_one(".course-quiz__question").get_text() for quiz in quizzes] == [
        "Indented by two spaces, still a quiz"
    ]
    # Counted as one quiz, by its id, in the outline.
    outline = only(built.html(""), f'[data-course-lesson="{LESSON_PAGE}"]')
    assert outline["data-course-quizzes"] == quizzes[0]["id"]


# The `///` blocks that the fixture project's Markdown extensions register: the course's
# self-checks and pymdownx.blocks.caption's.
COURSE_BLOCKS = {*NAMES, "caption", "figure-caption", "table-caption"}
ADMONITION_BLOCKS = {"admonition", "note", "attention", "caution", "danger", "error", "tip"} | {
    "hint",
    "important",
    "warning",
}


def test_a_block_line_that_opens_no_known_block_is_a_warning(project: Path) -> None:
    add_lesson(project, "unknown-blocks.md")
    built = build_site(project, strict=False)
    assert built.warnings == [
        f"course: {LESSON}: line 9: {unknown_block('quizz', COURSE_BLOCKS)}",
        f"course: {LESSON}: line 13: {unknown_block('note', COURSE_BLOCKS)}",
    ]
    assert "/// quizz" in built.html(LESSON_PAGE).select_one("article").get_text()


def test_the_known_blocks_are_those_the_build_s_extensions_register(project: Path) -> None:
    add_lesson(project, "unknown-blocks.md")
    config = project / "mkdocs.yml"
    admonition = "  - pymdownx.blocks.caption\n  - pymdownx.blocks.admonition\n"
    config.write_text(config.read_text().replace("  - pymdownx.blocks.caption\n", admonition))
    built = build_site(project, strict=False)
    known = COURSE_BLOCKS | ADMONITION_BLOCKS
    assert built.warnings == [f"course: {LESSON}: line 9: {unknown_block('quizz', known)}"]


UNSAFE_LINKS = sorted(
    f"{LESSON}: link: {message}"
    for message in [
        SCRIPT_ADDRESS.format(address="javascript:alert(1)", scheme="javascript"),
        SCRIPT_ADDRESS.format(address="JAVASCRIPT:alert(2)", scheme="javascript"),
        SCRIPT_ADDRESS.format(address="javascript:alert(3)", scheme="javascript"),
        SCRIPT_ADDRESS.format(address="java\tscript:alert(4)", scheme="javascript"),
        SCRIPT_ADDRESS.format(address=" VBScript:msgbox(5)", scheme="vbscript"),
        DATA_ADDRESS.format(address="data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg=="),
        SCRIPT_ADDRESS.format(address="javascript:alert(9)", scheme="javascript"),
        SCRIPT_ADDRESS.format(address="javascript:alert(10)", scheme="javascript"),
    ]
)


def test_an_address_that_would_run_code_stops_the_build_naming_file_and_link(
    project: Path,
) -> None:
    add_lesson(project, "unsafe-links.md")
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    errors = [line for error in failed.value.errors for line in error.splitlines()]
    assert sorted(errors) == UNSAFE_LINKS
    # MkDocs' own link check sees an address whose colon is an entity as a relative link.
    assert [warning for warning in failed.value.warnings if "javascript" not in warning] == []
    assert not (project / "site" / LESSON_PAGE).exists()  # stopped before any page is written


def test_serve_says_each_unsafe_address_as_the_build_does_and_renders_the_pages(
    project: Path,
) -> None:
    add_lesson(project, "unsafe-links.md")
    with error_lines() as errors:
        built = build_site(project, serve=True, strict=False)
    assert sorted(errors) == UNSAFE_LINKS
    page = built.html(LESSON_PAGE)
    assert page.select_one("h1").get_text() == "Addresses that must not be published"
    # The page says each line, above its text, and none of the addresses is live.
    shown = page.select("article .admonition.failure")
    assert sorted(admonition.get_text(strip=True) for admonition in shown) == UNSAFE_LINKS
    assert "Unsafe links, in every disguise" in shown[-1].find_next_sibling("p").get_text()
    live = [
        address
        for element in page.select("article [href], article [src]")
        for address in (element.get("href"), element.get("src"))
        if address and scheme(address) in {*SCRIPT_SCHEMES, "data"} and element.name not in MEDIA
    ]
    assert live == []
    assert page.select_one('article a[href="https://example.org/javascript:/"]') is not None
    assert page.select_one('article img[src^="data:image/gif"]') is not None
    assert 'href="javascript:alert(7)"' in page.select_one("article code").get_text()


def broken_blocks(*, lines: tuple[int, int]) -> list[str]:
    """What is said of the broken quiz and diagram of *-broken-blocks.md, at `lines`."""
    quiz, diagram = lines
    untyped = mermaid_source.UNTYPED.format(number=1, line="accTitle: The request flow")
    return [
        f"{LESSON}: line {quiz}: quiz 'Which option is right?': {NO_CORRECT_OPTION}",
        f"{LESSON}: line {diagram}: {untyped}",
    ]


def test_a_draft_s_broken_blocks_leave_the_build_alone_and_serve_shows_them_in_place(
    project: Path,
) -> None:
    add_lesson(project, "draft-broken-blocks.md")
    built = build_site(project)
    assert built.warnings == []
    assert not (built.site_dir / LESSON_PAGE).exists()

    with error_lines() as errors:
        served = build_site(project, serve=True, strict=False)
    expected = broken_blocks(lines=(10, 20))
    assert errors == expected
    assert served.warnings == []
    page = served.html(LESSON_PAGE)
    # Each where its block would be (the diagram in its tab), and the rest of the page whole.
    shown = page.select("article .admonition.failure")
    assert [admonition.get_text(strip=True) for admonition in shown] == expected
    assert shown[1].find_parent(class_="tabbed-block") is not None
    assert page.select(".course-quiz, .mermaid") == []
    assert (
        page.select_one(".course-exercise__title")
        .get_text(" ", strip=True)
        .endswith("A sound exercise")
    )
    assert "After them, the rest of the lesson." in page.select_one("article").get_text()
    assert served.html("basics/first-steps/").select_one("h1").get_text() == "First Steps"


def test_serve_says_a_broken_block_as_the_strict_build_does(project: Path) -> None:
    add_lesson(project, "published-broken-blocks.md")
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    stopped = [line for error in failed.value.errors for line in error.splitlines()]
    assert sorted(stopped) == sorted(broken_blocks(lines=(9, 19)))
    with error_lines() as errors:
        build_site(project, serve=True, strict=False)
    assert sorted(errors) == sorted(stopped)


def test_a_serve_rebuild_of_another_page_says_the_broken_blocks_again(project: Path) -> None:
    # `serve --dirty` renders only the page that changed; the others' lines come back.
    add_lesson(project, "published-broken-blocks.md")
    with error_lines() as first:
        build_site(project, serve=True, dirty=True, strict=False)
    other = project / "docs/01-basics/02-request-flow.md"
    save(other, other.read_text().replace("is not magic", "is not wizardry", 1))
    with error_lines() as again:
        build_site(project, serve=True, dirty=True, strict=False)
    assert first == again == broken_blocks(lines=(9, 19))
    # Fixing the quiz brings it back, and leaves the diagram's line alone.
    lesson = project / LESSON
    save(lesson, lesson.read_text().replace("- [ ] Nor this one", "- [x] Nor this one"))
    with error_lines() as fixed:
        served = build_site(project, serve=True, dirty=True, strict=False)
    assert fixed == broken_blocks(lines=(9, 19))[1:]
    assert len(served.html(LESSON_PAGE).select(".course-quiz")) == 1


def test_serve_starts_with_a_broken_draft_and_shows_it_on_its_page(project: Path) -> None:
    # Reported in issue 20: `python3 dev.py serve` stopped at startup on this draft.
    add_lesson(project, "draft-broken-blocks.md")
    with mkdocs_serving(project) as (url, log):
        with urllib.request.urlopen(url + LESSON_PAGE, timeout=10) as response:
            page = BeautifulSoup(response.read(), "html.parser")
        output_lines = log.read_text().splitlines()
    expected = broken_blocks(lines=(10, 20))
    shown = [admonition.get_text(strip=True) for admonition in page.select(".admonition.failure")]
    assert shown == expected
    assert [line for line in output_lines if line.startswith("ERROR")] == [
        f"ERROR   -  {line}" for line in expected
    ]
    assert not any("Traceback" in line for line in output_lines)


def test_a_language_without_the_course_s_words_stops_the_build_in_one_line(
    project: Path,
) -> None:
    # Its pages would have said `lang="fr"` over the course's English words.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: fr", 1))
    expected = [f"mkdocs.yml: {reader_words.missing_language('fr')}"]
    for serve in (False, True):
        with pytest.raises(BuildFailed) as failed:
            build_site(project, serve=serve)
        assert (failed.value.errors, failed.value.warnings) == (expected, [])
    assert not (project / "site").exists()


def new_lesson(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "scripts/new_lesson.py"), "--docs", "docs", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


def test_a_lesson_s_slug_spells_its_title_s_latin_letters(project: Path) -> None:
    assert new_lesson(project, "1", "Straße und Æther").returncode == 0
    assert (project / "docs/01-basics/04-strasse-und-aether.md").is_file()
    build_site(project)


def test_a_title_in_another_script_asks_for_a_slug_in_one_line(project: Path) -> None:
    title = "Привет, FastAPI"
    result = new_lesson(project, "1", title)
    message = UNSPELLED.format(title=title, words="'Привет'")
    assert (result.returncode, result.stderr, result.stdout) == (2, f"new lesson: {message}\n", "")
    assert new_lesson(project, "1", title, "--slug", "privet-fastapi").returncode == 0
    assert (project / "docs/01-basics/04-privet-fastapi.md").is_file()


def test_serve_shows_each_lesson_s_front_matter_mistakes_on_it_and_builds_the_others(
    project: Path,
) -> None:
    add_lesson(project, "front-matter-unreadable.md")
    add_fixture(project, "author_edges/front-matter-mistakes.md", "02-next-steps/05-rules.md")
    stopped = build_errors(project)
    assert len(stopped) == 4  # the YAML error; a control character, a boost, a template
    assert not (project / "site").exists()
    with error_lines() as errors:
        served = build_site(project, serve=True, strict=False)
    assert errors == stopped
    assert served.warnings == []
    for src, url in (
        (LESSON, LESSON_PAGE),
        ("docs/02-next-steps/05-rules.md", "next-steps/rules/"),
    ):
        page = served.html(url)
        shown = [admonition.get_text(strip=True) for admonition in page.select("article .failure")]
        assert shown == [line for line in stopped if line.startswith(f"{src}: ")]
        # Named after its file, in its place in the navigation; its body is not shown.
        name = Path(src).name
        assert page.select_one("article h1").get_text() == name
        assert page.select_one(".md-nav__link--active").get_text(strip=True) == name
        assert "What it would say" not in page.select_one("article").get_text()
    assert served.html("basics/first-steps/").select_one("h1").get_text() == "First Steps"


def rebuild(log: Path, change: Callable[[], None]) -> list[str]:
    """What `serve` prints for the rebuild that `change` starts: its lines after MkDocs'
    "Building documentation...", as a build prints them (MkDocs' prefix and the server's
    own lines left out)."""
    # The server's own lines (MkDocs' "Documentation built in" is said once per duration).
    ended = ("Reloading browsers", "An error happened during the rebuild")
    before = sum(any(end in line for end in ended) for line in log.read_text().splitlines())
    change()
    deadline = time.monotonic() + 60
    while True:
        output = log.read_text().splitlines()
        done = [number for number, line in enumerate(output) if any(end in line for end in ended)]
        if len(done) > before:
            break
        assert time.monotonic() < deadline, "\n".join(output)
        time.sleep(0.2)
    start = max(
        n for n, line in enumerate(output[: done[before]]) if "Building documentation" in line
    )
    said = []
    for line in output[start + 1 : done[before]]:
        if line.startswith(("INFO", "WARNING", "DEBUG")) or line == "Aborted with a BuildError!":
            continue
        said.append(line.removeprefix("ERROR   -  "))
    return said


def touch(path: Path) -> Callable[[], None]:
    return lambda: save(path, path.read_text())


def test_every_serve_rebuild_says_the_lines_a_strict_build_would(project: Path) -> None:
    # Reported in issue 20: after the first failed rebuild serve said only "Aborted with a
    # BuildError!", as MkDocs logs a line once per process.
    lesson = project / "docs/01-basics/01-first-steps.md"
    written = lesson.read_text()
    title = next(line for line in written.splitlines() if line.startswith("title: "))
    broken = written.replace(title, "title: [broken", 1)
    copy = project / "docs/01-basics/01-copy.md"
    with mkdocs_serving(project) as (url, log):
        said = rebuild(log, lambda: save(lesson, broken))
        assert said == rebuild(log, touch(lesson))
        assert said == rebuild(log, touch(project / "docs/01-basics/02-request-flow.md"))
        with urllib.request.urlopen(url + "basics/first-steps/", timeout=10) as response:
            page = BeautifulSoup(response.read(), "html.parser")
        shown = [admonition.get_text(strip=True) for admonition in page.select("article .failure")]
        assert shown == said

        # Two lessons with one number: the layout's mistake stops every rebuild, each saying it.
        def fix_and_copy() -> None:
            save(lesson, written)
            save(copy, written)

        numbered_twice = rebuild(log, fix_and_copy)
        assert numbered_twice == rebuild(log, touch(copy))
        # Fixed, it builds again, and says nothing.
        assert rebuild(log, copy.unlink) == []
        with urllib.request.urlopen(url + "basics/first-steps/", timeout=10) as response:
            page = BeautifulSoup(response.read(), "html.parser")
        assert page.select_one("article h1").get_text() == "First Steps"
        assert "Traceback" not in log.read_text()
    # What a clean strict build of each state says.
    save(copy, written)
    assert numbered_twice == build_errors(project)
    assert len(numbered_twice) == 2  # one line for each of the two files
    copy.unlink()
    save(lesson, broken)
    assert said == build_errors(project)
    assert len(said) == 1
