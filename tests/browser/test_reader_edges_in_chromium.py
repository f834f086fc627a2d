"""What a reader sees at the edges, in Chromium, read from computed style and layout: nothing
the course hides is displayed; regions that scroll are reached and named; focus and hover
meet WCAG AA in both schemes; diagrams after the 404 page, with line breaks, full screen on a
phone with touch; two tabs; a double click on Check; corrupt and full storage; a wide table
on paper; the 404 page's search field."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from helpers import ROOT, add_fixture, fixture_project
from served import ALL_DRAWN, DRAW_AT_ONCE, built_and_served, pdf_text

pytestmark = pytest.mark.browser

WORDS = yaml.safe_load((ROOT / "hooks/course/languages/en.yml").read_text(encoding="utf-8"))
QUIZ_LESSON = "next-steps/last-lesson/"
EDGES = "basics/reader-edges/"  # tests/fixtures/layouts/reader-edges
SINGLE = "Which lesson comes after the last lesson?"
WIDTHS = [390, 1280]
SCHEMES = ["light", "dark"]


@pytest.fixture(scope="module")
def edges_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture course with the reader-edges lesson, built and served for this module."""
    project = fixture_project(tmp_path_factory.mktemp("edges") / "project")
    add_fixture(project, "layouts/reader-edges", "")
    with built_and_served(project) as url:
        yield url


def open_page(browser, url: str, *, width: int = 1280, scheme: str = "light", **options):
    page = browser.new_page(
        viewport={"width": width, "height": 844}, color_scheme=scheme, **options
    )
    page.add_init_script(DRAW_AT_ONCE)
    page.goto(url, wait_until="networkidle")
    return page


def axe_violations(page) -> list[tuple[str, list]]:
    violations = Axe().run(page).response["violations"]
    return [(found["id"], [node["target"] for node in found["nodes"]]) for found in violations]


# WCAG's contrast of two computed colours, each laid over what is behind it; `behind` is the
# element whose background is behind the first colour. Colours are read as the browser
# computed them: rgb() or rgba().
CONTRAST = """([element, foreground, behindElement]) => {
    const parse = colour => {
        const parts = colour.match(/[\\d.]+/g).map(Number)
        return { rgb: parts.slice(0, 3), alpha: parts.length > 3 ? parts[3] : 1 }
    }
    const over = (top, bottom) => top.rgb.map((value, index) =>
        value * top.alpha + bottom[index] * (1 - top.alpha))
    const background = start => {
        const layers = []
        for (let node = start; node; node = node.parentElement) {
            const colour = parse(getComputedStyle(node).backgroundColor)
            if (colour.alpha > 0) layers.push(colour)
            if (colour.alpha === 1) break
        }
        return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255])
    }
    const luminance = rgb => {
        const [r, g, b] = rgb.map(value => {
            const channel = value / 255
            return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
        })
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const behind = background(behindElement || element)
    const front = over(parse(foreground), behind)
    const [light, dark] = [luminance(front), luminance(behind)].sort((a, b) => b - a)
    return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100
}"""

# What a focused element shows: its text's contrast with its background, and its ring's
# (outline) with what is behind the ring: the page around it, or the element itself when the
# ring is drawn inside.
FOCUS_LOOK = """element => {
    const style = getComputedStyle(element)
    return {
        visible: element.matches(":focus-visible"),
        ringStyle: style.outlineStyle,
        ringWidth: parseFloat(style.outlineWidth),
        ringColour: style.outlineColor,
        inside: parseFloat(style.outlineOffset) < 0,
        text: style.color,
    }
}"""


def contrast(page, element, foreground: str, behind=None) -> float:
    return page.evaluate(CONTRAST, [element.element_handle(), foreground, behind])


def ring_contrast(page, element) -> float:
    look = element.evaluate(FOCUS_LOOK)
    assert look["visible"] and look["ringStyle"] != "none" and look["ringWidth"] >= 2, look
    behind = None if look["inside"] else element.evaluate_handle("e => e.parentElement")
    return contrast(page, element, look["ringColour"], behind)


def keyboard_focus(element) -> None:
    """Focus as the keyboard does: after a key press, the element shows its focus
    (`:focus-visible`)."""
    element.page.keyboard.press("Shift")
    element.focus()


def without_transitions(page) -> None:
    """Material fades buttons between colours: read the colours they end at."""
    page.add_style_tag(content="*, *::before { transition: none !important; }")


def answer(page, quiz_name: str, option: int) -> None:
    quiz = page.get_by_role("group", name=quiz_name)
    quiz.get_by_role("radio").or_(quiz.get_by_role("checkbox")).nth(option).check()
    quiz.locator("xpath=ancestor::form").get_by_role("button", name="Check").click()


def displayed(locator) -> bool:
    """Laid out with a size, and not made invisible."""
    return locator.evaluate(
        "element => element.checkVisibility({ visibilityProperty: true }) "
        "&& element.getClientRects().length > 0"
    )


# -- item 1: nothing hidden is displayed ---------------------------------------------------

HIDDEN_BUT_DISPLAYED = """() => [...document.querySelectorAll("[hidden]")]
    .filter(element => element.closest('[class^="course-"], [class*=" course-"]'))
    .filter(element => element.checkVisibility() || element.getClientRects().length > 0)
    .map(element => element.className || element.tagName)"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_the_course_hides_is_displayed(browser, site_server, width, scheme) -> None:
    for path in ("", "basics/first-steps/", QUIZ_LESSON):
        page = open_page(browser, site_server + path, width=width, scheme=scheme)
        page.wait_for_function(ALL_DRAWN, timeout=20_000)
        assert page.evaluate(HIDDEN_BUT_DISPLAYED) == [], path
        page.close()
    page = open_page(browser, site_server + QUIZ_LESSON, width=width, scheme=scheme)
    show_answer = page.get_by_text(WORDS["quiz"]["show_answer"])
    assert show_answer.count() == 2 and not any(displayed(s) for s in show_answer.all())
    answer(page, SINGLE, 0)
    assert page.evaluate(HIDDEN_BUT_DISPLAYED) == []
    assert not any(displayed(s) for s in show_answer.all())
    form = page.locator(".course-quiz__form").first
    assert displayed(form.get_by_text("The last lesson closes the course."))
    assert not displayed(form.get_by_role("button", name="Check", include_hidden=True))
    page.close()


def test_without_javascript_the_answer_waits_behind_its_summary(browser, site_server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + QUIZ_LESSON)
    quiz = page.locator(".course-quiz").first
    assert displayed(quiz.locator(".course-quiz__question"))
    assert displayed(quiz.locator(".course-quiz__options"))
    summary = quiz.get_by_text(WORDS["quiz"]["show_answer"])
    assert displayed(summary)
    explanation = quiz.get_by_text("The last lesson closes the course.")
    assert not displayed(explanation)
    summary.click()
    assert displayed(explanation)
    assert not displayed(page.locator(".course-complete"))
    page.goto(site_server + "basics/first-steps/")
    assert displayed(page.locator(".course-diagram__text"))
    context.close()


# -- item 2: regions that scroll -------------------------------------------------------------

SCROLLERS = """() => [...document.querySelectorAll("article *")].filter(element => {
    const style = getComputedStyle(element)
    const across = ["auto", "scroll"].includes(style.overflowX)
        && element.scrollWidth > element.clientWidth
    const down = ["auto", "scroll"].includes(style.overflowY)
        && element.scrollHeight > element.clientHeight
    return across || down
}).length"""


def tab_until(page, predicate: str, presses: int = 200) -> bool:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_region_that_scrolls_is_reached_named_and_scrolled_by_keyboard(
    browser, edges_server, scheme
) -> None:
    page = open_page(browser, edges_server, width=390, scheme=scheme)
    # Reached by instant navigation, where Material wraps the tables after the page changes.
    page.evaluate("window.sameDocument = true")
    page.locator(".course-outline a", has_text="Reader Edges").click()
    page.wait_for_url(edges_server + EDGES)
    # The address changes before the lesson replaces the page it came from, which has no
    # diagram to wait for: wait for the lesson's own.
    page.locator("article .course-diagram div.mermaid").first.wait_for(state="attached")
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    assert page.evaluate("window.sameDocument") is True
    # The table of twenty columns and the diagram of five steps, once laid out.
    page.wait_for_function(f"() => ({SCROLLERS})() === 2", timeout=10_000)
    scrolling = page.evaluate(SCROLLERS)
    # The regions shown: the full-screen view's stage is one too, in its closed dialog.
    regions = page.locator("article [role=region]:visible")
    assert regions.count() == scrolling
    names = {"Table 1. Twenty columns of the phonetic alphabet", "A response on two lines"}
    assert {page.get_by_role("region", name=name).count() for name in names} == {1}
    reached = set()
    for _ in names:
        assert tab_until(page, "() => document.activeElement.getAttribute('role') === 'region'")
        focused = page.locator(":focus")
        reached.add(re.match(r'- region "(.*)"', focused.aria_snapshot())[1])
        assert ring_contrast(page, focused) >= 3
        before = focused.evaluate("element => element.scrollLeft")
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "before => document.activeElement.scrollLeft > before", arg=before, timeout=2_000
        )
    assert reached == names
    assert axe_violations(page) == []
    # A frame that stops scrolling no longer takes the focus: lesson 1's table on a phone,
    # then on a wider screen.
    page.goto(edges_server + "basics/first-steps/", wait_until="networkidle")
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    assert page.evaluate(SCROLLERS) == page.locator("article [role=region]:visible").count() == 1
    page.set_viewport_size({"width": 1280, "height": 844})
    page.locator("article [role=region]:visible").wait_for(state="detached")
    assert page.evaluate(SCROLLERS) == 0
    page.close()


# -- every focus stop is displayed -----------------------------------------------------------

# Each kind of page of the fixture course.
PAGE_KINDS = {
    "home": "",
    "module": "basics/",
    "lesson with a diagram": "basics/request-flow/",
    "lesson with code": "basics/code-samples/",
    "lesson with quizzes": QUIZ_LESSON,
    "404": "basics/no/such/page/",
}

# What the focused element shows, once every transition has ended: null when it is seen, else
# why not. A native control drawn by its label (Material's scheme switch: a box of no size,
# its label next to it) shows its focus on the label.
FOCUS_SEEN = """() => {
    const focused = document.activeElement
    if (!focused || focused === document.body) return null
    const area = element => {
        const box = element.getBoundingClientRect()
        return box.width * box.height
    }
    const drawnBy = [...(focused.labels || []), focused.nextElementSibling]
        .filter(label => label instanceof HTMLLabelElement && area(label) > 0)
    const shown = area(focused) > 0 || drawnBy.length === 0 ? focused : drawnBy[0]
    const box = shown.getBoundingClientRect()
    const name = `${focused.tagName.toLowerCase()}.${focused.className} ` +
        `"${(focused.getAttribute("aria-label") || focused.textContent).trim().slice(0, 40)}"`
    if (box.width < 1 || box.height < 1) return `${name}: no size`
    if (!shown.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
        return `${name}: invisible`
    const [left, top] = [Math.max(box.left, 0), Math.max(box.top, 0)]
    const [right, bottom] = [Math.min(box.right, innerWidth), Math.min(box.bottom, innerHeight)]
    if (right - left < 1 || bottom - top < 1) return `${name}: outside the viewport`
    const there = document.elementFromPoint((left + right) / 2, (top + bottom) / 2)
    if (!there || !(shown.contains(there) || there.contains(shown))) return `${name}: covered`
    return null
}"""

ANIMATIONS_ENDED = """() => document.getAnimations()
    .every(animation => animation.playState !== "running")"""


def settled(page) -> None:
    """Wait for what the last key started: Material reacts to a focus a moment later
    (its search opens as its field takes the focus), then moves things by transitions."""
    page.wait_for_timeout(50)
    page.wait_for_function(ANIMATIONS_ENDED, timeout=2_000)


def focus_stops(page, presses: int = 120) -> tuple[int, list[str]]:
    """Tab from the top of the page to its end: how many stops, and those not seen."""
    unseen = []
    for stop in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            return stop, unseen
        settled(page)
        problem = page.evaluate(FOCUS_SEEN)
        if problem:
            unseen.append(problem)
    raise AssertionError(f"the focus did not leave the page after {presses} presses of Tab")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_focus_stop_of_every_kind_of_page_is_displayed(
    browser, edges_server, kind, width
) -> None:
    page = open_page(browser, edges_server + PAGE_KINDS[kind], width=width)
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    stops, unseen = focus_stops(page)
    assert unseen == []
    links = page.locator("a[href]:visible, button:visible").count()
    assert stops >= min(links, 10)
    page.close()


def test_search_results_are_reached_by_keyboard_only_while_search_is_open(
    browser, site_server
) -> None:
    for width in WIDTHS:
        page = open_page(browser, site_server, width=width)
        page.set_viewport_size({"width": width, "height": 420})
        results = page.get_by_role("region", name=WORDS["search_results"], include_hidden=True)
        assert not displayed(results)
        page.keyboard.press("/")
        page.keyboard.type("request")
        page.locator("a.md-search-result__link").nth(5).wait_for(state="attached")
        settled(page)
        assert displayed(results)
        # The arrow keys move through the results, each shown with its ring, and scroll them.
        # (Material's list of them: a result's other matches wait, folded, behind its summary.)
        stops = results.locator(":not(details) > [href], summary")
        for _ in range(stops.count()):
            page.keyboard.press("ArrowDown")
            settled(page)
            assert page.evaluate(FOCUS_SEEN) is None
            focused = page.locator(":focus")
            assert results.evaluate("region => region.contains(document.activeElement)")
            assert ring_contrast(page, focused) >= 3
        assert results.evaluate("region => region.scrollTop") > 0
        page.keyboard.press("Escape")
        settled(page)
        assert not displayed(results)
        page.close()


# -- items 3 and 22: focus and hover meet AA -------------------------------------------------


def check_button(page, button, name: str) -> list[str]:
    """What falls short for `button`, focused by keyboard and hovered."""
    short = []
    button.scroll_into_view_if_needed()
    keyboard_focus(button)
    text = contrast(page, button, button.evaluate("element => getComputedStyle(element).color"))
    ring = ring_contrast(page, button)
    if text < 4.5:
        short.append(f"{name} focused: text {text}")
    if ring < 3:
        short.append(f"{name} focused: ring {ring}")
    button.evaluate("element => element.blur()")
    button.hover()
    text = contrast(page, button, button.evaluate("element => getComputedStyle(element).color"))
    if text < 4.5:
        short.append(f"{name} hovered: text {text}")
    page.mouse.move(0, 0)
    return short


@pytest.mark.parametrize("scheme", SCHEMES)
def test_focused_and_hovered_controls_meet_aa(browser, site_server, scheme) -> None:
    short: list[str] = []
    page = open_page(browser, site_server + QUIZ_LESSON, scheme=scheme)
    without_transitions(page)
    check = page.get_by_role("button", name="Check").first
    short += check_button(page, check, "Check")
    radio = page.get_by_role("group", name=SINGLE).get_by_role("radio").first
    keyboard_focus(radio)
    if ring_contrast(page, radio) < 3:
        short.append("an option: ring")
    answer(page, SINGLE, 0)
    short += check_button(page, page.get_by_role("button", name="Try again"), "Try again")
    complete = page.get_by_role("button", name="Mark as complete")
    short += check_button(page, complete, "Mark as complete")
    complete.click()
    short += check_button(page, complete, "Mark as complete, pressed")
    page.goto(site_server + "basics/request-flow/", wait_until="networkidle")
    without_transitions(page)
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    opener = page.get_by_role("button", name="Open full screen")
    short += check_button(page, opener, "Open full screen")
    opener.click()
    dialog = page.get_by_role("dialog", name="One request")
    for name in ("Zoom in", "Fit", "Close"):
        short += check_button(page, dialog.get_by_role("button", name=name), name)
    stage = page.locator(".course-viewer__stage")
    keyboard_focus(stage)
    if ring_contrast(page, stage) < 3:
        short.append("the full-screen stage: ring")
    page.keyboard.press("Escape")
    page.goto(site_server, wait_until="networkidle")
    without_transitions(page)
    short += check_button(page, page.get_by_role("button", name="Reset my progress"), "Reset")
    page.close()
    assert short == []


# -- item 15: diagrams after the 404 page; a diagram that cannot be drawn ---------------------


def test_a_lesson_reached_from_the_404_page_draws_its_diagram(browser, site_server) -> None:
    page = browser.new_page()
    page.add_init_script(DRAW_AT_ONCE)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(site_server + "basics/no/such/page/", wait_until="networkidle")
    page.evaluate("window.sameDocument = true")
    page.locator(".course-not-found__modules a", has_text="Basics").click()
    page.wait_for_url(site_server + "basics/")
    page.locator(".course-outline a", has_text="First Steps").click()
    page.wait_for_url(site_server + "basics/first-steps/")
    assert page.evaluate("window.sameDocument") is True  # the 404 page's import map still rules
    # The module page it came from has no diagram: wait for the lesson's before all are drawn.
    page.locator("article .course-diagram div.mermaid").first.wait_for(state="attached")
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    svg = page.locator("article div.mermaid svg").first
    box = svg.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    assert failed == []
    page.close()


def test_a_diagram_whose_program_does_not_load_says_so_and_shows_its_description(
    browser, site_server
) -> None:
    page = browser.new_page()
    page.add_init_script(DRAW_AT_ONCE)
    page.route("**/javascripts/mermaid/mermaid.esm.min.mjs", lambda route: route.abort())
    page.goto(site_server + "basics/first-steps/", wait_until="networkidle")
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    figure = page.locator(".course-diagram").first
    assert displayed(figure.get_by_text(WORDS["diagram"]["not_loaded"]))
    description = figure.locator(".course-diagram__text")
    assert displayed(description)
    assert "A request goes to the app" in description.inner_text()
    assert axe_violations(page) == []
    page.close()


# -- item 16: two tabs ----------------------------------------------------------------------


def pressed(button) -> bool:
    """The button shows itself pressed: a check mark before its words."""
    return "✓" in button.evaluate("element => getComputedStyle(element, '::before').content")


def test_two_tabs_follow_each_other(browser, site_server) -> None:
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    errors: list[str] = []
    for page in (first, second):
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_server + QUIZ_LESSON, wait_until="networkidle")
    home = context.new_page()
    home.goto(site_server, wait_until="networkidle")
    progress = home.locator(".course-outline__progress")
    assert progress.inner_text() == "0 of 4 lessons done"

    mark = first.get_by_role("button", name="Mark as complete")
    mark.click()
    other = second.get_by_role("button", name="Mark as complete")
    second.wait_for_function(
        "() => document.querySelector('.course-complete button')"
        ".getAttribute('aria-pressed') === 'true'"
    )
    assert pressed(other)
    home.wait_for_function("() => document.querySelector('[data-course-done]').textContent === '1'")
    assert progress.inner_text() == "1 of 4 lessons done"
    # The second tab's click un-marks it, as its button now shows it marked.
    other.click()
    assert not pressed(other)
    first.wait_for_function(
        "() => document.querySelector('.course-complete button')"
        ".getAttribute('aria-pressed') === 'false'"
    )
    assert not pressed(mark)

    # An option chosen in one tab, not yet checked, stays when the other tab answers the
    # same quiz; once checked, this tab's answer is the one both show.
    being_chosen = second.get_by_role("group", name=SINGLE).get_by_role("radio")
    being_chosen.nth(0).check()
    answer(first, SINGLE, 1)
    home.wait_for_selector(
        f'[data-course-lesson="{QUIZ_LESSON}"] .course-outline__score', state="visible"
    )
    assert [radio.is_checked() for radio in being_chosen.all()] == [True, False, False]
    assert displayed(second.get_by_role("button", name="Check").first)
    assert not displayed(second.locator(".course-quiz__mark").first)
    second.get_by_role("button", name="Check").first.click()
    first_mark = first.locator(".course-quiz").first.locator(".course-quiz__mark").nth(0)
    first_mark.wait_for(state="visible")
    assert first_mark.inner_text() == f"✗ {WORDS['quiz']['wrong_option']}"
    assert not displayed(first.locator(".course-quiz").first.locator(".course-quiz__mark").nth(1))
    second.wait_for_timeout(600)  # Try again takes no click in its first moment
    second.get_by_role("button", name="Try again").click()
    first.get_by_role("button", name="Check").first.wait_for(state="visible")

    # A quiz answered in one tab is shown answered in the other; Try again there clears both.
    answer(first, SINGLE, 1)
    mark_shown = second.locator(".course-quiz").first.locator(".course-quiz__mark").nth(1)
    mark_shown.wait_for(state="visible")
    assert mark_shown.inner_text() == "✓ Right"
    home.wait_for_selector(
        f'[data-course-lesson="{QUIZ_LESSON}"] .course-outline__score', state="visible"
    )
    second.wait_for_timeout(600)  # Try again takes no click in its first moment
    second.get_by_role("button", name="Try again").click()
    first_radio = first.get_by_role("group", name=SINGLE).get_by_role("radio").nth(1)
    first.wait_for_function(
        "() => !document.querySelector('.course-quiz input').disabled", timeout=5_000
    )
    assert not first_radio.is_checked()
    assert not displayed(first.get_by_role("button", name="Try again", include_hidden=True).first)
    home.wait_for_selector(
        f'[data-course-lesson="{QUIZ_LESSON}"] .course-outline__score', state="hidden"
    )
    context.close()
    assert errors == []


# -- item 17: Check, twice or with nothing chosen; Try again forgets --------------------------


def test_a_double_click_on_check_answers_once(page, site_server) -> None:
    page.goto(site_server + QUIZ_LESSON, wait_until="networkidle")
    quiz = page.locator(".course-quiz").first
    status = quiz.get_by_role("status")
    quiz.get_by_role("button", name="Check").click()
    assert status.inner_text() == WORDS["quiz"]["choose_first"]
    assert displayed(status)
    quiz.get_by_role("radio").first.check()
    quiz.get_by_role("button", name="Check").dblclick()
    assert status.inner_text() == WORDS["quiz"]["wrong"]
    assert quiz.get_by_role("radio").first.is_checked()
    assert displayed(quiz.get_by_role("button", name="Try again"))
    assert axe_violations(page) == []
    page.wait_for_timeout(600)
    quiz.get_by_role("button", name="Try again").click()
    assert not quiz.get_by_role("radio").first.is_checked()
    # Leaving now brings back no answer, and the outline counts none.
    page.reload(wait_until="networkidle")
    quiz = page.locator(".course-quiz").first
    assert displayed(quiz.get_by_role("button", name="Check"))
    assert [radio.is_checked() for radio in quiz.get_by_role("radio").all()] == [False] * 3
    page.goto(site_server, wait_until="networkidle")
    assert not displayed(
        page.locator(f'[data-course-lesson="{QUIZ_LESSON}"] .course-outline__score')
    )


# -- item 18: a line break in a label ---------------------------------------------------------

BROKEN_LABEL = "422 Unprocessable Content\none entry per invalid field"


def label_lines(svg) -> list[str]:
    """The lines of the label that holds `Unprocessable`, as laid out."""
    return svg.locator("foreignObject div", has_text="Unprocessable").first.evaluate(
        "label => label.innerText.split('\\n').map(line => line.trim()).filter(Boolean)"
    )


def test_a_line_break_in_a_label_stays_everywhere(browser, edges_server) -> None:
    page = open_page(browser, edges_server + EDGES, scheme="dark")
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    expected = BROKEN_LABEL.split("\n")
    assert label_lines(page.locator("article .course-diagram__frame svg").first) == expected
    page.get_by_role("button", name="Open full screen").click()
    assert label_lines(page.get_by_role("dialog").locator("svg")) == expected
    page.keyboard.press("Escape")
    page.emulate_media(media="print")
    assert label_lines(page.locator(".course-diagram__print svg")) == expected
    page.emulate_media(media="screen")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(
        "() => document.body.dataset.mdColorScheme === 'default' && "
        "document.querySelector('.course-diagram div.mermaid').dataset.courseDone"
    )
    assert label_lines(page.locator("article .course-diagram__frame svg").first) == expected
    page.close()


# -- item 20: stored progress read with care ---------------------------------------------------


def quiz_ids(page) -> list[str]:
    return page.locator(".course-quiz").evaluate_all("quizzes => quizzes.map(quiz => quiz.id)")


def store(page, values: dict[str, object]) -> None:
    """Store `values` under the site's own keys, as Material's __md_set does."""
    page.evaluate(
        "values => Object.entries(values).forEach(([key, value]) => localStorage.setItem("
        "__md_scope.pathname + '.' + key, JSON.stringify(value)))",
        values,
    )


def stored(page, key: str) -> object:
    return page.evaluate("key => __md_get(key)", key)


def test_corrupt_stored_progress_is_read_with_care(page, site_server) -> None:
    page.goto(site_server + QUIZ_LESSON, wait_until="networkidle")
    single, multiple = quiz_ids(page)
    store(
        page,
        {
            "course.completed": QUIZ_LESSON,  # a string, not a list
            "course.quizzes": {
                single: {"chosen": "1", "right": True},  # not a list
                multiple: {"chosen": [0, 2], "right": True},  # indices, as once stored
                "quiz-elsewhere": 5,
            },
        },
    )
    page.reload(wait_until="networkidle")
    assert page.locator(".course-quiz form").count() == 2  # every quiz built
    assert not pressed(page.get_by_role("button", name="Mark as complete"))
    page.goto(site_server, wait_until="networkidle")
    assert page.locator(".course-outline__progress").inner_text() == "0 of 4 lessons done"
    assert not displayed(
        page.locator(f'[data-course-lesson="{QUIZ_LESSON}"] .course-outline__score')
    )

    # Answers kept by their words: a changed option forgets the answer, a changed right
    # option corrects the score, on the page and in the outline alike.
    store(
        page,
        {
            "course.quizzes": {
                single: {"chosen": ["An option the author removed"], "right": True},
                multiple: {"chosen": ["Basics", "Next Steps"], "right": False},
            }
        },
    )
    page.goto(site_server + QUIZ_LESSON, wait_until="networkidle")
    assert displayed(page.get_by_role("button", name="Check").first)
    second = page.locator(".course-quiz").nth(1)
    assert [box.is_checked() for box in second.get_by_role("checkbox").all()] == [True, False, True]
    assert stored(page, "course.quizzes") == {
        multiple: {"chosen": ["Basics", "Next Steps"], "right": True}
    }
    page.get_by_role("button", name="Mark as complete").click()
    assert stored(page, "course.completed") == [QUIZ_LESSON]
    page.goto(site_server, wait_until="networkidle")
    score = page.locator(f'[data-course-lesson="{QUIZ_LESSON}"] .course-outline__score')
    assert score.inner_text() == "1 of 2 correct"


FULL_STORAGE = """() => {
    Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError")
    }
}"""


def test_full_storage_is_said_not_claimed(page, site_server) -> None:
    page.goto(site_server + QUIZ_LESSON, wait_until="networkidle")
    page.evaluate(FULL_STORAGE)
    complete = page.get_by_role("button", name="Mark as complete")
    complete.click()
    status = page.locator(".course-complete").get_by_role("status")
    assert status.text_content() == WORDS["progress"]["not_saved"]
    assert not pressed(complete)
    answer(page, SINGLE, 1)
    quiz_status = page.locator(".course-quiz").first.get_by_role("status")
    assert quiz_status.inner_text() == f"{WORDS['quiz']['right']} {WORDS['progress']['not_saved']}"
    assert axe_violations(page) == []


# -- item 21: full screen on a phone, by touch -----------------------------------------------


def touch(cdp, kind: str, points: list[tuple[float, float]]) -> None:
    cdp.send(
        "Input.dispatchTouchEvent",
        {
            "type": kind,
            "touchPoints": [{"x": x, "y": y, "id": index} for index, (x, y) in enumerate(points)],
        },
    )


def pinch(cdp, centre: tuple[float, float], start: float, end: float, steps: int = 8) -> None:
    """Two fingers either side of `centre`, from `start` to `end` apart."""
    x, y = centre
    for step in range(steps + 1):
        half = (start + (end - start) * step / steps) / 2
        touch(cdp, "touchStart" if step == 0 else "touchMove", [(x - half, y), (x + half, y)])
    touch(cdp, "touchEnd", [])


def drag(page, cdp, start: tuple[float, float], end: tuple[float, float], steps: int = 8) -> None:
    """One finger from `start` to `end`, then still: lifted without a fling, whose stop
    would swallow the next tap."""
    touch(cdp, "touchStart", [start])
    for step in range(1, steps + 1):
        at = [a + (b - a) * step / steps for a, b in zip(start, end, strict=True)]
        touch(cdp, "touchMove", [tuple(at)])
    page.wait_for_timeout(150)
    touch(cdp, "touchEnd", [])


VIEW = """() => {
    const stage = document.querySelector(".course-viewer__stage").getBoundingClientRect()
    const drawing = document.querySelector(".course-viewer__stage svg").getBoundingClientRect()
    const box = rect => ({ left: rect.left, top: rect.top, right: rect.right,
                           bottom: rect.bottom, width: rect.width, height: rect.height })
    return { stage: box(stage), drawing: box(drawing) }
}"""


# The whole drawing in the stage, as large as the stage allows (or at its natural size).
FITS = """view => {
    const { stage, drawing } = view
    const inside = stage.left - 1 <= drawing.left && stage.top - 1 <= drawing.top
        && drawing.right <= stage.right + 1 && drawing.bottom <= stage.bottom + 1
    return inside && (drawing.width >= stage.width - 2 || drawing.height >= stage.height - 2)
}"""


def fits(page) -> bool:
    return page.evaluate(f"() => ({FITS})(({VIEW})())")


def in_view(view: dict) -> bool:
    stage, drawing = view["stage"], view["drawing"]
    across = min(stage["right"], drawing["right"]) - max(stage["left"], drawing["left"])
    down = min(stage["bottom"], drawing["bottom"]) - max(stage["top"], drawing["top"])
    return across > 20 and down > 20


def full_screen_on_a_phone(browser, site_server: str, scheme: str) -> tuple[object, object]:
    """The request-flow diagram open full screen, tapped open on a 390 px touch screen, and
    fitted there: the page and the dialog."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, color_scheme=scheme
    )
    page = context.new_page()
    page.add_init_script(DRAW_AT_ONCE)
    page.goto(site_server + "basics/request-flow/", wait_until="networkidle")
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    page.get_by_role("button", name="Open full screen").tap()
    dialog = page.get_by_role("dialog", name="One request")
    dialog.wait_for()
    assert fits(page)
    return page, dialog


@pytest.mark.parametrize("scheme", SCHEMES)
def test_full_screen_on_a_phone_fits_and_pinches_around_the_fingers(
    browser, site_server, scheme
) -> None:
    page, dialog = full_screen_on_a_phone(browser, site_server, scheme)
    context = page.context

    # The bar on one line; the title cut short with an ellipsis, whole for screen readers.
    bar = page.locator(".course-viewer__bar > *").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().top)"
    )
    assert max(bar) - min(bar) < 12
    title = page.locator(".course-viewer__title")
    assert title.evaluate("title => getComputedStyle(title).textOverflow") == "ellipsis"
    bar_box = page.locator(".course-viewer__bar").bounding_box()
    assert bar_box["width"] <= 390
    assert page.evaluate(
        "(d => d.scrollHeight <= d.clientHeight)(document.querySelector('dialog'))"
    )

    # A pinch zooms around the point between the fingers: what was there stays there.
    cdp = context.new_cdp_session(page)
    before = page.evaluate(VIEW)
    stage = before["stage"]
    centre = (stage["left"] + stage["width"] * 0.3, stage["top"] + stage["height"] * 0.45)
    drawing = before["drawing"]
    at = (
        (centre[0] - drawing["left"]) / drawing["width"],
        (centre[1] - drawing["top"]) / drawing["height"],
    )
    pinch(cdp, centre, 60, 180)
    after = page.evaluate(VIEW)["drawing"]
    assert after["width"] > drawing["width"] * 2
    assert centre[0] == pytest.approx(after["left"] + at[0] * after["width"], abs=3)
    assert centre[1] == pytest.approx(after["top"] + at[1] * after["height"], abs=3)

    # However far it is pinched or dragged, the drawing stays in view.
    pinch(cdp, centre, 20, 220)
    assert in_view(page.evaluate(VIEW))
    pinch(cdp, centre, 220, 10)
    assert in_view(page.evaluate(VIEW))
    for start, end in (((20, 100), (380, 840)), ((380, 840), (5, 70))):
        drag(page, cdp, start, end)
        assert in_view(page.evaluate(VIEW))

    dialog.get_by_role("button", name="Fit").tap()
    page.wait_for_function(f"() => ({FITS})(({VIEW})())", timeout=2_000)  # a tap clicks soon after
    assert axe_violations(page) == []
    context.close()


def test_full_screen_follows_the_phone_turning(browser, site_server) -> None:
    """A view left as fitted is fitted again when the screen turns; a zoomed one is kept
    as zoomed, in sight."""
    page, dialog = full_screen_on_a_phone(browser, site_server, "light")
    context = page.context
    for size in ({"width": 844, "height": 390}, {"width": 390, "height": 844}):
        page.set_viewport_size(size)
        page.wait_for_function(f"() => ({FITS})(({VIEW})())", timeout=2_000)

    # Zoomed in, then turned: still zoomed, still in sight, not fitted back.
    fitted = page.evaluate(VIEW)["drawing"]["width"]
    for times in (1, 2):
        dialog.get_by_role("button", name="Zoom in").tap()
        page.wait_for_function(
            f"wider => ({VIEW})().drawing.width > wider", arg=fitted * 1.25**times - 1
        )
    zoomed = page.evaluate(VIEW)["drawing"]["width"]
    page.set_viewport_size({"width": 844, "height": 390})
    page.wait_for_function(
        "stageWidth => document.querySelector('.course-viewer__stage').clientWidth > stageWidth",
        arg=390,
    )
    page.evaluate("() => new Promise(requestAnimationFrame)")  # the stage's resize is seen
    turned = page.evaluate(VIEW)
    assert turned["drawing"]["width"] == pytest.approx(zoomed, abs=1)
    assert in_view(turned)
    assert not fits(page)
    # Fit fits again, and from then on the view follows the screen again.
    dialog.get_by_role("button", name="Fit").tap()
    page.wait_for_function(f"() => ({FITS})(({VIEW})())", timeout=2_000)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function(f"() => ({FITS})(({VIEW})())", timeout=2_000)
    context.close()


# -- item 11, on paper: a wide table prints whole ---------------------------------------------


def test_a_table_of_twenty_columns_prints_whole(browser, edges_server) -> None:
    page = open_page(browser, edges_server + EDGES)
    page.wait_for_function(ALL_DRAWN, timeout=20_000)
    text = " ".join(pdf_text(page.pdf(format="A4")).split())
    squeezed = "".join(text.split())
    for cell in ("alpha one", "juliett ten", "sierra nineteen", "tango twenty"):
        assert "".join(cell.split()) in squeezed.replace("-", ""), cell
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 700, "height": 1000})  # about an A4 page's text width
    widths = page.locator("article table").first.evaluate(
        "table => [table.getBoundingClientRect().right, "
        "table.closest('article').getBoundingClientRect().right]"
    )
    assert widths[0] <= widths[1] + 1
    page.close()


# -- item 19: the 404 page's search field ----------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_404_search_field_can_be_seen_and_reached(browser, site_server, width, scheme) -> None:
    page = open_page(browser, site_server + "basics/no/such/page/", width=width, scheme=scheme)
    without_transitions(page)
    field = page.get_by_label(WORDS["not_found"]["search_label"])
    box = field.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 150
    border = field.evaluate(
        "field => [getComputedStyle(field).borderTopColor, "
        "parseFloat(getComputedStyle(field).borderTopWidth)]"
    )
    assert border[1] >= 1
    assert contrast(page, field, border[0], field.evaluate_handle("f => f.parentElement")) >= 3
    text = contrast(page, field, field.evaluate("field => getComputedStyle(field).color"))
    assert text >= 4.5
    assert tab_until(page, "() => document.activeElement.id === 'course-not-found-query'")
    assert ring_contrast(page, field) >= 3
    search = page.get_by_role("button", name=WORDS["not_found"]["search"], exact=True)
    assert check_button(page, search, "Search") == []
    assert axe_violations(page) == []
    page.close()
