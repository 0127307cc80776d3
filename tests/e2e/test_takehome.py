"""Take it home in the browser: the notebook button downloads a valid notebook of what the page shows."""

from __future__ import annotations

import re

import nbformat
from playwright.sync_api import expect

from tests.e2e.helpers import LOAD, code_blocks, no_exception, settle, wait_for_code


def test_notebook_download_is_the_pages_code_and_output(page, app_url):
    page.goto(f"{app_url}/dot-product?a=0.5&lang=zh&reveal=1")
    settle(page)
    wait_for_code(page, "z = torch.sum(y * gradient)")
    button = page.locator(".st-key-equivalence_download_ipynb").get_by_role("button", name=re.compile(r"\.ipynb"))
    expect(button).to_be_visible(timeout=LOAD)
    expect(
        page.locator(".st-key-equivalence_download_py").get_by_role("button", name=re.compile(r"\.py"))
    ).to_be_visible()
    with page.expect_download(timeout=LOAD) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "autograd-dot-product-zh.ipynb"
    nb = nbformat.read(download.path(), as_version=4)
    nbformat.validate(nb)
    shown = code_blocks(page)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert len(cells) == 2  # y.backward(gradient) and z = sum(y * gradient); z.backward()
    for cell in cells:
        assert cell.source in shown, "the code as the page shows it (comments in Chinese)"
        assert cell.outputs[0].text.rstrip("\n") in shown, "with what the page printed"
    assert "a = torch.tensor(0.5)" in cells[0].source
    assert "1.3" in nb.cells[0].source and "`a=0.5`" in nb.cells[-1].source
    no_exception(page)
