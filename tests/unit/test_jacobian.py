"""The Jacobian core: backward(v) is vᵀJ for any shapes; one-hot v picks rows, jvp picks columns; shape errors."""

from __future__ import annotations

import dataclasses

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_core import jacobian as core
from charts import jacobian as charts

cell = st.floats(-3, 3, allow_nan=False).map(lambda v: round(v, 2))


@st.composite
def problems(draw):
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    w = tuple(tuple(draw(cell) for _ in range(n)) for _ in range(m))
    x = tuple((draw(cell),) for _ in range(n))
    v = tuple((draw(cell),) for _ in range(m))
    return w, x, v, draw(st.sampled_from(core.ACTIVATIONS))


def close(a, b) -> bool:
    return torch.allclose(a.double(), b.double(), atol=1e-5, rtol=1e-5)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_backward_v_is_the_vector_jacobian_product(problem):
    w, x, v, act = problem
    r = core.jacobian_lab(w, x, v, act)
    m, n = len(w), len(w[0])
    assert r.ok and r.shape == (m, n) and r.grad.shape == (n,), "x.grad has x's shape, never J's"
    assert close(r.grad, r.vjp) and close(r.by_autograd, r.vjp)

    # independently of the core: torch.autograd.functional.jacobian and a plain y.backward(v)
    wt, xt, vt = torch.tensor(w), torch.tensor([c[0] for c in x]), torch.tensor([c[0] for c in v])
    jac = torch.autograd.functional.jacobian(lambda t: core.activate(act, wt @ t), xt)
    xg = xt.clone().requires_grad_(True)
    core.activate(act, wt @ xg).backward(vt)
    assert close(r.jac, jac) and close(xg.grad, vt @ jac)


@settings(max_examples=40, deadline=None)
@given(problems())
def test_one_hot_v_gives_rows_and_jvp_gives_columns(problem):
    w, x, _, act = problem
    m, n = len(w), len(w[0])
    for i in range(m):  # y.backward(e_i) is row i of J
        e = tuple((1.0 if k == i else 0.0,) for k in range(m))
        assert close(core.jacobian_lab(w, x, e, act).grad, core.jacobian_lab(w, x, e, act).jac[i])
    r = core.jacobian_lab(w, x, tuple((1.0,) for _ in range(m)), act)
    assert close(r.rows, r.jac) and close(r.cols, r.jac)
    assert r.max_difference < 1e-5
    assert r.cols.shape == (m, n)


def test_linear_map_has_w_as_its_jacobian_and_the_defaults_are_as_shown():
    r = core.jacobian_lab(((1, 2, 0), (0, -1, 1)), ((1,), (0,), (-1,)), ((2,), (1,)), "none")
    assert r.jac.tolist() == [[1, 2, 0], [0, -1, 1]]
    assert r.grad.tolist() == [2, 3, 1]  # 2 * row 0 + 1 * row 1
    assert r.text("x.grad") == "tensor([2., 3., 1.])"
    assert r.printed.splitlines()[0] == "tensor([2., 3., 1.])"


def test_relu_zeroes_the_rows_of_negative_outputs():
    r = core.jacobian_lab(((1, 2, 0), (0, -1, 1)), ((1,), (0,), (-1,)), ((1,), (1,)), "relu")
    assert r.jac.tolist() == [[1, 2, 0], [0, 0, 0]]  # W @ x = (1, -1): the second row is cut off


def test_a_v_with_x_shape_is_refused_with_pytorchs_own_message():
    r = core.jacobian_lab(((1, 2, 0), (0, -1, 1)), ((1,), (0,), (-1,)), ((1,), (1,), (1,)), "tanh")
    assert not r.ok and r.grad is None and r.vjp is None
    assert "Mismatch in shape" in r.error and "[3]" in r.error and "[2]" in r.error
    assert r.jac.shape == (2, 3), "J is still there to show"
    assert r.max_difference < 1e-6


def test_x_of_the_wrong_length_is_a_shape_error_with_torchs_words():
    with pytest.raises(core.ShapeError) as err:
        core.jacobian_lab(((1, 2, 0),), ((1,), (2,)), ((1,),))
    assert "mat" in err.value.torch_message or "size" in err.value.torch_message


@pytest.mark.parametrize("bad", [((1, 2), (3, 4)), ((1,), (float("nan"),))])
def test_x_must_be_a_finite_column(bad):
    with pytest.raises(ValueError):
        core.jacobian_lab(((1, 2),), bad, ((1,),))


def test_unknown_nonlinearity_is_refused():
    with pytest.raises(ValueError):
        core.jacobian_lab(((1.0,),), ((1.0,),), ((1.0,),), "softmax")


def test_result_is_frozen_and_detached():
    r = core.jacobian_lab(((1.0, 2.0),), ((1.0,), (1.0,)), ((1.0,),), "square")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.error = "x"  # type: ignore[misc]
    assert not any(t.requires_grad for t in (r.jac, r.rows, r.cols, r.grad, r.x, r.y))
    assert all(t.device.type == "cpu" for t in (r.jac, r.grad))


def test_code_runs_and_prints_what_the_page_shows():
    w, x, v = ((1.0, 2.0, 0.0), (0.0, -1.0, 1.0)), ((1.0,), (0.0,), (-1.0,)), ((2.0,), (1.0,))
    for act in core.ACTIVATIONS:
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(core.code(w, x, v, act), {})  # our own generated source: numbers only
        assert out.getvalue().strip() == core.jacobian_lab(w, x, v, act).printed.strip(), act


def test_chart_writes_signed_values_and_outlines_the_weighted_rows():
    fig = charts.jacobian([[1.0, -2.0], [0.0, 3.0]], [2.0, 0.0], [2.0, -4.0], {"J": "J", "v": "v", "vjp": "g"})
    spec = fig.to_dict()
    heat, vcol, grad = spec["data"]
    assert vcol["text"] == [["+2"], ["0"]]
    assert heat["text"] == [["+1", "−2"], ["0", "+3"]]
    assert grad["text"] == [["+2", "−4"]]
    assert heat["zmin"] == -heat["zmax"], "diverging around 0"
    assert heat["colorscale"][0][1] == "#67001f" and heat["colorscale"][-1][1] == "#053061"  # ColorBrewer RdBu
    rows = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert len(rows) == 1 and rows[0]["y0"] == -0.5, "only the row v weights (v[0] = 2) is outlined"
    only = charts.jacobian([[1.0]], labels={"J": "J"}).to_dict()
    assert len(only["data"]) == 1 and not only["layout"]["shapes"]


def test_the_url_parameters_match_the_core():
    from ui.params import PAGE

    assert PAGE["act"].options == core.ACTIVATIONS
    for name in ("xvec", "vvec"):  # columns only: a table with two columns is refused
        assert PAGE[name].parse("1;0;-1") == ((1.0,), (0.0,), (-1.0,))
        with pytest.raises(ValueError, match="bad_table"):
            PAGE[name].parse("1,2;3,4")


@settings(max_examples=40, deadline=None)
@given(problems())
def test_checks_against_the_closed_form_and_finite_differences_agree(problem):
    w, x, v, act = problem
    items = core.checks(core.jacobian_lab(w, x, v, act), act)
    assert all(c.ok for c in items), items
    assert items[0].method == "closed_form"


def test_relu_kink_leaves_out_the_finite_difference():
    r = core.jacobian_lab(((1.0, 1.0),), ((1.0,), (-1.0,)), ((1.0,),), "relu")  # W @ x = 0
    assert core.at_kink(r, "relu") and [c.method for c in core.checks(r, "relu")] == ["closed_form"]
    wrong = core.jacobian_lab(((1.0, 1.0),), ((1.0,), (2.0,)), ((1.0,), (1.0,)), "tanh")  # v does not fit
    assert all(c.ok and c.quantity == "1ᵀJ" for c in core.checks(wrong, "tanh"))
