"""In Chromium: every section draws its real autograd graph; bad table cells are explained."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import LOAD, no_exception, settle, wait_for_code


@pytest.mark.parametrize("url, nodes", [
    ("scalar-backward", ["AddBackward0", "PowBackward0", "AccumulateGrad"]),
    ("nonscalar-backward", ["AddBackward0", "MulBackward0"]),
    ("dot-product", ["SumBackward0", "MulBackward0"]),
    ("second-derivative", ["MulBackward1", "AccumulateGrad"]),
    ("many-inputs-outputs", ["MulBackward0", "AddBackward0"]),
])  # fmt: skip
def test_section_shows_its_graph(page, app_url, url, nodes):
    page.goto(f"{app_url}/{url}?reveal=1")
    settle(page)
    graphs = page.locator("[data-testid='stGraphVizChart'] svg")
    expect(graphs.first).to_be_visible(timeout=LOAD)
    text = " ".join(graphs.nth(i).text_content() for i in range(graphs.count()))
    for name in nodes:
        assert name in text
    no_exception(page)


def test_emptied_table_cell_keeps_the_last_good_values(page, app_url):
    page.goto(f"{app_url}/nonscalar-backward?reveal=1")
    settle(page)
    wait_for_code(page, "[ 0.,  2.]])")
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    # the x table: header row, then two rows; click the second row's last cell
    page.mouse.click(box["x"] + box["width"] - 20, box["y"] + box["height"] - 15)
    page.keyboard.press("Delete")
    expect(page.locator("[data-testid='stAlert']").filter(has_text="Every cell needs a number")).to_be_visible(
        timeout=LOAD
    )
    wait_for_code(page, "[ 0.,  2.]])")  # last good table still used
    no_exception(page)
