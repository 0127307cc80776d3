"""1.4 Jacobians: y = act(W @ x) has another shape than x; y.backward(v) leaves vᵀJ (x's shape) in x.grad."""

import streamlit as st

from autograd_core import jacobian as core
from autograd_core.jacobian import ShapeError
from ui import compute, render
from ui import jacobian as view
from ui.text import t

S = "jacobian"
render.header(S)
w, x, v, act = view.inputs(S)
m, n = len(w), len(w[0])
try:
    r = compute.run(core.jacobian_lab, w, x, v, act)
except ShapeError as err:  # x does not have W's number of columns: W @ x is undefined
    st.error(t("jacobian.x_mismatch", n=n, k=len(x)))
    st.code(f"RuntimeError: {err.torch_message}", language=None, wrap_lines=True)
else:
    st.caption(t("jacobian.y_caption", m=m))
    st.code(r.text("y"), language=None)
    view.vector_buttons(S, m, n)
    if not r.ok:
        view.wrong_v(r)
    answered = render.predict_first(S, n, m=m, n=n)
    view.results(S, r, w, x, v, act, answered)
view.links()
render.try_this(S)
render.walkthrough(S)
