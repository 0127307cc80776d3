"""Three classic autograd surprises, each run for real: piling gradients, a freed graph, non-leaf .grad."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import torch

from autograd_core.quadratic import finite
from autograd_core.tensors import scalar


def _leaves(x1: float, x2: float, device) -> tuple[torch.Tensor, torch.Tensor]:
    return scalar(finite("x1", x1), device, grad=True), scalar(finite("x2", x2), device, grad=True)


@dataclass(frozen=True)
class Accumulation:
    first: str  # x1.grad after one backward
    second: str  # x1.grad after a second backward without zero_()
    after_zero: str  # x1.grad after x1.grad.zero_() and a third backward


def accumulation(x1: float, x2: float, device: torch.device | str = "cpu") -> Accumulation:
    """backward() adds into .grad: two calls without zeroing give twice the gradient."""
    a, b = _leaves(x1, x2, device)
    y1 = a * b
    y1.backward(retain_graph=True)
    first = str(a.grad)
    y1.backward(retain_graph=True)
    second = str(a.grad)
    a.grad.zero_()
    y1.backward()
    return Accumulation(first, second, str(a.grad))


@dataclass(frozen=True)
class FreedGraph:
    error: str  # PyTorch's RuntimeError text for the second backward
    with_retain: str  # x1.grad when the first call passed retain_graph=True


def freed_graph(x1: float, x2: float, device: torch.device | str = "cpu") -> FreedGraph:
    """A second backward through the same graph fails unless the first kept it (retain_graph=True)."""
    a, b = _leaves(x1, x2, device)
    y1 = a * b
    y1.backward()
    try:
        y1.backward()
        error = ""
    except RuntimeError as err:
        error = str(err)
    c, d = _leaves(x1, x2, device)
    y = c * d
    y.backward(retain_graph=True)
    y.backward()
    return FreedGraph(error, str(c.grad))


@dataclass(frozen=True)
class NonLeafGrad:
    plain: str  # y1.grad without retain_grad(): None
    warning: str  # the UserWarning PyTorch raises when reading it
    retained: str  # y1.grad after y1.retain_grad()


def nonleaf_grad(x1: float, x2: float, device: torch.device | str = "cpu") -> NonLeafGrad:
    """Only leaves keep .grad; an intermediate needs retain_grad() before backward."""
    a, b = _leaves(x1, x2, device)
    y1 = a * b
    z = y1 + a
    z.backward()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plain = y1.grad
    message = next((str(w.message) for w in caught), "")

    c, d = _leaves(x1, x2, device)
    y1 = c * d
    y1.retain_grad()
    (y1 + c).backward()
    return NonLeafGrad(str(plain), message, str(y1.grad))
