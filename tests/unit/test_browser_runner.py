"""The runner that runs a reader's FastAPI app in their browser (in_browser/runner.py), run
here under CPython with the installed FastAPI, with no thread allowed, as Pyodide has none; and
once in Pyodide itself under Node.js, where it must answer exactly as it does here.

The Pyodide test needs Node.js, node_modules/pyodide (`npm ci`) and the wheels of
in_browser/wheels.txt in .cache/ (dev.py fetches them): without them it is skipped,
except in CI, where it fails.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import anyio.to_thread
import pytest
from course import browser_runtime_files, build_cache
from fastapi.routing import APIRoute
from helpers import FIXTURES, ROOT, run_to_end

RUNNER_FILE = ROOT / browser_runtime_files.RUNNER
RUNNERS = FIXTURES / "runner"
LESSON_SAMPLES = ROOT / "docs_src" / "01-introduction" / "03-your-first-fastapi-app"
IN_PYODIDE = RUNNERS / "in_pyodide.mjs"
# RFC 9110 §15.5.21's reason for 422, which the lessons teach; Python 3.11's http.HTTPStatus
# still says "Unprocessable Entity".
UNPROCESSABLE_CONTENT = "Unprocessable Content"


def _import(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, f"cannot import {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


runner = _import(RUNNER_FILE, "browser_runner")


@pytest.fixture(autouse=True)
def prepared(monkeypatch: pytest.MonkeyPatch) -> None:
    """prepare() as the worker calls it; the rest of the test process keeps anyio's threads."""
    monkeypatch.setattr(anyio.to_thread, "run_sync", anyio.to_thread.run_sync)
    runner.prepare()


@pytest.fixture
def no_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that cannot start a thread, as a browser's Python cannot."""

    def refuse(thread: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)


def run(path: Path) -> dict:
    return runner.load(path.read_text(encoding="utf-8"), path.name)


def send(method: str, path: str, body: str | None = None) -> dict:
    return run_to_end(runner.request(method, path, body))


def checked(path: Path, check: Path) -> dict:
    return run_to_end(
        runner.check(path.read_text(encoding="utf-8"), path.name, check.read_text(encoding="utf-8"))
    )


def line_of(path: Path, text: str) -> int:
    """The number of the one line of `path` that holds `text`."""
    found = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(found) == 1, f"{path.name}: {text!r} is on lines {found}"
    return found[0]


def test_def_and_async_endpoints_and_a_def_dependency_answer_without_threads(no_threads) -> None:
    assert run(RUNNERS / "endpoints.py")["ok"]
    first = send("GET", "/plain")
    assert (first["status"], json.loads(first["body"])) == (
        200,
        {"dependency": "session", "closed": 0},
    )
    # The dependency's code after its yield ran once the first request was answered.
    assert json.loads(send("GET", "/plain")["body"])["closed"] == 1
    slept = send("GET", "/sleepy")
    assert (slept["status"], json.loads(slept["body"])) == (200, {"slept": True})


def test_a_body_is_sent_as_json_by_the_methods_that_send_one() -> None:
    assert run(RUNNERS / "endpoints.py")["ok"]
    note = json.dumps({"text": "Buy pens"})
    created = send("POST", "/notes", note)
    assert (created["status"], json.loads(created["body"])) == (201, json.loads(note))
    assert send("post", "/notes", "{not json")["status"] == 422
    # GET sends none, whatever the body field holds.
    assert send("GET", "/plain", note)["status"] == 200


def test_a_response_has_rfc_9110_reason_headers_as_pairs_and_pretty_json() -> None:
    assert run(LESSON_SAMPLES / "parameters.py")["ok"]
    wrong = send("GET", "/items/42?limit=five")
    assert (wrong["status"], wrong["reason"]) == (422, UNPROCESSABLE_CONTENT)
    detail = json.loads(wrong["body"])
    assert [error["loc"] for error in detail["detail"]] == [["query", "limit"]]
    assert wrong["body"] == json.dumps(detail, indent=2)
    assert ["content-type", "application/json"] in wrong["headers"]
    assert all(len(pair) == 2 for pair in wrong["headers"])
    assert (send("GET", "/")["status"], send("GET", "/")["reason"]) == (404, "Not Found")
    assert send("GET", "items/42")["status"] == 200  # the leading slash is optional


def test_an_exception_is_a_500_quoting_the_readers_lines_and_the_app_still_answers(
    no_threads,
) -> None:
    source = RUNNERS / "endpoints.py"
    assert run(source)["ok"]
    failed = send("GET", "/broken")
    assert (failed["status"], failed["reason"]) == (500, "Internal Server Error")
    line = line_of(source, "1 / 0")
    assert f'File "{source.name}", line {line}, in broken' in failed["body"]
    assert source.read_text().splitlines()[line - 1].strip() in failed["body"]
    assert failed["body"].endswith(f"{ZeroDivisionError.__name__}: division by zero")
    # Only the reader's frames: none of FastAPI's, Starlette's or the runner's.
    assert [text for text in failed["body"].splitlines() if "File " in text] == [
        f'  File "{source.name}", line {line}, in broken'
    ]
    assert send("GET", "/plain")["status"] == 200


@pytest.mark.parametrize(
    ("path", "ending"), [("/exits", SystemExit), ("/interrupted", KeyboardInterrupt)]
)
def test_an_endpoint_that_ends_the_script_is_a_500_too(
    no_threads, path: str, ending: type[BaseException]
) -> None:
    source = RUNNERS / "endpoints.py"
    assert run(source)["ok"]
    failed = send("GET", path)
    assert (failed["status"], failed["reason"]) == (500, "Internal Server Error")
    assert f'File "{source.name}"' in failed["body"]
    assert ending.__name__ in failed["body"].splitlines()[-1]
    assert send("GET", "/plain")["status"] == 200


def test_a_syntax_error_names_its_line() -> None:
    source = RUNNERS / "syntax_error.py"
    with pytest.raises(SyntaxError) as python_says:
        compile(source.read_text(), source.name, "exec")
    ran = run(source)
    assert (ran["ok"], ran["problem"], ran["line"]) == (
        False,
        runner.SYNTAX,
        python_says.value.lineno,
    )
    assert f'File "{source.name}", line {python_says.value.lineno}' in ran["error"]
    assert ran["error"].endswith(f"SyntaxError: {python_says.value.msg}")


def test_an_exception_while_loading_names_the_readers_line() -> None:
    source = RUNNERS / "raises_on_import.py"
    line = line_of(source, "settings.prefix")
    ran = run(source)
    assert (ran["ok"], ran["problem"], ran["line"]) == (False, runner.RAISED, line)
    assert f'File "{source.name}", line {line}, in <module>' in ran["error"]
    assert ran["error"].endswith("NameError: name 'settings' is not defined")


def test_code_without_an_app_says_so() -> None:
    assert run(RUNNERS / "no_app.py") == {
        "ok": False,
        "problem": runner.NO_APP,
        "error": "",
        "line": None,
    }


def test_the_app_named_app_is_served_before_any_other() -> None:
    source = RUNNERS / "two_apps.py"
    ran = run(source)
    assert [(route["method"], route["path"]) for route in ran["routes"]] == declared_operations(
        source
    )


def test_a_new_run_replaces_the_app() -> None:
    assert run(RUNNERS / "endpoints.py")["ok"]
    assert run(LESSON_SAMPLES / "main.py")["ok"]
    assert send("GET", "/plain")["status"] == 404
    assert run(RUNNERS / "syntax_error.py")["ok"] is False
    with pytest.raises(RuntimeError):
        send("GET", "/")


def declared_operations(source: Path) -> list[tuple[str, str]]:
    """The method and path of each of the app's own routes (not FastAPI's /docs and
    /openapi.json), in the order the code declares them."""
    app = _import(source, f"declared_{source.stem}").app
    return [
        (method, route.path)
        for route in app.routes
        if isinstance(route, APIRoute)
        for method in sorted(route.methods)
    ]


@pytest.mark.parametrize("sample", sorted(LESSON_SAMPLES.glob("*.py")), ids=lambda path: path.name)
def test_each_lesson_sample_gives_its_routes_with_examples_that_answer(sample: Path) -> None:
    ran = run(sample)
    assert ran["ok"]
    assert [(route["method"], route["path"]) for route in ran["routes"]] == declared_operations(
        sample
    )
    for route in ran["routes"]:
        answer = send(route["method"], route["example_path"], route["example_body"])
        assert 200 <= answer["status"] < 300, (route, answer)
        if route["method"] in runner.METHODS_WITH_BODY:
            assert json.loads(answer["body"]) == json.loads(route["example_body"]), route
        else:
            assert route["example_body"] is None


def test_examples_respect_what_the_schemas_require() -> None:
    source = RUNNERS / "shapes.py"
    ran = run(source)
    assert ran["ok"]
    assert [(route["method"], route["path"]) for route in ran["routes"]] == declared_operations(
        source
    )
    for route in ran["routes"]:
        assert "{" not in route["example_path"], route
        answer = send(route["method"], route["example_path"], route["example_body"])
        assert 200 <= answer["status"] < 300, (route, answer["body"])


def _expected_words(check: Path) -> list[str]:
    """Each top-level assert's message, or its test's source when it has none."""
    text = check.read_text()
    return [
        statement.msg.value if statement.msg else ast.get_source_segment(text, statement.test)
        for statement in ast.parse(text).body
        if isinstance(statement, ast.Assert)
    ]


def test_a_check_reports_each_assert_in_words() -> None:
    check = RUNNERS / "endpoints_check.py"
    result = checked(RUNNERS / "endpoints.py", check)
    assert result["error"] is None
    assert [one["passed"] for one in result["results"]] == [True, True, False, False, True]
    words = [one["words"] for one in result["results"]]
    expected = _expected_words(check)
    # The assert whose test raised says so after its words: the reader's mistake in /broken.
    assert words[3] == f"{expected[3]} (ZeroDivisionError: division by zero)"
    assert words[:3] + words[4:] == expected[:3] + expected[4:]


def test_a_check_stops_at_a_statement_that_raises() -> None:
    check = RUNNERS / "stops_check.py"
    result = checked(RUNNERS / "endpoints.py", check)
    assert result["results"] == [
        {"passed": passed, "words": words}
        for passed, words in zip([True, False], _expected_words(check), strict=True)
    ]
    assert result["error"] == "KeyError: 'missing'"


def test_a_check_of_code_that_does_not_run_says_why_and_reports_nothing() -> None:
    source = RUNNERS / "syntax_error.py"
    result = checked(source, RUNNERS / "endpoints_check.py")
    assert (result["results"], result["problem"]) == ([], runner.SYNTAX)
    assert result["error"] == run(source)["error"]


def test_the_warm_up_runs_without_threads_and_leaves_no_app_behind(no_threads) -> None:
    modules = set(sys.modules)
    run_to_end(runner.warm_up())
    assert set(sys.modules) - modules == set()
    with pytest.raises(RuntimeError):
        send("GET", "/")


def test_the_standard_library_to_preload_is_there() -> None:
    runner.preload()
    assert set(runner.STANDARD_LIBRARY) <= set(sys.modules)


def test_kept_bytecode_is_read_again_though_the_sources_are_newer(tmp_path: Path) -> None:
    """The worker unpacks the bytecode of one start over the same wheels installed anew, whose
    files have new times: Python must read it, not compile the sources again."""
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, value in ((first, "compiled"), (second, "installed again")):
        (folder / "kept").mkdir(parents=True)
        (folder / "kept" / "__init__.py").write_text(f"SOURCE = {value!r}\n")
    compiled = "import compileall, sys; compileall.compile_dir(sys.argv[1], quiet=1)"
    subprocess.run([sys.executable, "-c", compiled, str(first)], check=True)
    archive = tmp_path / "bytecode.zip"
    archive.write_bytes(runner.bytecode(str(first)))
    shutil.unpack_archive(archive, second)
    imported = "import sys; sys.path.insert(0, sys.argv[1]); import kept; print(kept.SOURCE)"
    done = subprocess.run(
        [sys.executable, "-c", imported, str(second)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "compiled"


# What the Pyodide test runs: Runs and Sends, as the worker receives them.
def _steps() -> list[dict]:
    endpoints = RUNNERS / "endpoints.py"
    parameters = LESSON_SAMPLES / "parameters.py"
    return [
        {"kind": "run", "source": endpoints.read_text(), "filename": endpoints.name},
        {"kind": "request", "method": "GET", "path": "/plain", "body": None},
        {"kind": "request", "method": "GET", "path": "/sleepy", "body": None},
        {"kind": "request", "method": "POST", "path": "/notes", "body": '{"text": "pens"}'},
        {"kind": "request", "method": "GET", "path": "/broken", "body": None},
        {"kind": "request", "method": "GET", "path": "/plain", "body": None},
        {"kind": "run", "source": parameters.read_text(), "filename": parameters.name},
        {"kind": "request", "method": "GET", "path": "/items/42?limit=five", "body": None},
    ]


@pytest.fixture(scope="module")
def in_pyodide() -> Callable[[Path], dict]:
    """Runs the steps of a file in Pyodide under Node.js as the worker does (in_pyodide.mjs),
    and gives the runner's answers and what the memory snapshot lacked."""
    node = shutil.which("node")
    runtime = browser_runtime_files.locate(
        ROOT, ROOT / build_cache.CACHE / browser_runtime_files.WHEEL_CACHE
    )
    missing = "Node.js" if node is None else runtime.problem
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the runner in Pyodide: {missing}")
        pytest.skip(f"running the runner in Pyodide needs {missing}")
    interpreter = ROOT / browser_runtime_files.PYODIDE_PACKAGE
    wheels = [str(path) for name, path in runtime.files.items() if name.endswith(".whl")]

    def ran(steps: Path) -> dict:
        command = [node, IN_PYODIDE, interpreter, RUNNER_FILE, steps, *wheels]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout.splitlines()[-1])

    return ran


def test_the_runner_answers_in_pyodide_as_it_does_here(in_pyodide, tmp_path: Path) -> None:
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps(_steps()))
    there = in_pyodide(steps)
    here = [
        runner.load(step["source"], step["filename"])
        if step["kind"] == "run"
        else send(step["method"], step["path"], step["body"])
        for step in _steps()
    ]
    assert there["answers"] == here
    assert there["answers"][-1]["reason"] == UNPROCESSABLE_CONTENT
    # What the worker's snapshot holds is all the standard library FastAPI needs.
    assert there["imported"] == [], "add them to runner.STANDARD_LIBRARY"
