"""Text alternatives (ui/alt.py) carry the current numbers, in both languages; the page's a11y HTML is fixed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd_core as core
from autograd_core.quadratic import Quadratic
from charts import sgd as sgd_charts
from ui import a11y, alt
from ui.i18n import LANGS

MINUS = "\N{MINUS SIGN}"


def no_placeholders(text: str) -> None:
    assert not re.search(r"\{\w*\}", text), text


@pytest.mark.parametrize("lang", LANGS)
def test_tangent_says_the_point_and_the_slope(lang):
    text = alt.tangent(lang, Quadratic(1, -2, 1), 0.0, 1.0, -2.0)
    assert "x = 0" in text and "f(x) = 1" in text and f"x.grad = {MINUS}2" in text
    assert f"1·x² {MINUS} 2·x + 1" in text
    no_placeholders(text)
    bent = alt.tangent(lang, Quadratic(1.5, 0, 0), 1.0, 1.5, 3.0, curvature=3.0)
    assert "f″(x) = 3" in bent and "x.grad = 3" in bent


def test_the_text_follows_the_values():
    assert alt.tangent("en", Quadratic(), 2.5, 2.25, 3.0) != alt.tangent("en", Quadratic(), 0.0, 1.0, -2.0)
    assert "slope x.grad = 3" in alt.tangent("en", Quadratic(), 2.0, 1.0, 3.0)
    assert "斜率 x.grad = 3" in alt.tangent("zh", Quadratic(), 2.0, 1.0, 3.0)


@pytest.mark.parametrize(("value", "said"), [(0.0, "0"), (-0.0, "0"), (-2.0, f"{MINUS}2"), (1 / 3, "0.3333"),
                                             (1e-9, f"1e{MINUS}9"), (2.5e12, "2.5e12"), (float("nan"), "NaN"),
                                             (float("-inf"), f"{MINUS}∞")])  # fmt: skip
def test_numbers_are_read_with_a_real_minus(value, said):
    assert alt.num(value) == said


@pytest.mark.parametrize("lang", LANGS)
def test_graph_names_the_paths_and_the_gradient(lang):
    r = core.scalar_backward(Quadratic(), 0.0, device="cpu")
    text = alt.graph(lang, r.graph)
    assert text.count("y → AddBackward0") == 2  # two paths: through x**2 and through b*x
    assert "PowBackward0 → AccumulateGrad (x)" in text
    assert f"x.grad = {MINUS}2" in text and "y = 1" in text
    no_placeholders(text)


def test_graph_of_two_inputs_and_a_graph_without_edges():
    r = core.many_in_out(1.0, 2.0, device="cpu")
    text = alt.graph("en", r.graphs[0])
    assert "y1 → MulBackward0 → AccumulateGrad (x1)" in text and "AccumulateGrad (x2)" in text
    from autograd_core.graph import Graph, Node

    lonely = alt.graph("en", Graph((Node("out", "y", "output", "3"),), ()))
    assert "no grad_fn" in lonely and "y = 3" in lonely
    assert alt.graph("zh", Graph((), ())) == "计算图：空。"


def test_a_large_graph_is_summarized():
    from autograd_core.graph import Graph, Node

    nodes = [Node("out", "y", "output")] + [Node(f"n{i}", "AddBackward0", "op") for i in range(12)]
    # each node passes to the next twice over (as x * x does): 2^11 paths from y to the end
    edges = [("out", "n0")] + [(f"n{i}", f"n{i + 1}") for i in range(11) for _ in range(2)]
    text = alt.graph("en", Graph(tuple(nodes), tuple(edges)))
    assert "12 operations, too many to read out" in text


@pytest.mark.parametrize("lang", LANGS)
def test_heatmaps_read_every_cell(lang):
    text = alt.heatmaps(lang, ["gradient", "f′(x)", "x.grad"], [[1, 1], [0, 1]], [[-2, -2], [0, 2]], [[-2, -2], [0, 2]])
    assert "2 × 2" in text and f"x.grad: [{MINUS}2, {MINUS}2]; [0, 2]" in text and "gradient: [1, 1]; [0, 1]" in text
    no_placeholders(text)


@pytest.mark.parametrize("lang", LANGS)
def test_sgd_texts(lang):
    text = alt.sgd_animation(lang, 5.0, 0.1, 100, 1.0000001, 0.0, False, 1.0)
    assert "x₀ = 5" in text and "lr = 0.1" in text and "100" in text and "x* = 1" in text
    away = alt.sgd_animation(lang, 5.0, 2.0, 100, 1e6, 1e12, True, None)
    assert "1e6" in away and text != away
    closed = alt.sgd_closed(lang, 100, 2.4e-7, 12)
    assert f"2.4e{MINUS}7" in closed and "12" in closed
    names = [f"opt{j}" for j in range(6)]
    opts = alt.optimizers(lang, names, [1.0, 1.5, -2.0, 1.0, 0.5, 1.0], 100)
    assert all(n in opts for n in names) and f"{MINUS}2" in opts
    assert len(set(sgd_charts.DASHES)) == len(sgd_charts.COLORS) == 6  # each line its own dash style
    sweep = alt.sweep(lang, [1e-4, 0.1, 2.0], [False, False, True], 1.0, 0.1, 100, 1e-9)
    assert "0.0001" in sweep and "lr = 1" in sweep and f"1e{MINUS}9" in sweep
    for t in (text, away, closed, opts, sweep):
        no_placeholders(t)


@pytest.mark.parametrize("lang", LANGS)
def test_expression_texts_carry_the_typed_function_as_text(lang):
    text = alt.expression(lang, "sin(x)*x^2", 1.0, 0.8415, 2.224, 1.4, 3)
    assert "sin(x)*x^2" in text and "0.8415" in text and "3" in text
    down = alt.descent(lang, "Adam", -2.0, 50, 1.1, -1.07)
    assert "Adam" in down and f"{MINUS}2" in down and "50" in down
    no_placeholders(text + down)


@given(st.text(max_size=30))
def test_the_pages_html_holds_nothing_but_a_known_language_tag(lang):
    """Whatever the session's language value, the HTML is one of the two fixed texts (no user text reaches it)."""
    assert a11y.html(lang) in {a11y.html("en"), a11y.html("zh")}


def test_html_lang_tags():
    assert 'documentElement.lang = "zh-CN"' in a11y.html("zh")
    assert 'documentElement.lang = "en"' in a11y.html("en")
