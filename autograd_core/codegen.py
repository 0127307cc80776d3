"""Runnable Python source for each section, written for the current values.

Only numbers (formatted floats) and a device name from a fixed list are ever put into the code. Comments are
language-free markers `# @<name>` (MARKERS); the UI replaces each with the sentence under code.<name> in the locale
files (ui/render.code_text), so this module stays pure and the students read comments in their language.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

from autograd_core.device import checked_device
from autograd_core.expression.tree import PRECEDENCE, Bin, Call, Neg, Node, Num, Var, number
from autograd_core.quadratic import Quadratic

# Every comment marker this module writes (`# @<name>`); each has a sentence under code.<name> in both locale files.
MARKERS = (
    "coefficients", "scalar_no_argument", "nonscalar_gradient", "dot_product", "same_grad", "create_graph",
    "several_inputs", "several_outputs", "constant_f", "keep_graph", "differentiate_again", "linear_f",
    "uses_no_input", "after_one", "after_two", "after_zero", "second_backward", "not_a_leaf",
)  # fmt: skip


def num(v: float) -> str:
    """A float literal that reads back to the same float32 value."""
    return repr(round(float(v), 10))


def _table(rows: Sequence[Sequence[float]]) -> str:
    return "[" + ", ".join("[" + ", ".join(num(v) for v in r) + "]" for r in rows) + "]"


def _dev(device: torch.device | str) -> str:
    """The `, device="…"` argument for tensors made on `device` (nothing for the CPU)."""
    kind = checked_device(device).type
    return "" if kind == "cpu" else f', device="{kind}"'


def _header(f: Quadratic, device) -> str:
    d = _dev(device)
    return (
        "import torch\n\n"
        "# @coefficients\n"
        f"a = torch.tensor({num(f.a)}{d})\n"
        f"b = torch.tensor({num(f.b)}{d})\n"
        f"c = torch.tensor({num(f.c)}{d})\n"
    )


def scalar_backward(f: Quadratic, x: float, device="cpu") -> str:
    return _header(f, device) + (
        f"x = torch.tensor({num(x)}, requires_grad=True{_dev(device)})\n\n"
        "y = a * torch.pow(x, 2) + b * x + c\n"
        "y.backward()  # @scalar_no_argument\n"
        "print(x.grad)\n"
    )


def _tables(f: Quadratic, x, gradient, device) -> str:
    """Header, the x and gradient tables, and y = f(x)."""
    d = _dev(device)
    return _header(f, device) + (
        f"x = torch.tensor({_table(x)}, requires_grad=True{d})\n"
        f"gradient = torch.tensor({_table(gradient)}{d})\n\n"
        "y = a * torch.pow(x, 2) + b * x + c\n"
    )


def nonscalar_backward(f: Quadratic, x, gradient, device="cpu") -> str:
    return _tables(f, x, gradient, device) + (
        "y.backward(gradient=gradient)  # @nonscalar_gradient\n"
        'print("x:\\n", x)\n'
        'print("y:\\n", y)\n'
        'print("x_grad:\\n", x.grad)\n'
    )


def equivalence(f: Quadratic, x, gradient, device="cpu") -> str:
    return _tables(f, x, gradient, device) + (
        "z = torch.sum(y * gradient)  # @dot_product\n"
        "z.backward()  # @same_grad\n"
        'print("z:", z)\n'
        'print("x_grad:\\n", x.grad)\n'
    )


def second_derivative(f: Quadratic, x: float, device="cpu") -> str:
    return _header(f, device) + (
        f"x = torch.tensor({num(x)}, requires_grad=True{_dev(device)})\n\n"
        "y = a * torch.pow(x, 2) + b * x + c\n"
        "# @create_graph\n"
        "dy_dx = torch.autograd.grad(y, x, create_graph=True)[0]\n"
        "dy2_dx2 = torch.autograd.grad(dy_dx, x)[0]\n"
        "print(dy_dx.data)\n"
        "print(dy2_dx2)\n"
    )


def many_in_out(x1: float, x2: float, device="cpu") -> str:
    return _two_leaves(x1, x2, device) + (
        "y2 = x1 + x2\n\n"
        "# @several_inputs\n"
        "dy1_dx1, dy1_dx2 = torch.autograd.grad(outputs=y1, inputs=[x1, x2], retain_graph=True)\n"
        "print(dy1_dx1, dy1_dx2)\n\n"
        "# @several_outputs\n"
        "dy12_dx1, dy12_dx2 = torch.autograd.grad(outputs=[y1, y2], inputs=[x1, x2])\n"
        "print(dy12_dx1, dy12_dx2)\n"
    )


def minimize_sgd(
    f: Quadratic, x0: float, lr: float, steps: int, device="cpu", momentum: float = 0.0, zero_grad: bool = True
) -> str:
    extra = f", momentum={num(momentum)}" if momentum else ""
    zero = "    optimizer.zero_grad()\n" if zero_grad else "    # optimizer.zero_grad()\n"
    return _header(f, device) + (
        f"x = torch.tensor({num(x0)}, requires_grad=True{_dev(device)})\n\n\n"
        "def f(x):\n"
        "    return a * torch.pow(x, 2) + b * x + c\n\n\n"
        f"optimizer = torch.optim.SGD(params=[x], lr={num(lr)}{extra})\n"
        f"for i in range({int(steps)}):\n"
        f"{zero}"
        "    y = f(x)\n"
        "    y.backward()\n"
        "    optimizer.step()\n\n"
        'print("y=", f(x).data, ";", "x=", x.data)\n'
    )


# ---- the expression lab -------------------------------------------------------------------

_TORCH_NAME = {"sigmoid": "torch.sigmoid", "relu": "torch.relu"}


def _plain(n: Node) -> bool:
    """True when the code for `n` is a Python number rather than a tensor."""
    if isinstance(n, Num):
        return True
    if isinstance(n, Neg):
        return _plain(n.arg)
    if isinstance(n, Bin) and n.op != "^":
        return _plain(n.left) and _plain(n.right)
    return False


def to_code(node: Node) -> str:
    """Python source using torch functions; only numbers, variable names and FUNCTIONS appear."""

    def tensor(n: Node) -> str:
        text = go(n, 0)
        return f"torch.tensor({text}, dtype=torch.float64)" if _plain(n) else text

    def go(n: Node, parent: int) -> str:
        if isinstance(n, Num):
            return number(n.value)
        if isinstance(n, Var):
            return n.name
        if isinstance(n, Call):
            return f"{_TORCH_NAME.get(n.fn, 'torch.' + n.fn)}({tensor(n.arg)})"
        if isinstance(n, Neg):
            inner = f"-{go(n.arg, 3)}"
            return f"({inner})" if parent >= 3 else inner
        if n.op == "^":
            return f"torch.pow({tensor(n.left)}, {go(n.right, 0)})"
        prec = PRECEDENCE[n.op]
        left = go(n.left, prec)
        if n.op == "/" and _plain(n.left) and _plain(n.right):  # a tensor divides by 0.0 without raising
            left = f"torch.tensor({go(n.left, 0)}, dtype=torch.float64)"
        text = f"{left} {n.op} {go(n.right, prec + 1)}"
        return f"({text})" if parent > prec else text

    return go(node, 0)


def expression_derivatives(tree: Node, x: float, device, y_grad: bool, d1_grad: bool) -> str:
    """The expression lab: f, f' and f'' at x with autograd.grad (create_graph=True for the second)."""
    d = _dev(device)
    lines = ["import torch", "", f"x = torch.tensor({float(x)!r}, dtype=torch.float64, requires_grad=True{d})"]
    body = to_code(tree)
    if not y_grad:
        lines += [
            f"y = torch.tensor({body}, dtype=torch.float64{d})  # @constant_f",
            "dy_dx = torch.zeros_like(x)",
            "d2y_dx2 = torch.zeros_like(x)",
        ]
    else:
        lines += [f"y = {body}", "(dy_dx,) = torch.autograd.grad(y, x, create_graph=True)  # @keep_graph"]
        if d1_grad:
            lines.append("(d2y_dx2,) = torch.autograd.grad(dy_dx, x)  # @differentiate_again")
        else:
            lines.append("d2y_dx2 = torch.zeros_like(x)  # @linear_f")
    lines += ["print(y.data)", "print(dy_dx.data)", "print(d2y_dx2)"]
    return "\n".join(lines) + "\n"


def expression_partials(tree: Node, point: tuple[float, float], device, y_grad: bool) -> str:
    """The expression lab with two inputs: both partial derivatives from one autograd.grad call."""
    d = _dev(device)
    lines = ["import torch", ""]
    for n, v in zip(("x1", "x2"), point, strict=True):
        lines.append(f"{n} = torch.tensor({float(v)!r}, dtype=torch.float64, requires_grad=True{d})")
    body = to_code(tree)
    if y_grad:
        lines += [f"y = {body}", "g1, g2 = torch.autograd.grad(y, [x1, x2], allow_unused=True, materialize_grads=True)"]
    else:
        lines += [f"y = torch.tensor({body}, dtype=torch.float64{d})  # @uses_no_input",
                  "g1, g2 = torch.zeros_like(x1), torch.zeros_like(x2)"]  # fmt: skip
    lines += ["print(y.data)", "print(g1, g2)"]
    return "\n".join(lines) + "\n"


# ---- the mistakes students make, each as runnable code (its output is what autograd_core.pitfalls ran) ---------


def without_gradient(f: Quadratic, x, device="cpu") -> str:
    """1.2: backward() on a table y without `gradient`; then a scalar, where it means gradient = 1."""
    d = _dev(device)
    return _header(f, device) + (
        f"x = torch.tensor({_table(x)}, requires_grad=True{d})\ny = a * torch.pow(x, 2) + b * x + c\ny.backward()\n"
    )


def scalar_default_gradient(f: Quadratic, x: float, device="cpu") -> str:
    """1.2: for a scalar y, y.backward() is y.backward(torch.tensor(1.))."""
    d = _dev(device)
    return _header(f, device) + (
        f"x1 = torch.tensor({num(x)}, requires_grad=True{d})\n"
        f"x2 = torch.tensor({num(x)}, requires_grad=True{d})\n"
        "(a * torch.pow(x1, 2) + b * x1 + c).backward()\n"
        f"(a * torch.pow(x2, 2) + b * x2 + c).backward(torch.tensor(1.0{d}))\n"
        "print(x1.grad, x2.grad)\n"
    )


def second_grad_without_graph(f: Quadratic, x: float, device="cpu") -> str:
    """2.1: the first grad call without create_graph=True, then the second one."""
    return _header(f, device) + (
        f"x = torch.tensor({num(x)}, requires_grad=True{_dev(device)})\n"
        "y = a * torch.pow(x, 2) + b * x + c\n"
        "dy_dx = torch.autograd.grad(y, x)[0]\n"
        "dy2_dx2 = torch.autograd.grad(dy_dx, x)[0]\n"
    )


def manual_update(f: Quadratic, x0: float, lr: float, how: str, device="cpu") -> str:
    """3: two gradient steps by hand: `rebind` (x = x - lr * x.grad), `in_place` (x -= ...), or `right`."""
    start = _header(f, device) + f"x = torch.tensor({num(x0)}, requires_grad=True{_dev(device)})\n"
    body = {
        "rebind": "    x = x - lr * x.grad\n",
        "in_place": "    x -= lr * x.grad\n",
        "right": "    with torch.no_grad():\n        x -= lr * x.grad\n    x.grad.zero_()\n",
    }[how]
    return start + (
        f"lr = {num(lr)}\n"
        "for i in range(2):\n"
        "    y = a * torch.pow(x, 2) + b * x + c\n"
        "    y.backward()\n" + body + "print(x)\n"
    )


def data_or_detach(x0: float, device="cpu") -> str:
    """3: .data versus .detach() when a value that backward needs is changed in place."""
    d = _dev(device)
    return (
        "import torch\n\n"
        f"x = torch.tensor({num(x0)}, requires_grad=True{d})\n"
        "y = torch.exp(x)\n"
        "y.data.zero_()\n"
        "y.backward()\n"
        "print(x.grad)\n\n"
        f"x = torch.tensor({num(x0)}, requires_grad=True{d})\n"
        "y = torch.exp(x)\n"
        "y.detach().zero_()\n"
        "y.backward()\n"
    )


def _two_leaves(x1: float, x2: float, device) -> str:
    d = _dev(device)
    return (
        "import torch\n\n"
        f"x1 = torch.tensor({num(x1)}, requires_grad=True{d})\n"
        f"x2 = torch.tensor({num(x2)}, requires_grad=True{d})\n"
        "y1 = x1 * x2\n"
    )


def accumulation(x1: float, x2: float, device="cpu") -> str:
    """2.2 pitfall: backward twice without zeroing, then zero_() and once more (autograd_core/pitfalls.accumulation)."""
    return _two_leaves(x1, x2, device) + (
        "y1.backward(retain_graph=True)\n"
        "print(x1.grad)  # @after_one\n"
        "y1.backward(retain_graph=True)\n"
        "print(x1.grad)  # @after_two\n"
        "x1.grad.zero_()\n"
        "y1.backward()\n"
        "print(x1.grad)  # @after_zero\n"
    )


def freed_graph(x1: float, x2: float, device="cpu") -> str:
    """2.2 pitfall: a second backward through a graph the first one freed (pitfalls.freed_graph)."""
    return _two_leaves(x1, x2, device) + "y1.backward()\ny1.backward()  # @second_backward\n"


def nonleaf_grad(x1: float, x2: float, device="cpu") -> str:
    """2.2 pitfall: reading .grad of an intermediate result (pitfalls.nonleaf_grad)."""
    return _two_leaves(x1, x2, device) + "z = y1 + x1\nz.backward()\nprint(y1.grad)  # @not_a_leaf\n"
