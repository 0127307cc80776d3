"""1.2 Non-scalar backward: y is a matrix, so y.backward needs a `gradient` shaped like y."""

import streamlit as st

import autograd_core as core
from autograd_core import checks, codegen
from autograd_core.backward import ShapeMismatch
from ui import compute, render, widgets

S = "nonscalar"
render.header(S)
f = compute.quadratic()
x, gradient = widgets.x_and_gradient(S)

st.latex(r"y_{ij} = a x_{ij}^2 + b x_{ij} + c \qquad x.\mathrm{grad}_{ij} = g_{ij}\,(2a x_{ij} + b)")
code = codegen.nonscalar_backward(f, x, gradient, compute.device().device)
try:
    r = compute.run(core.nonscalar_backward, f, x, gradient)
except ShapeMismatch as err:
    render.shape_mismatch(err, code)
else:
    render.predict_first(S, float(r.grad[0, 0]), x=render.number(x[0][0]), g=render.number(gradient[0][0]))
    render.code_and_output(code, r.printed)
    render.checks(checks.slope(f, x, r.grad, gradient))
    render.graph(r.graph)
render.try_this(S)
render.walkthrough(S)
