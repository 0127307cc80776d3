"""2.1 Second derivative: autograd.grad with create_graph=True, then differentiate dy/dx again."""

import streamlit as st

import autograd_core as core
from autograd_core import checks, codegen, pitfalls
from charts import quadratic as quadratic_charts
from ui import alt, compute, questions, render, state, takehome
from ui.text import lang, t

S = "second"
render.header(S)
f = compute.quadratic()
x = state.value("x")
r = compute.run(core.second_derivative, f, x)
device = compute.device().device
code = codegen.second_derivative(f, x, device)
st.latex(r"\frac{dy}{dx} = 2ax + b \qquad \frac{d^2y}{dx^2} = 2a")
again = compute.run(pitfalls.second_grad_without_create_graph, f, x)
if render.ask(S, questions.second(r, f.a, x, again)):
    cols = st.columns(3)
    cols[0].metric("dy/dx", render.number(r.dy_dx))
    cols[1].metric("d²y/dx²", render.number(r.d2y_dx2))
    cols[2].metric("dy_dx.grad_fn", r.dy_dx_grad_fn or "None")
    labels = {k: t(f"chart.{k}") for k in ("curve", "point", "parabola")} | {"tangent": t("chart.tangent_dydx")}
    described = alt.tangent(lang(), f, x, f.value(x), float(r.dy_dx), float(r.d2y_dx2))
    render.svg(compute.built(quadratic_charts.tangent, f, x, float(r.dy_dx), labels, described, float(r.d2y_dx2)))
    st.caption(t("second.chart_caption"))
    render.code_and_output(code, r.printed)
    takehome.offer(S, (code, r.printed))
    render.checks(checks.slope(f, x, r.dy_dx, name="dy/dx") + checks.curvature(f, x, r.d2y_dx2))
    left, right = st.columns(2)
    with left:
        render.graph(r.graph, t("second.graph_y"))
    with right:
        render.graph(r.grad_graph, t("second.graph_dydx"))
    render.mistake("no_create_graph", codegen.second_grad_without_graph(f, x, device), again.error or again.printed)
else:
    render.code(code)
    render.held_back()
render.try_this(S)
render.walkthrough(S)
