"""The SGD page in Chromium: Play moves the figure's own step slider; lr beyond 1/a shows the divergence message;
the views below the animation switch, follow the URL and survive a change of language."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOAD, expect_url_has, no_exception, settle

# the number in the figure's own slider label "step k" (an SVG text in the first chart), -1 while it is absent
CURRENT_STEP = """() => {
    const chart = document.querySelector('[data-testid=stPlotlyChart]');
    const label = chart && [...chart.querySelectorAll('.slider-container text')]
        .map(e => e.textContent.trim()).find(s => /^step \\d+$/.test(s));
    return label ? Number(label.slice(5)) : -1;
}"""


def test_play_advances_the_step_slider(page: Page, app_url: str):
    page.goto(f"{app_url}/sgd-minimum?reveal=1")
    settle(page)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    page.wait_for_function(f"({CURRENT_STEP})() === 0", timeout=LOAD)
    chart.locator(".updatemenu-button").filter(has_text="Play").click()
    page.wait_for_function(f"({CURRENT_STEP})() > 100", timeout=LOAD)
    no_exception(page)


def test_lr_beyond_the_limit_shows_the_divergence_message(page: Page, app_url: str):
    page.goto(f"{app_url}/sgd-minimum?a=1&lr=1.5&reveal=1")
    settle(page)
    alert = page.locator("[data-testid=stAlertContentError]")
    expect(alert).to_contain_text("diverged", timeout=LOAD)
    expect(alert).to_contain_text("step 20")
    no_exception(page)


def test_a_view_opens_from_its_button_and_from_a_shared_link(page: Page, app_url: str):
    page.goto(f"{app_url}/sgd-minimum?reveal=1")
    settle(page)
    charts = page.locator("[data-testid=stPlotlyChart]")
    expect(charts).to_have_count(1, timeout=LOAD)  # the animation; the lesson's code is the view shown first
    page.get_by_role("radio", name="Learning-rate sweep").click()  # a radio group, labelled for screen readers
    expect(charts).to_have_count(2, timeout=LOAD)
    expect(page.get_by_text("computed in one batched torch run")).to_be_visible(timeout=LOAD)
    expect_url_has(page, "view=sweep")
    page.get_by_text("中文").click()  # the view is kept when the language changes
    expect(page.get_by_role("radio", name="学习率扫描")).to_be_checked(timeout=LOAD)
    expect(page.get_by_text("由一次批量的 torch 计算得到")).to_be_visible(timeout=LOAD)
    no_exception(page)

    page.goto(f"{app_url}/sgd-minimum?view=optimizers&reveal=1")  # a link shared from the optimizers view
    settle(page)
    table = page.locator("[data-testid=stDataFrame]")
    expect(table).to_have_count(1, timeout=LOAD)
    expect(page.get_by_role("radio", name="Six optimizers compared")).to_be_checked()
    no_exception(page)
