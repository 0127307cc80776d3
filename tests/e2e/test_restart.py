"""The server restarting mid-session: the URL brings the student back to the same state."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOAD, no_exception, settle
from tests.server import AppServer, running_app

SLIDER = "[data-testid=stSidebar] [data-testid=stSlider] input[type=range]"
NOT_FOUND = "[role=dialog]:has-text('Page not found')"


def nudge_x(page: Page, now: str) -> None:
    """ArrowRight on the x slider (from `now`), again if a late dialog swallowed the key press."""
    thumb = page.locator(SLIDER).nth(3)
    for _ in range(3):
        thumb.focus()
        page.keyboard.press("ArrowRight")
        try:
            expect(thumb).not_to_have_value(now, timeout=5_000)
            return
        except AssertionError:
            continue
    raise AssertionError("the x slider did not move")


def test_restart_on_the_same_port_restores_the_state(page: Page):
    server = AppServer()
    server.start()
    try:
        page.goto(f"{server.url}/second-derivative?a=2&x=1.5&reveal=1")
        settle(page)
        metrics = page.locator("[data-testid=stMetricValue]")
        expect(metrics.nth(0)).to_have_text("4", timeout=LOAD)  # dy/dx = 2*2*1.5 - 2
        nudge_x(page, "1.5")  # a change made in the browser, not in the first URL
        expect(metrics.nth(0)).to_have_text("4.4", timeout=LOAD)
        expect(page).to_have_url(re.compile(r"x=1\.6"), timeout=LOAD)

        server.stop(kill=True)  # a crash: no goodbye to the browser
        server.start()  # the same port
        page.reload()  # what a student does (the frontend also retries on its own)
        settle(page)

        expect(metrics.nth(0)).to_have_text("4.4", timeout=LOAD)
        expect(metrics.nth(1)).to_have_text("4", timeout=LOAD)  # d2y/dx2 = 2a
        sliders = page.locator(SLIDER)
        expect(sliders.nth(0)).to_have_value("2")
        expect(sliders.nth(3)).to_have_value("1.6")
        expect(page).to_have_url(re.compile(r"/second-derivative\?.*a=2&.*x=1\.6"), timeout=LOAD)
        no_exception(page)
        # the new server's session took a=2, x=1.6 from the URL and computes from there: 1.6 -> 1.7
        nudge_x(page, "1.6")
        expect(metrics.nth(0)).to_have_text("4.8", timeout=LOAD)
        expect(sliders.nth(3)).to_have_value("1.7")
    finally:
        server.cleanup()


def test_first_visit_to_a_fresh_server_shows_no_page_not_found(page: Page):
    """A deep link opened right after a (re)start renders the right page, with no 'Page not found' dialog."""
    with running_app() as url:
        page.goto(f"{url}/second-derivative?reveal=1")
        settle(page)
        expect(page.locator("[data-testid=stMetricValue]").first).to_have_text("-2", timeout=LOAD)
        expect(page.locator(NOT_FOUND)).to_have_count(0, timeout=2_000)
