"""Section 3: minimize f with autograd and torch.optim, recording every step."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from autograd_core.checks import Check, tolerance
from autograd_core.quadratic import DTYPE, Quadratic, finite
from autograd_core.regimes import regimes
from autograd_core.tensors import scalar

MAX_STEPS = 5000
ESCAPE = 1e6  # |x| beyond this counts as diverged
CHECK_EVERY = 100  # steps between two runaway checks
CLOSE = 1e-3  # |x - x*| below this counts as arrived
SWEEP_SIZE = 100
SWEEP_RANGE = (1e-4, 2.0)
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam", "rmsprop", "adagrad")
DEFAULT_BETA = 0.9  # momentum for the compared momentum / Nesterov runs when the page's momentum is 0


def frozen(values) -> np.ndarray:
    """A float64 array that refuses writes: results are shared by every session."""
    out = np.array(values, dtype=np.float64)
    out.flags.writeable = False
    return out


@dataclass(frozen=True)
class Trajectory:
    table: np.ndarray  # read-only, one row per recorded step k: x_k, f(x_k), f'(x_k) (the state before step k+1)
    lr: float
    stopped_at: int | None  # first step whose x, f or gradient ran away (see runaway), None when the run stayed bounded
    x_text: str  # print(x.data) after all the steps: what the code shown prints (nan or inf after a runaway)
    y_text: str
    momentum: float = 0.0
    reference: np.ndarray | None = None  # the closed form's x_k (float64, no torch) for the same steps

    @property
    def frame(self) -> pd.DataFrame:
        """The table as a new DataFrame (step, x, f, grad): changing it changes nobody else's."""
        frame = pd.DataFrame(self.table, columns=["x", "f", "grad"])
        frame.insert(0, "step", range(len(frame)))
        return frame

    @property
    def xs(self) -> np.ndarray:
        return self.table[:, 0]

    @property
    def final_x(self) -> float:
        """The last recorded x (nan for an empty run)."""
        return float(self.table[-1, 0]) if len(self.table) else math.nan

    @property
    def final_y(self) -> float:
        return float(self.table[-1, 1]) if len(self.table) else math.nan

    @property
    def deviation(self) -> tuple[float, int]:
        """max_k |x_k(torch) - x_k(closed form)| and its step; (0.0, 0) for an empty run."""
        if self.reference is None or not len(self.table):
            return 0.0, 0
        dev = np.abs(self.xs - self.reference)
        if not np.isfinite(dev).any():
            return float("nan"), 0
        k = int(np.nanargmax(dev))
        return float(dev[k]), k

    @property
    def diverged(self) -> bool:
        return self.stopped_at is not None

    @property
    def printed(self) -> str:
        return f"y= {self.y_text} ; x= {self.x_text}"

    def checks(self) -> list[Check]:
        """The last x against the closed form x* + (x0 - x*)(1 - 2a·lr)^k, for plain SGD runs that stayed bounded."""
        if self.reference is None or self.momentum or self.diverged or not len(self.table):
            return []
        expected = float(self.reference[-1])
        if not math.isfinite(expected):
            return []
        return [Check("x_k", "closed_form", (self.final_x,), (expected,), tolerance([expected]) * 10)]


@dataclass(frozen=True)
class Comparison:
    table: np.ndarray  # read-only, one row per step, one column of x per optimizer (NaN after it ran away)
    names: tuple[str, ...]  # OPTIMIZERS
    stopped_at: tuple[int | None, ...]  # per optimizer, as in Trajectory
    final_x: tuple[float, ...]  # last bounded x of each optimizer
    final_f: tuple[float, ...]
    arrived_at: tuple[int | None, ...]  # first step with |x - x*| < CLOSE, None for never (or no minimum)
    lr: float
    beta: float  # momentum used by the momentum and Nesterov runs

    @property
    def frame(self) -> pd.DataFrame:
        """Column step, then x of each optimizer, as a new DataFrame."""
        frame = pd.DataFrame(self.table, columns=list(self.names))
        frame.insert(0, "step", range(len(frame)))
        return frame


@dataclass(frozen=True)
class Sweep:
    lrs: np.ndarray  # SWEEP_SIZE learning rates, log-spaced over SWEEP_RANGE
    final_x: np.ndarray  # x after `steps` steps (NaN where it ran away)
    distance: np.ndarray  # |x - x*| after `steps` steps (NaN where it ran away)
    diverged: np.ndarray  # bool: non-finite or beyond ESCAPE
    limit: float  # the stability limit (1 + momentum) / a
    steps: int


def stability_limit(f: Quadratic, momentum: float = 0.0) -> float | None:
    """Largest stable lr for (heavy-ball) SGD on f: (1 + momentum) / a (autograd_core/regimes.py), None when a <= 0."""
    r = regimes(f, momentum)
    return r.limit if r is not None else None


def stability(f: Quadratic, lr: float, momentum: float = 0.0) -> str:
    """Which side of the limit lr is on: "stable", "edge" (exactly on it), "unstable", or "none" when a <= 0."""
    limit = stability_limit(f, momentum)
    if limit is None:
        return "none"
    if math.isclose(lr, limit, rel_tol=1e-9):
        return "edge"
    return "stable" if lr < limit else "unstable"


def _check(lr: float, steps: int, momentum: float) -> tuple[float, float]:
    lr = finite("lr", lr)
    if lr <= 0:
        raise ValueError(f"lr must be positive, got {lr}")
    if not isinstance(steps, int) or isinstance(steps, bool) or not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be a whole number from 0 to {MAX_STEPS}, got {steps!r}")
    momentum = finite("momentum", momentum)
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must be in [0, 1), got {momentum}")
    return lr, momentum


def _coefficients(f: Quadratic, device) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """a, b, c built once per run (Quadratic.__call__ builds them on every call)."""
    return tuple(torch.tensor(v, dtype=DTYPE, device=device) for v in (f.a, f.b, f.c))


def _stepper(opt: torch.optim.Optimizer):
    """opt.step without torch's per-call profiler scope and hook wrappers; call it under torch.no_grad()."""
    return functools.partial(inspect.unwrap(type(opt).step), opt)


def escaped(xs: torch.Tensor) -> torch.Tensor:
    """Element by element: x is not finite, or beyond ESCAPE (the run has run away)."""
    return ~torch.isfinite(xs) | (xs.abs() > ESCAPE)


def runaway(xs: torch.Tensor, ys: torch.Tensor, gs: torch.Tensor) -> int | None:
    """The first row whose x escaped or whose f or gradient is not finite; None when there is none."""
    bad = escaped(xs) | ~(torch.isfinite(ys) & torch.isfinite(gs))
    return int(bad.nonzero()[0, 0]) if bool(bad.any()) else None


def descend(
    f: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor, opt: torch.optim.Optimizer, steps: int, lr: float,
    momentum: float = 0.0, reference: np.ndarray | None = None, zero_grad: bool = True,
) -> Trajectory:  # fmt: skip
    """The lesson's loop (zero_grad, y = f(x), backward, step) on the leaf x, recording every step. Without
    zero_grad, each backward adds its gradient to the ones before (what forgetting optimizer.zero_grad() does).

    Recording stops at the first runaway step; the loop itself still runs to the end, as the code shown would, so
    that the printed x and y are what PyTorch prints (nan or inf)."""
    step = _stepper(opt)
    xs, ys, gs = [], [], []
    stopped, checked = None, 0
    for k in range(steps + 1):
        if zero_grad:
            x.grad = None  # what opt.zero_grad() does, without its bookkeeping
        y = f(x)
        if y.requires_grad:
            y.backward()
        if stopped is None:
            xs.append(x.detach().clone())
            ys.append(y.detach().expand_as(x))
            gs.append(x.grad.clone() if x.grad is not None else torch.zeros_like(x))
            if k % CHECK_EVERY == CHECK_EVERY - 1 or k == steps:
                bad = runaway(*(torch.stack(v[checked:]) for v in (xs, ys, gs)))
                stopped, checked = (checked + bad, checked) if bad is not None else (None, len(xs))
        if k < steps:
            with torch.no_grad():
                step()
    n = len(xs) if stopped is None else stopped
    table = torch.stack([torch.stack(v[:n]) for v in (xs, ys, gs)], dim=1).cpu().double() if n else torch.zeros(0, 3)
    return Trajectory(frozen(table.numpy()), lr, stopped, str(x.detach()), str(y.detach()), momentum, reference)


def minimize_sgd(
    f: Quadratic, x0: float, lr: float, steps: int, momentum: float = 0.0, zero_grad: bool = True,
    device: torch.device | str = "cpu",
) -> Trajectory:  # fmt: skip
    """Run the lesson's loop with torch.optim.SGD on f(x) = a x^2 + b x + c, recording every step (without
    optimizer.zero_grad() when zero_grad is False: the gradients pile up)."""
    lr, momentum = _check(lr, steps, momentum)
    a, b, c = _coefficients(f, device)
    x = scalar(finite("x0", x0), device, grad=True)
    opt = torch.optim.SGD(params=[x], lr=lr, momentum=momentum, foreach=False)
    reference = frozen(reference_path(f, float(x0), lr, steps + 1, momentum))
    if not zero_grad:
        reference = np.full(steps + 1, np.nan)  # no closed form for the piled-up gradients
    r = descend(lambda x: a * torch.pow(x, 2) + b * x + c, x, opt, steps, lr, momentum, reference, zero_grad)
    return dataclasses.replace(r, reference=frozen(reference[: len(r.table)]))


REGIMES = ("monotone", "oscillates", "one_step", "runs_away", "stays")


def regime(r: Trajectory, f: Quadratic) -> str:
    """How the run that torch recorded behaved: settled on x* without overshooting, swung around x* while
    settling, landed on x* after one step, ran away, or never moved."""
    xs = r.xs
    if r.diverged:
        return "runs_away"
    if len(xs) < 2 or np.all(xs == xs[0]):
        return "stays"
    star = f.minimizer
    if star is None:
        return "runs_away"  # no minimum: x keeps going (just not beyond ESCAPE yet)
    d = xs - star
    scale = max(1.0, abs(float(d[0])))
    if abs(float(d[-1])) > abs(float(d[0])) + 1e-6 * scale:
        return "runs_away"  # growing: too few steps to pass ESCAPE yet
    if abs(float(d[1])) <= 1e-6 * scale:
        return "one_step"
    signs = np.sign(d[np.abs(d) > 1e-6 * scale])
    return "oscillates" if np.any(signs[1:] != signs[:-1]) else "monotone"


def reference_path(f: Quadratic, x0: float, lr: float, n: int, momentum: float = 0.0) -> np.ndarray:
    """x_0..x_{n-1} in float64 without torch: x* + (x0 - x*)(1 - 2a·lr)^k, or heavy-ball's recurrence."""
    k = np.arange(n, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        if momentum == 0.0:
            if f.a == 0:
                return x0 - lr * f.b * k
            star = -f.b / (2 * f.a)  # the stationary point (a maximum when a < 0)
            return star + (x0 - star) * (1 - 2 * f.a * lr) ** k
        out = np.empty(n)
        x, v = float(x0), 0.0
        for i in range(n):  # torch's SGD: v = momentum * v + g (v = g on the first step); x -= lr * v
            out[i] = x
            v = momentum * v + f.slope(x) if i else f.slope(x)
            x = x - lr * v
            if not math.isfinite(x):
                out[i + 1 :] = np.nan
                break
        return out


def make_optimizer(
    name: str, params: list[torch.Tensor], lr: float, beta: float = DEFAULT_BETA
) -> torch.optim.Optimizer:
    """One of OPTIMIZERS over `params`, set up as in the comparison (beta for momentum and Nesterov)."""
    if name not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {name!r}")
    if name in ("sgd", "momentum", "nesterov"):
        momentum = 0.0 if name == "sgd" else beta
        return torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=name == "nesterov", foreach=False)
    return {"adam": torch.optim.Adam, "rmsprop": torch.optim.RMSprop, "adagrad": torch.optim.Adagrad}[name](
        params, lr=lr, foreach=False
    )


def compare_optimizers(
    f: Quadratic, x0: float, lr: float, steps: int, momentum: float = 0.0, device: torch.device | str = "cpu"
) -> Comparison:
    """SGD, momentum, Nesterov, Adam, RMSprop and Adagrad from torch.optim on the same f and x0, in one loop."""
    lr, momentum = _check(lr, steps, momentum)
    beta = momentum if momentum > 0 else DEFAULT_BETA
    a, b, c = _coefficients(f, device)
    leaves = [scalar(finite("x0", x0), device, grad=True) for _ in OPTIMIZERS]
    sgd = torch.optim.SGD(
        [
            {"params": [leaves[0]]},
            {"params": [leaves[1]], "momentum": beta},
            {"params": [leaves[2]], "momentum": beta, "nesterov": True},
        ],
        lr=lr,
        foreach=False,
    )
    steppers = [
        sgd,
        torch.optim.Adam([leaves[3]], lr=lr, foreach=False),
        torch.optim.RMSprop([leaves[4]], lr=lr, foreach=False),
        torch.optim.Adagrad([leaves[5]], lr=lr, foreach=False),
    ]
    steppers = [_stepper(opt) for opt in steppers]
    rows = []
    checked = 0
    for k in range(steps + 1):
        for leaf in leaves:
            leaf.grad = None
        xk = torch.stack(leaves)  # a copy: this is the record of step k
        (a * torch.pow(xk, 2) + b * xk + c).sum().backward()  # each x gets its own f'(x): f is separable
        rows.append(xk.detach())
        if k % CHECK_EVERY == CHECK_EVERY - 1 or k == steps:
            if bool(escaped(torch.stack(rows[checked:])).any(dim=0).all()):
                break  # every optimizer has run away
            checked = len(rows)
        if k < steps:
            with torch.no_grad():
                for step in steppers:
                    step()
    history = torch.stack(rows).cpu().double()
    xs, bad = history.numpy().copy(), escaped(history).numpy()
    stopped = tuple(int(np.argmax(col)) if col.any() else None for col in bad.T)
    for j, s in enumerate(stopped):
        if s is not None:
            xs[s:, j] = np.nan
    star = f.minimizer
    finals, arrived = [], []
    for j, s in enumerate(stopped):
        col = xs[: s if s is not None else len(xs), j]
        finals.append(float(col[-1]) if len(col) else float("nan"))
        hit = np.flatnonzero(np.abs(col - star) < CLOSE) if star is not None else []
        arrived.append(int(hit[0]) if len(hit) else None)
    return Comparison(
        frozen(xs), OPTIMIZERS, stopped, tuple(finals), tuple(f.value(v) for v in finals), tuple(arrived), lr, beta
    )


def sweep_lr(
    f: Quadratic, x0: float, steps: int, momentum: float = 0.0, device: torch.device | str = "cpu"
) -> Sweep | None:
    """Final |x - x*| for SWEEP_SIZE learning rates in ONE batched run (grad scaled by each lr); None when a <= 0."""
    _, momentum = _check(1.0, steps, momentum)
    limit = stability_limit(f, momentum)
    if limit is None:
        return None
    a, b, c = _coefficients(f, device)
    lrs64 = np.geomspace(*SWEEP_RANGE, SWEEP_SIZE)
    scale = torch.tensor(lrs64, dtype=DTYPE, device=device)
    x = torch.full((SWEEP_SIZE,), finite("x0", x0), dtype=DTYPE, device=device, requires_grad=True)
    step = _stepper(torch.optim.SGD([x], lr=1.0, momentum=momentum, foreach=False))  # each lr lives in the grad
    for _ in range(steps):
        x.grad = None
        (a * torch.pow(x, 2) + b * x + c).sum().backward()
        with torch.no_grad():
            x.grad.mul_(scale)
            step()
    final = x.detach().cpu().double()
    diverged = escaped(final).numpy()
    final = np.where(diverged, np.nan, final.numpy())
    diverged.flags.writeable = False
    return Sweep(frozen(lrs64), frozen(final), frozen(np.abs(final - f.minimizer)), diverged, limit, steps)
