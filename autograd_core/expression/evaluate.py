"""A student's f evaluated with torch (recorded by autograd), and where and why it is undefined."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from autograd_core.expression.tree import Bin, Call, Neg, Node, Num, Var, to_text

DTYPE = torch.float64  # students' functions can be steep: float64 keeps the comparisons meaningful


def _apply(fn: str, a: torch.Tensor) -> torch.Tensor:
    if fn == "sigmoid":
        return torch.sigmoid(a)
    if fn == "relu":
        return torch.relu(a)
    return getattr(torch, fn)(a)  # fn is one of FUNCTIONS, checked by the parser


def _binary(op: str, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    return torch.pow(a, b)


MAX_CODE = 40  # longer node codes are cut with an ellipsis


def to_torch(node: Node, env: dict[str, torch.Tensor], codes: dict | None = None) -> torch.Tensor:
    """Evaluate the tree with torch operations on the tensors in `env` (recorded by autograd).

    codes: when given, filled with grad_fn -> the text of the subtree that made it (for graph.trace).
    """
    if isinstance(node, Num):
        some = next(iter(env.values()))
        return torch.tensor(node.value, dtype=some.dtype, device=some.device)
    if isinstance(node, Var):
        if node.name not in env:
            raise ValueError(f"no value for {node.name}")
        return env[node.name]
    if isinstance(node, Neg):
        out = -to_torch(node.arg, env, codes)
    elif isinstance(node, Call):
        out = _apply(node.fn, to_torch(node.arg, env, codes))
    else:
        out = _binary(node.op, to_torch(node.left, env, codes), to_torch(node.right, env, codes))
    if codes is not None and out.grad_fn is not None and out.grad_fn not in codes:
        text = to_text(node)
        codes[out.grad_fn] = text if len(text) <= MAX_CODE else text[: MAX_CODE - 1] + "…"
    return out


def constant(node: Node) -> float | None:
    """The float value of a tree without variables (inf on overflow), None when it uses a variable."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Var):
        return None
    if isinstance(node, Neg):
        v = constant(node.arg)
        return None if v is None else -v
    if isinstance(node, Call):
        v = constant(node.arg)
        return None if v is None else float(_apply(node.fn, torch.tensor(v, dtype=torch.float64)))
    a, b = constant(node.left), constant(node.right)
    if a is None or b is None:
        return None
    return float(_binary(node.op, torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)))


@dataclass(frozen=True)
class Gap:
    reason: str  # log, sqrt, div_zero, pow, overflow, other
    lo: float
    hi: float


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


def reasons(tree: Node, xs: torch.Tensor) -> torch.Tensor:
    reason = torch.zeros(xs.shape, dtype=torch.int64, device=xs.device)
    with torch.no_grad():
        _why(tree, {"x": xs}, reason)
    return reason


def gaps(xs: np.ndarray, reason: np.ndarray) -> tuple[Gap, ...]:
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
