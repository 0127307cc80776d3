"""The SGD lab's core against independent answers: closed forms, separate runs, the escape rule."""

from __future__ import annotations

import base64
import contextlib

import numpy as np
import pytest
import torch

from autograd_core import Quadratic, compare_optimizers, minimize_sgd, sweep_lr
from autograd_core.optimize import ESCAPE, OPTIMIZERS, make_optimizer, stability, stability_limit
from charts import sgd as charts

F = Quadratic(1.0, -2.0, 1.0)
LABELS = {k: k for k in ["curve", "trail", "point", "path", "gap", "gap_closed", "no_minimum", "play", "pause", "step"]}


def closed(f, x0, lr, k):
    star = -f.b / (2 * f.a)
    return star + (x0 - star) * (1 - 2 * f.a * lr) ** np.arange(k)


@pytest.mark.parametrize("a, b, x0, lr", [(1, -2, 0, 0.01), (2, 3, 4, 0.2), (0.5, 1, -3, 1.5)])
def test_trajectory_follows_the_closed_form(a, b, x0, lr):
    f = Quadratic(a, b, 0.0)
    r = minimize_sgd(f, x0, lr, 300)
    xs = r.frame["x"].to_numpy()
    np.testing.assert_allclose(xs, closed(f, x0, lr, len(xs)), rtol=1e-5, atol=1e-5)
    assert r.deviation[0] < 1e-4
    assert not r.diverged and len(xs) == 301


def test_defaults_print_the_lesson_output():
    assert minimize_sgd(F, 0.0, 0.01, 500).printed == "y= tensor(0.) ; x= tensor(1.0000)"


def test_divergence_stops_at_the_first_escape_and_reports_it():
    r = minimize_sgd(F, 0.0, 1.5, 500)  # |1 - 2a lr| = 2: |x_k - 1| = 2^k, past 1e6 at k = 20
    first = int(np.argmax(np.abs(closed(F, 0.0, 1.5, 100)) > ESCAPE))
    assert r.diverged and r.stopped_at == first == 20
    assert len(r.frame) == first and np.isfinite(r.frame.to_numpy()).all()
    assert (r.frame["x"].abs() <= ESCAPE).all()


def test_no_minimum_runs_away_without_exception():
    r = minimize_sgd(Quadratic(-1.0, 0.0, 0.0), 0.5, 0.5, 500)
    assert r.diverged and stability(Quadratic(-1, 0, 0), 0.5) == "none"
    assert np.isfinite(r.frame.to_numpy()).all()


def test_stability_limit_and_sides():
    assert stability_limit(F) == 1.0 and stability_limit(F, 0.5) == 1.5
    assert [stability(F, lr) for lr in (0.5, 1.0, 1.5)] == ["stable", "edge", "unstable"]


@pytest.mark.parametrize("bad", [dict(lr=0), dict(lr=float("nan")), dict(steps=-1), dict(steps=5001), dict(momentum=1)])
def test_bad_arguments_raise_value_error(bad):
    args = dict(f=F, x0=0.0, lr=0.1, steps=10, momentum=0.0) | bad
    with pytest.raises(ValueError):
        minimize_sgd(**args)


def test_momentum_matches_torch_and_its_recurrence():
    r = minimize_sgd(F, 0.0, 0.05, 200, momentum=0.9)
    x = torch.tensor(0.0, requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.05, momentum=0.9)
    for _ in range(200):
        opt.zero_grad()
        (x * x - 2 * x + 1).backward()
        opt.step()
    assert r.final_x == pytest.approx(float(x.detach()), abs=1e-6)
    assert r.deviation[0] < 1e-5


@pytest.mark.parametrize("n", [1, 2, 149, 150, 151, 501, 5001])
def test_frames_are_capped_evenly_with_first_and_last(n):
    steps = charts.frame_steps(n)
    assert len(steps) == min(n, charts.MAX_FRAMES)
    assert steps[0] == 0 and steps[-1] == n - 1 and steps == sorted(set(steps))
    gaps = np.diff(steps)
    assert len(gaps) == 0 or gaps.max() - gaps.min() <= 1


@pytest.mark.parametrize("n", [1, 2, 149, 150, 151, 501, 5001, 3001])
def test_animation_frames_are_round_steps_with_first_and_last(n):
    steps = charts.round_steps(n)
    assert len(steps) <= charts.MAX_FRAMES and steps[0] == 0 and steps[-1] == n - 1
    stride = steps[1] - steps[0] if len(steps) > 1 else 1
    assert stride / 10 ** (len(str(stride)) - 1) in (1, 2, 2.5, 5)
    assert all(k % stride == 0 for k in steps[:-1])


def _decode(arr) -> np.ndarray:
    if isinstance(arr, dict):
        return np.frombuffer(base64.b64decode(arr["bdata"]), dtype={"f4": np.float32, "i4": np.int32}[arr["dtype"]])
    return np.asarray(arr)


def test_animation_frames_first_last_size_and_no_nan():
    r = minimize_sgd(F, 0.0, 0.001, 5000)
    fig = charts.animation(F, r.frame["x"].to_numpy(), r.frame["f"].to_numpy(), LABELS, r.reference)
    spec = fig.to_dict()
    names = [fr["name"] for fr in spec["frames"]]
    assert len(names) <= 150 and names[0] == "0" and names[-1] == "5000"
    assert all(int(k) % 50 == 0 for k in names)  # round steps on the slider: 0, 50, 100, ...
    assert [s["label"] for s in spec["layout"]["sliders"][0]["steps"]] == names
    last = spec["frames"][-1]["data"]
    assert _decode(last[1]["x"])[0] == pytest.approx(r.final_x, abs=1e-6)  # the point sits on the last step
    assert _decode(last[3]["x"])[0] == 5000
    assert len(fig.to_json()) <= 150_000
    for fr in spec["frames"]:
        for tr in fr["data"]:
            assert np.isfinite(_decode(tr["x"])).all() and np.isfinite(_decode(tr["y"])).all()
    assert len(fig.frames) == len(names)  # still a regular go.Figure when read


def test_sweep_equals_separate_runs():
    s = sweep_lr(F, 0.0, 300)
    assert len(s.lrs) == 100 and s.limit == 1.0
    for i in range(0, 100, 9):
        r = minimize_sgd(F, 0.0, float(s.lrs[i]), 300)
        if r.diverged:
            assert s.diverged[i]
        else:
            assert not s.diverged[i]
            assert s.final_x[i] == pytest.approx(r.final_x, rel=1e-6, abs=1e-6)
    assert s.diverged[s.lrs > 1.0 + 1e-9].all() and not s.diverged[s.lrs < 0.99].any()


def test_sweep_with_momentum_and_without_minimum():
    s = sweep_lr(F, 0.0, 200, momentum=0.5)
    r = minimize_sgd(F, 0.0, float(s.lrs[60]), 200, momentum=0.5)
    assert s.final_x[60] == pytest.approx(r.final_x, abs=1e-5)
    assert sweep_lr(Quadratic(-1, 0, 0), 0.0, 10) is None


def test_each_optimizer_moves_toward_the_minimum():
    c = compare_optimizers(F, 0.0, 0.05, 400)
    assert c.names == OPTIMIZERS
    for name, x in zip(c.names, c.final_x, strict=True):
        assert abs(x - 1.0) < 1.0, name  # started at distance 1
    assert c.frame["sgd"].to_numpy() == pytest.approx(minimize_sgd(F, 0.0, 0.05, 400).frame["x"].to_numpy())
    assert c.arrived_at[0] is not None and all(s is None for s in c.stopped_at)


def test_compare_reports_runaways_per_optimizer():
    c = compare_optimizers(F, 0.0, 1.5, 300)
    assert c.stopped_at[0] == 20 and c.arrived_at[0] is None
    assert c.stopped_at[3] is None  # Adam's steps are bounded by lr
    assert np.isnan(c.frame["sgd"].to_numpy()[20:]).all()


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_the_unwrapped_step_moves_exactly_as_opt_step(name):
    """descend() calls each optimizer's step without torch's profiler and hook wrappers: same numbers."""
    from autograd_core.optimize import _stepper

    paths = []
    for unwrapped in (False, True):
        x = torch.tensor([3.0, -2.0], requires_grad=True)
        opt = make_optimizer(name, [x], lr=0.01)
        step = _stepper(opt) if unwrapped else opt.step
        path = []
        for _ in range(60):
            opt.zero_grad()
            (x**4 - 3 * x**2 + x).sum().backward()
            with torch.no_grad() if unwrapped else contextlib.nullcontext():
                step()
            path.append(x.detach().clone())
        paths.append(torch.stack(path))
    assert torch.isfinite(paths[0]).all() and torch.equal(paths[0], paths[1])
