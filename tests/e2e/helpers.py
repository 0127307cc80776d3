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


def slider_input(page: Page, label: str, sidebar: bool = True):
    """The keyboard-focusable range input of the slider labelled `label`."""
    scope = "[data-testid='stSidebar'] " if sidebar else "[data-testid='stMain'] "
    return page.locator(f"{scope}[data-testid='stSlider'] input[type='range'][aria-label='{label}']")


def wait_for_code(page: Page, text: str, timeout: int = LOAD) -> None:
    """Wait until some code block contains `text`."""
    page.locator("[data-testid='stCode']", has_text=text).first.wait_for(timeout=timeout)


def expect_url_has(page: Page, *pairs: str, timeout: int = LOAD) -> None:
    """Wait until the address holds every `name=value` (in any order): the URL is written at the end of a run."""
    import re

    pattern = "".join(rf"(?=.*[?&]{re.escape(p)}(&|$))" for p in pairs)
    expect(page).to_have_url(re.compile(pattern), timeout=timeout)
