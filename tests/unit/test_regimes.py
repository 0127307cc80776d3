"""The lr regimes worked out from a and β, against what torch's SGD actually does on the same f."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_core import Quadratic, minimize_sgd
from autograd_core.optimize import regime, stability_limit
from autograd_core.regimes import Regimes, regimes
from ui.params import lr_options

A = st.sampled_from([0.1, 0.3, 0.5, 1.0, 1.7, 2.5, 4.0, 5.0])
LR = st.sampled_from(lr_options())


def test_the_lessons_f_without_momentum():
    r = Regimes(1.0, 0.0)
    assert (r.calm, r.swing, r.limit) == (0.5, 0.5, 1.0)
    names = {lr: r.name(lr) for lr in (0.01, 0.5, 0.8, 1.0, 1.5)}
    assert names == {0.01: "monotone", 0.5: "one_step", 0.8: "oscillates", 1.0: "edge", 1.5: "diverges"}
    assert r.bands(1e-4, 2.0) == (("monotone", 1e-4, 0.5), ("oscillates", 0.5, 1.0), ("diverges", 1.0, 2.0))


def test_heavy_ball_bounds():
    r = Regimes(1.0, 0.25)  # √β = 0.5
    assert (r.calm, r.swing, r.limit) == (0.125, 1.125, 1.25)
    assert [r.name(v) for v in (0.1, 0.125, 0.5, 1.2, 1.25, 2.0)] == [
        "monotone", "critical", "spirals", "oscillates", "edge", "diverges"
    ]  # fmt: skip
    assert r.limit == stability_limit(Quadratic(1.0, 0.0, 0.0), 0.25)
    assert [b[0] for b in r.bands(1e-4, 2.0)] == ["monotone", "spirals", "oscillates", "diverges"]


def test_no_minimum_no_regimes():
    assert regimes(Quadratic(0.0, 1.0, 0.0)) is None
    assert regimes(Quadratic(-1.0, 0.0, 0.0), 0.5) is None


@settings(max_examples=80, deadline=None)
@given(a=A, lr=LR, x0=st.sampled_from([-4.0, -1.0, 2.5, 5.0]))
def test_plain_sgd_does_what_its_regime_says(a, lr, x0):
    """Without momentum the regime named from a alone is what torch's recorded run shows."""
    f = Quadratic(a, -2.0, 1.0)
    name = regimes(f).name(lr)
    if name == "edge" or abs(x0 - f.minimizer) < 0.5:
        return  # on the edge float32 rounding decides; too close to x* nothing is seen
    observed = regime(minimize_sgd(f, x0, lr, 60), f)
    expected = {"diverges": "runs_away"}.get(name, name)
    if name == "monotone" and (1 - 2 * a * lr) ** 1 * abs(x0 - f.minimizer) < 1e-6:
        expected = "one_step"  # lands within float32 rounding after one step
    assert observed == expected


def _crossings(e: np.ndarray) -> np.ndarray:
    """Indices k where e changes sign between k and k + 1 (values too small to be seen are dropped)."""
    e = e[np.abs(e) > 1e-12 * abs(e[0])]
    return np.nonzero(np.sign(e[1:]) != np.sign(e[:-1]))[0]


@settings(max_examples=80, deadline=None)
@given(a=A, lr=LR, beta=st.sampled_from([0.1, 0.25, 0.5, 0.75, 0.9]))
def test_heavy_ball_does_what_its_regime_says(a, lr, beta):
    """With momentum: torch's run diverges exactly beyond the limit; inside, the way x crosses x* tells the band."""
    f = Quadratic(a, 0.0, 0.0)  # x* = 0
    r = regimes(f, beta)
    name = r.name(lr)
    near = min(abs(math.log(lr / v)) for v in (r.calm, r.swing, r.limit))
    if near < 0.05:
        return  # within 5 % of a boundary the band shows only after very many steps
    run = minimize_sgd(f, 3.0, lr, 400, momentum=beta)
    assert run.diverged == (name == "diverges")
    if name == "diverges":
        return
    e = np.asarray(run.xs, dtype=np.float64)
    crossings = _crossings(e)
    if name == "monotone":
        assert len(crossings) <= 1  # real positive roots: x may pass x* once, carried by its velocity
    elif name == "oscillates":
        tail = crossings[-5:]
        assert len(tail) == 5 and np.all(np.diff(tail) == 1)  # every step across x*
    else:  # spirals: it crosses, but (away from the upper end) not every step
        assert len(crossings) >= 2 or abs(e[-1]) < 1e-30


def test_the_sweep_shades_each_regime_and_marks_one_step():
    from autograd_core import sweep_lr
    from charts import sgd as charts

    f = Quadratic(1.0, -2.0, 1.0)
    s = sweep_lr(f, 0.0, 100)
    r = regimes(f)
    labels = {k: k.upper() for k in ("converged", "diverged", "limit", "lr", "distance", "monotone", "one_step",
                                     "spirals", "oscillates", "diverges")}  # fmt: skip
    fig = charts.sweep(s.lrs, s.distance, s.diverged, s.limit, 0.01, labels, r.bands(s.lrs[0], s.lrs[-1]), r.calm)
    layout = fig.to_dict()["layout"]
    rects = [(sh["x0"], sh["x1"]) for sh in layout["shapes"] if sh["type"] == "rect"]
    assert rects == [(s.lrs[0], 0.5), (0.5, 1.0), (1.0, s.lrs[-1])]
    assert [d["name"] for d in fig.to_dict()["data"]][2:] == ["MONOTONE", "OSCILLATES", "DIVERGES"]  # the legend
    assert layout["annotations"][0]["text"] == "ONE_STEP"
    # the runs agree with the bands: every rate in the diverging band ran away, none before it
    assert np.array_equal(s.diverged, s.lrs > r.limit * (1 + 1e-9))
