"""The expression lab: autograd on a student's own f, against sympy's exact derivative and finite differences."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sympy as sp
import torch

from autograd_core import exact
from autograd_core.checks import Check, central_difference, second_difference, tolerance
from autograd_core.device import CHOICES
from autograd_core.expression import (
    Bin,
    Call,
    ExpressionError,
    Neg,
    Node,
    Num,
    Var,
    parse,
    to_code,
    to_torch,
    variables,
)
from autograd_core.graph import Graph, trace
from autograd_core.optimize import ESCAPE, MAX_STEPS, Trajectory, make_optimizer
from autograd_core.quadratic import finite

DTYPE = torch.float64  # students' functions can be steep: float64 keeps the comparisons meaningful
SPAN = (-5.0, 5.0)
POINTS = 401
MAX_LATEX = 600  # longer formulas are summarised rather than shown
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
class Gap:
    reason: str  # log, sqrt, div_zero, pow, overflow, other
    lo: float
    hi: float


@dataclass(frozen=True)
class Exact:
    f: str  # LaTeX, or "" when too long to show
    d1: str
    d2: str
    d1_value: float  # at the point; nan where undefined
    d2_value: float


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
    curves: pd.DataFrame  # x, f, d1, d2 over SPAN; nan where undefined
    gaps: tuple[Gap, ...]
    graph: Graph
    grad_graph: Graph | None
    code: str
    printed: str

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
            if math.isfinite(ref):
                out.append(Check(name, "closed_form", (got,), (ref,), tolerance([ref])))
            if math.isfinite(fd):
                tol = tolerance([fd]) * (10 if name == "f″(x)" else 1)
                out.append(Check(name, "finite_difference", (got,), (fd,), tol))
        return out


def _dev(device) -> torch.device:
    d = torch.device(device)
    if d.type not in CHOICES:
        raise ValueError(f"unknown device {device!r}")
    return d


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


# ---- why f is undefined -----------------------------------------------------------------------


def _why(node: Node, env: dict[str, torch.Tensor], reason: torch.Tensor) -> torch.Tensor:
    """Evaluate without gradients, writing into `reason` (codes 1..) the first operation that broke."""
    if isinstance(node, Num | Var):
        return to_torch(node, env)
    if isinstance(node, Neg):
        return -_why(node.arg, env, reason)
    if isinstance(node, Call):
        a = _why(node.arg, env, reason)
        out = to_torch(Call(node.fn, Var("_")), {"_": a})
        code = {"log": 1, "sqrt": 2}.get(node.fn, 5)
        _mark(reason, torch.isfinite(a), out, code)
        return out
    a, b = _why(node.left, env, reason), _why(node.right, env, reason)
    out = to_torch(Bin(node.op, Var("_a"), Var("_b")), {"_a": a, "_b": b})
    code = {"/": 3, "^": 4}.get(node.op, 5)
    if node.op == "/":
        code = torch.where(b == 0, 3, 5)
    _mark(reason, torch.isfinite(a) & torch.isfinite(b), out, code)
    return out


def _mark(reason: torch.Tensor, inputs_ok: torch.Tensor, out: torch.Tensor, code) -> None:
    broke = inputs_ok & ~torch.isfinite(out) & (reason == 0)
    reason[broke.expand_as(reason)] = torch.as_tensor(code, dtype=reason.dtype).expand_as(reason)[
        broke.expand_as(reason)
    ]


REASONS = ("", "log", "sqrt", "div_zero", "pow", "overflow")


def _reasons(tree: Node, xs: torch.Tensor) -> torch.Tensor:
    reason = torch.zeros(xs.shape, dtype=torch.int64, device=xs.device)
    with torch.no_grad():
        _why(tree, {"x": xs}, reason)
    return reason


def _gaps(xs: np.ndarray, reason: np.ndarray) -> tuple[Gap, ...]:
    gaps = []
    i = 0
    while i < len(xs):
        if reason[i]:
            j = i
            while j + 1 < len(xs) and reason[j + 1] == reason[i]:
                j += 1
            gaps.append(Gap(REASONS[reason[i]], float(xs[i]), float(xs[j])))
            i = j + 1
        else:
            i += 1
    return tuple(gaps)


def at_corner(tree: Node, env: dict[str, float]) -> bool:
    """True when some abs or relu in f gets exactly 0 here: a corner, where PyTorch takes slope 0 by convention."""
    tensors = {k: torch.tensor(float(v), dtype=DTYPE) for k, v in env.items()}

    def walk(n: Node) -> bool:
        if isinstance(n, Call):
            if n.fn in ("abs", "relu"):
                with torch.no_grad():
                    if float(to_torch(n.arg, tensors)) == 0.0:
                        return True
            return walk(n.arg)
        if isinstance(n, Neg):
            return walk(n.arg)
        if isinstance(n, Bin):
            return walk(n.left) or walk(n.right)
        return False

    return walk(tree)


# ---- the analysis -----------------------------------------------------------------------------


def _latex(e: sp.Expr) -> str:
    text = sp.latex(e)
    return text if len(text) <= MAX_LATEX else ""


def exact_derivatives(tree: Node, x: float) -> Exact | None:
    """sympy's f, f', f'' and their values at x; None when the expression is too large for sympy."""
    if not exact.simple_enough(tree):
        return None
    sx = exact.symbol("x")
    f = exact.to_sympy(tree)
    d1 = sp.diff(f, sx)
    d2 = sp.diff(d1, sx)
    env = {"x": x}
    return Exact(_latex(f), _latex(d1), _latex(d2), exact.evaluate(d1, env), exact.evaluate(d2, env))


def _code(tree: Node, x: float, device: torch.device, y_grad: bool, d1_grad: bool) -> str:
    d = "" if device.type == "cpu" else f', device="{device.type}"'
    lines = [
        "import torch",
        "",
        f"x = torch.tensor({float(x)!r}, dtype=torch.float64, requires_grad=True{d})",
    ]
    body = to_code(tree)
    if not y_grad:
        lines += [
            f"y = torch.tensor({body}, dtype=torch.float64{d})  # f does not depend on x",
            "dy_dx = torch.zeros_like(x)",
            "d2y_dx2 = torch.zeros_like(x)",
        ]
    else:
        lines += [f"y = {body}", "(dy_dx,) = torch.autograd.grad(y, x, create_graph=True)  # keep dy/dx's graph"]
        if d1_grad:
            lines.append("(d2y_dx2,) = torch.autograd.grad(dy_dx, x)  # differentiate dy/dx again")
        else:
            lines.append("d2y_dx2 = torch.zeros_like(x)  # dy/dx does not depend on x: f is linear")
    lines += ["print(y.data)", "print(dy_dx.data)", "print(d2y_dx2)"]
    return "\n".join(lines) + "\n"


def analyze_expression(text: str, x: float, device: torch.device | str = "cpu") -> ExpressionLab:
    """f, f' and f'' of the student's f at x by autograd, with exact and finite-difference answers."""
    tree = parse_single(text)
    x = finite("x", x)
    dev = _dev(device)
    xt = torch.tensor(x, dtype=DTYPE, device=dev, requires_grad=True)
    y = to_torch(tree, {"x": xt})
    y_grad = y.requires_grad
    if not y_grad:
        y = torch.tensor(float(y), dtype=DTYPE, device=dev)
    dy = _grad(y, xt, create_graph=True)
    d1_grad = dy.requires_grad
    d2 = _grad(dy, xt, create_graph=False) if d1_grad else torch.zeros_like(xt)
    labels = {id(xt): "x"}
    graph = trace(y, labels)
    grad_graph = trace(dy, labels, "dy/dx") if d1_grad else None
    printed = "\n".join(str(t.detach()) for t in (y, dy, d2))

    fn = _float_fn(tree)
    xs = np.round(np.linspace(*SPAN, POINTS), 10)
    xg = torch.tensor(xs, dtype=DTYPE, device=dev, requires_grad=True)
    yg = to_torch(tree, {"x": xg}).expand_as(xg)
    d1g = _grad(yg, xg, create_graph=True)
    d2g = _grad(d1g, xg, create_graph=False)
    curves = pd.DataFrame(
        {"x": xs, **{k: _clean(v) for k, v in (("f", yg), ("d1", d1g), ("d2", d2g))}},
    )
    reason = _reasons(tree, xg.detach()).cpu().numpy()
    at_x = int(_reasons(tree, xt.detach().reshape(1))[0])
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
        curves=curves,
        gaps=_gaps(xs, reason),
        graph=graph,
        grad_graph=grad_graph,
        code=_code(tree, x, dev, y_grad, d1_grad),
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

    def checks(self) -> list[Check]:
        out = []
        if all(math.isfinite(v) for v in self.grads):
            if self.exact and all(math.isfinite(v) for v in self.exact):
                out.append(Check("∂f/∂(x1, x2)", "closed_form", self.grads, self.exact, tolerance(self.exact)))
            if all(math.isfinite(v) for v in self.fd):
                out.append(Check("∂f/∂(x1, x2)", "finite_difference", self.grads, self.fd, tolerance(self.fd)))
        return out


def partials_expression(text: str, x1: float, x2: float, device: torch.device | str = "cpu") -> Partials:
    """f(x1, x2): both partial derivatives from one torch.autograd.grad call, checked."""
    tree = parse_pair(text)
    p = (finite("x1", x1), finite("x2", x2))
    dev = _dev(device)
    a, b = (torch.tensor(v, dtype=DTYPE, device=dev, requires_grad=True) for v in p)
    y = to_torch(tree, {"x1": a, "x2": b, "x": a})
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
    ex, latex = None, None
    if exact.simple_enough(tree):
        f = exact.to_sympy(tree)
        ds = [sp.diff(f, exact.symbol(n)) for n in ("x1", "x2")]
        env = {"x1": p[0], "x2": p[1]}
        ex = tuple(exact.evaluate(d, env) for d in ds)
        latex = (_latex(f), _latex(ds[0]), _latex(ds[1]))
    d = "" if dev.type == "cpu" else f', device="{dev.type}"'
    body = to_code(tree)
    lines = ["import torch", ""]
    for n, v in zip(("x1", "x2"), p, strict=True):
        lines.append(f"{n} = torch.tensor({v!r}, dtype=torch.float64, requires_grad=True{d})")
    if y.requires_grad:
        lines += [f"y = {body}", "g1, g2 = torch.autograd.grad(y, [x1, x2], allow_unused=True, materialize_grads=True)"]
    else:
        lines += [f"y = torch.tensor({body}, dtype=torch.float64{d})  # f uses neither input",
                  "g1, g2 = torch.zeros_like(x1), torch.zeros_like(x2)"]  # fmt: skip
    lines += ["print(y.data)", "print(g1, g2)"]
    return Partials(
        text,
        p,
        float(y.detach()),
        (float(g[0]), float(g[1])),
        ex,
        latex,
        fd,
        trace(y, {id(a): "x1", id(b): "x2"}),
        "\n".join(lines) + "\n",
        f"{y.detach()!s}\n{g[0]!s} {g[1]!s}",
    )


# ---- minimize ---------------------------------------------------------------------------------


def minimize_expression(
    tree: Node, x0: float, lr: float, steps: int, optimizer: str = "sgd", device: torch.device | str = "cpu"
) -> Trajectory:
    """Run zero_grad, y = f(x), backward, step with a torch.optim optimizer; stop once x or f runs away."""
    if isinstance(tree, str):
        tree = parse_single(tree)
    if set(variables(tree)) - {"x"}:
        raise ValueError("the expression may use only x")
    lr = finite("lr", lr)
    if lr <= 0:
        raise ValueError(f"lr must be positive, got {lr}")
    if not isinstance(steps, int) or isinstance(steps, bool) or not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be a whole number from 0 to {MAX_STEPS}, got {steps!r}")
    x = torch.tensor(finite("x0", x0), dtype=DTYPE, device=_dev(device), requires_grad=True)
    opt = make_optimizer(optimizer, [x], lr)  # the SGD lab's six optimizers
    xs, ys, gs = [], [], []
    stopped = None
    y = x
    for k in range(steps + 1):
        opt.zero_grad()
        y = to_torch(tree, {"x": x})
        if y.requires_grad:
            y.backward()
        xs.append(x.detach().clone())
        ys.append(y.detach().expand_as(x))
        gs.append(x.grad if x.grad is not None else torch.zeros_like(x))
        if k % 100 == 99 or k == steps:
            stopped = _first_bad(torch.stack(xs), torch.stack(ys), torch.stack(gs))
            if stopped is not None:
                break
        if k < steps:
            opt.step()
    n = len(xs) if stopped is None else stopped
    table = torch.stack([torch.stack(v[:n]) for v in (xs, ys, gs)], dim=1).cpu().double() if n else torch.zeros(0, 3)
    frame = pd.DataFrame(table.numpy(), columns=["x", "f", "grad"])
    frame.insert(0, "step", range(n))
    x_text = str(xs[n - 1]) if n else ""
    y_text = str(ys[n - 1]) if n else ""
    return Trajectory(frame, lr, stopped, x_text, y_text)


def _first_bad(xs: torch.Tensor, ys: torch.Tensor, gs: torch.Tensor) -> int | None:
    """The first step whose x, f or gradient is not finite, or whose x is beyond ESCAPE."""
    bad = ~(torch.isfinite(xs) & torch.isfinite(ys) & torch.isfinite(gs)) | (xs.abs() > ESCAPE)
    return int(bad.nonzero()[0, 0]) if bool(bad.any()) else None
