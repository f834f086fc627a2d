"""axe-core on every page type of the real course, at a phone's width and a desktop's, in
light and dark, in each state a reader brings a page to: settled, scrolled through with
every diagram drawn, a quiz answered and tried again, an exercise opened and a diagram
full screen, all by keyboard; and on the print page as the course PDF is printed from it.

Each width, scheme and page type is walked once through its states, in a fresh browser
context (no progress carried over); each state is a test of its own, named
width-scheme-page-state. Axe runs every rule it has but those left out below, with why.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from course import reader_words
from course.print_assembly import PRINT_PAGE
from helpers import load_course, real_project
from print_page import PRINT_VARIABLE
from served import ALL_DRAWN, DRAW_AT_ONCE, Served, built_and_served

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

WORDS = reader_words.for_language("en")
AXE_SCRIPT = Axe().axe_script  # the axe-core that axe-playwright-python bundles

# Rules axe has but does not run here, by tag, each with why. Every other rule runs, also
# those axe leaves off by default (WCAG 2.2's target-size, the experimental rules).
LEFT_OUT = {
    "deprecated": "axe keeps them for old set-ups only; duplicate-id's criterion, 4.1.1, "
    "is obsolete since WCAG 2.2, and the others have successors that run",
    "wcag2aaa": "the course promises WCAG AA (MAINTAINING.md, Accessibility), not AAA",
}

# Runs the rules that are not left out; returns what axe has, what ran and what failed.
AUDIT = """async leftOut => {
    const all = axe.getRules()
    const rules = all.filter(rule => !rule.tags.some(tag => leftOut.includes(tag)))
    const results = await axe.run(document, {
        runOnly: { type: "rule", values: rules.map(rule => rule.ruleId) },
        resultTypes: ["violations"],
    })
    return {
        all: all.map(rule => ({ id: rule.ruleId, tags: rule.tags })),
        ran: [results.violations, results.passes, results.incomplete, results.inapplicable]
            .flat().map(result => result.id),
        violations: results.violations.flatMap(violation => violation.nodes.map(node => ({
            rule: violation.id,
            impact: violation.impact,
            target: node.target.join(" "),
            why: (node.failureSummary || "").split("\\n").slice(1).join(" ").trim(),
        }))),
    }
}"""

# Resolves once nothing in the page has changed for `quiet` ms and no transition or finite
# animation is running (Material's buttons fade to their focus colours); fails after `limit`.
SETTLED = """async ([quiet, limit]) => {
    await document.fonts.ready
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve))
    let changed = performance.now()
    const observer = new MutationObserver(() => { changed = performance.now() })
    observer.observe(document, { subtree: true, childList: true, attributes: true,
                                 characterData: true })
    const moving = () => document.getAnimations().some(animation =>
        animation.playState === "running"
        && animation.effect?.getComputedTiming().endTime !== Infinity)
    const start = performance.now()
    while (performance.now() - changed < quiet || moving()) {
        if (performance.now() - start > limit) {
            observer.disconnect()
            throw new Error("the page never settled")
        }
        await frame()
    }
    observer.disconnect()
}"""
QUIET_MS = 250
WAIT_MS = 15_000  # for anything a state waits for: far more than it takes on a busy machine

# Scrolls from the top to the bottom a little less than a screen at a time, two frames at
# each stop so that the diagrams' IntersectionObserver sees each part; the page may grow.
SCROLL_THROUGH = """async () => {
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve))
    const page = document.scrollingElement
    window.scrollTo({ top: 0, behavior: "instant" })
    while (true) {
        await frame()
        await frame()
        if (window.scrollY + window.innerHeight >= page.scrollHeight - 1) return
        window.scrollTo({ top: window.scrollY + window.innerHeight * 0.8, behavior: "instant" })
    }
}"""

# The diagrams away from the viewport are drawn a few seconds after load
# (assets/javascripts/diagrams.js): held back here, so that they are drawn by scrolling,
# as a reader draws them, and never while axe is reading the page.
HOLD_BACK_UNSEEN_DIAGRAMS = "window.courseDiagramSettleMs = 3600000"

WIDTHS = {390: 844, 1280: 800}  # viewport width: height
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme: Material's scheme
MISSING = "no/such/page/"  # under a module: a wrong address deeper than any page


@dataclass(frozen=True)
class CoursePages:
    """The real course, served, and the address of each page type in it."""

    served: Served
    paths: dict[str, str]


def violations(page: Page) -> list[str]:
    """What axe finds on `page` as it is now, one line per element and rule."""
    if not page.evaluate("'axe' in window"):  # once a document: the states share the page
        page.evaluate(AXE_SCRIPT)
    report = page.evaluate(AUDIT, list(LEFT_OUT))
    left_out = {rule["id"] for rule in report["all"] if set(rule["tags"]) & set(LEFT_OUT)}
    not_run = {rule["id"] for rule in report["all"]} - left_out - set(report["ran"])
    assert not_run == set(), "axe left out rules that LEFT_OUT gives no reason for"
    return [
        f"{found['rule']} ({found['impact']}) at {found['target']}: {found['why']}"
        for found in report["violations"]
    ]


def settle(page: Page) -> None:
    page.evaluate(SETTLED, [QUIET_MS, WAIT_MS])


def scroll_through(page: Page) -> None:
    page.evaluate(SCROLL_THROUGH)
    page.wait_for_function(ALL_DRAWN, timeout=WAIT_MS)
    settle(page)


def reach(page: Page, target: Locator, key: str = "Tab", presses: int = 400) -> None:
    """Press Tab (or `key`) until `target` has the focus, as a keyboard user reaches it."""
    for _ in range(presses):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {target}")


def quizzes_to_answer(page: Page) -> list[Locator]:
    """The lesson's first quiz of each kind (single and multiple choice), in page order."""
    quizzes = page.locator("article .course-quiz")
    kinds = quizzes.evaluate_all("quizzes => quizzes.map(quiz => quiz.dataset.courseKind)")
    assert kinds, "the lesson has no quiz"
    return [quizzes.nth(index) for index in sorted({kinds.index(kind) for kind in kinds})]


def settled(page: Page) -> None:
    settle(page)


def quiz_answered(page: Page) -> None:
    """Each quiz answered by keyboard alone: Tab to an option, Space, Tab to Check, Enter."""
    for quiz in quizzes_to_answer(page):
        reach(page, quiz.locator("input").first)
        page.keyboard.press("Space")
        reach(page, quiz.get_by_role("button", name=WORDS.text("quiz.check")))
        page.keyboard.press("Enter")
        quiz.get_by_role("button", name=WORDS.text("quiz.try_again")).wait_for(timeout=WAIT_MS)
    settle(page)


def quiz_tried_again(page: Page) -> None:
    """Try again, by keyboard, on the quiz answered last."""
    again = quizzes_to_answer(page)[-1].get_by_role("button", name=WORDS.text("quiz.try_again"))
    reach(page, again)
    page.keyboard.press("Enter")
    again.wait_for(state="hidden", timeout=WAIT_MS)
    settle(page)


def exercise_opened(page: Page) -> None:
    """The first exercise opened by keyboard: Tab to its summary, Enter."""
    exercise = page.locator("article .course-exercise details").first
    reach(page, exercise.locator("summary"))
    page.keyboard.press("Enter")
    page.wait_for_function(
        "details => details.open", arg=exercise.element_handle(), timeout=WAIT_MS
    )
    settle(page)


def full_screen(page: Page) -> None:
    """The first diagram full screen, opened by keyboard: back up to its button, Enter."""
    reach(page, page.get_by_role("button", name=WORDS.text("diagram.open")).first, "Shift+Tab")
    page.keyboard.press("Enter")
    page.get_by_role("dialog").locator("svg[aria-roledescription]").wait_for(timeout=WAIT_MS)
    settle(page)


# What brings a page to each state from the one before, in the order a reader goes.
STATES: dict[str, Callable[[Page], None]] = {
    "settled": settled,
    "scrolled": scroll_through,
    "quiz-answered": quiz_answered,
    "quiz-tried-again": quiz_tried_again,
    "exercise-opened": exercise_opened,
    "full-screen": full_screen,
}
PAGE_STATES = {
    "home": ["settled", "scrolled"],
    "module": ["settled", "scrolled"],
    "lesson": list(STATES),  # a lesson with a diagram, a table, quizzes and exercises
    "lesson-with-code": ["settled", "scrolled"],  # the lesson with the most code blocks
    "404": ["settled", "scrolled"],
}
CASES = [
    pytest.param(width, scheme, page_type, state, id=f"{width}px-{scheme}-{page_type}-{state}")
    for width in WIDTHS
    for scheme in SCHEMES
    for page_type, states in PAGE_STATES.items()
    for state in states
]


@pytest.fixture(scope="module")
def course_pages(course_server: Served) -> CoursePages:
    """Each page type's address in the real course, found by what the pages hold."""
    course = load_course(course_server.site_dir.parent)

    def article(url: str) -> BeautifulSoup:
        html = (course_server.site_dir / url / "index.html").read_text()
        return BeautifulSoup(html, "html.parser").article

    lessons = {lesson.url: article(lesson.url) for lesson in course.lessons}
    everything = ".course-diagram", "table", ".course-quiz", ".course-exercise"
    complete = [url for url, body in lessons.items() if all(body.select(s) for s in everything)]
    assert complete, f"no lesson of the course has all of {everything}"
    module = course.modules[0].url
    return CoursePages(
        course_server,
        {
            "home": course.home.url,
            "module": module,
            "lesson": complete[0],
            "lesson-with-code": max(
                lessons, key=lambda url: len(lessons[url].select(".highlight"))
            ),
            "404": module + MISSING,
        },
    )


class Walks:
    """Each page type, at each width and in each scheme, taken once through its states in
    order, as a reader goes, in a fresh browser context: what axe found in each state and
    any script error since the state before."""

    def __init__(self, browser: Browser, pages: CoursePages) -> None:
        self.browser = browser
        self.pages = pages
        self.walked: dict[tuple[int, str, str], dict[str, list[str] | BaseException]] = {}

    def found(self, width: int, scheme: str, page_type: str, state: str) -> list[str]:
        key = (width, scheme, page_type)
        if key not in self.walked:
            self.walked[key] = self.walk(width, scheme, page_type)
        outcome = self.walked[key].get(state)
        if isinstance(outcome, BaseException):
            raise outcome
        if outcome is None:
            stopped = [at for at, why in self.walked[key].items() if isinstance(why, BaseException)]
            pytest.fail(f"not reached: the walk stopped at {stopped[0]}")
        return outcome

    def walk(self, width: int, scheme: str, page_type: str) -> dict[str, list[str] | BaseException]:
        outcomes: dict[str, list[str] | BaseException] = {}
        context = self.browser.new_context(
            viewport={"width": width, "height": WIDTHS[width]}, color_scheme=scheme
        )
        errors: list[str] = []
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
        page.add_init_script(HOLD_BACK_UNSEEN_DIAGRAMS)
        state = PAGE_STATES[page_type][0]
        try:
            page.goto(self.pages.served.url + self.pages.paths[page_type], wait_until="networkidle")
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
            for state in PAGE_STATES[page_type]:
                STATES[state](page)
                outcomes[state] = violations(page) + errors
                errors.clear()
        except Exception as error:  # the state it stopped at fails with it, the rest unreached
            outcomes[state] = error
        finally:
            context.close()
        return outcomes


@pytest.fixture(scope="module")
def walks(browser, course_pages: CoursePages) -> Walks:
    return Walks(browser, course_pages)


@pytest.mark.parametrize(("width", "scheme", "page_type", "state"), CASES)
def test_axe_finds_nothing(
    walks: Walks, width: int, scheme: str, page_type: str, state: str
) -> None:
    found = walks.found(width, scheme, page_type, state)
    assert found == [], "\n".join(found)


@pytest.fixture(scope="module")
def print_page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real course built with its print page, as `dev.py pdf` builds it, and served."""
    project = real_project(tmp_path_factory.mktemp("axe-print") / "project")
    with contextlib.ExitStack() as stack:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(PRINT_VARIABLE, "1")
            url = stack.enter_context(built_and_served(project))
        yield url + PRINT_PAGE


def test_axe_finds_nothing_on_the_print_page_as_the_pdf_is_printed(
    browser, print_page_url: str
) -> None:
    # As scripts/course_pdf.py prints it: light whatever the machine's scheme, every diagram
    # drawn, in print media. No reader opens it on screen, at any width.
    page = browser.new_page(color_scheme="light")
    page.add_init_script(DRAW_AT_ONCE)
    page.goto(print_page_url, wait_until="networkidle")
    page.wait_for_function(ALL_DRAWN, timeout=WAIT_MS)
    page.emulate_media(media="print")
    settle(page)
    found = violations(page)
    page.close()
    assert found == [], "\n".join(found)


def test_the_audit_reports_what_it_finds(browser, course_pages: CoursePages) -> None:
    page = browser.new_page()
    page.goto(course_pages.served.url + course_pages.paths["lesson"], wait_until="networkidle")
    page.evaluate(
        """() => {
        const image = Object.assign(document.createElement("img"), { id: "no-words" })
        image.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
        document.querySelector("article").append(image)
    }"""
    )
    found = violations(page)
    page.close()
    injected = [line.split(": ", 1)[0] for line in found if " at #no-words: " in line]
    assert injected == ["image-alt (critical) at #no-words"]


def test_every_rule_left_out_names_rules_axe_has_and_says_why(browser) -> None:
    page = browser.new_page()
    page.set_content("<html lang='en'><title>axe</title><main><h1>axe</h1></main></html>")
    page.evaluate(AXE_SCRIPT)
    tags = set(page.evaluate("axe.getRules().flatMap(rule => rule.tags)"))
    page.close()
    assert set(LEFT_OUT) <= tags
    assert all(reason.strip() for reason in LEFT_OUT.values())
