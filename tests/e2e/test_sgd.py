"""The SGD page in Chromium: Play moves the figure's own step slider; lr beyond 1/a shows the divergence message."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOAD, no_exception, settle

# the number in the figure's own slider label "step k" (an SVG text in the first chart), -1 while it is absent
CURRENT_STEP = """() => {
    const chart = document.querySelector('[data-testid=stPlotlyChart]');
    const label = chart && [...chart.querySelectorAll('.slider-container text')]
        .map(e => e.textContent.trim()).find(s => /^step \\d+$/.test(s));
    return label ? Number(label.slice(5)) : -1;
}"""


def test_play_advances_the_step_slider(page: Page, app_url: str):
    page.goto(f"{app_url}/sgd-minimum")
    settle(page)
    dialog = page.get_by_role("dialog")  # the frame's "Page not found" notice, which sometimes opens on a deep URL
    if dialog.count():
        dialog.get_by_role("button", name="Close").click()
        expect(dialog).to_have_count(0)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    page.wait_for_function(f"({CURRENT_STEP})() === 0", timeout=LOAD)
    chart.locator(".updatemenu-button").filter(has_text="Play").click()
    page.wait_for_function(f"({CURRENT_STEP})() > 100", timeout=LOAD)
    no_exception(page)


def test_lr_beyond_the_limit_shows_the_divergence_message(page: Page, app_url: str):
    page.goto(f"{app_url}/sgd-minimum?a=1&lr=1.5")
    settle(page)
    alert = page.locator("[data-testid=stAlertContentError]")
    expect(alert).to_contain_text("diverged", timeout=LOAD)
    expect(alert).to_contain_text("step 20")
    no_exception(page)
