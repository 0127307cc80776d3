"""A first class, page by page, in both languages: what a student tripped over, checked in a real browser.

Syntax hints in the expression lab, unused sidebar values marked, SGD output equal to what its code prints, no SI
prefixes on any axis, corners not shown as failures, no horizontal scrolling at 1280x720 and 390x844.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOAD, no_exception, settle, slider_input
from ui.i18n import lookup
from ui.pages import PAGES

LANGS = ("en", "zh")
SI_TICK = re.compile(r"^[−-]?\d+(\.\d+)?[fpnμµumkMGTPB]$")  # Plotly's SI-prefixed tick labels: 1f, 1p, 250B, 5k


def _open(page: Page, app_url: str, url: str, lang: str, query: str = "") -> None:
    page.goto(f"{app_url}/{url}?lang={lang}&reveal=1{'&' + query if query else ''}")  # results shown
    if page.viewport_size and page.viewport_size["width"] < 600:  # on a phone the sidebar starts folded away
        page.wait_for_selector("[data-testid='stSidebar']", state="attached", timeout=LOAD)
        page.wait_for_selector("[data-testid='stMain'] h1", timeout=LOAD)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')", timeout=LOAD
        )
    else:
        settle(page)


def _reveal(page: Page, lang: str) -> None:
    """Press Show me on a predict-first question, when there is one (the results are held back until then)."""
    button = page.get_by_role("button", name=lookup(lang, "quiz.reveal"), exact=True)
    for left in range(button.count(), 0, -1):  # one per question of the section, each click redraws the page
        button.first.click()
        expect(button).to_have_count(left - 1, timeout=LOAD)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')", timeout=LOAD
        )


def _ticks(page: Page) -> list[str]:
    """Every tick label of every chart on the page: Plotly's, and the SVG charts' (charts/svg.py)."""
    plotly = ".js-plotly-plot .xaxislayer-above text, .js-plotly-plot .yaxislayer-above text"
    both = f"{plotly}, [data-testid=svgChart] > text"
    page.wait_for_function(f"() => document.querySelectorAll({both!r}).length > 0", timeout=LOAD)
    return page.evaluate(f"() => [...document.querySelectorAll({both!r})].map(e => e.textContent)")


@pytest.mark.parametrize("lang", LANGS)
def test_home_explains_the_buttons_and_has_next(page: Page, app_url: str, lang: str):
    _open(page, app_url, "", lang)
    check, reveal = lookup(lang, "quiz.check"), lookup(lang, "quiz.reveal")
    expect(page.locator("[data-testid='stMain'] h3", has_text=check).first).to_be_visible(timeout=LOAD)
    expect(page.get_by_text(reveal).first).to_be_visible(timeout=LOAD)
    page.get_by_role("button", name=lookup(lang, "home.start")).click()
    expect(page.locator("[data-testid='stMain'] h1", has_text=lookup(lang, "scalar.title"))).to_have_count(
        1, timeout=LOAD
    )
    no_exception(page)


@pytest.mark.parametrize("lang", LANGS)
def test_the_lab_says_how_to_write_2x(page: Page, app_url: str, lang: str):
    _open(page, app_url, "expression-lab", lang)
    # the syntax help shows operators as code (Markdown used to eat the *)
    expect(page.locator("[data-testid='stMain'] code", has_text=re.compile(r"^2\*x$")).first).to_be_visible(
        timeout=LOAD
    )
    box = page.locator("[data-testid='stTextInput'] input")
    box.fill("2x")
    box.press("Enter")
    error = page.locator("[data-testid='stAlertContentError']")
    expect(error).to_contain_text("2*x", timeout=LOAD)
    page.get_by_role("button", name=re.compile(r"2\*x")).click()  # use the repaired text
    expect(box).to_have_value("2*x", timeout=LOAD)
    expect(error).to_have_count(0, timeout=LOAD)
    box.fill("e^x")
    box.press("Enter")
    expect(error).to_contain_text("exp(x)", timeout=LOAD)
    no_exception(page)


@pytest.mark.parametrize("lang", LANGS)
def test_a_corner_is_not_applicable_rather_than_red(page: Page, app_url: str, lang: str):
    _open(page, app_url, "expression-lab", lang, "f=abs(x)&x=0")
    expect(page.locator("[data-testid='stAlertContentInfo']", has_text=lookup(lang, "common.checks_na"))).to_have_count(
        1, timeout=LOAD
    )
    expect(page.locator("[data-testid='stAlertContentError']")).to_have_count(0)
    expect(page.get_by_text(lookup(lang, "common.check_na")).first).to_be_visible()
    no_exception(page)


@pytest.mark.parametrize("lang", LANGS)
def test_unused_sidebar_values_are_marked_on_2_2(page: Page, app_url: str, lang: str):
    _open(page, app_url, "many-inputs-outputs", lang, "a=2")
    sidebar = page.locator("[data-testid='stSidebar']")
    marked = lookup(lang, "frame.unused_all").format(unused="a, b, c, x")
    expect(sidebar.get_by_text(marked)).to_have_count(1, timeout=LOAD)
    for name in ("a", "b", "c", "x"):
        expect(slider_input(page, name)).to_be_disabled()
    assert re.search(r"[?&]a=2(&|$)", page.url)  # a disabled slider still keeps its value in the link
    _open(page, app_url, "scalar-backward", lang, "a=2")
    for name in ("a", "b", "c", "x"):
        expect(slider_input(page, name)).to_be_enabled(timeout=LOAD)
    _open(page, app_url, "sgd-minimum", lang)
    expect(slider_input(page, "x")).to_be_disabled(timeout=LOAD)
    expect(slider_input(page, "a")).to_be_enabled()


@pytest.mark.parametrize("lang", LANGS)
def test_sgd_at_lr_1_5_prints_what_its_code_prints(page: Page, app_url: str, lang: str):
    _open(page, app_url, "sgd-minimum", lang, "lr=1.5")
    _reveal(page, lang)
    expect(page.locator("[data-testid='stCode']", has_text="y= tensor(nan) ; x= tensor(nan)")).to_have_count(
        1, timeout=LOAD
    )
    expect(page.get_by_text(lookup(lang, "sgd.whole_curve"))).to_be_visible()
    no_exception(page)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("sgd-minimum", "view=closed"),
        ("sgd-minimum", "view=optimizers"),
        ("sgd-minimum", "view=sweep"),
        ("sgd-minimum", "lr=0.0001&steps=5000"),
        ("scalar-backward", ""),
        ("second-derivative", ""),
        ("expression-lab", "f=exp(x)*1000000"),
    ],
)
def test_no_si_prefixes_on_any_axis(page: Page, app_url: str, lang: str, url: str, query: str):
    _open(page, app_url, url, lang, query)
    _reveal(page, lang)
    ticks = _ticks(page)
    assert ticks
    bad = [tick for tick in ticks if SI_TICK.match(tick.replace("\u200b", "").strip())]
    assert not bad, bad


VIEWPORTS = ({"width": 1280, "height": 720}, {"width": 390, "height": 844})


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v['width']}x{v['height']}")
@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways(page: Page, app_url: str, lang: str, viewport: dict):
    page.set_viewport_size(viewport)
    wide = []
    for p in PAGES:
        _open(page, app_url, p.url if p.section != "home" else "", lang)
        _reveal(page, lang)
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            wide.append((p.url, width))
    assert not wide
