"""Real Chromium: every page loads cleanly and its main interaction works; two users at once; tables edit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.helpers import LOAD, code_blocks, no_exception, settle
from ui.pages import PAGES

SLIDER = "[data-testid=stSlider] input[type=range]"
# Shown results: code output, metrics, tables; their text changes when a computation is redone.
SHOWN = ("stCode] code", "stMetricValue]", "stDataFrame]", "stTable]")
RESULTS = ", ".join(f"[data-testid=stMain] [data-testid={r}" for r in SHOWN)
# On a page URL such as /scalar-backward the frontend first probes /scalar-backward/_stcore/health and
# .../host-config (its base-path discovery) and gets 404s before using the root: Streamlit's, and harmless.
PROBE = re.compile(r"/_stcore/(health|host-config)$")


# Pages whose results do not depend on a: (where, URL name, value after one ArrowRight, slider index there).
MAIN_SLIDER = {
    "many": ("[data-testid=stMain]", "x1", "1.1", 0),
    "expr": ("[data-testid=stSidebar]", "x", "0.1", 3),  # the default f(x) = x^3 - 3x has no a in it
    "gradcheck": ("[data-testid=stMain]", "xc", "1.6", 0),  # the lab's own point
}
# Pages without a slider of their own whose results do not depend on a: (button, URL name, value after the click).
# The Jacobian page: v with x's shape (3 numbers, y has 2), and PyTorch's refusal is printed below.
MAIN_BUTTON = {"jacobian": ("v with x's shape (3)", "vvec", "1%3B1%3B1")}


def url_of(base: str, page) -> str:
    return base + "/" if page.section == "home" else f"{base}/{page.url}"


@pytest.fixture
def console(page: Page):
    """Browser console errors and uncaught page errors, less the frontend's base-path probes."""
    errors: list[str] = []

    def on_console(msg):
        if msg.type == "error" and not PROBE.search(msg.location.get("url", "")):
            errors.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda err: errors.append(f"pageerror: {err}"))
    return errors


def results(page: Page) -> str:
    """The text of every shown result, once there is some (settle() can return before the first run draws)."""
    page.wait_for_function(f"() => document.querySelectorAll({RESULTS!r}).length > 0", timeout=LOAD)
    return page.evaluate(f"() => [...document.querySelectorAll({RESULTS!r})].map(e => e.innerText).join('|')")


def wait_for_change(page: Page, before: str, timeout: int = LOAD) -> None:
    page.wait_for_function(
        f"b => [...document.querySelectorAll({RESULTS!r})].map(e => e.innerText).join('|') !== b",
        arg=before,
        timeout=timeout,
    )


def press(page: Page, slider_index: int, key: str = "ArrowRight", where: str = "[data-testid=stSidebar]") -> None:
    thumb = page.locator(f"{where} {SLIDER}").nth(slider_index)
    thumb.focus()
    page.keyboard.press(key)


@pytest.mark.parametrize("info", PAGES, ids=[p.section for p in PAGES])
def test_page_loads_and_reacts_without_errors(page: Page, app_url, console, info):
    page.goto(url_of(app_url, info))
    settle(page)
    no_exception(page)
    if info.group == "guide":  # reference pages: read, nothing to move
        expect(page.locator("[data-testid=stMain] h1")).to_have_count(1, timeout=LOAD)
    elif info.section == "home":  # main interaction: open the first section
        page.locator("[data-testid=stMain] [data-testid=stPageLink] a").first.click()
        expect(page).to_have_url(re.compile(r"/scalar-backward"), timeout=LOAD)
        settle(page)
    elif info.section == "classlive":  # main interaction: open a class; its code and links appear
        page.get_by_role("button", name="Open a class", exact=True).click()
        expect(page).to_have_url(re.compile(r"[?&]class=[A-Z2-9]{6}(&|$)"), timeout=LOAD)
        expect(page.locator("[data-testid=stMain] [data-testid=stCode]").first).to_be_visible(timeout=LOAD)
        settle(page)
    elif info.section in MAIN_BUTTON:  # main interaction: a button that changes the inputs
        label, name, moved = MAIN_BUTTON[info.section]
        before = results(page)
        page.get_by_role("button", name=label, exact=True).click()
        wait_for_change(page, before)
        settle(page)
        expect(page).to_have_url(re.compile(rf"[?&]{name}={re.escape(moved)}(&|$)"), timeout=LOAD)
    else:  # main interaction: move the page's main slider; the results are recomputed
        where, name, moved, index = MAIN_SLIDER.get(info.section, ("[data-testid=stSidebar]", "a", "1.1", 0))
        before = results(page)
        press(page, index, where=where)
        wait_for_change(page, before)
        settle(page)
        expect(page).to_have_url(re.compile(rf"[?&]{name}={re.escape(moved)}(&|$)"), timeout=LOAD)
    no_exception(page)
    assert not console, console


def test_scalar_slider_updates_the_gradient(page: Page, app_url, console):
    page.goto(f"{app_url}/scalar-backward?x=1&reveal=1")
    settle(page)
    metrics = page.locator("[data-testid=stMetricValue]")
    expect(metrics.nth(1)).to_have_text("0", timeout=LOAD)  # x.grad = 2*1 - 2
    press(page, 3)  # x: 1 -> 1.1
    expect(metrics.nth(1)).to_have_text("0.2", timeout=LOAD)
    expect(page).to_have_url(re.compile(r"[?&]x=1\.1(&|$)"), timeout=LOAD)
    # the graph is drawn anew for the new values (a fresh container), and only once: no stale copy left behind
    graph = page.locator("[data-testid=stMain] [data-testid=stGraphVizChart] svg")
    expect(graph).to_have_count(1, timeout=LOAD)
    expect(graph).to_contain_text("x.grad = 0.2", timeout=LOAD)
    assert not console, console


def test_two_users_see_only_their_own_results(browser, app_url):
    """Two sessions with different values, interleaved slider moves: each sees only its own numbers."""
    users = []
    for x in ("-3", "2"):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = ctx.new_page()
        pg.goto(f"{app_url}/scalar-backward?x={x}&reveal=1")
        users.append((ctx, pg, float(x)))
    for _, pg, _ in users:
        settle(pg)
        expect(pg.locator("[data-testid=stMetricValue]").nth(1)).to_be_visible(timeout=LOAD)
    try:
        for step in range(1, 4):
            for _, pg, _ in users:  # interleaved: both press before either is checked
                press(pg, 3)
            for _, pg, x0 in users:
                x = round(x0 + 0.1 * step, 1)
                grad = f"{2 * x - 2:g}"  # a=1, b=-2: x.grad = 2x - 2
                expect(pg.locator("[data-testid=stMetricValue]").nth(1)).to_have_text(grad, timeout=LOAD)
                expect(pg.locator(f"[data-testid=stSidebar] {SLIDER}").nth(3)).to_have_value(f"{x:g}")
                code = pg.locator("[data-testid=stMain] [data-testid=stCode] code").first  # drawn after the metrics
                expect(code).to_contain_text(f"x = torch.tensor({x!r}, requires_grad=True)", timeout=LOAD)
                no_exception(pg)
    finally:
        for ctx, _, _ in users:
            ctx.close()


@pytest.mark.parametrize("path", ["nonscalar-backward", "dot-product"])
def test_editing_a_table_cell(page: Page, app_url, console, path):
    """Type into the x table's bottom-right cell; the printed x.grad follows. Then a bad value is explained."""
    page.goto(f"{app_url}/{path}?reveal=1")
    settle(page)
    before = results(page)
    grid = page.locator("[data-testid=stDataFrame]").first
    box = grid.bounding_box()
    assert box, "the x table is drawn"
    # Glide data grid, columns: index, "0", "1": the bottom-right cell is row 1, column "1".
    for _ in range(3):  # the grid may not take input until its first paint: try again if the edit did not land
        page.mouse.click(box["x"] + box["width"] - 20, box["y"] + box["height"] - 15)  # select the cell
        page.keyboard.type("3")  # typing on a selected cell opens the cell's editor with it
        try:  # the editor opens asynchronously: Enter before it is there would be lost
            page.wait_for_function(
                "() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)", timeout=5_000
            )
        except PlaywrightTimeout:
            continue
        page.keyboard.press("Enter")
        try:
            wait_for_change(page, before, timeout=15_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    else:
        raise AssertionError("the cell edit never reached the app")
    settle(page)
    expect(page).to_have_url(re.compile(r"xmat=0%2C0%3B1%2C3|xmat=0,0;1,3"), timeout=LOAD)
    assert any("[1., 3.]" in c for c in code_blocks(page)), code_blocks(page)  # x printed with the new cell
    assert any("[ 0.,  4.]" in c or "[0., 4.]" in c for c in code_blocks(page)), code_blocks(page)  # 2*3 - 2 = 4
    no_exception(page)
    assert not console, console
