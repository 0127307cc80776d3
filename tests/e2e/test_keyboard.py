"""A walkthrough with the keyboard only (Tab, Enter, arrow keys, typing): navigation, a predict-first question, the
sidebar's sliders, the SGD animation's Play button and the expression lab's input; focus is visible throughout."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOAD, expect_url_has, no_exception, settle
from ui.i18n import lookup
from ui.pages import LESSON

MAX_TABS = 120

# The focused element shows it: an outline or a ring (box-shadow) on it or on its widget's frame (Streamlit marks a
# focused text or number input by its frame's border in the primary colour), or Plotly's button's thick stroke.
FOCUS_VISIBLE = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return false;
    let n = e;
    for (let i = 0; i < 4 && n; i++, n = n.parentElement) {
        const s = getComputedStyle(n);
        if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none') return true;
        if (i > 0 && s.borderTopColor === 'rgb(29, 78, 216)') return true;
    }
    const rect = e.querySelector && e.querySelector(':scope > rect');
    return rect !== null && parseFloat(getComputedStyle(rect).strokeWidth) >= 3;
}"""


def tab_to(page: Page, test: str, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab) until `test` (a JS function of the focused element) holds; the focus must show."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({test})(e); }}"):
            assert page.evaluate(FOCUS_VISIBLE), page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
            return
    raise AssertionError(f"no focusable element for {test} within {MAX_TABS} presses of Tab")


def ready(page: Page) -> None:
    settle(page)
    page.wait_for_selector("script[data-a11y]", state="attached", timeout=LOAD)  # the app's focus styles


def text_is(label: str) -> str:
    return f"e => (e.innerText || e.getAttribute('aria-label') || '').trim().includes({label!r})"


def test_walkthrough_by_keyboard(page: Page, app_url: str):
    page.goto(f"{app_url}/?lang=en")
    ready(page)

    # the navigation: Tab to the 1.1 page's link and follow it with Enter
    tab_to(page, "e => e.matches('[data-testid=\"stSidebarNavLink\"]') && e.href.endsWith('/scalar-backward')")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/scalar-backward"), timeout=LOAD)
    settle(page)

    # the predict-first question: type the prediction, Tab to Check, Enter
    answer = lookup("en", "quiz.your_answer")
    tab_to(page, f"e => e.tagName === 'INPUT' && (e.getAttribute('aria-label') === {answer!r} || "
                 f"[...(e.labels || [])].some(l => l.innerText.includes({answer!r})))")  # fmt: skip
    page.keyboard.type("-2")
    tab_to(page, text_is(lookup("en", "quiz.check")))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Right: -2", exact=False)).to_be_visible(timeout=LOAD)
    settle(page)
    tab_to(page, text_is(lookup("en", "quiz.reveal")))  # the second question: Show me, with the keyboard too
    page.keyboard.press("Enter")
    expect(page.get_by_text(lookup("en", "quiz.held_back"))).to_have_count(0, timeout=LOAD)
    settle(page)

    # the sidebar's x slider: arrow keys move it by one step, and the page follows
    x_slider = "e => e.getAttribute('aria-label') === 'x' && ['range', 'slider'].includes(e.type || e.role)"
    tab_to(page, x_slider, backwards=True)
    page.keyboard.press("ArrowRight")
    expect_url_has(page, "x=0.1")
    settle(page)
    no_exception(page)

    # what a screen reader gets: the chart and the graph described with the new numbers, live metric values
    minus = "\N{MINUS SIGN}"
    chart = page.locator("[data-testid='svgChart'][role='img']").first
    expect(chart).to_have_attribute("aria-label", re.compile(f"slope x.grad = {minus}1.8"), timeout=LOAD)
    graph = page.locator("[data-testid='stGraphVizChart'][role='figure']").first
    expect(graph).to_have_attribute("aria-label", re.compile(f"x.grad = {minus}1.8"), timeout=LOAD)
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_attribute("aria-live", "polite")


def test_sgd_play_button_by_keyboard(page: Page, app_url: str):
    page.goto(f"{app_url}/sgd-minimum?lang=en&steps=200&reveal=1")
    ready(page)
    page.wait_for_selector(".updatemenu-button[tabindex='0']", timeout=LOAD)
    play = lookup("en", "chart.play")
    tab_to(page, f"e => e.classList.contains('updatemenu-button') && e.getAttribute('aria-label') === {play!r}")
    page.keyboard.press("Enter")
    # the animation runs: Plotly's step slider leaves step 0
    chart = "document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot')"
    page.wait_for_function(f"() => {chart}._fullLayout.sliders[0].active > 0", timeout=LOAD)
    no_exception(page)


def test_expression_lab_input_by_keyboard(page: Page, app_url: str):
    page.goto(f"{app_url}/expression-lab?lang=en")
    ready(page)
    label = lookup("en", "expr.input_label")
    tab_to(page, f"e => e.tagName === 'INPUT' && e.getAttribute('aria-label') === {label!r}")
    page.keyboard.press("Control+A")
    page.keyboard.type("x^3")
    page.keyboard.press("Enter")
    expect_url_has(page, "f=x%5E3")
    settle(page)
    no_exception(page)


def test_table_editor_by_keyboard(page: Page, app_url: str):
    """1.2's x table: Tab into the grid, arrow keys to a cell, type a number, Enter; the page follows."""
    page.goto(f"{app_url}/nonscalar-backward?lang=en&xmat=0,0;1,2")
    ready(page)
    tab_to(page, "e => !!e.closest('[data-testid=stDataFrame]') && e.tagName !== 'BUTTON'")
    page.keyboard.press("ArrowDown")  # Tab selects row 0's index cell: down one row, right into column 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.activeElement.getAttribute('aria-colindex') === '2' && "
        "document.activeElement.closest('tr').getAttribute('aria-rowindex') === '3'",
        timeout=LOAD,
    )  # the grid's accessible table follows the selection: row 1 (after the header), column 0 (after the index)
    page.keyboard.type("3")
    page.wait_for_function("() => document.activeElement.tagName === 'INPUT'", timeout=LOAD)  # the cell editor
    page.keyboard.press("Enter")
    expect_url_has(page, "xmat=0%2C0%3B3%2C2")
    settle(page)
    no_exception(page)


def test_every_question_can_be_answered_by_keyboard(page: Page, app_url: str):
    """Each section page's predict-first question: Tab to "Show me", Enter; the answer and the page open."""
    reveal = lookup("en", "quiz.reveal")
    for info in LESSON:
        page.goto(f"{app_url}/{info.url}?lang=en")
        ready(page)
        expect(page.get_by_text(lookup("en", "quiz.held_back")).first).to_be_visible(timeout=LOAD)  # results wait
        tab_to(page, f"e => e.tagName === 'BUTTON' && e.innerText.trim() === {reveal!r}")
        page.keyboard.press("Enter")
        expect(page.get_by_text(lookup("en", "quiz.revealed").split("{")[0].strip()).first).to_be_visible(timeout=LOAD)
        no_exception(page)
