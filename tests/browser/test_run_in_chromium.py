"""Lesson 3's FastAPI samples run in the reader's browser (assets/javascripts/run-*.js), in
Chromium with every request to another origin blocked and recorded: each sample answers as
it does under CPython with the installed FastAPI (in_browser/runner.py, read once per
request), edits run, mistakes are shown, a run-away app is stopped, checked exercises are
checked, by keyboard alone, axe-clean in both schemes at a phone's and a desktop's width, and
nothing of the runtime is fetched before the reader shows intent.

Pyodide's start costs seconds of CPU: the tests share one page, and its worker, in order."""

from __future__ import annotations

import asyncio
import concurrent.futures
import importlib.util
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from course import browser_runtime_files as runtime_files
from course import reader_words
from helpers import FIXTURES, ROOT, add_fixture, fixture_project
from served import Served, built_and_served, pdf_text

pytestmark = pytest.mark.browser

LESSON = "introduction/your-first-fastapi-app/"
WORDS = reader_words.for_language("en")
EDITS = FIXTURES / "run"
# Pyodide's first start in a busy machine's Chromium; later answers take a fraction of it.
START_MS = 90_000
# The requests lesson 3's text sends to its samples, beyond each route's own example.
LESSON_REQUESTS = {
    "parameters.py": [
        ("GET", "/items/42?q=pen", None),
        ("GET", "/items/42?limit=5", None),
        ("GET", "/items/abc", None),
    ],
    "request_model.py": [("POST", "/items", '{"name": "", "price": -1}')],
    "async_endpoint.py": [("GET", "/convert/10?currency=GBP", None)],
}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
RUNTIME = "/assets/runtime/"


def run_files(requested: list[str]) -> list[str]:
    """What of the runtime and the panel a page asked for: all but the loader every page has."""
    return [
        url
        for url in requested
        if RUNTIME in url or re.search(r"/javascripts/run-(?!button\.js)", url)
    ]


def guarded_context(browser, outside: list[str], requested: list[str], **options):
    """A browser context whose requests to another origin are aborted and recorded."""
    context = browser.new_context(**options)

    def route(route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            requested.append(route.request.url)
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context


# What CPython with the installed FastAPI answers: what the page must show. The runner is
# loaded by its path, as the site serves it: in_browser/ is no package.
_spec = importlib.util.spec_from_file_location("runner", ROOT / runtime_files.RUNNER)
runner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(runner)


@pytest.fixture(scope="module")
def cpython() -> None:
    runner.prepare()


def awaited(coroutine):
    """Its result, awaited in a thread of its own: Playwright's loop runs in this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def expected_routes(source: str, filename: str) -> list[dict]:
    loaded = runner.load(source, filename)
    assert loaded["ok"], loaded
    return loaded["routes"]


def expected_response(source: str, filename: str, method: str, path: str, body: str | None):
    assert runner.load(source, filename)["ok"]
    answer = awaited(runner.request(method, path, body))
    return {
        "status": f"{answer['status']} {answer['reason']}",
        "headers": [list(header) for header in answer["headers"]],
        "body": answer["body"],
    }


# The page, shared.


@pytest.fixture(scope="module")
def served(course_server: Served) -> Served:
    return course_server


@pytest.fixture(scope="module")
def outside() -> list[str]:
    return []


@pytest.fixture(scope="module")
def page(browser, served: Served, outside: list[str]) -> Iterator[object]:
    """Lesson 3, reached by instant navigation from the home page, at a desktop's width."""
    requested: list[str] = []
    context = guarded_context(browser, outside, requested, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url, wait_until="networkidle")
    page.evaluate("window.sameDocument = true")
    page.locator(f'article a[href$="{LESSON}"]').first.click()
    page.wait_for_url(served.url + LESSON)
    assert page.evaluate("window.sameDocument") is True
    page.locator("[data-course-run] + .course-run-bar").first.wait_for()
    page.requested = requested
    yield page
    context.close()
    assert errors == []
    assert outside == []


def shown_samples(page, within: str = "article") -> list:
    """The runnable samples the page shows (not those of a closed answer, nor print's)."""
    return [
        block for block in page.locator(f"{within} [data-course-run]").all() if block.is_visible()
    ]


def sample(block):
    """A runnable block's Run button and its panel, which come right after it."""
    button = block.locator("xpath=following-sibling::*[1]").get_by_role("button")
    return button, block.locator("xpath=following-sibling::*[2][self::section]")


def source_of(served: Served, block) -> str:
    return (served.site_dir / block.get_attribute("data-course-run")).read_text()


def output_of(panel, words: reader_words.Words = WORDS):
    named = re.compile("^" + re.escape(words.text("run.response")))
    return panel.get_by_role("region", name=named)


def shown(panel) -> dict:
    """The response the panel displays."""
    output = output_of(panel)
    assert output.is_visible()
    headers = output.locator(".course-run__headers > div").all()
    return {
        "status": output.locator(".course-run__status-line").inner_text(),
        "headers": [
            [header.locator("dt").text_content(), header.locator("dd").text_content()]
            for header in headers
        ],
        "body": output.locator("pre").text_content(),
    }


def answered(panel, act: Callable[[], None], timeout: float = START_MS) -> dict:
    """What the panel shows once `act` has put something new in its output."""
    page = panel.page
    previous = page.evaluate_handle(
        "panel => panel?.querySelector('.course-run__output')?.firstElementChild ?? null",
        panel.element_handle() if panel.count() else None,
    )
    act()
    page.wait_for_function(
        """([panel, previous]) => {
          const first = panel.querySelector(".course-run__output").firstElementChild
          return first && first !== previous
        }""",
        arg=[panel.element_handle(timeout=timeout), previous],
        timeout=timeout,
    )
    return shown(panel)


def send(panel, method: str, path: str, body: str | None) -> dict:
    def act() -> None:
        panel.get_by_label(WORDS.text("run.method"), exact=True).select_option(method)
        panel.get_by_label(WORDS.text("run.path"), exact=True).fill(path)
        if body is not None:
            panel.get_by_label(WORDS.text("run.body"), exact=True).fill(body)
        panel.get_by_role("button", name=WORDS.text("run.send"), exact=True).click()

    return answered(panel, act)


def code_of(panel):
    return panel.get_by_label(WORDS.text("run.code"), exact=True)


def axe_violations(page, context: str | None = None) -> list:
    page.wait_for_timeout(300)  # Material's buttons fade to their focus colours
    violations = Axe().run(page, context=context).response["violations"]
    return [(violation["id"], violation["nodes"][0]["target"]) for violation in violations]


def wait_for_request(page, requested: list[str], pattern: str) -> None:
    for _ in range(100):
        if any(re.search(pattern, url) for url in requested):
            return
        page.wait_for_timeout(100)
    pytest.fail(f"never requested: {pattern}")


def test_nothing_of_the_runtime_loads_before_the_reader_shows_intent(browser, served) -> None:
    outside: list[str] = []
    requested: list[str] = []
    context = guarded_context(browser, outside, requested)
    page = context.new_page()
    page.goto(served.url + LESSON, wait_until="networkidle")
    blocks = shown_samples(page)
    assert len(blocks) >= 4
    for block in blocks:
        button, _ = sample(block)
        assert button.is_visible()
        name = block.get_attribute("data-course-run-name")
        assert button.inner_text() == WORDS.text("run.open", name=name)
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(500)
    assert run_files(requested) == []
    loader = next(url for url in requested if url.endswith("/run-button.js"))
    assert len(page.request.get(loader).body()) < 4_000  # what every page loads stays small

    # The pointer on Run is intent: the worker starts, and Python with it, from the site.
    button, _ = sample(blocks[0])
    button.hover()
    wait_for_request(page, requested, r"/assets/runtime/pyodide/pyodide\.mjs$")
    assert outside == []
    context.close()


@pytest.mark.parametrize("missing", ["javascript", "WebAssembly", "Worker"])
def test_without_what_runs_python_there_is_no_run_button(browser, served, missing: str) -> None:
    context = browser.new_context(java_script_enabled=missing != "javascript")
    page = context.new_page()
    if missing != "javascript":
        page.add_init_script(f"delete window.{missing}")
    page.goto(served.url + LESSON, wait_until="networkidle")
    assert page.locator("[data-course-run]").count() >= 4
    assert page.locator(".course-run-bar").count() == 0
    context.close()


def test_each_sample_of_the_lesson_answers_as_under_cpython(page, served, cpython) -> None:
    # The lesson's own, outside its checked exercises.
    blocks = [
        block
        for block in shown_samples(page)
        if block.evaluate("block => !block.closest('[data-course-check]')")
    ]
    assert len(blocks) >= 4
    loading = {
        WORDS.text("run.loading", step=WORDS.text(f"run.step_{step}"), number=number, steps=3)
        for number, step in enumerate(("runtime", "packages", "fastapi"), start=1)
    }
    for index, block in enumerate(blocks):
        name = block.get_attribute("data-course-run-name")
        source = source_of(served, block)
        routes = expected_routes(source, name)
        button, panel = sample(block)

        def open_panel(button=button, panel=panel, cold=index == 0) -> None:
            button.click()
            if cold:  # Python loads, and says so
                panel.locator("progress").wait_for(state="visible")
                assert panel.get_by_role("status").first.text_content() in loading

        start = routes[0]
        response = answered(panel, open_panel)
        assert response == expected_response(
            source, name, start["method"], start["example_path"], start["example_body"]
        ), name
        assert panel.locator("progress").is_hidden()
        if index == 0:
            assert axe_violations(page, ".course-run") == []
        for route in routes:
            assert answered(panel, pick_and_send(panel, route)) == expected_response(
                source, name, route["method"], route["example_path"], route["example_body"]
            ), route
        for method, path, body in LESSON_REQUESTS.get(name, []):
            assert send(panel, method, path, body) == expected_response(
                source, name, method, path, body
            ), (name, path)


def pick_and_send(panel, route: dict) -> Callable[[], None]:
    """Picks `route` among the app's routes, then sends what it filled in."""

    def act() -> None:
        picks = panel.get_by_role("group", name=WORDS.text("run.routes"))
        picks.get_by_role("button", name=f"{route['method']} {route['path']}", exact=True).click()
        panel.get_by_role("button", name=WORDS.text("run.send")).click()

    return act


def parameters(page, served: Served):
    block = page.locator('article [data-course-run-name="parameters.py"]').first
    _, panel = sample(block)
    return source_of(served, block), panel


def parameters_edited(page, served: Served, edit: str):
    """The lesson's parameters.py with `tests/fixtures/run/<edit>` appended, run again in its
    panel: the sample's source, the edited source and the panel."""
    source, panel = parameters(page, served)
    edited = source + (EDITS / edit).read_text()
    run_again(panel, edited)
    return source, edited, panel


def run_again(panel, source: str) -> dict:
    def act() -> None:
        code_of(panel).fill(source)
        panel.get_by_role("button", name=WORDS.text("run.again")).click()

    return answered(panel, act)


def test_an_edit_runs_a_def_endpoint_and_a_wrong_type_gets_422(page, served, cpython) -> None:
    source, edited, panel = parameters_edited(page, served, "def_endpoint.py")
    added = [
        route
        for route in expected_routes(edited, "parameters.py")
        if route not in expected_routes(source, "parameters.py")
    ]
    assert len(added) == 1
    picks = panel.get_by_role("group", name=WORDS.text("run.routes"))
    assert picks.get_by_role("button", name=f"GET {added[0]['path']}").is_visible()
    assert send(panel, "GET", added[0]["example_path"], None) == expected_response(
        edited, "parameters.py", "GET", added[0]["example_path"], None
    )
    wrong = send(panel, "GET", "/items/42?limit=five", None)
    assert wrong == expected_response(edited, "parameters.py", "GET", "/items/42?limit=five", None)
    assert wrong["status"] == "422 Unprocessable Content"  # RFC 9110's words, as the lessons teach


def test_an_exception_is_a_500_with_its_traceback_and_the_app_answers_on(
    page, served, cpython
) -> None:
    _, edited, panel = parameters_edited(page, served, "raising_endpoint.py")
    error = send(panel, "GET", "/ratio/0", None)
    expected = expected_response(edited, "parameters.py", "GET", "/ratio/0", None)
    assert error["status"] == expected["status"] == "500 Internal Server Error"
    # Python 3.14 may mark the failing expression under a quoted line where this Python does
    # not: the lines quoted and the exception are the same.
    assert [line for line in error["body"].splitlines() if set(line.strip()) != {"^"}] == [
        line for line in expected["body"].splitlines() if set(line.strip()) != {"^"}
    ]
    assert 'File "parameters.py"' in error["body"]
    assert send(panel, "GET", "/ratio/4", None) == expected_response(
        edited, "parameters.py", "GET", "/ratio/4", None
    )


def test_python_in_the_page_cannot_reach_another_site(page, served, cpython) -> None:
    _, _, panel = parameters_edited(page, served, "reaching_out.py")
    refused = send(panel, "GET", "/elsewhere", None)
    assert refused["status"] == "500 Internal Server Error"
    assert "https://example.org/collect?from=course: not on this site" in refused["body"]
    # Refused in the worker: the browser was never asked (the page fixture checks `outside`).
    assert not [url for url in page.requested if "example.org" in url]


def test_a_syntax_error_names_its_line(page, served, cpython) -> None:
    _, edited, panel = parameters_edited(page, served, "syntax_error.py")
    loaded = runner.load(edited, "parameters.py")
    assert not loaded["ok"] and loaded["line"]
    output = output_of(panel)
    assert output.get_by_text(WORDS.text("run.code_error")).is_visible()
    assert f"line {loaded['line']}" in output.locator("pre").text_content()


def test_a_run_away_app_is_stopped_and_the_next_request_starts_python_again(
    page, served, cpython
) -> None:
    source, edited, panel = parameters_edited(page, served, "endless_endpoint.py")
    panel.get_by_label(WORDS.text("run.path"), exact=True).fill("/forever")
    panel.get_by_role("button", name=WORDS.text("run.send")).click()
    stop = panel.get_by_role("button", name=WORDS.text("run.stop"))
    stop.wait_for()
    page.wait_for_timeout(500)
    # The page is not frozen: its own scripts answer while Python loops.
    assert page.evaluate("new Promise(done => setTimeout(() => done(true), 10))") is True
    assert stop.is_visible()
    stop.click()
    assert panel.get_by_role("status").first.text_content() == WORDS.text("run.stopped")
    assert stop.is_hidden()
    # No earlier response stays, as if it were the answer to what was stopped.
    assert output_of(panel).locator(".course-run__status-line").count() == 0
    assert answered(panel, lambda: send_only(panel, "/items/42")) == expected_response(
        edited, "parameters.py", "GET", "/items/42", None
    )

    # Reset puts the sample back, and runs it.
    start = expected_routes(source, "parameters.py")[0]
    reset = panel.get_by_role("button", name=WORDS.text("run.reset"))
    assert answered(panel, reset.click) == expected_response(
        source, "parameters.py", start["method"], start["example_path"], None
    )
    assert code_of(panel).input_value() == source


def send_only(panel, path: str) -> None:
    panel.get_by_label(WORDS.text("run.path"), exact=True).fill(path)
    panel.get_by_role("button", name=WORDS.text("run.send")).click()


def focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, presses: int = 200, key: str = "Tab") -> None:
    for _ in range(presses):
        page.keyboard.press(key)
        if focused(locator):
            return
    pytest.fail(f"{key} never reached {locator}")


def test_everything_by_keyboard_alone(page, served, cpython) -> None:
    block = page.locator('article [data-course-run-name="main.py"]').first
    source = source_of(served, block)
    button, panel = sample(block)
    page.locator("article h1").first.evaluate("heading => heading.scrollIntoView()")
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement?.blur()")
    tab_to(page, button)
    start = expected_routes(source, "main.py")[0]
    assert answered(panel, lambda: page.keyboard.press("Enter")) == expected_response(
        source, "main.py", start["method"], start["example_path"], None
    )
    assert focused(button)
    page.keyboard.press("Tab")
    assert focused(panel.get_by_role("button", name=WORDS.text("run.close")))

    # In the code, Tab indents and Shift+Tab dedents; Escape, then Tab, leaves it.
    code = code_of(panel)
    page.keyboard.press("Tab")
    assert focused(code)
    page.keyboard.press("Control+Home")
    page.keyboard.press("Tab")
    assert code.input_value() == "    " + source
    page.keyboard.press("Shift+Tab")
    assert code.input_value() == source
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert focused(panel.get_by_role("button", name=WORDS.text("run.again")))
    assert code.input_value() == source

    # A route picked, a path typed, and Enter sends it.
    tab_to(page, panel.get_by_role("button", name=f"{start['method']} {start['path']}"), 10)
    page.keyboard.press("Enter")
    path = panel.get_by_label(WORDS.text("run.path"), exact=True)
    tab_to(page, path, 3)
    page.keyboard.press("Control+A")
    page.keyboard.type("/missing")
    assert answered(panel, lambda: page.keyboard.press("Enter")) == expected_response(
        source, "main.py", "GET", "/missing", None
    )

    # Close gives the focus back to Run, which opens the panel again.
    tab_to(page, panel.get_by_role("button", name=WORDS.text("run.again")), 10, "Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(code)
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Tab")
    assert focused(panel.get_by_role("button", name=WORDS.text("run.close")))
    assert code.input_value() == source
    page.keyboard.press("Enter")
    assert panel.is_hidden() and focused(button)
    assert answered(panel, lambda: page.keyboard.press("Enter")) == expected_response(
        source, "main.py", "GET", "/missing", None
    )


def test_a_checked_exercise_passes_with_its_model_answer_and_fails_with_its_starter(
    page, served, cpython
) -> None:
    exercises = page.locator(".course-exercise[data-course-check]")
    assert exercises.count() >= 2
    page.evaluate(
        """() => {
          window.checked = []
          document.addEventListener("course:exercise-checked", e => window.checked.push(e.detail))
        }"""
    )
    for exercise in exercises.all():
        check = (served.site_dir / exercise.get_attribute("data-course-check")).read_text()
        starter = exercise.locator("[data-course-run]:not(details *)").first
        assert starter.is_visible()
        name = starter.get_attribute("data-course-run-name")
        model = exercise.locator("details [data-course-run]").first
        button, panel = sample(starter)
        answered(panel, button.click)
        results = panel.locator(".course-run__results")
        for source, passes in (
            (source_of(served, starter), False),
            (source_of(served, model), True),
        ):
            expected = awaited(runner.check(source, name, check))
            assert expected["error"] is None
            assert all(result["passed"] for result in expected["results"]) is passes
            code_of(panel).fill(source)
            count = page.evaluate("window.checked.length")
            panel.get_by_role("button", name=WORDS.text("run.check")).click()
            page.wait_for_function("count => window.checked.length > count", arg=count)
            assert results.locator("li").all_inner_texts() == [
                WORDS.text(
                    "run.passed" if result["passed"] else "run.not_passed", words=result["words"]
                )
                for result in expected["results"]
            ]
            passed = sum(result["passed"] for result in expected["results"])
            summary = WORDS.text("run.checked", passed=passed, total=len(expected["results"]))
            assert results.get_by_text(summary).is_visible()
            # Announced to the exercise, whose result progress.js keeps.
            assert page.evaluate("window.checked.at(-1)") == {
                "id": exercise.get_attribute("data-course-exercise"),
                "passed": passes,
                "saved": True,
            }
            assert axe_violations(page, ".course-run") == []
        # Code that makes no app is told so, and fails the exercise.
        no_app = "from fastapi import FastAPI\n"
        assert awaited(runner.check(no_app, name, check))["problem"] == "no_app"
        code_of(panel).fill(no_app)
        count = page.evaluate("window.checked.length")
        panel.get_by_role("button", name=WORDS.text("run.check")).click()
        page.wait_for_function("count => window.checked.length > count", arg=count)
        assert results.get_by_text(WORDS.text("run.no_app")).is_visible()
        assert page.evaluate("window.checked.at(-1).passed") is False


def open_panels(page):
    """Every sample's panel of the lesson, opened (the tests before opened most of them)."""
    for block in shown_samples(page):
        button, panel = sample(block)
        if not panel.is_visible():
            answered(panel, button.click)
    return page.locator(".course-run:visible")


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_with_the_panels_open_in_both_schemes(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    panels = open_panels(page)
    assert panels.count() >= 4
    for scheme in ("slate", "default"):
        if page.locator("body").get_attribute("data-md-color-scheme") != scheme:
            page.locator("form[data-md-component=palette] label:visible").first.click()
        assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
        assert axe_violations(page) == [], scheme
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, scheme
        for panel in panels.all():
            box = panel.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= client, scheme


def test_print_shows_neither_the_buttons_nor_the_panels(page) -> None:
    assert open_panels(page).count() >= 4
    text = " ".join(pdf_text(page.pdf(format="A4")).split())
    assert "app = FastAPI()" in text  # the samples are printed, as they are
    for said in ("run.code_help", "run.body_help", "run.again"):
        assert WORDS.text(said) not in text
    assert WORDS.text("run.panel", name="parameters.py") not in text
    page.emulate_media(media="print")
    try:
        assert page.locator(".course-run-bar, .course-run").filter(visible=True).count() == 0
    finally:
        page.emulate_media(media="no-override")
    # And the worker's requests, which went through the same guard as the page's, were the
    # site's own: the wasm among them.
    assert any(url.endswith("/assets/runtime/pyodide/pyodide.asm.wasm") for url in page.requested)


def test_a_spanish_course_s_panel_speaks_spanish(browser, tmp_path) -> None:
    project = fixture_project(tmp_path / "project", FIXTURES / "course-es")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: es", 1))
    add_fixture(project, "run/spanish-lesson.md", "01-fundamentos/03-ejecutar.md")
    spanish = reader_words.for_language("es")
    loading = {
        spanish.text("run.loading", step=spanish.text(f"run.step_{step}"), number=number, steps=3)
        for number, step in enumerate(("runtime", "packages", "fastapi"), start=1)
    }
    outside: list[str] = []
    with built_and_served(project) as url:
        context = guarded_context(browser, outside, [])
        page = context.new_page()
        page.goto(url + "fundamentos/ejecutar/", wait_until="networkidle")
        page.get_by_role("button", name=spanish.text("run.open", name="saludo.py")).click()
        panel = page.get_by_role("region", name=spanish.text("run.panel", name="saludo.py"))
        panel.locator("progress").wait_for()
        assert panel.get_by_role("status").first.text_content() in loading
        for label in ("run.code", "run.method", "run.path"):
            assert panel.get_by_label(spanish.text(label), exact=True).is_visible()
        for name in ("run.close", "run.again", "run.reset", "run.send"):
            assert panel.get_by_role("button", name=spanish.text(name), exact=True).is_visible()
        assert panel.get_by_text(spanish.text("run.code_help")).is_visible()
        assert output_of(panel, spanish).count() == 1
        context.close()
    assert outside == []
