"""1.3 The same x.grad three ways: y.backward(g), sum(y * g).backward(), autograd.grad(y, x, g)."""

import streamlit as st

import autograd_core as core
from autograd_core import checks, codegen
from autograd_core.backward import ShapeMismatch
from charts import tables as table_charts
from ui import alt, compute, questions, render, takehome, widgets
from ui.text import lang, t


def show(r, device) -> None:
    """Everything the prediction waited for: the tables, the three routes, the heatmaps, code, checks, graph."""
    tables = {"y": r.shown["y"], "gradient": r.shown["gradient"], "y · gradient": r.shown["weighted"]}
    *cols, last = st.columns(len(tables) + 1)
    for col, (name, value) in zip(cols, tables.items(), strict=True):
        col.caption(name)
        col.code(value, language=None)  # as PyTorch prints it, like the three routes below
    last.metric("z = sum(y · gradient)", render.number(r.z))

    st.subheader(t("equivalence.three_ways"))
    routes = {
        "y.backward(gradient)": r.shown["by_gradient"],
        "z.backward()": r.shown["by_sum"],
        "autograd.grad(y, x, gradient)": r.shown["by_autograd"],
    }
    for col, (name, value) in zip(st.columns(3), routes.items(), strict=True):
        col.caption(name)
        col.code(value, language=None)
    st.metric(t("equivalence.max_difference"), f"{r.max_difference:g}")

    st.subheader(t("equivalence.vjp_title"))
    st.markdown(t("equivalence.vjp_text"))
    maps = (r.gradient.tolist(), r.slope.tolist(), r.by_sum.tolist())
    heat = compute.chart(table_charts.heatmap, *maps, tuple(t("equivalence.heat_titles")))
    st.plotly_chart(heat, key=f"{S}_heat", alt=alt.heatmaps(lang(), t("equivalence.heat_titles"), *maps))

    plain = compute.run(core.nonscalar_backward, f, x, gradient)
    runs = ((codegen.nonscalar_backward(f, x, gradient, device), plain.printed, t("equivalence.route_backward")),
            (codegen.equivalence(f, x, gradient, device), r.printed, t("equivalence.route_sum")))  # fmt: skip
    for col, (code, printed, title) in zip(st.columns(2), runs, strict=True):
        with col:
            st.markdown(f"**{title}**")
            render.code_and_output(code, printed, stacked=True)
    takehome.offer(S, *runs)
    render.checks(checks.slope(f, x, r.by_sum, gradient))
    render.graph(r.graph, t("equivalence.graph_caption"))


S = "equivalence"
render.header(S)
f = compute.quadratic()
x, gradient = widgets.x_and_gradient(S)

st.latex(r"z = \sum_{ij} y_{ij}\, g_{ij} \;\Rightarrow\; \frac{\partial z}{\partial x_{ij}} = g_{ij}\, f'(x_{ij})")
device = compute.device().device
try:
    r = compute.run(core.equivalence, f, x, gradient)
except ShapeMismatch as err:
    render.shape_mismatch(err, codegen.nonscalar_backward(f, x, gradient, device))
else:
    if render.ask(S, questions.equivalence(r)):
        show(r, device)
    else:
        render.code(codegen.equivalence(f, x, gradient, device))
        render.held_back()
render.try_this(S)
render.walkthrough(S)
