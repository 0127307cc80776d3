"""2.2 Several inputs and outputs: autograd.grad over [x1, x2], and the sum over [y1, y2]."""

import pandas as pd
import streamlit as st

from autograd_core import checks, codegen
from ui import compute, render, widgets
from ui.text import t

S = "many"
render.header(S)
left, right = st.columns(2)
x1 = widgets.slider(S, "x1", "x1", container=left)
x2 = widgets.slider(S, "x2", "x2", container=right)
r = compute.run("many_in_out", x1, x2)

st.latex(r"y_1 = x_1 x_2 \qquad y_2 = x_1 + x_2")
rows = [
    {
        t("many.output"): "y1 = x1·x2",
        t("many.value"): float(r.y1),
        "∂/∂x1": float(r.y1_grads[0]),
        "∂/∂x2": float(r.y1_grads[1]),
    },
    {
        t("many.output"): "[y1, y2] " + t("many.summed"),
        t("many.value"): float(r.y1 + r.y2),
        "∂/∂x1": float(r.summed_grads[0]),
        "∂/∂x2": float(r.summed_grads[1]),
    },
]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

render.code_and_output(codegen.many_in_out(x1, x2, compute.device().device), r.printed)
render.checks(checks.products(x1, x2, r.y1_grads, r.summed_grads))
left, right = st.columns(2)
with left:
    render.graph(r.graphs[0])
with right:
    render.graph(r.graphs[1])
render.try_this(S)
render.walkthrough(S)
