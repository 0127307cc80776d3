"""Waiting on the Streamlit page: settled (no running indicator) and free of exceptions."""

from __future__ import annotations

from playwright.sync_api import Page, expect

LOAD = 60_000  # ms; a cold page with torch takes ~8 s on 2 cores


def settle(page: Page, timeout: int = LOAD) -> None:
    """Wait until the app has rendered and no script run is in progress."""
    page.wait_for_selector("[data-testid='stSidebar']", timeout=timeout)
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout)
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]\')',
        timeout=timeout,
    )


def no_exception(page: Page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def code_blocks(page: Page) -> list[str]:
    return page.locator("[data-testid='stCode'] code").all_inner_texts()


def dismiss_page_not_found(page: Page) -> bool:
    """Close Streamlit's 'Page not found' dialog if shown; True if it was.

    A cold server's first deep-link visit shows it over the right page (see tests/e2e/test_restart.py), and it
    takes the keyboard focus, so key presses meant for a slider are lost.
    """
    dialog = page.locator("[role=dialog]:has-text('Page not found')")
    if dialog.count() == 0:
        return False
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_have_count(0)
    return True
