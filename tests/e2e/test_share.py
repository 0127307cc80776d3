"""A copied link reproduces the page in a fresh browser; language switches keep the values."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import LOAD, code_blocks, expect_url_has, settle, slider_input, wait_for_code


def share_link(page) -> str:
    """Open the sidebar's share popover and read the link from its code block (the copy button copies that)."""
    page.locator("[data-testid='stSidebar'] [data-testid='stPopover'] button").first.click()
    block = page.locator("[data-testid='stPopoverBody'] [data-testid='stCode']").last
    expect(block).to_contain_text("scalar-backward?", timeout=LOAD)
    return block.inner_text().replace("\n", "").strip()


def test_shared_link_opens_the_same_page_in_a_new_browser(browser, app_url):
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    page.goto(f"{app_url}/scalar-backward")
    settle(page)
    slider_input(page, "a").focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")  # a: 1 -> 1.5
    wait_for_code(page, "a = torch.tensor(1.5)")
    page.get_by_text("中文").click()
    expect(page.locator("h1").first).to_contain_text("标量", timeout=LOAD)
    settle(page)
    original = (page.locator("h1").first.inner_text(), code_blocks(page)[:2])
    link = share_link(page)
    assert "a=1.5" in link and "lang=zh" in link
    first.close()

    second = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = second.new_page()
    fresh.goto(link)
    settle(fresh)
    wait_for_code(fresh, "a = torch.tensor(1.5)")
    assert (fresh.locator("h1").first.inner_text(), code_blocks(fresh)[:2]) == original
    assert slider_input(fresh, "a").get_attribute("aria-valuetext") == "1.50"
    second.close()


def test_switching_language_keeps_values(page, app_url):
    page.goto(f"{app_url}/second-derivative?a=2&x=1&reveal=1")
    settle(page)
    wait_for_code(page, "tensor(2.)\ntensor(4.)")
    page.get_by_text("中文").click()
    expect(page.locator("h1").first).to_contain_text("高阶导数", timeout=LOAD)
    wait_for_code(page, "tensor(2.)\ntensor(4.)")
    assert slider_input(page, "a").get_attribute("aria-valuetext") == "2.00"
    page.get_by_text("English").click()
    expect(page.locator("h1").first).to_contain_text("derivatives of derivatives", timeout=LOAD)
    expect_url_has(page, "a=2", "lang=en")


def test_first_visit_follows_the_browsers_language(browser, app_url):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{app_url}/scalar-backward")
    settle(page)
    expect(page.locator("h1").first).to_contain_text("标量的反向传播", timeout=LOAD)
    expect_url_has(page, "lang=zh")
    context.close()
    context = browser.new_context(locale="zh-CN")  # an explicit lang in the link wins
    page = context.new_page()
    page.goto(f"{app_url}/scalar-backward?lang=en")
    settle(page)
    expect(page.locator("h1").first).to_contain_text("backward on a scalar", timeout=LOAD)
    context.close()
