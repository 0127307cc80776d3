"""A teacher's link, built on the 'for teachers' page and opened cold in a fresh browser: only the routed pages in
the menu, in order, and a locked slider that cannot move."""

from __future__ import annotations

import os

from playwright.sync_api import expect

from tests.e2e.helpers import LOAD, expect_url_has, settle, slider_input
from ui.i18n import lookup
from ui.pages import LESSON

SHOTS = os.environ.get("SCREENSHOTS")  # a folder: save what the test saw, to look at


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=False)


def built_link(browser, app_url: str) -> str:
    """The teacher: set x = 0.5, open the builder, fix x and the language, copy the link."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/teacher-link?x=0.5")
    settle(page)
    locks = page.locator("[data-testid='stMultiSelect']").nth(1)
    for name in ("x = 0.5", "lang = en"):
        locks.locator("input").click()
        page.keyboard.type(name)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        settle(page)
    block = page.locator("[data-testid='stMain'] [data-testid='stCode']", has_text="route=")
    expect(block).to_contain_text("lock=reveal,x,lang", timeout=LOAD)
    _shot(page, "teacher-link-builder")
    link = block.inner_text().replace("\n", "").strip()
    context.close()
    return link


def test_a_built_link_opened_cold_shows_only_the_route_and_locks_the_slider(browser, app_url):
    link = built_link(browser, app_url)
    assert link.startswith(f"{app_url}/scalar-backward?route=") and "x=0.5" in link

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(link)
    settle(page)
    expect(page.locator("h1").first).to_have_text(lookup("en", "scalar.title"), timeout=LOAD)
    expect(page.locator("[data-testid='stSidebarNav']")).to_have_count(0)  # no full menu
    menu = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink']")
    expected = [f"{k}. {lookup('en', f'{p.section}.nav')}" for k, p in enumerate(LESSON, 1)]
    expect(menu).to_have_count(len(expected), timeout=LOAD)
    assert [text.split("\n")[-1].strip() for text in menu.all_inner_texts()] == expected  # after the icon
    expect(page.get_by_text(lookup("en", "lock.notice").format(names="reveal, x, lang"))).to_be_visible()
    _shot(page, "teacher-link-student")

    x = slider_input(page, "x")
    assert x.get_attribute("aria-valuetext") == "0.50"
    page.locator("[data-testid='stSidebar'] [data-testid='stSlider']").nth(3).click(force=True)  # a drag in vain
    x.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    a = slider_input(page, "a")  # a is not locked: it moves, and the run it starts keeps x at 0.5
    a.focus()
    page.keyboard.press("ArrowRight")
    expect_url_has(page, "a=1.1", "x=0.5")
    settle(page)
    assert x.get_attribute("aria-valuetext") == "0.50"
    _shot(page, "teacher-link-locked")

    page.get_by_role("button", name=lookup("en", "lock.next").format(title=lookup("en", "nonscalar.nav"))).click()
    expect(page.locator("h1").first).to_have_text(lookup("en", "nonscalar.title"), timeout=LOAD)
    expect_url_has(page, "x=0.5", "lock=reveal%2Cx%2Clang")  # the route and the locks follow the class
    page.locator("[data-testid='stMain'] [data-testid='stButton']").last.scroll_into_view_if_needed()
    _shot(page, "teacher-link-next")
    context.close()
