"""Exact derivatives of a tree: sympy objects built node by node, evaluated in float64."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from autograd_core.expression.tree import Call, Neg, Node, Num, Var, number

MAX_SIZE = 5000  # estimated size of the second derivative beyond which sympy is not asked


def symbol(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


def to_sympy(node: Node) -> sp.Expr:
    """The tree as a sympy expression; numbers become exact rationals, names fixed sympy functions."""
    if isinstance(node, Num):
        q = Fraction(number(node.value))
        return sp.Rational(q.numerator, q.denominator)
    if isinstance(node, Var):
        return symbol(node.name)
    if isinstance(node, Neg):
        return -to_sympy(node.arg)
    if isinstance(node, Call):
        a = to_sympy(node.arg)
        if node.fn == "abs":
            return sp.sqrt(a**2)  # Abs(a) when sympy knows a is real; differentiable either way
        if node.fn == "sigmoid":
            return 1 / (1 + sp.exp(-a))
        if node.fn == "relu":
            return sp.Max(0, a)
        return _SYMPY[node.fn](a)
    a, b = to_sympy(node.left), to_sympy(node.right)
    if node.op == "+":
        return a + b
    if node.op == "-":
        return a - b
    if node.op == "*":
        return a * b
    if node.op == "/":
        return a / b
    return a**b


_SYMPY = {"sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt, "tanh": sp.tanh}


def derivative_size(node: Node) -> tuple[int, int, int]:
    """Rough sizes of f, f' and f'' written out, to keep sympy away from expressions that explode."""
    if isinstance(node, Num | Var):
        return 1, 1, 1
    if isinstance(node, Neg):
        s, d1, d2 = derivative_size(node.arg)
        return s + 1, d1 + 1, d2 + 1
    if isinstance(node, Call):
        s, d1, d2 = derivative_size(node.arg)
        return s + 1, 2 * s + d1 + 2, 3 * s + 2 * d1 + d2 + 6
    sa, da, dda = derivative_size(node.left)
    sb, db, ddb = derivative_size(node.right)
    s = sa + sb + 1
    if node.op in "+-":
        return s, da + db + 1, dda + ddb + 1
    if node.op == "*":
        return s, da + db + s + 3, dda + ddb + 2 * (da + db) + s + 6
    return s, da + db + 2 * s + 6, dda + ddb + 3 * (da + db) + 4 * s + 15


def simple_enough(node: Node) -> bool:
    return derivative_size(node)[2] <= MAX_SIZE


class Unsupported(Exception):
    """A sympy object the float evaluator does not know."""


def evaluate(expr: sp.Expr, env: dict[str, float]) -> float:
    """expr at the point `env` in float64; nan where it is undefined over the reals."""
    try:
        v = _eval(expr, env)
    except Unsupported:
        return math.nan
    return v if isinstance(v, float) else math.nan


def _eval(e, env) -> float:
    if e.is_Symbol:
        return float(env[e.name])
    if e.is_Number or e.is_NumberSymbol:
        if e in (sp.zoo, sp.oo, -sp.oo, sp.nan) or e.is_infinite:
            return math.nan
        return float(e)
    args = [_eval(a, env) for a in e.args]
    try:
        if e.is_Add:
            return math.fsum(args) if all(math.isfinite(a) for a in args) else sum(args)
        if e.is_Mul:
            return math.prod(args)
        if e.is_Pow:
            return _pow(*args)
        fn = _FLOAT.get(type(e).__name__)
        if fn is None:
            raise Unsupported(type(e).__name__)
        return float(fn(*args))
    except OverflowError:
        return math.inf
    except (ValueError, ZeroDivisionError):
        return math.nan


def _pow(b: float, e: float) -> float:
    if b < 0 and not float(e).is_integer():
        return math.nan
    if b == 0 and e < 0:
        return math.nan
    return math.pow(b, e)


def _log(a: float) -> float:
    return math.log(a) if a > 0 else math.nan


def _heaviside(a: float, at0: float = 0.0) -> float:
    return 1.0 if a > 0 else (at0 if a == 0 else 0.0)  # torch's relu has slope 0 at 0


def _delta(a: float) -> float:
    return 0.0 if a != 0 else math.nan


def _sign(a: float) -> float:
    return (a > 0) - (a < 0) if not math.isnan(a) else math.nan


_FLOAT = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "exp": math.exp,
    "log": _log,
    "tanh": math.tanh,
    "Abs": abs,
    "sign": _sign,
    "Heaviside": lambda a, _h0=0.0: _heaviside(a),
    "DiracDelta": lambda a, *_: _delta(a),
    "Max": lambda *a: math.nan if any(math.isnan(v) for v in a) else max(a),
    "Min": lambda *a: math.nan if any(math.isnan(v) for v in a) else min(a),
    "re": lambda a: a,
    "im": lambda a: 0.0 if math.isfinite(a) else math.nan,
}


MAX_LATEX = 600  # longer formulas are summarised rather than shown


@dataclass(frozen=True)
class Exact:
    f: str  # LaTeX, or "" when too long to show
    d1: str
    d2: str
    d1_value: float  # at the point; nan where undefined
    d2_value: float


def latex(e: sp.Expr) -> str:
    text = sp.latex(e)
    return text if len(text) <= MAX_LATEX else ""


def exact_derivatives(tree: Node, x: float) -> Exact | None:
    """sympy's f, f', f'' and their values at x; None when the expression is too large for sympy."""
    if not simple_enough(tree):
        return None
    sx = symbol("x")
    f = to_sympy(tree)
    d1 = sp.diff(f, sx)
    d2 = sp.diff(d1, sx)
    env = {"x": x}
    return Exact(latex(f), latex(d1), latex(d2), evaluate(d1, env), evaluate(d2, env))
