"""WCAG 2.1 A/AA in Chromium: axe-core (npm, see package.json) on every page, both languages, before and after the
answers are revealed (and on every view of the SGD page): no violation of impact serious or critical.

Pages come from ui.pages.PAGES, so a new page is checked as soon as it is listed there. One server for the module.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOAD, no_exception, settle
from tests.server import ROOT
from ui.i18n import LANGS, lookup
from ui.pages import PAGES
from ui.params import ALL

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
# Buttons that bring more of a page into view: the predict-first reveal, 2.2's pitfalls, the lab's minimizer.
REVEALING = ("quiz.reveal", "many.run_it", "expr.minimize_button")
# (rule, CSS selector) pairs that come from Streamlit itself and that the app cannot avoid; each one is listed in
# README.md's "Accessibility" section. None at present: every finding so far had a fix in the app (ui/a11y.py,
# .streamlit/config.toml).
EXCLUDED: tuple[tuple[str, str], ...] = ()

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci, or make test)")


def axe(page: Page) -> list[dict]:
    """axe-core's WCAG 2.x A/AA violations on the page as it is now (EXCLUDED left out)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([tags, excluded]) => {
            const exclude = excluded.map(([, selector]) => [selector]);
            const context = exclude.length ? {include: [['html']], exclude} : document;
            const r = await axe.run(context, {runOnly: {type: 'tag', values: tags}});
            const text = r.passes.concat(r.violations).filter(v => v.id === 'color-contrast');
            window.__axeTextNodes = text.reduce((n, v) => n + v.nodes.length, 0);
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                          why: (n.failureSummary || '').slice(0, 300)}))}));
        }""",
        [TAGS, [list(e) for e in EXCLUDED]],
    )


UNNAMED_CHARTS = (
    "[data-testid='stPlotlyChart']:not([aria-label]), [data-testid='stGraphVizChart']:not([aria-label]), "
    "[data-testid='stVegaLiteChart']:not([aria-label]), [data-testid='svgChart']:not([role='img'][aria-label])"
)


def assert_accessible(page: Page, where: str) -> None:
    # every chart and graph has a text alternative (alt= from ui/alt.py; render.graph gives every graph one)
    expect(page.locator(UNNAMED_CHARTS), f"{where}: a chart without alt=").to_have_count(0)
    found = [v for v in axe(page) if v["impact"] in BLOCKING]
    # axe saw the page's text (a dialog or a page still loading would hide it, and everything would pass)
    assert page.evaluate("() => window.__axeTextNodes") > 10, f"{where}: axe found almost no visible text"
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(f"  {n['target']}\n    {n['why']}" for n in v["nodes"])
        for v in found
    )
    assert not found, f"{where}:\n{report}"


def press(page: Page, button) -> None:
    """Click and wait until the page has changed (the script reran and drew something new) and settled."""
    main = page.locator("[data-testid='stMain']")
    before = main.inner_text()
    button.click()
    page.wait_for_function(
        "before => document.querySelector('[data-testid=\"stMain\"]').innerText !== before", arg=before, timeout=LOAD
    )
    settled(page)


def reveal_everything(page: Page, lang: str) -> int:
    """Press every button that reveals more; returns how many were pressed."""
    pressed = 0
    for key in REVEALING:
        buttons = page.locator("[data-testid='stMain'] button", has_text=lookup(lang, key))
        for i in range(buttons.count()):
            # a reveal button goes away once pressed; the others stay
            press(page, buttons.first if key == "quiz.reveal" else buttons.nth(i))
            pressed += 1
    return pressed


def address(info) -> str:
    """The page's path: the home page is the app's root (its url names it in the navigation only)."""
    return "" if info.section == "home" else info.url


def settled(page: Page) -> None:
    """Rendered in full: the app's fixes (ui/a11y.py) in place, no element left from the last run, charts loaded."""
    settle(page)
    page.wait_for_selector("script[data-a11y]", state="attached", timeout=LOAD)
    page.wait_for_load_state("networkidle", timeout=LOAD)  # lazily loaded chart code
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=LOAD)
    settle(page)


def open_page(page: Page, app_url: str, url: str, lang: str) -> None:
    page.goto(f"{app_url}/{url}?lang={lang}")
    settled(page)
    expect(page.get_by_role("dialog")).to_have_count(0)  # e.g. "page not found" would hide the page from axe
    expect(page.locator("html")).to_have_attribute("lang", {"en": "en", "zh": "zh-CN"}[lang], timeout=LOAD)
    no_exception(page)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("info", PAGES, ids=lambda p: p.url)
def test_no_serious_violations(page: Page, app_url: str, info, lang: str):
    open_page(page, app_url, address(info), lang)
    assert_accessible(page, f"{info.url} lang={lang}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("info", PAGES, ids=lambda p: p.url)
def test_no_serious_violations_once_revealed(page: Page, app_url: str, info, lang: str):
    open_page(page, app_url, address(info), lang)
    reveal_everything(page, lang)
    no_exception(page)
    assert_accessible(page, f"{info.url} lang={lang}, revealed")
    if info.section == "sgd":
        for view in ALL["view"].options:
            page.locator("[data-testid='stMain'] [data-testid='stButtonGroup'] button",
                         has_text=lookup(lang, f"sgd.view_{view}")).first.click()  # fmt: skip
            settled(page)
            page.wait_for_function(f"() => new URL(location.href).searchParams.get('view') === '{view}'", timeout=LOAD)
            no_exception(page)
            assert_accessible(page, f"{info.url} lang={lang}, view={view}")


def test_axe_sees_a_violation(page: Page, app_url: str):
    """The check itself works: a paragraph in light grey (#aaa on white, 2.3:1) is reported."""
    open_page(page, app_url, "", "en")
    page.evaluate(
        """() => { const p = document.createElement('p'); p.textContent = 'Faint text'; p.style.color = '#aaaaaa';
                   document.querySelector('[data-testid="stMain"] h1').after(p); }"""
    )
    found = axe(page)
    assert any(v["id"] == "color-contrast" and "Faint text" in n["html"] for v in found for n in v["nodes"])


def test_axe_is_the_pinned_version():
    import json

    lock = json.loads((ROOT / "package-lock.json").read_text())
    wanted = lock["packages"]["node_modules/axe-core"]["version"]
    assert json.loads((Path(AXE).parent / "package.json").read_text())["version"] == wanted
