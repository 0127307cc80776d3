"""Teaching elements: pitfalls on click, shape errors explained, graphs and checks on every section."""

from __future__ import annotations

import pytest

from tests.app.conftest import codes
from tests.app.conftest import open_page as _open_page

SECTIONS = [
    "pages/backward/scalar.py",
    "pages/backward/nonscalar.py",
    "pages/backward/equivalence.py",
    "pages/grad/higher_order.py",
    "pages/grad/many_in_out.py",
    "pages/backward/jacobian.py",
]


def open_page(path=None, **query):
    """These tests look at results: the teacher's switch (reveal=1) shows them without a prediction."""
    return _open_page(path, **{"reveal": "1", **query})


@pytest.mark.parametrize("path", SECTIONS)
def test_every_section_has_checks_that_agree(path):
    at = open_page(path)  # reveal=1: nothing waits for a prediction
    assert at.success, "the check panel is green with default values"
    assert not at.error


@pytest.mark.parametrize("name, code, expected", [
    ("accumulation", "print(x1.grad)  # after a second backward", "tensor(2.)\ntensor(4.)\ntensor(2.)"),
    ("freed_graph", "y1.backward()  # a second backward", "RuntimeError: Trying to backward through the graph"),
    ("nonleaf_grad", "print(y1.grad)  # y1 is an intermediate", "UserWarning: The .grad attribute of a Tensor"),
])  # fmt: skip
def test_pitfalls_run_on_click_with_their_code(name, code, expected):
    at = open_page("pages/grad/many_in_out.py")
    assert not any(expected in c for c in codes(at))
    at.button(key=f"many_{name}_run").click().run()
    assert not at.exception
    assert any(code in c for c in codes(at)), "the pitfall's own code, comments from the locale"
    assert any(expected in c for c in codes(at)), "what PyTorch printed or raised"
    at.slider(key="many_x1").set_value(2.0).run()  # the result stays, recomputed for the new x1
    assert any(expected.split("(")[0] in c for c in codes(at))


def test_pitfalls_code_comments_in_chinese():
    at = open_page("pages/grad/many_in_out.py", lang="zh")
    at.button(key="many_accumulation_run").click().run()
    assert any("# 中间没有清零，再反向传播一次后" in c for c in codes(at))


@pytest.mark.parametrize("path", ["pages/backward/nonscalar.py", "pages/backward/equivalence.py"])
def test_wrong_gradient_shape_shows_torchs_message(path):
    at = open_page(path)
    prefix = path.split("/")[-1].removesuffix(".py")
    at.number_input(key=f"{prefix}_gmat_cols").set_value(3).run()
    assert not at.exception
    assert at.error and "2, 2" in at.error[0].value and "2, 3" in at.error[0].value
    assert any("Mismatch in shape" in c for c in codes(at))
    # back to the right shape: the result returns
    at.number_input(key=f"{prefix}_gmat_cols").set_value(2).run()
    assert not at.error


def test_table_shape_changes_and_is_kept_in_the_url():
    at = open_page("pages/backward/nonscalar.py")
    at.number_input(key="nonscalar_xmat_rows").set_value(3).run()
    at.number_input(key="nonscalar_gmat_rows").set_value(3).run()
    assert not at.exception and not at.error
    assert at.query_params["xmat"] == "0,0;1,2;0,0"
    assert at.query_params["gmat"] == "1,1;1,1;1,1"
    assert any("[-2., -2.]])" in c for c in codes(at))
