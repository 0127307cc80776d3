"""Checking a derivative numerically: autograd against sympy's exact f'(x) and central differences.

The central difference (f(x+h) - f(x-h)) / 2h has two errors. Truncation: about h²·|f'''(x)|/6, which shrinks as
h does. Round-off: f(x±h) carry a relative error of about eps (the float's machine epsilon), and dividing their
difference by 2h magnifies it to about eps·|f(x)|/h, which grows as h shrinks. Their sum is a V on log-log axes,
lowest near h ≈ eps^(1/3): about 6e-6 in float64, 5e-3 in float32.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import sympy as sp
import torch

from autograd_core.device import checked_device
from autograd_core.expression import Call, Node, to_torch
from autograd_core.expression import symbolic as exact

EXPONENTS = tuple(range(-12, 1))  # the slider's steps: h = 10^k
PER_DECADE = 8
KINKS = ("abs", "relu", "sqrt")  # functions with a point where the derivative does not exist
FLAT = 10.0  # errors that vary less than this over the whole grid have no best h
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def h_grid() -> np.ndarray:
    """Step sizes 1e-12 ... 1, PER_DECADE per decade (the slider's powers of ten among them)."""
    k = len(EXPONENTS) - 1
    return 10.0 ** np.linspace(EXPONENTS[0], EXPONENTS[-1], k * PER_DECADE + 1)


def theory_h(dtype: str) -> float:
    """eps^(1/3): where the central difference's truncation and round-off errors are about equal."""
    return float(torch.finfo(DTYPES[dtype]).eps) ** (1 / 3)


def _frozen(a) -> np.ndarray:
    a = np.array(a, dtype=np.float64)
    a.flags.writeable = False
    return a


def _device(device, dtype: torch.dtype) -> torch.device:
    dev = checked_device(device)
    return torch.device("cpu") if dev.type == "mps" and dtype == torch.float64 else dev  # MPS has no float64


def _f(node: Node, x: torch.Tensor) -> torch.Tensor:
    return to_torch(node, {"x": x}) + 0.0 * x  # a constant f still has x's shape, dtype and a graph


def autograd_slope(node: Node, x: float, dtype: torch.dtype, device="cpu") -> float:
    """f'(x) by autograd in `dtype`."""
    xt = torch.tensor(x, dtype=dtype, device=_device(device, dtype), requires_grad=True)
    y = _f(node, xt)
    (g,) = torch.autograd.grad(y, xt)
    return float(g)


def central(node: Node, x: float, h, dtype: torch.dtype, device="cpu") -> np.ndarray:
    """(f(x+h) - f(x-h)) / 2h computed in `dtype` for every h (no autograd)."""
    dev = _device(device, dtype)
    with torch.no_grad():
        ht = torch.as_tensor(np.asarray(h, dtype=np.float64), dtype=dtype, device=dev)
        xt = torch.full_like(ht, x)
        d = (_f(node, xt + ht) - _f(node, xt - ht)) / (2 * ht)
    return d.double().cpu().numpy()


def exact_slope(node: Node, x: float) -> float:
    """sympy's exact f'(x), evaluated in float64; nan where it is undefined (or sympy cannot say)."""
    try:
        expr = sp.diff(exact.to_sympy(node), exact.symbol("x"))
        return float(exact.evaluate(expr, {"x": float(x)}))
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return math.nan


@dataclass(frozen=True)
class ErrorCurve:
    x: float
    value: float  # f(x) in float64; nan where f is undefined
    h: np.ndarray  # step sizes (read-only)
    exact: float  # sympy's f'(x); nan when undefined
    reference: float  # what the errors are measured against: exact, or autograd in float64 when exact is nan
    autograd: tuple[tuple[str, float], ...]  # (dtype, f'(x) by autograd)
    errors: tuple[tuple[str, np.ndarray], ...]  # (dtype, |central difference - reference|, nan where exactly 0)
    at_h: float  # the slider's h
    central_at_h: tuple[tuple[str, float], ...]  # (dtype, central difference with the slider's h)

    def error(self, dtype: str) -> np.ndarray:
        return dict(self.errors)[dtype]

    def best_h(self, dtype: str) -> float | None:
        """The h of the smallest error on the grid; None when no error is finite and non-zero, or when the errors
        stay within a factor of FLAT of each other (no V, e.g. at a kink, where the error does not shrink)."""
        e = self.error(dtype)
        ok = np.isfinite(e)
        if not ok.any() or e[ok].max() < FLAT * e[ok].min():
            return None
        return float(self.h[ok][np.argmin(e[ok])])

    def slope(self, dtype: str) -> float:
        return dict(self.autograd)[dtype]


def error_curve(node: Node, x: float, at_h: float, device: torch.device | str = "cpu") -> ErrorCurve:
    """The central difference's error against h, in float32 and float64, at x."""
    h = h_grid()
    ex = exact_slope(node, x)
    slopes = {name: autograd_slope(node, x, dt, device) for name, dt in DTYPES.items()}
    ref = ex if math.isfinite(ex) else slopes["float64"]
    errors, at = [], []
    for name, dt in DTYPES.items():
        with np.errstate(invalid="ignore", over="ignore"):  # inf - inf: nan, left out of the plot
            e = np.abs(central(node, x, h, dt, device) - ref)
        e[e == 0] = np.nan  # exactly right: no point on a log axis
        errors.append((name, _frozen(e)))
        at.append((name, float(central(node, x, [at_h], dt, device)[0])))
    with torch.no_grad():
        value = float(_f(node, torch.tensor(float(x), dtype=torch.float64, device=_device(device, torch.float64))))
    slopes_t, errors_t, at_t = tuple(slopes.items()), tuple(errors), tuple(at)
    return ErrorCurve(float(x), value, _frozen(h), ex, ref, slopes_t, errors_t, float(at_h), at_t)


@dataclass(frozen=True)
class GradCheck:
    passed: bool  # torch.autograd.gradcheck's verdict
    passed2: bool  # torch.autograd.gradgradcheck's verdict
    analytical: float  # what gradcheck takes from backward
    numerical: float  # its central difference with eps
    eps: float
    atol: float
    rtol: float
    message: str  # gradcheck's failure text ("" when it passed)
    message2: str  # gradgradcheck's failure text


EPS, ATOL, RTOL = 1e-6, 1e-5, 1e-3  # torch.autograd.gradcheck's defaults


def _verdict(check, fn, xt) -> tuple[bool, str]:
    """check(...) with raise_exception=False for the verdict; run again raising, for the text, when it fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ok = bool(check(fn, (xt,), eps=EPS, atol=ATOL, rtol=RTOL, raise_exception=False))
        except RuntimeError as err:  # e.g. an output that does not depend on x
            return False, str(err)
        if ok:
            return True, ""
        try:
            check(fn, (xt,), eps=EPS, atol=ATOL, rtol=RTOL, raise_exception=True)
        except RuntimeError as err:  # GradcheckError is a RuntimeError
            return False, str(err).strip()
    return False, ""


def grad_check(node: Node, x: float, device: torch.device | str = "cpu") -> GradCheck:
    """torch.autograd.gradcheck and gradgradcheck on f at x in float64, and the two numbers gradcheck compares."""
    dev = _device(device, torch.float64)
    xt = torch.tensor([float(x)], dtype=torch.float64, device=dev, requires_grad=True)

    def fn(t: torch.Tensor) -> torch.Tensor:
        return _f(node, t)

    passed, message = _verdict(torch.autograd.gradcheck, fn, xt)
    passed2, message2 = _verdict(torch.autograd.gradgradcheck, fn, xt)
    numerical = float(central(node, x, [EPS], torch.float64, device)[0])
    return GradCheck(
        passed, passed2, autograd_slope(node, x, torch.float64, device), numerical, EPS, ATOL, RTOL, message, message2
    )


def kinks(node: Node, x: float, device: torch.device | str = "cpu") -> tuple[str, ...]:
    """The functions among KINKS whose argument is exactly 0 at x (where their derivative does not exist).

    Evaluated on the CPU in float64 whatever `device` is: a few scalar operations."""
    found: list[str] = []
    stack = [node]
    xt = torch.tensor(float(x), dtype=torch.float64)
    while stack:
        n = stack.pop()
        if isinstance(n, Call) and n.fn in KINKS and n.fn not in found:
            with torch.no_grad():
                if float(to_torch(n.arg, {"x": xt})) == 0.0:
                    found.append(n.fn)
        for name in ("arg", "left", "right"):
            child = getattr(n, name, None)
            if child is not None:
                stack.append(child)
    return tuple(f for f in KINKS if f in found)


def code(node: Node, x: float) -> str:
    """Runnable source of the gradcheck call for f at x (only numbers, x and torch functions appear in it)."""
    from autograd_core.codegen import to_code
    from autograd_core.expression.tree import number

    return (
        "import torch\n\n"
        f"x = torch.tensor([{number(x)}], dtype=torch.float64, requires_grad=True)\n"
        f"f = lambda x: {to_code(node)}\n"
        f"print(torch.autograd.gradcheck(f, (x,), eps={EPS:g}, atol={ATOL:g}, rtol={RTOL:g}, raise_exception=False))\n"
        "print(torch.autograd.gradgradcheck(f, (x,), raise_exception=False))\n"
    )
