"""Build-speed benchmark: the course at scale, against plain Material, and `serve`'s preview.

    python3 dev.py benchmark                      # 100, 500 and 1,000 lessons, 3 runs each
    python3 dev.py benchmark --lessons 500 --runs 5
    python3 dev.py benchmark --serve              # save-to-preview time of `dev.py serve`

A benchmark, not a test. It generates a synthetic course in a temporary folder: the real
docs/ plus copies of its published lessons, each with its own title and description, until
the course has the asked number of lessons in modules of 25. It builds that course with the
project's configuration (every hook, mermaid2, social cards) and with two baselines of plain
Material with `navigation.prune` (scripts/benchmark/baseline.yml), in the same run, each
build a fresh `mkdocs build --strict` process:
- the budget's baseline renders the same self-checks as a plain-Material author would write
  them: a quiz is a collapsed `??? question` holding its options as a task list and its
  explanation, an exercise an `!!! example` with a nested `??? success "Answer"`;
- the second reads the same docs/ as the course, where a self-check is a bare paragraph.
The course is timed cold (its build caches in `.cache/` emptied: cards, Markdown copies, page
conversions) and warm (kept from the build before) apart. One table: seconds (min and
median), seconds per lesson (median), the ratios to the budget's baseline's min and median
(on a machine shared with others the min is the steadier of the two), and the peak memory of
the build process.

`--serve` starts `python3 dev.py serve`'s command on a 100-lesson course, then saves edits
and times each from the save to the server answering with the edited page: a body edit
(the page alone is rebuilt) and a retitle (the navigation of every page changes).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASELINE_CONFIG = ROOT / "scripts" / "benchmark" / "baseline.yml"
# The budget's baseline: plain Material's own way of writing a self-check.
RENDERED_BASELINE = "plain Material, self-checks rendered"
BARE_BASELINE = "plain Material, self-checks as text"
COLD = "the course, cold (.cache emptied)"
WARM = "the course, warm (.cache kept)"
# A self-check block as lessons write it (AUTHORING.md "Quizzes and exercises"), outside code.
SELF_CHECK_OPENING = re.compile(r"^(?P<fence>/{3,}) *(?P<kind>quiz|exercise) *\| *(?P<title>.*)$")
SELF_CHECK_ANSWER = re.compile(r"^(?P<fence>/{4,}) *answer *$")
PROJECT_PARTS = ("mkdocs.yml", "docs", "docs_src", "hooks", "overrides")
LESSONS_PER_MODULE = 25
SITE_URL = "https://example.org/course/"
# A relative Markdown link to another page: ](02-other.md) or ](02-other.md#anchor).
PAGE_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|/|#)(?P<target>[^)\s]+\.md(?:#[^)\s]*)?)\)")

sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]
from course import browser_runtime_files, build_cache  # noqa: E402  (the caches' places)
from course.rules import (  # noqa: E402  (the course's rules, as the build applies them)
    DESCRIPTION_RECOMMENDED,
    NUMBERED_NAME,
    TITLE_RECOMMENDED,
)
from course.upstream_internals import FRONT_MATTER  # noqa: E402

from dev import COMMANDS  # noqa: E402  (the serve command as authors run it)

# A copy's title and description stay within what the SEO check recommends: the strict
# build would fail on a longer one.
TITLE_MAX = TITLE_RECOMMENDED
DESCRIPTION_MAX = DESCRIPTION_RECOMMENDED[1]


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float


@dataclass(frozen=True)
class Row:
    lessons: int
    setup: str
    runs: list[Run]

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def fastest(self) -> float:
        return min(run.seconds for run in self.runs)


# -- the synthetic course -------------------------------------------------------------------


def generate_course(destination: Path, lessons: int) -> Path:
    """A copy of the project whose docs/ holds `lessons` lessons in modules of 25."""
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("site"))
        else:
            shutil.copy2(source, destination / part)
    # The Run buttons' runtime, installed by dev.py, which the course's build publishes.
    browser_runtime_files.link_installed(ROOT, destination)
    docs = destination / "docs"
    modules = sorted(path for path in docs.iterdir() if path.is_dir() and path.name[0].isdigit())
    originals = [lesson for module in modules for lesson in published_lessons(module)]
    if lessons < len(originals):
        raise SystemExit(f"benchmark: the real course already has {len(originals)} lessons")
    copies = iter(range(1, lessons - len(originals) + 1))
    for module in modules:
        fill_module(module, originals, copies, LESSONS_PER_MODULE - len(lesson_files(module)))
    module_index = (modules[0] / "index.md").read_text(encoding="utf-8")
    module_description = front_matter(module_index)["description"]
    number = len(modules)
    while (remaining := lessons - sum(len(lesson_files(module)) for module in modules)) > 0:
        number += 1
        module = docs / f"{number:02d}-part-{number}"
        module.mkdir()
        (module / "index.md").write_text(
            retitled(module_index, f"Part {number}", numbered(module_description, number)),
            encoding="utf-8",
        )
        fill_module(module, originals, copies, min(LESSONS_PER_MODULE, remaining))
        modules.append(module)
    return destination


def lesson_files(module: Path) -> list[Path]:
    return sorted(path for path in module.glob("*.md") if NUMBERED_NAME.fullmatch(path.stem))


def published_lessons(module: Path) -> list[Path]:
    return [
        path
        for path in lesson_files(module)
        if not front_matter(path.read_text(encoding="utf-8")).get("draft")
    ]


def front_matter(text: str) -> dict:
    match = FRONT_MATTER.match(text)
    return yaml.safe_load(match[1]) if match else {}


def fill_module(module: Path, originals: list[Path], copies: object, count: int) -> None:
    """Add `count` lesson copies to `module`, numbered after its last lesson."""
    existing = lesson_files(module)
    last = max((int(NUMBERED_NAME.fullmatch(path.stem)["number"]) for path in existing), default=0)
    for offset in range(1, count + 1):
        copy = next(copies)  # type: ignore[call-overload]
        original = originals[(copy - 1) % len(originals)]
        slug = NUMBERED_NAME.fullmatch(original.stem)["slug"]
        target = module / f"{last + offset:02d}-{slug}-{copy}.md"
        target.write_text(lesson_copy(original, module, copy), encoding="utf-8")


def lesson_copy(original: Path, module: Path, copy: int) -> str:
    """The original lesson with its own title and description; its page links still resolve."""
    meta = front_matter(original.read_text(encoding="utf-8"))
    text = retitled(
        original.read_text(encoding="utf-8"),
        numbered(meta["title"], copy, TITLE_MAX),
        numbered(meta["description"], copy),
    )
    source_folder = os.path.relpath(original.parent, module)
    return PAGE_LINK.sub(lambda link: f"]({source_folder}/{link['target']})", text)


def retitled(text: str, title: str, description: str) -> str:
    match = FRONT_MATTER.match(text)
    assert match is not None
    meta = yaml.safe_load(match[1]) | {"title": title, "description": description}
    meta.pop("draft", None)
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n{text[match.end() :]}"


def numbered(text: str, number: int, limit: int = DESCRIPTION_MAX) -> str:
    """`text (number)`, `text` cut at a word boundary so that it fits `limit` characters."""
    suffix = f" ({number})"
    room = limit - len(suffix)
    if len(text) > room:
        text = text[: room + 1].rsplit(" ", 1)[0].rstrip(" ,.:;(")
    return text + suffix


# -- builds ---------------------------------------------------------------------------------


def environment(site_url: str = SITE_URL) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}


def build(folder: Path, log: Path) -> Run:
    """One `mkdocs build --strict` in a fresh process: wall seconds and peak memory."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    # The build before this one left tens of MB of pages unwritten in the page cache; the
    # kernel would flush them while this build creates its files, and charge it for them.
    os.sync()
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=folder, env=environment(), stdout=output, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        problems = [line for line in log.read_text().splitlines() if not line.startswith("INFO")]
        raise SystemExit(f"benchmark: the build in {folder} failed:\n" + "\n".join(problems[-40:]))
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


# -- the baseline's self-checks -------------------------------------------------------------


def plain_material_docs(course_docs: Path, destination: Path) -> None:
    """A copy of `course_docs` whose self-checks are written as plain Material's admonitions."""
    shutil.copytree(course_docs, destination)
    for page in destination.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "\n///" in text:
            page.write_text(plain_material_self_checks(text), encoding="utf-8")


def plain_material_self_checks(markdown: str) -> str:
    """Each `/// quiz` as `??? question` with its task list, each `/// exercise` as
    `!!! example` with a nested `??? success "Answer"`; code fences are left as they are."""
    lines: list[str] = []
    depth: list[str] = []  # the closing fence of each open block, innermost last
    fence = ""
    for line in markdown.splitlines():
        indent = "    " * len(depth)
        if fence:
            fence = "" if line.strip() == fence else fence
            lines.append(indent + line if line else line)
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fence = line.strip()[:3]
            lines.append(indent + line)
        elif (opening := SELF_CHECK_OPENING.match(line)) is not None:
            kind = {"quiz": "??? question", "exercise": "!!! example"}[opening["kind"]]
            lines.append(f'{indent}{kind} "{opening["title"]}"')
            depth.append(opening["fence"])
        elif (answer := SELF_CHECK_ANSWER.match(line)) is not None and depth:
            lines.append(f'{indent}??? success "Answer"')
            depth.append(answer["fence"])
        elif depth and line.strip() == depth[-1]:
            depth.pop()
            lines.append("")
        else:
            lines.append(indent + line if line else line)
    return "\n".join(lines) + "\n"


def baseline_project(folder: Path, docs: Path, *, task_lists: bool) -> Path:
    """Plain Material's configuration reading `docs`, with task lists where they are used."""
    folder.mkdir()
    config = BASELINE_CONFIG.read_text(encoding="utf-8")
    config = config.replace("docs_dir: ../course/docs", f"docs_dir: {docs}")
    if task_lists:
        # The last key of baseline.yml is markdown_extensions: its list goes on.
        config += "  - pymdownx.tasklist\n"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def empty_build_caches(course: Path) -> None:
    """What the course's builds keep in `.cache/` removed; the runtime dev.py installed there
    stays (an installation, not a build's result)."""
    installed = Path(browser_runtime_files.WHEEL_CACHE).parts[0]
    for kept in (course / build_cache.CACHE).glob("*"):
        if kept.name != installed:
            shutil.rmtree(kept) if kept.is_dir() else kept.unlink()


def measure(lessons: int, runs: int, workspace: Path) -> list[Row]:
    course = generate_course(workspace / "course", lessons)
    plain_material_docs(course / "docs", workspace / "plain-material-docs")
    baselines = {
        RENDERED_BASELINE: baseline_project(
            workspace / "rendered", workspace / "plain-material-docs", task_lists=True
        ),
        BARE_BASELINE: baseline_project(workspace / "bare", course / "docs", task_lists=False),
    }
    setups = [*baselines, COLD, WARM]
    rows = {setup: Row(lessons, setup, []) for setup in setups}
    log = workspace / "build.log"
    # Interleaved, so a slow moment of the machine does not fall on one setup only.
    for _ in range(runs):
        for setup, folder in baselines.items():
            rows[setup].runs.append(build(folder, log))
        empty_build_caches(course)
        rows[COLD].runs.append(build(course, log))
        rows[WARM].runs.append(build(course, log))
    shutil.rmtree(workspace)
    return list(rows.values())


def table(rows: list[Row]) -> str:
    lines = [
        "| lessons | setup | min s | median s | s/lesson | x baseline, min "
        "| x baseline, median | peak MiB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    baseline: dict[int, Row] = {}
    for row in rows:
        base = baseline.setdefault(row.lessons, row)
        lines.append(
            f"| {row.lessons} | {row.setup} | {row.fastest:.2f} | {row.median:.2f} "
            f"| {row.median / row.lessons * 1000:.1f} ms | {row.fastest / base.fastest:.2f} "
            f"| {row.median / base.median:.2f} | {max(run.peak_mib for run in row.runs):.0f} |"
        )
    return "\n".join(lines)


# -- serve ----------------------------------------------------------------------------------


def serve_timings(lessons: int, edits: int, workspace: Path) -> str:
    """Save-to-served seconds of `dev.py serve` for body edits and for a retitle."""
    course = generate_course(workspace / "course", lessons)
    port = 8765
    site = f"http://127.0.0.1:{port}/"
    command = [sys.executable, *COMMANDS["serve"], "--dev-addr", f"127.0.0.1:{port}"]
    log = (workspace / "serve.log").open("w")
    server = subprocess.Popen(
        command, cwd=course, env=environment(site), stdout=log, stderr=subprocess.STDOUT
    )
    try:
        wait_for(site, "</html>", timeout=300)
        lesson, neighbour = lesson_files(course / "docs" / "02-part-2")[:2]
        page, other_page = (
            site + "part-2/" + NUMBERED_NAME.fullmatch(path.stem)["slug"] + "/"
            for path in (lesson, neighbour)
        )
        body_edits = []
        for edit in range(1, edits + 1):
            marker = f"Benchmark edit {edit} of the body."
            saved = append_paragraph(lesson, marker)
            body_edits.append(wait_for(page, marker, timeout=120) - saved)
            time.sleep(1)  # let the watcher settle, as between an author's saves
        title = f"Retitled by the benchmark {time.monotonic_ns()}"
        text = lesson.read_text(encoding="utf-8")
        saved = time.perf_counter()
        lesson.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1))
        retitle = wait_for(other_page, title, timeout=300) - saved
        wait_for(site, title, timeout=30)  # the home page's outline
    finally:
        server.terminate()
        server.wait()
        log.close()
    shutil.rmtree(workspace)
    return "\n".join(
        [
            f"| `dev.py serve`, {lessons} lessons | median s | max s | edits |",
            "|---|---:|---:|---:|",
            f"| body edit: that page served with the edit | {statistics.median(body_edits):.2f} "
            f"| {max(body_edits):.2f} | {len(body_edits)} |",
            f"| retitle: the next lesson's navigation shows it | {retitle:.2f} "
            f"| {retitle:.2f} | 1 |",
        ]
    )


def append_paragraph(lesson: Path, text: str) -> float:
    with lesson.open("a", encoding="utf-8") as file:
        file.write(f"\n{text}\n")
    return time.perf_counter()


def wait_for(url: str, text: str, *, timeout: float) -> float:
    """Poll `url` until its body contains `text`; the moment it first did."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", errors="replace"):
                    return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"benchmark: {url} did not show {text!r} within {timeout:.0f} s")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help="time serve's preview instead")
    parser.add_argument("--edits", type=int, default=5, help="body edits timed by --serve")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="course-benchmark-") as temporary:
        workspace = Path(temporary)
        if arguments.serve:
            print(serve_timings(100, arguments.edits, workspace / "serve"))
            return 0
        rows = []
        for lessons in arguments.lessons:
            rows += measure(lessons, arguments.runs, workspace / str(lessons))
            print(f"benchmark: {lessons} lessons measured", file=sys.stderr, flush=True)
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
