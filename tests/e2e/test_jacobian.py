"""The Jacobian page and the gradient-check lab in real Chromium: a W edit updates J and x.grad; the lab's chart."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.helpers import LOAD, code_blocks, no_exception, settle, wait_for_code

CHART = "[data-testid=stMain] [data-testid=stPlotlyChart]"


def test_editing_a_cell_of_w_updates_j_and_x_grad(page: Page, app_url):
    page.goto(f"{app_url}/jacobian")
    settle(page)
    for _ in range(2):  # the shape of x.grad (J appears), then x.grad[0] (vᵀJ appears)
        page.get_by_role("button", name="Show me").click()
        settle(page)
    wait_for_code(page, "tensor([2., 3., 1.])")  # x.grad = 2 * row 0 + 1 * row 1 of W
    expect(page.locator(CHART)).to_have_count(1, timeout=LOAD)
    grid = page.locator("[data-testid=stDataFrame]").first  # W: columns index, "0", "1", "2"
    grid.scroll_into_view_if_needed()  # the second "Show me" scrolled the page down
    box = grid.bounding_box()
    assert box, "the W table is drawn"
    for _ in range(3):  # the grid may not take input until its first paint: try again if the edit did not land
        page.mouse.click(box["x"] + box["width"] - 20, box["y"] + box["height"] - 15)  # W[1][2], now 1
        page.keyboard.type("3")
        try:
            page.wait_for_function(
                "() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)", timeout=5_000
            )
        except PlaywrightTimeout:
            continue
        page.keyboard.press("Enter")
        try:
            wait_for_code(page, "tensor([2., 3., 3.])", timeout=15_000)  # x.grad[2] = 2 * 0 + 1 * 3
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    else:
        raise AssertionError("the cell edit never reached the app")
    settle(page)
    expect(page).to_have_url(re.compile(r"wmat=1%2C2%2C0%3B0%2C-1%2C3|wmat=1,2,0;0,-1,3"), timeout=LOAD)
    assert any("[ 0., -1.,  3.]]" in c for c in code_blocks(page)), code_blocks(page)  # J by jacobian(), rows, columns
    page.wait_for_function(  # the heatmap redrawn: J[1][2] and x.grad[2] now both read +3
        f"() => [...document.querySelectorAll('{CHART} text')].filter(t => t.textContent === '+3').length === 3",
        timeout=LOAD,
    )
    no_exception(page)


def test_the_gradient_check_lab_draws_its_chart(page: Page, app_url):
    page.goto(f"{app_url}/gradient-check?f=exp(x)&xc=1&h=1e-4")
    settle(page)
    chart = page.locator("[data-testid=stMain] [data-testid=svgChart]")
    expect(chart).to_have_count(1, timeout=LOAD)
    expect(chart).to_be_visible(timeout=LOAD)
    expect(chart).to_have_attribute("role", "img")
    texts = chart.locator("text").all_text_contents()  # SVG: no innerText
    assert "h = 1e-04" in texts, texts
    expect(page.locator("[data-testid=stMain] [data-testid=svgLegend]")).to_contain_text("float64")
    powers = [t for t in texts if t.startswith("10")]
    assert len(powers) > 10 and not [t for t in texts if t.strip()[-1:] in "pnμm"], texts  # powers, no SI prefixes
    expect(page.get_by_text(re.compile("^gradcheck: passed"))).to_be_visible(timeout=LOAD)
    no_exception(page)
