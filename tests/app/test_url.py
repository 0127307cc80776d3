"""A URL opens the same state; bad values fall back to defaults with one warning."""

from __future__ import annotations

import pytest

from tests.app.conftest import codes
from tests.app.conftest import open_page as _open_page
from ui.pages import PAGES


def open_page(path=None, **query):
    """These tests look at results: the teacher's switch (reveal=1) shows them without a prediction."""
    return _open_page(path, **{"reveal": "1", **query})


def test_deep_link_values_reach_the_page():
    at = open_page("pages/backward/scalar.py", a="3", b="1", c="0", x="2")
    assert "tensor(13.)" in codes(at)
    assert at.slider(key="sidebar_a").value == 3.0
    assert not at.warning


def test_page_specific_values_from_the_url():
    at = open_page("pages/optim/sgd.py", x0="4", lr="0.1", steps="20")
    assert at.select_slider(key="sgd_lr").value == 0.1
    assert at.slider(key="sgd_steps").value == 20
    assert at.slider(key="sgd_x0").value == 4.0


def test_tables_from_the_url():
    at = open_page("pages/backward/nonscalar.py", xmat="1,2,3", gmat="2,2,2")
    assert any("x_grad:\n tensor([[0., 4., 8.]])" in c for c in codes(at))


@pytest.mark.parametrize("path", [p.path for p in PAGES])
def test_bad_values_give_one_warning_and_defaults(path):
    at = open_page(path, a="abc", x="nan", lr="1e308", steps="-3", junk="1")
    assert not at.exception
    assert len(at.warning) == 1
    text = at.warning[0].value
    for name in ("`a`", "`x`", "`lr`", "`steps`", "`junk`"):
        assert name in text
    assert at.slider(key="sidebar_a").value == 1.0
    assert at.slider(key="sidebar_x").value == 0.0


def test_chinese_from_the_url():
    at = open_page("pages/backward/scalar.py", lang="zh")
    assert "标量的反向传播" in at.title[0].value
    assert at.radio(key="sidebar_lang").value == "zh"


def test_the_url_is_written_back():
    at = open_page("pages/backward/scalar.py", a="2")
    assert at.query_params["a"] == "2" and at.query_params["b"] == "-2"
    assert "lr" not in at.query_params  # page values only on their own page


CHINESE_TITLE = {
    "home": "自动微分",
    "scalar": "标量",
    "nonscalar": "非标量",
    "equivalence": "标量的反向传播",
    "second": "高阶导数",
    "many": "自变量",
    "sgd": "优化器",
    "expr": "实验室",
    "jacobian": "雅可比",
    "gradcheck": "梯度",
    "stepper": "一步一步",
    "glossary": "术语表",
    "summary": "小结",
    "classlive": "全班",
}


@pytest.mark.parametrize("p", PAGES, ids=[p.section for p in PAGES])
def test_every_page_in_chinese(p):
    at = open_page(p.path, lang="zh")
    assert not at.exception
    assert CHINESE_TITLE[p.section] in at.title[0].value
    texts = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert sum("\u4e00" <= ch <= "\u9fff" for ch in texts) > 20  # the page's prose is Chinese too
