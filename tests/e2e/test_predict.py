"""Predict first, in Chromium: the results wait for an answer, a wrong choice gets its own feedback, reveal=1 shows
everything at once."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOAD, no_exception, settle, wait_for_code
from ui.i18n import lookup

HELD = lookup("en", "quiz.held_back")


def test_answering_the_first_question_shows_the_results(page: Page, app_url: str):
    page.goto(f"{app_url}/scalar-backward?x=1")
    settle(page)
    expect(page.get_by_text(HELD)).to_be_visible(timeout=LOAD)
    expect(page.locator("[data-testid=stMetricValue]")).to_have_count(0)
    page.locator("[data-testid=stMain] [data-testid=stNumberInput] input").first.fill("0")  # 2·1·1 − 2
    page.locator("[data-testid=stMain] button", has_text="Check").first.click()
    expect(page.get_by_text("Right: 0").first).to_be_visible(timeout=LOAD)
    expect(page.get_by_text(HELD)).to_be_visible()  # the second question is still open: nothing shown yet
    expect(page.locator("[data-testid=stMetricValue]")).to_have_count(0)
    page.locator("[data-testid=stMain] button", has_text="Show me").first.click()  # the remaining question
    expect(page.locator("[data-testid=stMetricValue]").nth(1)).to_have_text("0", timeout=LOAD)  # x.grad
    wait_for_code(page, "tensor(0.)")
    expect(page.get_by_text(HELD)).to_have_count(0)
    no_exception(page)


def test_a_wrong_choice_names_the_misconception(page: Page, app_url: str):
    page.goto(f"{app_url}/many-inputs-outputs")
    settle(page)
    option = lookup("en", "ask.many_nonleaf.value")
    page.locator("[data-testid=stMain] [data-testid=stRadio] label", has_text=option.split(",")[0]).first.click()
    page.locator("[data-testid=stMain] button", has_text="Check").nth(1).click()
    why = lookup("en", "ask.many_nonleaf.value_why")
    expect(page.locator("[data-testid=stAlert]", has_text=why.split("`")[0]).first).to_be_visible(timeout=LOAD)
    expect(page.get_by_text(HELD)).to_be_visible()  # a wrong answer to the second question opens nothing


def test_reveal_shows_every_answer_and_result(page: Page, app_url: str):
    page.goto(f"{app_url}/many-inputs-outputs?reveal=1")
    settle(page)
    wait_for_code(page, "tensor(3.) tensor(2.)")
    expect(page.locator("[data-testid=stMain] button", has_text="Check")).to_have_count(0)
    expect(page.get_by_text(HELD)).to_have_count(0)
    expect(page.locator("[data-testid=stGraphVizChart]").first).to_be_visible(timeout=LOAD)
    no_exception(page)
