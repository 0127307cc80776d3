"""Section 1: gradients with `Tensor.backward`, for scalar and non-scalar outputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import torch

from autograd_core.graph import Graph, node_codes, quadratic_codes, trace
from autograd_core.quadratic import Quadratic, finite
from autograd_core.tensors import cpu, matrix, scalar


class ShapeMismatch(ValueError):
    """`gradient` does not match y's shape; carries PyTorch's own error text."""

    def __init__(self, torch_message: str, y_shape: tuple[int, ...], gradient_shape: tuple[int, ...]):
        super().__init__(f"gradient has shape {gradient_shape} but y has shape {y_shape}: {torch_message}")
        self.torch_message = torch_message
        self.y_shape = y_shape
        self.gradient_shape = gradient_shape


@dataclass(frozen=True)
class ScalarBackward:
    x: torch.Tensor
    y: torch.Tensor
    grad: torch.Tensor
    grad_fn: str
    y_text: str
    grad_text: str
    graph: Graph

    @property
    def printed(self) -> str:
        return self.grad_text  # print(x.grad)


def scalar_backward(f: Quadratic, x: float, device: torch.device | str = "cpu") -> ScalarBackward:
    """1.1: y = f(x) for a scalar x, then y.backward(); the gradient lands in x.grad."""
    xt = scalar(finite("x", x), device, grad=True)
    y = f(xt)
    y.backward()
    return ScalarBackward(
        cpu(xt),
        cpu(y),
        cpu(xt.grad),
        type(y.grad_fn).__name__,
        str(y),
        str(xt.grad),
        trace(y, {id(xt): "x"}, codes=quadratic_codes(y)),
    )


@dataclass(frozen=True)
class NonScalarBackward:
    x: torch.Tensor
    y: torch.Tensor
    gradient: torch.Tensor
    grad: torch.Tensor
    grad_fn: str
    x_text: str
    y_text: str
    grad_text: str
    graph: Graph

    @property
    def printed(self) -> str:
        return f"x:\n {self.x_text}\ny:\n {self.y_text}\nx_grad:\n {self.grad_text}"


def _vjp_inputs(x, gradient, device):
    xt = matrix("x", x, device, grad=True)
    g = matrix("gradient", gradient, device)
    return xt, g


def _backward(y: torch.Tensor, g: torch.Tensor) -> None:
    try:
        y.backward(gradient=g)
    except RuntimeError as err:
        raise ShapeMismatch(str(err), tuple(y.shape), tuple(g.shape)) from None


def nonscalar_backward(f: Quadratic, x, gradient, device: torch.device | str = "cpu") -> NonScalarBackward:
    """1.2: y = f(x) for a matrix x; y.backward(gradient=g) needs g shaped like y."""
    xt, g = _vjp_inputs(x, gradient, device)
    y = f(xt)
    _backward(y, g)
    return NonScalarBackward(
        cpu(xt),
        cpu(y),
        cpu(g),
        cpu(xt.grad),
        type(y.grad_fn).__name__,
        str(xt),
        str(y),
        str(xt.grad),
        trace(y, {id(xt): "x"}, codes=quadratic_codes(y)),
    )


@dataclass(frozen=True)
class Equivalence:
    x: torch.Tensor
    y: torch.Tensor
    gradient: torch.Tensor
    weighted: torch.Tensor  # y * gradient, element by element
    z: torch.Tensor  # sum(y * gradient), the scalar that is back-propagated
    by_gradient: torch.Tensor  # x.grad after y.backward(gradient=g)
    by_sum: torch.Tensor  # x.grad after z.backward()
    by_autograd: torch.Tensor  # torch.autograd.grad(y, x, grad_outputs=g)[0]
    slope: torch.Tensor  # dy/dx element by element, so that by_sum == gradient * slope
    z_text: str
    grad_text: str
    graph: Graph  # of z = sum(y * gradient)
    shown: Mapping[str, str] = field(default_factory=dict, compare=False)  # each table as PyTorch prints it

    @property
    def max_difference(self) -> float:
        grads = (self.by_gradient, self.by_sum, self.by_autograd)
        return max(float((p - q).abs().max()) for p in grads for q in grads)

    @property
    def printed(self) -> str:
        return f"z: {self.z_text}\nx_grad:\n {self.grad_text}"

    def __post_init__(self) -> None:
        """Each table printed once per result (printing a tensor is slow), kept read-only."""
        names = ("y", "gradient", "weighted", "by_gradient", "by_sum", "by_autograd")
        object.__setattr__(self, "shown", MappingProxyType({name: str(getattr(self, name)) for name in names}))


def equivalence(f: Quadratic, x, gradient, device: torch.device | str = "cpu") -> Equivalence:
    """1.3: y.backward(g), sum(y*g).backward() and autograd.grad(y, x, g) give one x.grad."""
    x1, g = _vjp_inputs(x, gradient, device)
    y1 = f(x1)
    _backward(y1, g)

    x2 = matrix("x", x, device, grad=True)
    y2 = f(x2)
    weighted = y2 * g
    z = torch.sum(weighted)
    z.backward()
    codes = {**quadratic_codes(y2), **node_codes([(weighted, "y * gradient"), (z, "z = torch.sum(y * gradient)")])}

    x3 = matrix("x", x, device, grad=True)
    y3 = f(x3)
    (by_autograd,) = torch.autograd.grad(y3, x3, grad_outputs=g)

    x4 = matrix("x", x, device, grad=True)
    (slope,) = torch.autograd.grad(f(x4), x4, grad_outputs=torch.ones_like(g))
    return Equivalence(
        cpu(x2),
        cpu(y2),
        cpu(g),
        cpu(y2 * g),
        cpu(z),
        cpu(x1.grad),
        cpu(x2.grad),
        cpu(by_autograd),
        cpu(slope),
        str(z),
        str(x2.grad),
        trace(z, {id(x2): "x"}, "z", codes),
    )
