"""Autograd against closed forms and finite differences over many values (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd_core as core
from autograd_core import checks

coef = st.floats(-5, 5, allow_nan=False).map(lambda v: round(v, 1))
point = st.floats(-5, 5, allow_nan=False).map(lambda v: round(v, 1))
cell = st.floats(-100, 100, allow_nan=False, allow_subnormal=False)


def close(got: float, want: float, rel: float = 1e-5) -> bool:
    return math.isclose(got, want, rel_tol=rel, abs_tol=1e-4)


@settings(max_examples=150, deadline=None)
@given(a=coef, b=coef, c=coef, x=point)
def test_scalar_gradient_is_2ax_plus_b(a, b, c, x):
    f = core.Quadratic(a, b, c)
    r = core.scalar_backward(f, x)
    assert close(float(r.grad), 2 * a * x + b)
    assert close(float(r.y), a * x * x + b * x + c)
    assert all(ch.ok for ch in checks.slope(f, x, r.grad))


@settings(max_examples=150, deadline=None)
@given(a=coef, b=coef, c=coef, x=point)
def test_second_derivative_is_2a(a, b, c, x):
    f = core.Quadratic(a, b, c)
    r = core.second_derivative(f, x)
    assert close(float(r.dy_dx), 2 * a * x + b)
    assert close(float(r.d2y_dx2), 2 * a)
    assert all(ch.ok for ch in checks.curvature(f, x, r.d2y_dx2))


@settings(max_examples=60, deadline=None)
@given(
    a=coef,
    b=coef,
    shape=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    data=st.data(),
)
def test_vector_jacobian_product(a, b, shape, data):
    n, m = shape
    x = [[data.draw(cell) for _ in range(m)] for _ in range(n)]
    g = [[data.draw(cell) for _ in range(m)] for _ in range(n)]
    f = core.Quadratic(a, b, 0.0)
    r = core.equivalence(f, x, g)
    for i in range(n):
        for j in range(m):
            want = g[i][j] * (2 * a * x[i][j] + b)
            assert math.isclose(float(r.by_gradient[i, j]), want, rel_tol=1e-4, abs_tol=1e-2)
    assert r.max_difference <= 1e-3 * max(1.0, float(r.by_sum.abs().max()))


@settings(max_examples=100, deadline=None)
@given(x1=point, x2=point)
def test_several_inputs_and_outputs(x1, x2):
    r = core.many_in_out(x1, x2)
    assert [float(v) for v in r.y1_grads] == pytest.approx([x2, x1], abs=1e-6)
    assert [float(v) for v in r.summed_grads] == pytest.approx([x2 + 1, x1 + 1], abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(a=st.floats(0.2, 5).map(lambda v: round(v, 1)), b=coef, x0=point)
def test_sgd_reaches_minus_b_over_2a(a, b, x0):
    f = core.Quadratic(a, b, 0.0)
    lr = 0.4 / a  # well inside the stability limit 1/a
    r = core.minimize_sgd(f, x0, lr, 200)
    assert not r.diverged
    assert r.final_x == pytest.approx(-b / (2 * a), abs=1e-3)


def test_sgd_trajectory_follows_the_closed_form():
    f = core.Quadratic(1.0, -2.0, 1.0)
    r = core.minimize_sgd(f, 0.0, 0.01, 500)
    for k in (0, 1, 10, 100, 500):
        want = sgd_closed_form(f, 0.0, 0.01, k)
        assert float(r.frame["x"].iloc[k]) == pytest.approx(want, abs=1e-5)


def test_sgd_divergence_stops_and_reports():
    r = core.minimize_sgd(core.Quadratic(1, -2, 1), 0.0, 1.5, 500)
    assert r.diverged and r.stopped_at is not None
    assert len(r.frame) == r.stopped_at
    assert r.frame["x"].abs().max() <= 1e6


def sgd_closed_form(f: core.Quadratic, x0: float, lr: float, k: int) -> float:
    """x_k = x* + (x0 - x*)(1 - 2a*lr)^k, written out here as an answer independent of the app's code."""
    star = f.minimizer
    return star + (x0 - star) * (1 - 2 * f.a * lr) ** k
