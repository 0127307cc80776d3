"""3 Minimum with SGD: the lesson's loop animated, the stability limit, and below one view at a time: code, closed
form, six optimizers, lr sweep, data."""

import streamlit as st

from autograd_core.optimize import stability, stability_limit
from ui import compute, render, widgets
from ui import sgd as lab_ui
from ui.params import fmt
from ui.text import lang, t

S = "sgd"
render.header(S)
f = compute.quadratic()
row = st.container(horizontal=True)  # one row (fewer blocks to send than st.columns), wraps on a phone
x0 = widgets.slider(S, "x0", "x₀", container=row)
lr = widgets.slider(S, "lr", t("sgd.lr"), help=t("sgd.lr_help"), container=row)
steps = widgets.slider(S, "steps", t("sgd.steps"), container=row)
momentum = widgets.slider(S, "momentum", t("sgd.momentum"), help=t("sgd.momentum_help"), container=row)

limit, side = stability_limit(f, momentum), stability(f, lr, momentum)
st.markdown(  # the stability line on its own line under the sliders, not squeezed beside them
    t(f"sgd.side_{side}", lr=fmt(lr), limit=render.number(limit or 0), m=fmt(momentum))
)

lab = lab_ui.lab(f, x0, lr, steps, momentum, lang())
r = lab.run
render.predict_first(S, r.final_x, steps=steps, lr=fmt(lr), x0=fmt(x0))

st.latex(
    r"x_{k+1} = x_k - \mathrm{lr}\cdot f'(x_k)"
    if not momentum
    else r"v_{k+1} = \beta v_k + f'(x_k),\quad x_{k+1} = x_k - \mathrm{lr}\cdot v_{k+1}"
)
if f.minimizer is None:
    st.warning(t("sgd.no_minimum"))
if r.diverged:
    key = "sgd.diverged" if limit is not None else "sgd.ran_away"
    st.error(t(key, step=r.stopped_at, limit=render.number(limit or 0), lr=fmt(lr)))
elif side == "edge":
    st.info(t("sgd.edge"))
elif side == "unstable":
    st.warning(t("sgd.will_diverge", limit=render.number(limit)))

dev, dev_step = r.deviation
metrics = st.container(horizontal=True)
ended = len(r.table) and not r.diverged  # a run that ran away has no final x worth a number (it prints nan or inf)
metrics.metric(t("sgd.final_x"), f"{r.final_x:.4f}" if ended else "—")
metrics.metric(t("sgd.final_y"), f"{r.final_y:.4g}" if ended else "—")
metrics.metric("x* = −b/(2a)", "—" if f.minimizer is None else f"{f.minimizer:.4f}")
metrics.metric(t("sgd.deviation"), f"{dev:.2e}", help=t("sgd.deviation_help", step=dev_step))
lab_ui.whole_toggle()
st.plotly_chart(lab.animation, key=f"{S}_chart")
st.caption(t("sgd.chart_caption"))


view = widgets.views(S, "view", t("sgd.view"), names="sgd.view_")  # one view at a time below the animation
with st.container(border=True):
    lab_ui.show_view(view, lab, f, x0, lr, steps, momentum)
render.try_this(S)
render.walkthrough(S)
