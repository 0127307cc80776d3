"""Jacobians of y = act(W @ x) when y and x differ in shape: backward(v) is the vector-Jacobian product vᵀJ.

x is a 1-D tensor of n numbers and W an m x n matrix, so y holds m numbers and J = dy/dx is m x n. PyTorch never
builds J for y.backward(v): it pushes v back through the graph and leaves vᵀJ (n numbers, x's shape) in x.grad.
Here J is also built three ways (torch.autograd.functional.jacobian, m backward calls with one-hot v, n jvp calls
with one-hot u) to show that they agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch.autograd.functional import jacobian
from torch.func import jvp

from autograd_core.device import checked_device
from autograd_core.tensors import cpu, matrix

ACTIVATIONS = ("none", "tanh", "relu", "square")


def activate(name: str, u: torch.Tensor) -> torch.Tensor:
    """The element-wise nonlinearity applied to W @ x."""
    if name == "none":
        return u
    if name == "tanh":
        return torch.tanh(u)
    if name == "relu":
        return torch.relu(u)
    if name == "square":
        return u * u
    raise ValueError(f"unknown nonlinearity {name!r}")


def column(name: str, values: Sequence, device) -> torch.Tensor:
    """A 1-D tensor from a one-column table (or a flat sequence); ValueError when it is not a column."""
    rows = [r if isinstance(r, Sequence) else (r,) for r in values]
    if any(len(r) != 1 for r in rows):
        raise ValueError(f"{name} must be a single column")
    return matrix(name, rows, device)[:, 0]


class ShapeError(ValueError):
    """x does not have as many entries as W has columns, so W @ x is undefined; carries PyTorch's message."""

    def __init__(self, torch_message: str):
        super().__init__(torch_message)
        self.torch_message = torch_message


@dataclass(frozen=True)
class JacobianLab:
    w: torch.Tensor  # (m, n)
    x: torch.Tensor  # (n,)
    y: torch.Tensor  # (m,)
    v: torch.Tensor  # as given: (m,) for a vector-Jacobian product, any length to see PyTorch refuse it
    jac: torch.Tensor  # (m, n), torch.autograd.functional.jacobian (one backward pass per row)
    rows: torch.Tensor  # (m, n): row i is x.grad after y.backward(e_i)
    cols: torch.Tensor  # (m, n): column j is the jvp with the tangent e_j
    grad: torch.Tensor | None  # x.grad after y.backward(v); None when v has the wrong shape
    by_autograd: torch.Tensor | None  # torch.autograd.grad(y, x, grad_outputs=v)[0]
    vjp: torch.Tensor | None  # v @ J, computed from the matrix
    error: str  # PyTorch's RuntimeError text for a v of the wrong shape, else ""
    texts: tuple[tuple[str, str], ...]  # (name, the tensor as PyTorch prints it)

    @property
    def shape(self) -> tuple[int, int]:
        return tuple(self.jac.shape)

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def max_difference(self) -> float:
        """Largest gap between the ways of computing J (and vᵀJ when v fits)."""
        gaps = [(self.rows - self.jac).abs().max(), (self.cols - self.jac).abs().max()]
        if self.grad is not None:
            gaps += [(self.grad - self.vjp).abs().max(), (self.by_autograd - self.vjp).abs().max()]
        return float(max(gaps))

    def text(self, name: str) -> str:
        return dict(self.texts)[name]

    @property
    def printed(self) -> str:
        """What code() prints: x.grad, v @ J, J row by row, J column by column."""
        return "\n".join(self.text(k) for k in ("x.grad", "vjp", "rows", "cols"))


def jacobian_lab(w, x, v, act: str = "none", device: torch.device | str = "cpu") -> JacobianLab:
    """y = act(W @ x); J by torch.autograd.functional.jacobian, by m backward calls and by n jvp calls; x.grad after
    y.backward(v)."""
    dev = checked_device(device)
    wt = matrix("W", w, dev)
    xt = column("x", x, dev)
    vt = column("v", v, dev)
    m, n = wt.shape
    if xt.shape[0] != n:
        try:
            wt @ xt  # PyTorch's own words for it
        except RuntimeError as err:
            raise ShapeError(str(err)) from None
    activate(act, wt[:, 0])  # unknown names fail before any work

    def f(inp: torch.Tensor) -> torch.Tensor:
        return activate(act, wt @ inp)

    jac = jacobian(f, xt)  # reverse mode: one backward pass per output
    eye_m, eye_n = torch.eye(m, device=dev), torch.eye(n, device=dev)
    rows = []
    for i in range(m):  # one backward call per output: v = e_i picks row i of J
        xi = xt.detach().clone().requires_grad_(True)
        f(xi).backward(eye_m[i])
        rows.append(xi.grad)
    cols = [jvp(f, (xt,), (eye_n[j],))[1] for j in range(n)]  # one forward-mode call per input: column j

    xg = xt.detach().clone().requires_grad_(True)
    y = f(xg)
    grad = by_autograd = vjp = None
    error = ""
    try:
        y.backward(vt)
    except RuntimeError as err:
        error = str(err)
    else:
        grad = cpu(xg.grad)
        x2 = xt.detach().clone().requires_grad_(True)
        (by_autograd,) = torch.autograd.grad(f(x2), x2, grad_outputs=vt)
        by_autograd, vjp = cpu(by_autograd), cpu(vt @ jac)
    rows_t, cols_t = torch.stack(rows), torch.stack(cols, dim=1)
    shown = {"y": y, "J": jac, "rows": rows_t, "cols": cols_t}
    if grad is not None:
        shown.update({"x.grad": grad, "vjp": vjp, "by_autograd": by_autograd})
    return JacobianLab(
        w=cpu(wt),
        x=cpu(xt),
        y=cpu(y),
        v=cpu(vt),
        jac=cpu(jac),
        rows=cpu(rows_t),
        cols=cpu(cols_t),
        grad=grad,
        by_autograd=by_autograd,
        vjp=vjp,
        error=error,
        texts=tuple((name, str(cpu(t))) for name, t in shown.items()),
    )


def code(w, x, v, act: str = "none") -> str:
    """Runnable source for the current values (numbers only are put into it)."""

    def num(value: float) -> str:
        return repr(round(float(value), 10))

    def flat(values) -> str:
        return "[" + ", ".join(num(r[0]) for r in values) + "]"

    table = "[" + ", ".join("[" + ", ".join(num(c) for c in r) + "]" for r in w) + "]"
    xs, vs = flat(x), flat(v)
    body = {"none": "W @ x", "tanh": "torch.tanh(W @ x)", "relu": "torch.relu(W @ x)", "square": "(W @ x) ** 2"}
    return (
        "import torch\n"
        "from torch.autograd.functional import jacobian\n"
        "from torch.func import jvp\n\n"
        f"W = torch.tensor({table})\n"
        f"x = torch.tensor({xs}, requires_grad=True)\n"
        f"v = torch.tensor({vs})\n\n"
        f"f = lambda x: {body[act]}\n"
        "y = f(x)\n"
        "y.backward(v)\n"
        "print(x.grad)\n"
        "J = jacobian(f, x.detach())\n"
        "print(v @ J)\n\n"
        "rows = []\n"
        "for i in range(len(y)):\n"
        "    xi = x.detach().requires_grad_()\n"
        "    f(xi).backward(torch.eye(len(y))[i])\n"
        "    rows.append(xi.grad)\n"
        "print(torch.stack(rows))\n"
        "cols = [jvp(f, (x.detach(),), (e,))[1] for e in torch.eye(len(x))]\n"
        "print(torch.stack(cols, dim=1))\n"
    )


_SLOPE = {  # σ'(u), written out by hand: the closed form the checks compare autograd with
    "none": lambda u: torch.ones_like(u),
    "tanh": lambda u: 1 - torch.tanh(u) ** 2,
    "relu": lambda u: (u > 0).to(u.dtype),
    "square": lambda u: 2 * u,
}


def at_kink(r: JacobianLab, act: str) -> bool:
    """relu with an entry of W @ x exactly 0: its derivative does not exist there (autograd takes relu'(0) = 0)."""
    return act == "relu" and bool(((r.w.double() @ r.x.double()) == 0).any())


def checks(r: JacobianLab, act: str) -> list:
    """x.grad (or J's rows, when v does not fit) against diag(σ'(Wx)) W by hand and a central difference of vᵀy.

    At a kink of relu there is no derivative for a difference to approach, so only the closed form (with the same
    convention, relu'(0) = 0) is compared."""
    from autograd_core.checks import Check, central_difference, tolerance

    w, x = r.w.double(), r.x.double()
    jac = _SLOPE[act](w @ x)[:, None] * w
    v = r.v.double() if r.ok else torch.ones(w.shape[0], dtype=torch.float64)
    got = r.grad if r.ok else r.rows.sum(0)  # with v = 1: the sum of J's rows

    def along(j: int):
        def g(t: float) -> float:
            xs = x.clone()
            xs[j] = t
            return float(v @ activate(act, w @ xs))

        return g

    closed = [float(c) for c in v @ jac]
    numeric = [central_difference(along(j), float(x[j])) for j in range(len(x))]
    name = "x.grad" if r.ok else "1ᵀJ"
    methods = (("closed_form", closed),) + ((("finite_difference", numeric),) if not at_kink(r, act) else ())
    return [Check(name, method, tuple(float(c) for c in got), tuple(ref), tolerance(ref)) for method, ref in methods]
