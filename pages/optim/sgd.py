"""3 Minimum with SGD: the lesson's loop animated, the stability limit, and below one view at a time: code, closed
form, six optimizers, lr sweep, data; then the mistakes students make when they write the loop themselves."""

import streamlit as st

from autograd_core import codegen, pitfalls
from autograd_core.optimize import regime
from ui import compute, questions, render, widgets
from ui import sgd as lab_ui
from ui.text import lang, t

S = "sgd"
render.header(S)
f = compute.quadratic()
row = st.container(horizontal=True)  # one row (fewer blocks to send than st.columns), wraps on a phone
x0 = widgets.slider(S, "x0", "x₀", container=row)
lr = widgets.slider(S, "lr", t("sgd.lr"), help=t("sgd.lr_help"), container=row)
steps = widgets.slider(S, "steps", t("sgd.steps"), container=row)
momentum = widgets.slider(S, "momentum", t("sgd.momentum"), help=t("sgd.momentum_help"), container=row)
zero_grad = not st.toggle(t("sgd.no_zero_grad"), key=f"{S}_no_zero_grad", help=t("sgd.no_zero_grad_help"))
st.latex(
    r"x_{k+1} = x_k - \mathrm{lr}\cdot f'(x_k)"
    if not momentum
    else r"v_{k+1} = \beta v_k + f'(x_k),\quad x_{k+1} = x_k - \mathrm{lr}\cdot v_{k+1}"
)
lab = lab_ui.lab(f, x0, lr, steps, momentum, zero_grad, lang())
r = lab.run
device = compute.device().device
if render.ask(S, questions.sgd(r, regime(r, f), x0, lr, steps, momentum)):
    lab_ui.regime_line(f, lr, momentum)
    lab_ui.messages(f, r, lr, momentum, zero_grad)
    lab_ui.metrics(f, r)
    lab_ui.whole_toggle()
    st.plotly_chart(lab.animation, key=f"{S}_chart", alt=lab_ui.animation_alt(f, r, x0, lr, steps, momentum))
    st.caption(t("sgd.chart_caption"))
    view = widgets.views(S, "view", t("sgd.view"), names="sgd.view_")  # one view at a time below the animation
    with st.container(border=True):
        lab_ui.show_view(view, lab, f, x0, lr, steps, momentum, zero_grad)
    st.subheader(t("mistakes.sgd_title"))
    updates = compute.run(pitfalls.manual_updates, f, x0, lr)
    for how in ("rebind", "in_place", "right"):
        outcome = getattr(updates, how)
        shown = outcome if isinstance(outcome, str) else outcome.error or outcome.printed
        render.mistake(f"update_{how}", codegen.manual_update(f, x0, lr, how, device), shown)
    d = compute.run(pitfalls.data_or_detach, x0)
    render.mistake("data_detach", codegen.data_or_detach(x0, device), f"{d.through_data}\n{d.through_detach.error}")
else:
    render.code(codegen.minimize_sgd(f, x0, lr, steps, device, momentum, zero_grad))
    render.held_back()
render.try_this(S)
render.walkthrough(S)
