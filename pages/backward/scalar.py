"""1.1 Scalar backward: y = f(x) for a scalar x; y.backward() puts dy/dx into x.grad."""

import streamlit as st

import autograd_core as core
from autograd_core import checks, codegen, pitfalls
from charts import quadratic as quadratic_charts
from ui import alt, compute, questions, render, state, takehome
from ui.text import lang, t

S = "scalar"
render.header(S)
f = compute.quadratic()
x = state.value("x")
r = compute.run(core.scalar_backward, f, x)
code = codegen.scalar_backward(f, x, compute.device().device)
st.latex(r"y = a x^2 + b x + c \qquad \frac{dy}{dx} = 2ax + b")
if render.ask(S, questions.scalar(r, f.a, f.b, x, compute.run(pitfalls.backward_twice, f, x))):
    cols = st.columns(3)
    cols[0].metric("y = f(x)", render.number(r.y))
    cols[1].metric("x.grad", render.number(r.grad))
    cols[2].metric("y.grad_fn", r.grad_fn)
    labels = {k: t(f"chart.{k}") for k in ("curve", "point", "tangent")}
    described = alt.tangent(lang(), f, x, float(r.y), float(r.grad))
    render.svg(compute.built(quadratic_charts.tangent, f, x, float(r.grad), labels, described))
    st.caption(t("scalar.chart_caption", slope=render.number(r.grad)))
    render.code_and_output(code, r.printed)
    takehome.offer(S, (code, r.printed))
    render.checks(checks.slope(f, [x], r.grad))
    render.graph(r.graph)
else:
    render.code(code)
    render.held_back()
render.try_this(S)
render.walkthrough(S)
