"""Type a function in the browser and watch autograd's derivative follow it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOAD, no_exception, settle


def _metric(page: Page, label: str):
    return page.locator("[data-testid='stMetric']", has_text=label).locator("[data-testid='stMetricValue']")


def test_typing_an_expression_updates_the_derivative(page: Page, app_url: str):
    # arrive on the home page, then follow the sidebar link, as a student does
    page.goto(f"{app_url}/?x=1")
    settle(page)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Expression lab").click()
    expect(page.locator("[data-testid='stMain'] h1", has_text="Differentiate your own function")).to_have_count(
        1, timeout=LOAD
    )
    settle(page)
    box = page.locator("[data-testid='stTextInput'] input")
    expect(box).to_have_value("x^3 - 3*x", timeout=LOAD)
    expect(_metric(page, "f′(x) by autograd")).to_have_text("0", timeout=LOAD)  # 3x² - 3 at x = 1

    box.fill("sin(x)*x^2")
    box.press("Enter")
    # 2x·sin x + x²·cos x at x = 1
    expect(_metric(page, "f′(x) by autograd")).to_have_text("2.22324", timeout=LOAD)
    expect(page.locator("[data-testid='stCode']", has_text="torch.sin(x) * torch.pow(x, 2)")).to_have_count(
        1, timeout=LOAD
    )
    page.wait_for_function("() => decodeURIComponent(location.search).includes('f=sin(x)*x^2')", timeout=LOAD)
    no_exception(page)
    settle(page)

    box.fill("sin(x) ** y")
    box.press("Enter")
    expect(
        page.locator("[data-testid='stAlertContentError']", has_text="position 11 is not a name this lab knows")
    ).to_have_count(1, timeout=LOAD)
    no_exception(page)
