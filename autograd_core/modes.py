"""Reverse mode against forward mode: how many passes each needs for a whole Jacobian, counted and timed.

A reverse pass (a vector-Jacobian product) gives one row of the Jacobian: all the inputs' derivatives of one
output. A forward pass (a Jacobian-vector product) gives one column: all the outputs' derivatives by one input.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.autograd.forward_ad as fwAD
from torch.autograd.functional import jacobian

from autograd_core.device import checked_device
from autograd_core.quadratic import finite
from autograd_core.trace import FORWARD_AD

DTYPE = torch.float64
SIZES = (10, 100, 300, 1000)  # inputs (wide) or outputs (tall) in the timed comparison
REPEATS = 5


@dataclass(frozen=True)
class Counted:
    name: str  # "f(x1, x2) = x1*x2 + sin(x1)" (code, not prose)
    inputs: int
    outputs: int
    reverse_passes: int  # backward passes run to get the whole Jacobian
    forward_passes: int  # forward-mode passes run to get it
    by_reverse: tuple[tuple[float, ...], ...]  # the Jacobian, outputs x inputs
    by_forward: tuple[tuple[float, ...], ...]


def _reverse(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor) -> tuple[torch.Tensor, int]:
    """The Jacobian row by row: one backward pass per output."""
    x = x.detach().requires_grad_(True)
    y = fn(x).reshape(-1)
    rows = []
    for i in range(y.numel()):
        (g,) = torch.autograd.grad(y[i], x, retain_graph=True)
        rows.append(g.reshape(-1))
    return torch.stack(rows), y.numel()


def _forward(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor) -> tuple[torch.Tensor, int]:
    """The Jacobian column by column: one forward-mode pass (a dual number) per input."""
    cols = []
    with FORWARD_AD, fwAD.dual_level():
        for j in range(x.numel()):
            tangent = torch.zeros_like(x).reshape(-1)
            tangent[j] = 1.0
            out = fn(fwAD.make_dual(x, tangent.reshape(x.shape)))
            cols.append(fwAD.unpack_dual(out).tangent.reshape(-1))
    return torch.stack(cols, dim=1), x.numel()


def _rows(m: torch.Tensor) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(float(v) for v in row) for row in m.detach().cpu())


def _count(name: str, fn, x: torch.Tensor) -> Counted:
    jr, nr = _reverse(fn, x)
    jf, nf = _forward(fn, x)
    return Counted(name, x.numel(), int(fn(x).numel()), nr, nf, _rows(jr), _rows(jf))


def count_passes(x1: float, x2: float, device: torch.device | str = "cpu") -> tuple[Counted, Counted]:
    """f(x1, x2) = x1*x2 + sin(x1) (2 inputs, 1 output) and g(t) = (t, t², sin t) at t = x1 (1 input, 3 outputs):
    each Jacobian by reverse mode and by forward mode, counting the passes."""
    dev = checked_device(device)
    x = torch.tensor([finite("x1", x1), finite("x2", x2)], dtype=DTYPE, device=dev)
    t = torch.tensor([finite("x1", x1)], dtype=DTYPE, device=dev)
    wide = _count("f(x1, x2) = x1*x2 + sin(x1)", lambda v: v[0] * v[1] + torch.sin(v[0]), x)
    tall = _count("g(t) = (t, t**2, sin(t))", lambda v: torch.cat([v, v**2, torch.sin(v)]), t)
    return wide, tall


@dataclass(frozen=True)
class Timing:
    n: int
    wide_rev: float  # seconds, median of REPEATS: reverse mode for f: R^n -> R (1 backward pass)
    wide_fwd: float  # forward mode for the same f (n forward passes, batched by vmap)
    tall_rev: float  # reverse mode for g: R -> R^n (n backward passes, batched)
    tall_fwd: float  # forward mode for g (1 forward pass)
    agree: bool  # both modes gave the same Jacobians


def _median_time(fn: Callable[[], torch.Tensor], device: torch.device) -> tuple[float, torch.Tensor]:
    out = fn()  # warm up
    times = []
    for _ in range(REPEATS):
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        start = time.perf_counter()
        out = fn()
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def time_modes(n: int, device: torch.device | str = "cpu") -> Timing:
    """Reverse against forward mode (torch.autograd.functional.jacobian, batched with vmap) for a wide
    f(x) = sum(tanh(A x)) (n inputs, 1 output) and a tall g(t) = tanh(A (t v)) (1 input, n outputs), with the same
    n x n matrix A.

    (torch.func.jacrev would do the same, but its first call imports torch._dynamo: some 50 MB more per server.)"""
    if n not in SIZES:
        raise ValueError(f"n must be one of {SIZES}")
    dev = checked_device(device)
    gen = torch.Generator().manual_seed(0)
    a = (torch.randn(n, n, generator=gen, dtype=DTYPE) / n**0.5).to(dev)
    v = torch.randn(n, generator=gen, dtype=DTYPE).to(dev)
    x = torch.randn(n, generator=gen, dtype=DTYPE).to(dev)
    t = torch.tensor(0.5, dtype=DTYPE, device=dev)

    def wide(z):
        return torch.tanh(a @ z).sum()

    av = (a @ v).reshape(n, 1)  # A (t v) = (A v) t: a product of matrices, not an element-wise one

    def tall(s):
        # in forward mode an element-wise op between s (with a tangent) and a plain tensor goes through torch
        # 2.13's ZeroTensor path, whose first use imports torch._dynamo (~40 MB a server); a matrix product does not
        return torch.tanh(av @ s.reshape(1))

    def rev(fn, inp):
        return jacobian(fn, inp, vectorize=True)

    def fwd(fn, inp):
        return jacobian(fn, inp, vectorize=True, strategy="forward-mode")

    wr, j1 = _median_time(lambda: rev(wide, x), dev)
    wf, j2 = _median_time(lambda: fwd(wide, x), dev)
    tr, j3 = _median_time(lambda: rev(tall, t), dev)
    tf, j4 = _median_time(lambda: fwd(tall, t), dev)
    agree = bool(torch.allclose(j1, j2, rtol=1e-9, atol=1e-12) and torch.allclose(j3, j4, rtol=1e-9, atol=1e-12))
    return Timing(n, wr, wf, tr, tf, agree)
