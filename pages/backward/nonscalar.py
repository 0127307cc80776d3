"""1.2 Non-scalar backward: y is a matrix, so y.backward needs a `gradient` shaped like y."""

import streamlit as st

import autograd_core as core
from autograd_core import checks, codegen, pitfalls
from autograd_core.backward import ShapeMismatch
from ui import compute, questions, render, takehome, widgets

S = "nonscalar"
render.header(S)
f = compute.quadratic()
x, gradient = widgets.x_and_gradient(S)

st.latex(r"y_{ij} = a x_{ij}^2 + b x_{ij} + c \qquad x.\mathrm{grad}_{ij} = g_{ij}\,(2a x_{ij} + b)")
device = compute.device().device
code = codegen.nonscalar_backward(f, x, gradient, device)
try:
    r = compute.run(core.nonscalar_backward, f, x, gradient)
except ShapeMismatch as err:
    render.shape_mismatch(err, code)
else:
    plain = compute.run(pitfalls.backward_without_gradient, f, x)
    if render.ask(S, questions.nonscalar(r, plain)):
        render.code_and_output(code, r.printed)
        takehome.offer(S, (code, r.printed))
        render.checks(checks.slope(f, x, r.grad, gradient))
        render.graph(r.graph)
        render.mistake(
            "without_gradient", codegen.without_gradient(f, x, device), plain.plain.error or plain.plain.printed
        )
        first = float(x[0][0])
        render.mistake("scalar_default", codegen.scalar_default_gradient(f, first, device),
                       f"{plain.scalar_default} {plain.scalar_explicit}")  # fmt: skip
    else:
        render.code(code)
        render.held_back()
render.try_this(S)
render.walkthrough(S)
