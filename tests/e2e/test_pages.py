"""Every page in real Chromium: renders with the sidebar, no exception, lesson output, live sliders."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import LOAD, expect_url_has, no_exception, settle, slider_input, wait_for_code
from tests.server import running_app
from ui.i18n import lookup
from ui.pages import PAGES

LESSON = {
    "scalar-backward": "tensor(-2.)",
    "nonscalar-backward": "[ 0.,  2.]])",
    "dot-product": "z: tensor(3., grad_fn=<SumBackward0>)",
    "second-derivative": "tensor(2.)",
    "many-inputs-outputs": "tensor(3.) tensor(2.)",
    "sgd-minimum": "y= tensor(0.) ; x= tensor(1.0000)",
}


@pytest.mark.parametrize("p", PAGES, ids=[p.url for p in PAGES])
def test_page_renders_with_sidebar(page, app_url, p):
    page.goto(f"{app_url}/{p.url}?reveal=1" if p.section != "home" else app_url)
    settle(page)
    no_exception(page)
    expect(page.locator("[data-testid='stSidebar'] [data-testid='stSlider']")).to_have_count(4, timeout=LOAD)
    if p.url in LESSON:
        wait_for_code(page, LESSON[p.url])


@pytest.mark.parametrize("url, before, after", [
    ("scalar-backward", "tensor(-2.)", "tensor(-1.8000)"),
    ("second-derivative", "tensor(-2.)\ntensor(2.)", "tensor(-1.8000)\ntensor(2.)"),
])  # fmt: skip
def test_arrow_key_on_x_updates_the_result(page, app_url, url, before, after):
    page.goto(f"{app_url}/{url}?reveal=1")
    settle(page)
    wait_for_code(page, before)
    slider_input(page, "x").focus()
    page.keyboard.press("ArrowRight")  # x: 0 -> 0.1, so dy/dx = 2*0.1 - 2
    wait_for_code(page, after)
    expect_url_has(page, "x=0.1")


@pytest.mark.parametrize("p", [p for p in PAGES if p.section != "home"], ids=lambda p: p.url)
def test_every_deep_link_first_on_a_fresh_server_shows_its_page_and_no_page_not_found(page, p):
    """The very first request a server gets is a shared link to this page: the frame runs, the page is the one asked
    for, and Streamlit's "Page not found" dialog never opens (nothing here closes it)."""
    title = lookup("en", f"{p.section}.title")
    with running_app() as url:
        page.goto(f"{url}/{p.url}")
        settle(page)
        expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(title, timeout=LOAD)
        no_exception(page)
        expect(page.locator("[data-testid='stSidebar'] [data-testid='stSlider']").first).to_be_visible(timeout=LOAD)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon]')",
            timeout=LOAD,
        )
        expect(page.get_by_role("dialog")).to_have_count(0)
        expect(page.get_by_text("Page not found")).to_have_count(0)


def test_cold_server_deep_link_first(page):
    """On a freshly started server, a shared link is the very first request: the frame still runs."""
    with running_app() as url:
        page.goto(f"{url}/scalar-backward?a=3&b=1&c=0&x=2&lang=zh&reveal=1")
        settle(page)
        expect(page.locator("[data-testid='stSidebar']")).to_be_visible()
        wait_for_code(page, "tensor(13.)")
        assert slider_input(page, "a").get_attribute("aria-valuetext") == "3.00"
        no_exception(page)
        expect(page.get_by_text("Page not found")).to_have_count(0)  # no modal in the way
        slider_input(page, "x").focus()
        page.keyboard.press("ArrowRight")  # x = 2.1: 2*3*2.1 + 1
        wait_for_code(page, "tensor(13.6000)")
        page.get_by_role("button", name="下一节 →").click()  # the walkthrough, in Chinese
        expect(page.locator("h1").first).to_contain_text("非标量", timeout=LOAD)
        settle(page)
        assert slider_input(page, "a").get_attribute("aria-valuetext") == "3.00"
        expect_url_has(page, "lang=zh", "a=3")
