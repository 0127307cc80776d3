"""The expression lab: autograd on a student's own f, against sympy's exact derivative and finite differences."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sympy as sp
import torch

from autograd_core import codegen
from autograd_core.checks import Check, central_difference, second_difference, tolerance
from autograd_core.device import checked_device
from autograd_core.expression import symbolic
from autograd_core.expression.evaluate import DTYPE, REASONS, Gap, at_corner, gaps, reasons, to_torch
from autograd_core.expression.parse import parse
from autograd_core.expression.symbolic import Exact, exact_derivatives
from autograd_core.expression.tree import ExpressionError, Node, variables
from autograd_core.graph import Graph, trace
from autograd_core.optimize import MAX_STEPS, Trajectory, descend, frozen, make_optimizer
from autograd_core.quadratic import finite

SPAN = (-5.0, 5.0)
POINTS = 401
EXAMPLES = (
    "x^3 - 3*x",
    "sin(x)*x^2",
    "exp(-x^2)",
    "log(x)",
    "1/x",
    "sqrt(x)",
    "abs(x)",
    "tanh(x) + relu(x)",
    "x^4 - 3*x^2 + x",
    "x1*x2 + sin(x1)",
)


@dataclass(frozen=True)
class ExpressionLab:
    text: str  # as the student typed it
    x: float
    y: float
    dy_dx: float
    d2y_dx2: float
    dy_dx_grad_fn: str | None
    exact: Exact | None  # None when the expression is too large for sympy in good time
    fd1: float
    fd2: float
    reason_at_x: str | None  # why f is undefined at x, None when it is defined
    corner: bool  # abs or relu sees exactly 0 at x: autograd's slope there is a convention
    curve_table: np.ndarray  # read-only columns x, f, d1, d2 over SPAN; nan where undefined
    gaps: tuple[Gap, ...]
    graph: Graph
    grad_graph: Graph | None
    code: str
    printed: str

    @property
    def curves(self) -> pd.DataFrame:
        """x, f, d1, d2 over SPAN as a new DataFrame."""
        return pd.DataFrame(self.curve_table, columns=["x", "f", "d1", "d2"])

    @property
    def defined(self) -> bool:
        return math.isfinite(self.y)

    def checks(self) -> list[Check]:
        """Autograd's f' and f'' at x against the exact derivative and finite differences, where finite."""
        out: list[Check] = []
        if not self.defined:  # autograd still runs the backward formulas (log gives 1/x at x < 0): not an answer
            return out
        for name, got, ref, fd in (
            ("f′(x)", self.dy_dx, self.exact.d1_value if self.exact else math.nan, self.fd1),
            ("f″(x)", self.d2y_dx2, self.exact.d2_value if self.exact else math.nan, self.fd2),
        ):
            if not math.isfinite(got):
                continue
            # at a corner (abs or relu at exactly 0) f has no derivative: autograd's value is a convention, and a
            # finite difference straddles the kink (f'' of abs(x) at 0 comes out as 2/h): nothing to compare
            why = "corner" if self.corner else ""
            if math.isfinite(ref):
                out.append(Check(name, "closed_form", (got,), (ref,), tolerance([ref]), why))
            if math.isfinite(fd):
                tol = tolerance([fd]) * (10 if name == "f″(x)" else 1)
                out.append(Check(name, "finite_difference", (got,), (fd,), tol, why))
        return out


def _grad(out: torch.Tensor, inp: torch.Tensor, create_graph: bool) -> torch.Tensor:
    """d(sum out)/d inp, zeros when out does not depend on inp."""
    if not out.requires_grad:
        return torch.zeros_like(inp)
    (g,) = torch.autograd.grad(out.sum(), inp, create_graph=create_graph, allow_unused=True, materialize_grads=True)
    return g


def mode(text: str) -> str:
    """'pair' when f uses x1 or x2, else 'single'; ExpressionError when the text does not parse."""
    return "pair" if set(variables(parse(text))) & {"x1", "x2"} else "single"


def parse_single(text: str) -> Node:
    """The tree of f(x); ExpressionError when the text uses x1 or x2 too."""
    tree = parse(text)
    if set(variables(tree)) - {"x"}:
        raise ExpressionError("not_single", 0, ", ".join(variables(tree)))
    return tree


def parse_pair(text: str) -> Node:
    """The tree of f(x1, x2); ExpressionError when it uses x."""
    tree = parse(text)
    if "x" in variables(tree):
        raise ExpressionError("mixed_variables", 0, ", ".join(variables(tree)))
    return tree


def analyze_expression(text: str, x: float, device: torch.device | str = "cpu") -> ExpressionLab:
    """f, f' and f'' of the student's f at x by autograd, with exact and finite-difference answers."""
    tree = parse_single(text)
    x = finite("x", x)
    dev = checked_device(device)
    xt = torch.tensor(x, dtype=DTYPE, device=dev, requires_grad=True)
    codes: dict = {}  # grad_fn -> the part of f that made it, for the graph's node labels
    y = to_torch(tree, {"x": xt}, codes)
    y_grad = y.requires_grad
    if not y_grad:
        y = torch.tensor(float(y), dtype=DTYPE, device=dev)
    dy = _grad(y, xt, create_graph=True)
    d1_grad = dy.requires_grad
    d2 = _grad(dy, xt, create_graph=False) if d1_grad else torch.zeros_like(xt)
    labels = {id(xt): "x"}
    graph = trace(y, labels, codes=codes)
    grad_graph = trace(dy, labels, "dy/dx") if d1_grad else None
    printed = "\n".join(str(t.detach()) for t in (y, dy, d2))

    fn = _float_fn(tree)
    xs = np.round(np.linspace(*SPAN, POINTS), 10)
    xg = torch.tensor(xs, dtype=DTYPE, device=dev, requires_grad=True)
    yg = to_torch(tree, {"x": xg}).expand_as(xg)
    d1g = _grad(yg, xg, create_graph=True)
    d2g = _grad(d1g, xg, create_graph=False)
    curves = frozen(np.stack([xs, *(_clean(v) for v in (yg, d1g, d2g))], axis=1))
    reason = reasons(tree, xg.detach()).cpu().numpy()
    at_x = int(reasons(tree, xt.detach().reshape(1))[0])
    return ExpressionLab(
        text=text,
        x=x,
        y=float(y.detach()),
        dy_dx=float(dy.detach()),
        d2y_dx2=float(d2),
        dy_dx_grad_fn=type(dy.grad_fn).__name__ if dy.grad_fn is not None else None,
        exact=exact_derivatives(tree, x),
        fd1=_safe(lambda: central_difference(fn, x)),
        fd2=_safe(lambda: second_difference(fn, x)),
        corner=at_corner(tree, {"x": x}),
        reason_at_x=REASONS[at_x] or (None if math.isfinite(float(y.detach())) else "other"),
        curve_table=curves,
        gaps=gaps(xs, reason),
        graph=graph,
        grad_graph=grad_graph,
        code=codegen.expression_derivatives(tree, x, dev, y_grad, d1_grad),
        printed=printed,
    )


def _clean(t: torch.Tensor) -> np.ndarray:
    v = t.detach().cpu().numpy(force=True).astype(float)
    v[~np.isfinite(v)] = np.nan
    return v


def _float_fn(tree: Node):
    def fn(v: float) -> float:
        with torch.no_grad():
            return float(to_torch(tree, {"x": torch.tensor(v, dtype=DTYPE)}))

    return fn


def _safe(compute) -> float:
    v = compute()
    return v if math.isfinite(v) else math.nan


# ---- several inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Partials:
    text: str
    point: tuple[float, float]
    y: float
    grads: tuple[float, float]  # autograd's df/dx1, df/dx2
    exact: tuple[float, float] | None
    latex: tuple[str, str, str] | None  # f, df/dx1, df/dx2
    fd: tuple[float, float]
    graph: Graph
    code: str
    printed: str
    corner: bool = False  # abs or relu sees exactly 0 here: f has no derivative, the checks do not apply

    def checks(self) -> list[Check]:
        out = []
        why = "corner" if self.corner else ""
        if all(math.isfinite(v) for v in self.grads):
            if self.exact and all(math.isfinite(v) for v in self.exact):
                out.append(Check("∂f/∂(x1, x2)", "closed_form", self.grads, self.exact, tolerance(self.exact), why))
            if all(math.isfinite(v) for v in self.fd):
                out.append(Check("∂f/∂(x1, x2)", "finite_difference", self.grads, self.fd, tolerance(self.fd), why))
        return out


def partials_expression(text: str, x1: float, x2: float, device: torch.device | str = "cpu") -> Partials:
    """f(x1, x2): both partial derivatives from one torch.autograd.grad call, checked."""
    tree = parse_pair(text)
    p = (finite("x1", x1), finite("x2", x2))
    dev = checked_device(device)
    a, b = (torch.tensor(v, dtype=DTYPE, device=dev, requires_grad=True) for v in p)
    codes: dict = {}
    y = to_torch(tree, {"x1": a, "x2": b, "x": a}, codes)
    if y.requires_grad:
        g = torch.autograd.grad(y, [a, b], allow_unused=True, materialize_grads=True)
    else:
        y = torch.tensor(float(y), dtype=DTYPE, device=dev)
        g = (torch.zeros_like(a), torch.zeros_like(b))

    def fval(u: float, v: float) -> float:
        with torch.no_grad():
            return float(to_torch(tree, {"x1": torch.tensor(u, dtype=DTYPE), "x2": torch.tensor(v, dtype=DTYPE)}))

    fd = (_safe(lambda: central_difference(lambda u: fval(u, p[1]), p[0])),
          _safe(lambda: central_difference(lambda v: fval(p[0], v), p[1])))  # fmt: skip
    ex, tex = None, None
    if symbolic.simple_enough(tree):
        f = symbolic.to_sympy(tree)
        ds = [sp.diff(f, symbolic.symbol(n)) for n in ("x1", "x2")]
        env = {"x1": p[0], "x2": p[1]}
        ex = tuple(symbolic.evaluate(d, env) for d in ds)
        tex = (symbolic.latex(f), symbolic.latex(ds[0]), symbolic.latex(ds[1]))
    return Partials(
        text,
        p,
        float(y.detach()),
        (float(g[0]), float(g[1])),
        ex,
        tex,
        fd,
        trace(y, {id(a): "x1", id(b): "x2"}, codes=codes),
        codegen.expression_partials(tree, p, dev, y.requires_grad),
        f"{y.detach()!s}\n{g[0]!s} {g[1]!s}",
        at_corner(tree, {"x1": p[0], "x2": p[1]}),
    )


# ---- minimize ---------------------------------------------------------------------------------


def minimize_expression(
    tree: Node, x0: float, lr: float, steps: int, optimizer: str = "sgd", device: torch.device | str = "cpu"
) -> Trajectory:
    """The lesson's loop (zero_grad, y = f(x), backward, step) with one of the torch.optim optimizers on f."""
    if isinstance(tree, str):
        tree = parse_single(tree)
    if set(variables(tree)) - {"x"}:
        raise ValueError("the expression may use only x")
    lr = finite("lr", lr)
    if lr <= 0:
        raise ValueError(f"lr must be positive, got {lr}")
    if not isinstance(steps, int) or isinstance(steps, bool) or not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be a whole number from 0 to {MAX_STEPS}, got {steps!r}")
    x = torch.tensor(finite("x0", x0), dtype=DTYPE, device=checked_device(device), requires_grad=True)
    return descend(lambda x: to_torch(tree, {"x": x}), x, make_optimizer(optimizer, [x], lr), steps, lr)
