"""Independent answers to check autograd against: closed forms and central finite differences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch

from autograd_core.quadratic import Quadratic


@dataclass(frozen=True)
class Check:
    quantity: str  # e.g. "dy/dx"
    method: str  # "closed_form" or "finite_difference"
    autograd: tuple[float, ...]
    reference: tuple[float, ...]
    tol: float
    not_applicable: str = ""  # why this comparison means nothing here (a reason code, e.g. "corner"); "" when it does

    @property
    def error(self) -> float:
        return max(abs(p - q) for p, q in zip(self.autograd, self.reference, strict=True))

    @property
    def ok(self) -> bool:
        return self.error <= self.tol


def central_difference(fn: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """(f(x+h) - f(x-h)) / 2h in float64: error O(h^2) for smooth f."""
    return (fn(x + h) - fn(x - h)) / (2 * h)


def second_difference(fn: Callable[[float], float], x: float, h: float = 1e-3) -> float:
    """(f(x+h) - 2 f(x) + f(x-h)) / h^2 in float64."""
    return (fn(x + h) - 2 * fn(x) + fn(x - h)) / (h * h)


def tolerance(reference: Sequence[float]) -> float:
    """Allowance for float32 arithmetic: 1e-4, relative to the largest magnitude when that exceeds 1."""
    return 1e-4 * max([1.0, *(abs(v) for v in reference)])


def _check(quantity: str, method: str, autograd, reference) -> Check:
    got = tuple(float(v) for v in torch.as_tensor(autograd).flatten())
    ref = tuple(float(v) for v in reference)
    return Check(quantity, method, got, ref, tolerance(ref))


def _flat(values) -> list[float]:
    return [float(v) for v in torch.as_tensor(values, dtype=torch.float64).flatten()]


def slope(f: Quadratic, x, grad, weights=None, name="x.grad") -> list[Check]:
    """x.grad against weight * (2ax + b) and a central difference of f, element by element (x: number or table)."""
    xs = _flat(x)
    w = _flat(weights) if weights is not None else [1.0] * len(xs)
    pairs = list(zip(w, xs, strict=True))
    return [
        _check(name, "closed_form", grad, [wi * f.slope(x) for wi, x in pairs]),
        _check(name, "finite_difference", grad, [wi * central_difference(f.value, x) for wi, x in pairs]),
    ]


def curvature(f: Quadratic, x: float, second) -> list[Check]:
    """d2y/dx2 against 2a and a second difference."""
    return [
        _check("d²y/dx²", "closed_form", second, [f.curvature]),
        _check("d²y/dx²", "finite_difference", second, [second_difference(f.value, x)]),
    ]


def products(x1: float, x2: float, y1_grads, summed_grads) -> list[Check]:
    """y1 = x1*x2 has gradient (x2, x1); y1 + y2 has (x2 + 1, x1 + 1)."""
    y1 = lambda u, v: u * v  # noqa: E731
    y12 = lambda u, v: u * v + u + v  # noqa: E731
    fd = lambda g: [central_difference(lambda u: g(u, x2), x1), central_difference(lambda v: g(x1, v), x2)]  # noqa: E731
    return [
        _check("∂y1/∂(x1, x2)", "closed_form", y1_grads, [x2, x1]),
        _check("∂y1/∂(x1, x2)", "finite_difference", y1_grads, fd(y1)),
        _check("∂(y1+y2)/∂(x1, x2)", "closed_form", summed_grads, [x2 + 1, x1 + 1]),
        _check("∂(y1+y2)/∂(x1, x2)", "finite_difference", summed_grads, fd(y12)),
    ]
