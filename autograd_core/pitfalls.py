"""Three classic autograd surprises, each run for real: piling gradients, a freed graph, non-leaf .grad."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import torch

from autograd_core.quadratic import Quadratic, finite
from autograd_core.tensors import matrix, scalar


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


# ---- errors and surprises students meet with the lesson's f, each run for real -------------------------------


@dataclass(frozen=True)
class Outcome:
    """What PyTorch did: the value it printed, or the error it raised (its own message)."""

    printed: str = ""
    error: str = ""  # "RuntimeError: …" as Python shows it, "" when it ran

    @property
    def raised(self) -> bool:
        return bool(self.error)


def _run(action) -> Outcome:
    try:
        return Outcome(printed=str(action()))
    except (RuntimeError, TypeError) as err:  # what autograd raises, and what None.grad arithmetic raises
        return Outcome(error=f"{type(err).__name__}: {err}")


@dataclass(frozen=True)
class BackwardTwice:
    first: float  # x.grad after one y.backward(retain_graph=True)
    second: float  # after a second one: added, not replaced
    without_retain: Outcome  # a second backward when the first did not keep the graph


def backward_twice(f: Quadratic, x: float, device: torch.device | str = "cpu") -> BackwardTwice:
    """1.1: y.backward() twice adds into x.grad; without retain_graph the second call fails."""
    xt = scalar(finite("x", x), device, grad=True)
    y = f(xt)
    y.backward(retain_graph=True)
    first = float(xt.grad)
    y.backward()
    second = float(xt.grad)
    return BackwardTwice(first, second, _run(y.backward))


@dataclass(frozen=True)
class WithoutGradient:
    plain: Outcome  # y.backward() on the table y: PyTorch's error (or x.grad when y has one element)
    scalar_default: str  # for a scalar y: x.grad after y.backward()
    scalar_explicit: str  # ... and after y.backward(torch.tensor(1.)): the same


def backward_without_gradient(f: Quadratic, x, device: torch.device | str = "cpu") -> WithoutGradient:
    """1.2: backward() with no `gradient` works only for a one-element y; for a scalar it means gradient = 1."""
    xt = matrix("x", x, device, grad=True)
    y = f(xt)

    def plain():
        y.backward()
        return xt.grad

    s1, s2 = (scalar(float(xt.detach().flatten()[0]), device, grad=True) for _ in range(2))
    f(s1).backward()
    f(s2).backward(torch.tensor(1.0, device=s2.device))
    return WithoutGradient(_run(plain), str(s1.grad), str(s2.grad))


def second_grad_without_create_graph(f: Quadratic, x: float, device: torch.device | str = "cpu") -> Outcome:
    """2.1: without create_graph=True, dy/dx has no graph, and differentiating it again fails."""
    xt = scalar(finite("x", x), device, grad=True)
    (dy_dx,) = torch.autograd.grad(f(xt), xt)
    return _run(lambda: torch.autograd.grad(dy_dx, xt)[0])


@dataclass(frozen=True)
class ManualUpdates:
    rebind: Outcome  # x = x - lr * x.grad, then a second step: x is no longer a leaf
    in_place: Outcome  # x -= lr * x.grad outside torch.no_grad()
    right: str  # with torch.no_grad(): x -= lr * x.grad; x.grad.zero_(), two steps


def manual_updates(f: Quadratic, x0: float, lr: float, device: torch.device | str = "cpu") -> ManualUpdates:
    """3: updating x by hand, outside torch.no_grad(), and the right way."""
    lr = finite("lr", lr)

    def rebind():
        x = scalar(finite("x0", x0), device, grad=True)
        for _ in range(2):
            f(x).backward()
            x = x - lr * x.grad  # a new, non-leaf tensor: its .grad stays None
        return x

    def in_place():
        x = scalar(finite("x0", x0), device, grad=True)
        f(x).backward()
        x -= lr * x.grad
        return x

    x = scalar(finite("x0", x0), device, grad=True)
    for _ in range(2):
        f(x).backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reading .grad of a non-leaf warns; the error that follows is the point
        return ManualUpdates(_run(rebind), _run(in_place), str(x))


@dataclass(frozen=True)
class DataOrDetach:
    right: str  # x.grad of y = exp(x), nothing changed: e^x
    through_data: str  # x.grad after y.data.zero_(): silently wrong (autograd never heard of the change)
    through_detach: Outcome  # y.detach().zero_() then backward: PyTorch notices and refuses
    item: float  # y.item(): a plain Python number, nothing shared


def data_or_detach(x0: float, device: torch.device | str = "cpu") -> DataOrDetach:
    """3: .data, .detach() and .item() all read a value without its graph; only .data lets a change slip past
    autograd (exp saves its result for backward, so changing the result changes the gradient)."""

    def start():
        x = scalar(finite("x0", x0), device, grad=True)
        return x, torch.exp(x)

    x, y = start()
    item = y.item()
    y.backward()
    right = str(x.grad)
    x, y = start()
    y.data.zero_()
    y.backward()
    through_data = str(x.grad)
    x, y = start()
    y.detach().zero_()
    return DataOrDetach(right, through_data, _run(y.backward), item)
