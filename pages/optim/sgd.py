"""3 Minimum with SGD: the lesson's loop animated, the stability limit, and below one view at a time: code, closed
form, six optimizers, lr sweep, data."""

import pandas as pd
import streamlit as st

import autograd_core as core
from autograd_core import checks, codegen
from autograd_core.optimize import CLOSE, stability, stability_limit
from ui import alt, compute, render, widgets
from ui import sgd as lab_ui
from ui.params import fmt
from ui.text import lang, t

S = "sgd"
render.header(S)
f = compute.quadratic()
row = st.container(horizontal=True)  # one row (fewer blocks to send than st.columns), wraps on a phone
x0 = widgets.slider(S, "x0", "x₀", container=row)
lr_box = row.container()  # lr with the stability limit under it
lr = widgets.slider(S, "lr", t("sgd.lr"), help=t("sgd.lr_help"), container=lr_box)
steps = widgets.slider(S, "steps", t("sgd.steps"), container=row)
momentum = widgets.slider(S, "momentum", t("sgd.momentum"), help=t("sgd.momentum_help"), container=row)

limit, side = stability_limit(f, momentum), stability(f, lr, momentum)
lr_box.markdown(t(f"sgd.side_{side}", lr=fmt(lr), limit=render.number(limit or 0), m=fmt(momentum)))

lab = lab_ui.lab(f, x0, lr, steps, momentum, lang())
r, cmp, sweep = lab.run, lab.comparison, lab.sweep
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
metrics.metric(t("sgd.final_x"), f"{r.final_x:.4f}" if len(r.frame) else "—")
metrics.metric(t("sgd.final_y"), f"{r.final_y:.4g}" if len(r.frame) else "—")
metrics.metric("x* = −b / 2a", "—" if f.minimizer is None else f"{f.minimizer:.4f}")
metrics.metric(t("sgd.deviation"), f"{dev:.2e}", help=t("sgd.deviation_help", step=dev_step))
shown = (
    alt.sgd_animation(lang(), x0, lr, steps, r.final_x, r.final_y, r.diverged, f.minimizer) if len(r.frame) else None
)
st.plotly_chart(lab.animation, key=f"{S}_chart", alt=shown)
st.caption(t("sgd.chart_caption"))


# One view at a time below the animation: the lesson's code, the closed form, the optimizers, the sweep, the data.
view = widgets.views(S, "view", t("sgd.view"), lambda v: t(f"sgd.view_{v}"))
with st.container(border=True):
    if view == "code":
        render.code_and_output(
            codegen.minimize_sgd(f, x0, lr, steps, compute.device().device, momentum),
            r.printed,
            note=t("sgd.diverged_note") if r.diverged else None,
        )
        expected = checks.sgd_closed_form(f, x0, lr, len(r.frame) - 1)
        if expected is not None and not r.diverged and not momentum:
            tol = checks.tolerance([expected]) * 10
            render.checks([checks.Check("x_k", "closed_form", (r.final_x,), (expected,), tol)])
        render.graph(compute.run(core.scalar_backward, f, x0).graph, t("sgd.graph_caption"))
    elif view == "closed":
        st.markdown(t("sgd.closed_intro" if not momentum else "sgd.closed_intro_momentum"))
        st.plotly_chart(lab.closed_form, key=f"{S}_closed", alt=alt.sgd_closed(lang(), len(r.frame) - 1, dev, dev_step))
        st.caption(t("sgd.deviation_line", dev=f"{dev:.2e}", step=dev_step))
    elif view == "optimizers":
        st.markdown(t("sgd.compare_intro", lr=fmt(lr), beta=f"{cmp.beta:g}", close=f"{CLOSE:g}"))
        names = lab_ui.names(lang(), cmp.beta)
        st.plotly_chart(lab.optimizers, key=f"{S}_optimizers", alt=alt.optimizers(lang(), names, cmp.final_x, steps))
        never, ran_away = t("sgd.never"), t("sgd.ran_away_at")
        table = pd.DataFrame(
            {
                t("sgd.col_optimizer"): lab_ui.names(lang(), cmp.beta),
                t("sgd.col_final_x"): [f"{v:.6g}" for v in cmp.final_x],
                t("sgd.col_final_f"): [f"{v:.6g}" for v in cmp.final_f],
                t("sgd.col_arrived", close=f"{CLOSE:g}"): [
                    ran_away.format(step=s) if s is not None else never if k is None else str(k)
                    for k, s in zip(cmp.arrived_at, cmp.stopped_at, strict=True)
                ],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")
    elif view == "sweep" and sweep is None:
        st.info(t("sgd.sweep_none"))
    elif view == "sweep":
        st.markdown(t("sgd.sweep_intro", n=len(sweep.lrs), steps=steps, limit=render.number(sweep.limit)))
        best = float(min(sweep.distance[~sweep.diverged], default=float("nan")))
        described = alt.sweep(lang(), sweep.lrs, sweep.diverged, sweep.limit, lr, steps, best)
        st.plotly_chart(lab.sweep_figure, key=f"{S}_sweep", alt=described)
    else:  # data
        down = st.container(horizontal=True)
        down.download_button(
            t("sgd.download_run"), lambda: r.frame.to_csv(index=False), "sgd_trajectory.csv", "text/csv",
            key=f"{S}_dl_run",
        )  # fmt: skip
        down.download_button(
            t("sgd.download_compare"), lambda: cmp.frame.to_csv(index=False), "sgd_optimizers.csv", "text/csv",
            key=f"{S}_dl_compare",
        )  # fmt: skip
        if st.toggle(t("sgd.table"), key=f"{S}_show_steps"):  # up to 5,000 rows: only when asked for
            st.dataframe(r.frame, hide_index=True, width="stretch")
render.try_this(S)
render.walkthrough(S)
