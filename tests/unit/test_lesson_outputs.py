"""The lesson's reference outputs, to the letter, from the core's default values."""

from __future__ import annotations

import sys

import autograd_core as core

F = core.Quadratic()  # a=1, b=-2, c=1
X = [[0.0, 0.0], [1.0, 2.0]]
G = [[1.0, 1.0], [1.0, 1.0]]


def test_scalar_backward():
    r = core.scalar_backward(F, 0.0)
    assert r.grad_text == "tensor(-2.)"
    assert r.y_text == "tensor(1., grad_fn=<AddBackward0>)"
    assert r.grad_fn == "AddBackward0"


def test_nonscalar_backward():
    r = core.nonscalar_backward(F, X, G)
    assert r.x_text == "tensor([[0., 0.],\n        [1., 2.]], requires_grad=True)"
    assert r.y_text == "tensor([[1., 1.],\n        [0., 1.]], grad_fn=<AddBackward0>)"
    assert r.grad_text == "tensor([[-2., -2.],\n        [ 0.,  2.]])"


def test_equivalence_gives_the_same_grad_three_ways():
    r = core.equivalence(F, X, G)
    assert r.grad_text == "tensor([[-2., -2.],\n        [ 0.,  2.]])"
    assert r.max_difference == 0.0
    assert float(r.z) == float((r.y * r.gradient).sum())
    lesson_grad = "tensor([[-2., -2.],\n        [ 0.,  2.]])"
    assert r.shown["by_gradient"] == r.shown["by_sum"] == r.shown["by_autograd"] == lesson_grad
    assert r.shown["y"] == str(r.y) and r.shown["weighted"] == str(r.weighted)


def test_second_derivative():
    r = core.second_derivative(F, 0.0)
    assert r.printed == "tensor(-2.)\ntensor(2.)"
    assert r.dy_dx_grad_fn is not None  # create_graph=True gives dy/dx a graph


def test_many_inputs_outputs():
    r = core.many_in_out(1.0, 2.0)
    assert r.y1_text == "tensor(2.) tensor(1.)"
    assert r.summed_text == "tensor(3.) tensor(2.)"


def test_sgd_minimum():
    r = core.minimize_sgd(F, 0.0, 0.01, 500)
    assert r.printed == "y= tensor(0.) ; x= tensor(1.0000)"
    assert len(r.frame) == 501 and not r.diverged


def test_core_never_imports_streamlit():
    import subprocess

    code = "import sys, autograd_core, autograd_core.codegen, autograd_core.graph, autograd_core.checks; "
    code += "print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
