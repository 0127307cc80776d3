"""The lesson's function f(x) = a*x**2 + b*x + c, built from torch ops, and its closed forms."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import torch

DTYPE = torch.float32  # the lesson works in float32 (torch's default)
LARGEST = float(torch.finfo(DTYPE).max)  # beyond this a value turns into inf in float32


def finite(name: str, value: float) -> float:
    """Return value as a float, or raise ValueError when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    out = float(value)
    if not math.isfinite(out):
        raise ValueError(f"{name} must be finite, got {out}")
    if abs(out) > LARGEST:
        raise ValueError(f"{name} is too large for float32, got {out}")
    return out


@dataclass(frozen=True)
class Quadratic:
    a: float = 1.0
    b: float = -2.0
    c: float = 1.0

    def __post_init__(self) -> None:
        for name in ("a", "b", "c"):
            object.__setattr__(self, name, finite(name, getattr(self, name)))

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """y = a*x^2 + b*x + c with a, b, c as plain tensors (no grad), as in the lesson."""
        a, b, c = (torch.tensor(v, dtype=DTYPE, device=x.device) for v in (self.a, self.b, self.c))
        return a * torch.pow(x, 2) + b * x + c

    def value(self, x: float) -> float:
        return self.a * x * x + self.b * x + self.c

    def slope(self, x: float) -> float:
        """Closed form f'(x) = 2ax + b."""
        return 2 * self.a * x + self.b

    @property
    def curvature(self) -> float:
        """Closed form f''(x) = 2a."""
        return 2 * self.a

    @property
    def minimizer(self) -> float | None:
        """x* = -b / 2a when a > 0; None when f has no minimum."""
        return -self.b / (2 * self.a) if self.a > 0 else None
