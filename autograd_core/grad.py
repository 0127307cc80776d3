"""Section 2: gradients with `torch.autograd.grad`, higher order and several inputs/outputs."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from autograd_core.graph import Graph, node_codes, quadratic_codes, trace
from autograd_core.quadratic import Quadratic, finite
from autograd_core.tensors import cpu, scalar


@dataclass(frozen=True)
class SecondDerivative:
    x: torch.Tensor
    y: torch.Tensor
    dy_dx: torch.Tensor
    d2y_dx2: torch.Tensor
    dy_dx_grad_fn: str | None  # create_graph=True gives the first derivative a graph of its own
    dy_dx_text: str
    d2y_dx2_text: str
    graph: Graph  # of y
    grad_graph: Graph  # of dy/dx, recorded because create_graph=True

    @property
    def printed(self) -> str:
        return f"{self.dy_dx_text}\n{self.d2y_dx2_text}"


def second_derivative(f: Quadratic, x: float, device: torch.device | str = "cpu") -> SecondDerivative:
    """2.1: dy/dx with create_graph=True, then differentiate dy/dx again for d2y/dx2."""
    xt = scalar(finite("x", x), device, grad=True)
    y = f(xt)
    (dy_dx,) = torch.autograd.grad(y, xt, create_graph=True)
    (d2y_dx2,) = torch.autograd.grad(dy_dx, xt)
    name = type(dy_dx.grad_fn).__name__ if dy_dx.grad_fn is not None else None
    # the lesson prints dy_dx.data: the value without its grad_fn suffix
    labels = {id(xt): "x"}
    return SecondDerivative(
        cpu(xt),
        cpu(y),
        cpu(dy_dx),
        cpu(d2y_dx2),
        name,
        str(dy_dx.data),
        str(d2y_dx2),
        trace(y, labels, codes=quadratic_codes(y)),
        trace(dy_dx, labels, "dy/dx"),
    )


@dataclass(frozen=True)
class ManyInOut:
    x1: torch.Tensor
    x2: torch.Tensor
    y1: torch.Tensor  # x1 * x2
    y2: torch.Tensor  # x1 + x2
    y1_grads: tuple[torch.Tensor, torch.Tensor]  # d y1 / d(x1, x2)
    summed_grads: tuple[torch.Tensor, torch.Tensor]  # d (y1 + y2) / d(x1, x2)
    y1_text: str
    summed_text: str
    graphs: tuple[Graph, Graph]  # of y1 and y2

    @property
    def printed(self) -> str:
        return f"{self.y1_text}\n{self.summed_text}"


def many_in_out(x1: float, x2: float, device: torch.device | str = "cpu") -> ManyInOut:
    """2.2: grad of y1 w.r.t. [x1, x2]; then of [y1, y2], where autograd sums the outputs' gradients."""
    a = scalar(finite("x1", x1), device, grad=True)
    b = scalar(finite("x2", x2), device, grad=True)
    y1 = a * b
    y2 = a + b
    g1 = torch.autograd.grad(outputs=y1, inputs=[a, b], retain_graph=True)
    g12 = torch.autograd.grad(outputs=[y1, y2], inputs=[a, b])
    labels = {id(a): "x1", id(b): "x2"}
    return ManyInOut(
        cpu(a),
        cpu(b),
        cpu(y1),
        cpu(y2),
        (cpu(g1[0]), cpu(g1[1])),
        (cpu(g12[0]), cpu(g12[1])),
        f"{g1[0]!s} {g1[1]!s}",
        f"{g12[0]!s} {g12[1]!s}",
        (
            trace(y1, labels, "y1", node_codes([(y1, "y1 = x1 * x2")])),
            trace(y2, labels, "y2", node_codes([(y2, "y2 = x1 + x2")])),
        ),
    )
