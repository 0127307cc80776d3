"""How (heavy-ball) SGD behaves on f = a·x² + b·x + c for each learning rate, worked out from a and β alone.

With e_k = x_k − x*, torch's SGD (v ← β·v + f′(x), x ← x − lr·v, and f′(x) = 2a·e) gives
e_{k+1} = (1 + β − 2a·lr)·e_k − β·e_{k−1}, whose roots λ² − (1 + β − 2a·lr)·λ + β = 0 decide everything:
both real and positive: x slides in (lr < (1 − √β)²/(2a)); complex: x spirals in, |λ| = √β (up to (1 + √β)²/(2a));
real and negative: x jumps across x* every step (up to (1 + β)/a); beyond that a root leaves the unit circle.
Without momentum the spiral band is empty and its two ends meet at 1/(2a), where one step lands on x*.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from autograd_core.quadratic import Quadratic

REGIMES = ("monotone", "one_step", "critical", "spirals", "oscillates", "edge", "diverges")


@dataclass(frozen=True)
class Regimes:
    """The learning rates where SGD's behaviour changes, for f with a > 0 and momentum β in [0, 1)."""

    a: float
    momentum: float

    @property
    def calm(self) -> float:
        """Below this lr, x approaches x* without swinging around it: (1 − √β)²/(2a), that is 1/(2a) for β = 0."""
        return (1 - math.sqrt(self.momentum)) ** 2 / (2 * self.a)

    @property
    def swing(self) -> float:
        """From calm up to this lr (β > 0 only), x spirals into x*: (1 + √β)²/(2a)."""
        return (1 + math.sqrt(self.momentum)) ** 2 / (2 * self.a)

    @property
    def limit(self) -> float:
        """The largest stable lr, (1 + β)/a: beyond it every swing is wider than the last."""
        return (1 + self.momentum) / self.a

    def factor(self, lr: float) -> float:
        """Without momentum, what each step multiplies x − x* by: 1 − 2a·lr."""
        return 1 - 2 * self.a * lr

    def name(self, lr: float) -> str:
        """The regime of lr, one of REGIMES (an lr on a boundary gets the boundary's own name)."""
        plain = self.momentum == 0

        def at(v: float) -> bool:
            return math.isclose(lr, v, rel_tol=1e-9)

        if at(self.limit):
            return "edge"
        if lr > self.limit:
            return "diverges"
        if at(self.calm):
            return "one_step" if plain else "critical"
        if lr < self.calm:
            return "monotone"
        return "spirals" if lr < self.swing and not at(self.swing) else "oscillates"

    def bands(self, lo: float, hi: float) -> tuple[tuple[str, float, float], ...]:
        """(regime, from, to) for the open ranges of lr within [lo, hi], in order (no empty band)."""
        edges = (("monotone", 0.0, self.calm), ("spirals", self.calm, self.swing),
                 ("oscillates", self.swing, self.limit), ("diverges", self.limit, math.inf))  # fmt: skip
        return tuple((n, max(s, lo), min(e, hi)) for n, s, e in edges if min(e, hi) > max(s, lo))


def regimes(f: Quadratic, momentum: float = 0.0) -> Regimes | None:
    """The regimes of f, or None when a <= 0 (no minimum: no lr converges)."""
    return Regimes(f.a, momentum) if f.a > 0 else None
