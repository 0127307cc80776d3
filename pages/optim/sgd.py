"""3 Minimum with SGD: the lesson's loop of zero_grad, forward, backward, step, animated."""

import streamlit as st

from autograd_core import checks, codegen
from charts.sgd import animation
from ui import compute, render, widgets
from ui.text import t

S = "sgd"
render.header(S)
render.explanation(S)
f = compute.quadratic()
cols = st.columns(3)
x0 = widgets.slider(S, "x0", "x₀", container=cols[0])
lr = widgets.slider(S, "lr", t("sgd.lr"), container=cols[1])
steps = widgets.slider(S, "steps", t("sgd.steps"), container=cols[2])
r = compute.run("minimize_sgd", f, x0, lr, steps)

st.latex(r"x_{k+1} = x_k - \mathrm{lr}\cdot f'(x_k)")
if f.minimizer is None:
    st.warning(t("sgd.no_minimum"))
elif r.diverged:
    st.error(t("sgd.diverged", step=r.stopped_at, limit=render.number(1 / f.a)))

metrics = st.columns(3)
metrics[0].metric(t("sgd.final_x"), f"{r.final_x:.4f}")
metrics[1].metric(t("sgd.final_y"), f"{r.final_y:.4f}")
metrics[2].metric("x* = −b / 2a", "—" if f.minimizer is None else f"{f.minimizer:.4f}")
labels = {k: t(f"chart.{k}") for k in ("curve", "trail", "point", "play", "pause", "step")}
st.plotly_chart(animation(f, r.frame["x"].to_numpy(), r.frame["f"].to_numpy(), labels), key=f"{S}_chart")

render.code_and_output(
    codegen.minimize_sgd(f, x0, lr, steps, compute.device().device),
    r.printed,
    note=t("sgd.diverged_note") if r.diverged else None,
)
expected = checks.sgd_closed_form(f, x0, lr, len(r.frame) - 1)
if expected is not None and not r.diverged:
    render.checks([checks.Check("x_k", "closed_form", (r.final_x,), (expected,), checks.tolerance([expected]) * 10)])
with st.expander(t("sgd.table")):
    st.dataframe(r.frame, hide_index=True, width="stretch")
render.try_this(S)
render.walkthrough(S)
