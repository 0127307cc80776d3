"""Section 3: minimize f with autograd and torch.optim.SGD, recording every step."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import torch

from autograd_core.quadratic import Quadratic, finite
from autograd_core.tensors import scalar

MAX_STEPS = 5000
ESCAPE = 1e6  # |x| beyond this counts as diverged


@dataclass(frozen=True)
class Trajectory:
    frame: pd.DataFrame  # columns step, x, f, grad; row k is the state before step k+1
    lr: float
    stopped_at: int | None  # first step whose x is non-finite or beyond ESCAPE, None when the run stayed bounded
    x_text: str
    y_text: str

    @property
    def final_x(self) -> float:
        return float(self.frame["x"].iloc[-1])

    @property
    def final_y(self) -> float:
        return float(self.frame["f"].iloc[-1])

    @property
    def diverged(self) -> bool:
        return self.stopped_at is not None

    @property
    def printed(self) -> str:
        return f"y= {self.y_text} ; x= {self.x_text}"


def _first_escape(xs: torch.Tensor) -> int | None:
    bad = ~torch.isfinite(xs) | (xs.abs() > ESCAPE)
    return int(bad.nonzero()[0, 0]) if bool(bad.any()) else None


def minimize_sgd(f: Quadratic, x0: float, lr: float, steps: int, device: torch.device | str = "cpu") -> Trajectory:
    """Run the lesson's loop: zero_grad, y = f(x), y.backward(), step; stop once x runs away."""
    lr = finite("lr", lr)
    if lr <= 0:
        raise ValueError(f"lr must be positive, got {lr}")
    if not isinstance(steps, int) or isinstance(steps, bool) or not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be a whole number from 0 to {MAX_STEPS}, got {steps!r}")
    x = scalar(finite("x0", x0), device, grad=True)
    opt = torch.optim.SGD(params=[x], lr=lr)
    xs, ys, gs = [], [], []
    stopped = None
    for k in range(steps + 1):
        opt.zero_grad()
        y = f(x)
        y.backward()
        xs.append(x.detach().clone())
        ys.append(y.detach())
        gs.append(x.grad)  # zero_grad() sets grad to None, so each step's grad is a fresh tensor
        if k % 100 == 99 or k == steps:
            stopped = _first_escape(torch.stack(xs))
            if stopped is not None:
                break
        if k < steps:
            opt.step()
    n = len(xs) if stopped is None else stopped
    table = torch.stack([torch.stack(v[:n]) for v in (xs, ys, gs)], dim=1).cpu().double()
    frame = pd.DataFrame(table.numpy(), columns=["x", "f", "grad"])
    frame.insert(0, "step", range(n))
    last = n - 1
    x_text = str(xs[last]) if n else ""
    y_text = str(ys[last]) if n else ""
    return Trajectory(frame, lr, stopped, x_text, y_text)
