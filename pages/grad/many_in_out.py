"""2.2 Several inputs and outputs: autograd.grad over [x1, x2], and the sum over [y1, y2]."""

import pandas as pd
import streamlit as st

import autograd_core as core
from autograd_core import checks, codegen
from ui import compute, questions, render, takehome, widgets
from ui.text import t

S = "many"
render.header(S)
left, right = st.columns(2)
x1 = widgets.slider(S, "x1", "x1", container=left)
x2 = widgets.slider(S, "x2", "x2", container=right)
r = compute.run(core.many_in_out, x1, x2)
code = codegen.many_in_out(x1, x2, compute.device().device)
st.latex(r"y_1 = x_1 x_2 \qquad y_2 = x_1 + x_2")


def show(r) -> None:
    """Everything the prediction waited for: the table, code, checks, graphs and the pitfalls."""
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

    render.code_and_output(code, r.printed)
    takehome.offer(S, (code, r.printed))
    render.checks(checks.products(x1, x2, r.y1_grads, r.summed_grads))
    left, right = st.columns(2)
    with left:
        render.graph(r.graphs[0], t("common.graph_caption_grad"))
    with right:
        render.graph(r.graphs[1], t("common.graph_caption_grad"))

    st.subheader(t("many.pitfalls_title"))
    for name, pitfall, source in (
        ("accumulation", core.accumulation, codegen.accumulation),
        ("freed_graph", core.freed_graph, codegen.freed_graph),
        ("nonleaf_grad", core.nonleaf_grad, codegen.nonleaf_grad),
    ):
        with st.container(border=True):
            st.markdown(f"**{t(f'many.{name}_title')}**")
            st.markdown(t(f"many.{name}_text"))
            shown = f"{S}_{name}_shown"
            if st.button(t("many.run_it"), key=f"{S}_{name}_run"):
                st.session_state[shown] = True
            if st.session_state.get(shown):
                render.pitfall(name, source(x1, x2, compute.device().device), compute.run(pitfall, x1, x2))


if render.ask(S, questions.many(r, compute.run(core.nonleaf_grad, x1, x2))):
    show(r)
else:
    render.code(code)
    render.held_back()
render.try_this(S)
render.walkthrough(S)
