"""2.3 in Chromium: Next moves the marked node on the drawn graph (the SVG) and the marked line of code."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOAD, code_blocks, no_exception, settle
from tests.server import running_app

GRAPH = "[data-testid=stMain] [data-testid=stGraphVizChart] svg"


def marked_node(page: Page) -> str | None:
    """The DOT id (the SVG node's <title>) of the node whose label carries ▶, or None."""
    return page.evaluate(
        """sel => {
            const nodes = [...document.querySelectorAll(sel + ' g.node')];
            const hit = nodes.find(n => n.textContent.includes('▶'));
            return hit ? hit.querySelector('title').textContent : null;
        }""",
        GRAPH,
    )


def marked_line(page: Page) -> str | None:
    lines = [line for text in code_blocks(page) for line in text.splitlines() if line.startswith("▶")]
    return lines[0] if lines else None


def wait_for_node(page: Page, node: str | None) -> None:
    page.wait_for_function(
        """([sel, want]) => {
            const nodes = [...document.querySelectorAll(sel + ' g.node')];
            if (!nodes.length) return false;
            const hit = nodes.find(n => n.textContent.includes('▶'));
            return (hit ? hit.querySelector('title').textContent : null) === want;
        }""",
        arg=[GRAPH, node],
        timeout=LOAD,
    )


def test_next_moves_the_highlight_on_the_graph_and_in_the_code(page: Page, app_url):
    page.goto(f"{app_url}/backward-steps")
    settle(page)
    expect(page.locator(GRAPH)).to_have_count(0)  # held back until the prediction
    for left in (1, 0):  # the page's two questions
        page.get_by_role("button", name="Show me").first.click()
        expect(page.get_by_role("button", name="Show me")).to_have_count(left, timeout=LOAD)
        settle(page)
    wait_for_node(page, None)  # step 0: the graph is drawn, nothing marked yet
    assert marked_line(page) == "▶ y.backward()"
    expected = [("n5", "▶ y = s + c"), ("n4", "▶ s = v + w"), ("n3", "▶ w = b * x")]  # the engine's order
    for node, line in expected:
        page.get_by_role("button", name="Next ▶").click()
        wait_for_node(page, node)
        settle(page)
        assert marked_line(page) == line
        expect(page.locator(GRAPH)).to_have_count(1)  # one drawing, the new one
    # the edge from b*x to x now carries what the engine sent: b = -2
    expect(page.locator(GRAPH + " g.edge text", has_text="-2").first).to_be_visible(timeout=LOAD)
    page.get_by_role("button", name="◀ Previous").click()
    wait_for_node(page, "n4")
    no_exception(page)


def test_chinese_forward_mode_steps(page: Page, app_url):
    page.goto(f"{app_url}/backward-steps?lang=zh&x=1")
    settle(page)
    for left in (1, 0):  # the page's two questions
        page.get_by_role("button", name="直接看答案").first.click()
        expect(page.get_by_role("button", name="直接看答案")).to_have_count(left, timeout=LOAD)
        settle(page)
    page.locator("[data-testid=stMain] [data-testid=stButtonGroup] button", has_text="前向模式（切向量）").click()
    settle(page)
    wait_for_node(page, None)
    page.get_by_role("button", name="下一步 ▶").click()
    wait_for_node(page, "n1")  # u = x², the first operation
    settle(page)
    assert marked_line(page).replace("▶", "").strip() == "u = torch.pow(x, 2)"  # inside the dual_level block
    no_exception(page)


def test_cold_deep_link_opens_the_stepper(page: Page):
    """A shared link to this page as the very first request of a fresh server: no "Page not found"."""
    with running_app() as url:
        page.goto(f"{url}/backward-steps?a=2&x=1")
        settle(page)
        expect(page.locator("h1").first).to_contain_text("2.3", timeout=LOAD)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        no_exception(page)
