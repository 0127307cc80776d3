"""The SGD page's runs and figures, cached on their parameters so that moving a slider back is instant."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import autograd_core as core
from autograd_core import codegen
from autograd_core.optimize import CLOSE, ESCAPE, OPTIMIZERS, Comparison, Sweep, Trajectory, stability, stability_limit
from autograd_core.quadratic import Quadratic
from autograd_core.regimes import regimes
from charts import sgd as charts
from ui import alt, compute, render, takehome
from ui.i18n import lookup
from ui.params import fmt
from ui.text import lang, t

BAND_KEYS = ("monotone", "one_step", "spirals", "oscillates", "diverges")  # the sweep's bands and its one-step line
CHART_KEYS = ("curve", "trail", "point", "path", "gap", "gap_closed", "no_minimum", "play", "pause", "step")


@dataclass(frozen=True)
class Lab:
    run: Trajectory
    comparison: Comparison
    sweep: Sweep | None
    animation: go.Figure
    closed_form: go.Figure
    optimizers: go.Figure
    sweep_figure: go.Figure | None


def names(lang: str, beta: float) -> list[str]:
    """The optimizers' display names in `lang`."""
    return [lookup(lang, f"sgd.opt_{n}").format(beta=f"{beta:g}") for n in OPTIMIZERS]


# The whole lab is kept as built (compute.built), so a rerun with the same values is one lookup; its figures are
# finished (frozen). The runs inside also go through compute.run's own cache, so switching the language redraws the
# figures without redoing the runs.
WHOLE_KEY = "sgd_whole_curve"  # the toggle between the zoomed path and f over -5 ... 5


def whole_toggle() -> bool:
    """The switch under the animation: f's whole curve, or (off, the default) zoomed into the steps' range."""
    return st.toggle(t("sgd.whole_curve"), key=WHOLE_KEY, help=t("sgd.whole_curve_help"))


def _lab(
    f: Quadratic,
    x0: float,
    lr: float,
    steps: int,
    momentum: float,
    zero_grad: bool,
    lang: str,
    device: str,
    whole: bool = False,
) -> Lab:
    r = compute.run(core.minimize_sgd, f, x0, lr, steps, momentum, zero_grad)  # on the session's device
    c = compute.run(core.compare_optimizers, f, x0, lr, steps, momentum)
    s = compute.run(core.sweep_lr, f, x0, steps, momentum)
    labels = {k: lookup(lang, f"chart.{k}") for k in CHART_KEYS}
    labels.update({k: lookup(lang, f"regime.{k}") for k in BAND_KEYS})
    labels.update({k: lookup(lang, f"chart.{k}") for k in ("torch", "closed", "distance", "converged", "diverged")})
    if momentum:  # heavy-ball has no closed form: the reference is its recurrence, computed without torch
        labels["closed"] = labels["gap_closed"] = lookup(lang, "chart.recurrence")
    xs = r.xs
    anim = charts.animation(
        f, xs, r.table[:, 1], labels, r.reference, whole=whole, regime=regime_label(lang, f, lr, momentum)
    )
    closed = charts.closed_form(xs, r.reference, labels)
    shown = names(lang, c.beta)
    opt = charts.optimizers(np.arange(len(c.table)), c.table, shown, f.minimizer, labels)
    sweep_fig = None
    if s is not None:
        labels["limit"] = lookup(lang, "chart.limit").format(limit=f"{s.limit:g}")
        labels["lr"] = lookup(lang, "chart.current_lr").format(lr=f"{lr:g}")
        bounds = regimes(f, momentum)
        one_step = bounds.calm if momentum == 0 else None
        bands = bounds.bands(float(s.lrs[0]), float(s.lrs[-1]))
        sweep_fig = charts.sweep(s.lrs, s.distance, s.diverged, s.limit, lr, labels, bands, one_step)
    finished = [fig.finish() if fig is not None else None for fig in (anim, closed, opt, sweep_fig)]
    return Lab(r, c, s, *finished)


def regime_text(lang: str, f: Quadratic, lr: float, momentum: float) -> tuple[str, str, str]:
    """lr's regime on f (autograd_core/regimes.py): its name, its short label and its rule with f's numbers."""
    r = regimes(f, momentum)
    if r is None:
        return "none", lookup(lang, "regime.none"), lookup(lang, "regime.none_rule")
    name = r.name(lr)
    rule = lookup(lang, f"regime.{name}_rule{'_m' if momentum else ''}")
    return name, lookup(lang, f"regime.{name}"), rule.format(calm=_n(r.calm), swing=_n(r.swing), limit=_n(r.limit))


def regime_label(lang: str, f: Quadratic, lr: float, momentum: float) -> tuple[str, str]:
    """lr's regime name and the label the animation shows for it (two lines, <br> between them)."""
    name, short, rule = regime_text(lang, f, lr, momentum)
    return name, lookup(lang, "regime.chart").format(lr=fmt(lr), name=short, rule=rule)


def _n(v: float) -> str:
    return f"{v:.4g}"


def regime_line(f: Quadratic, lr: float, momentum: float) -> None:
    """The regime lr puts this run in, with the bounds worked out from a (and β), and what that means."""
    name, short, rule = regime_text(lang(), f, lr, momentum)
    r = regimes(f, momentum)
    why = t(f"regime.{name}_why{'_m' if momentum and r else ''}", factor=_n(r.factor(lr)) if r else "",
            rate=_n(math.sqrt(momentum)), m=fmt(momentum))  # fmt: skip
    st.markdown(t("regime.line", lr=fmt(lr), name=short, rule=rule) + " " + why)


def animation_alt(f: Quadratic, r: Trajectory, x0: float, lr: float, steps: int, momentum: float) -> str | None:
    """The animation's text alternative: where the run starts and ends, the gap to x*, and lr's regime."""
    if not len(r.table):
        return None
    text = alt.sgd_animation(lang(), x0, lr, steps, r.final_x, r.final_y, r.diverged, f.minimizer)
    return text + t("a11y.join") + regime_label(lang(), f, lr, momentum)[1].replace("<br>", " · ")


def lab(f: Quadratic, x0: float, lr: float, steps: int, momentum: float, zero_grad: bool, lang: str) -> Lab:
    """The trajectory, the six optimizers, the lr sweep and their figures (ValueError for bad input)."""
    whole = bool(st.session_state.get(WHOLE_KEY))  # read before the toggle is drawn under the chart
    return compute.built(_lab, f, x0, lr, steps, momentum, zero_grad, lang, str(compute.device().device), whole)


def _optimizer_table(c: Comparison, lang: str) -> pd.DataFrame:
    never, ran_away = t("sgd.never"), t("sgd.ran_away_at")
    arrived = [
        ran_away.format(step=s) if s is not None else never if k is None else str(k)
        for k, s in zip(c.arrived_at, c.stopped_at, strict=True)
    ]
    return pd.DataFrame(
        {
            t("sgd.col_optimizer"): names(lang, c.beta),
            t("sgd.col_final_x"): [f"{v:.6g}" for v in c.final_x],
            t("sgd.col_final_f"): [f"{v:.6g}" for v in c.final_f],
            t("sgd.col_arrived", close=f"{CLOSE:g}"): arrived,
        }
    )


def show_view(
    view: str, lab: Lab, f: Quadratic, x0: float, lr: float, steps: int, momentum: float, zero_grad: bool
) -> None:  # fmt: skip
    """The view chosen below the animation: the lesson's code, the closed form, the optimizers, the sweep, the data.
    Only this one is drawn (its figures are already built and cached with the lab)."""
    r, c, sweep = lab.run, lab.comparison, lab.sweep
    dev, dev_step = r.deviation
    if view == "code":
        code = codegen.minimize_sgd(f, x0, lr, steps, compute.device().device, momentum, zero_grad)
        note = t("sgd.stopped_note", step=r.stopped_at, escape=f"{ESCAPE:.0e}") if r.diverged else None
        render.code_and_output(code, r.printed, note=note)
        takehome.offer("sgd", (code, r.printed))
        render.checks(r.checks())
        render.graph(compute.run(core.scalar_backward, f, x0).graph, t("sgd.graph_caption"))
    elif view == "closed":
        st.markdown(t("sgd.closed_intro" if not momentum else "sgd.closed_intro_momentum"))
        st.plotly_chart(lab.closed_form, key="sgd_closed", alt=alt.sgd_closed(lang(), len(r.table) - 1, dev, dev_step))
        st.caption(t("sgd.deviation_line", dev=f"{dev:.2e}", step=dev_step))
    elif view == "optimizers":
        st.markdown(t("sgd.compare_intro", lr=fmt(lr), beta=f"{c.beta:g}", close=f"{CLOSE:g}"))
        shown = alt.optimizers(lang(), names(lang(), c.beta), c.final_x, steps)
        st.plotly_chart(lab.optimizers, key="sgd_optimizers", alt=shown)
        st.dataframe(_optimizer_table(c, lang()), hide_index=True, width="stretch")
    elif view == "sweep" and sweep is None:
        st.info(t("sgd.sweep_none"))
    elif view == "sweep":
        st.markdown(t("sgd.sweep_intro", n=len(sweep.lrs), steps=steps, limit=render.number(sweep.limit)))
        best = float(min(sweep.distance[~sweep.diverged], default=float("nan")))
        described = alt.sweep(lang(), sweep.lrs, sweep.diverged, sweep.limit, lr, steps, best)
        st.plotly_chart(lab.sweep_figure, key="sgd_sweep", alt=described)
    else:  # data
        down = st.container(horizontal=True)
        csv = "text/csv"
        down.download_button(t("sgd.download_run"), lambda: r.frame.to_csv(index=False), "sgd_trajectory.csv", csv,
                             key="sgd_dl_run")  # fmt: skip
        down.download_button(t("sgd.download_compare"), lambda: c.frame.to_csv(index=False), "sgd_optimizers.csv",
                             csv, key="sgd_dl_compare")  # fmt: skip
        if st.toggle(t("sgd.table"), key="sgd_show_steps"):  # up to 5,000 rows: only when asked for
            st.dataframe(render.step_frame(r.frame), hide_index=True, width="stretch")


def messages(f: Quadratic, r: Trajectory, lr: float, momentum: float, zero_grad: bool) -> None:
    """What kind of run this is, said in words: no minimum, constant f, ran away, at the edge, beyond the limit."""
    limit, side = stability_limit(f, momentum), stability(f, lr, momentum)
    if not zero_grad:
        st.warning(t("sgd.piled_up"))
    if f.a == 0 and f.b == 0:
        st.info(t("sgd.constant"))
    elif f.minimizer is None:
        st.warning(t("sgd.no_minimum"))
    if r.diverged:
        key = "sgd.diverged" if limit is not None else "sgd.ran_away"
        st.error(t(key, step=r.stopped_at, limit=render.number(limit or 0), lr=fmt(lr)))
    elif side == "unstable" and zero_grad:
        st.warning(t("sgd.will_diverge", limit=render.number(limit)))


def metrics(f: Quadratic, r: Trajectory) -> None:
    """Final x and f(x) (none for a run that ran away: it prints nan or inf), x*, and torch against the closed form."""
    dev, dev_step = r.deviation
    ended = len(r.table) and not r.diverged
    row = st.container(horizontal=True)
    row.metric(t("sgd.final_x"), f"{r.final_x:.4f}" if ended else "—")
    row.metric(t("sgd.final_y"), f"{r.final_y:.4g}" if ended else "—")
    row.metric("x* = −b/(2a)", "—" if f.minimizer is None else f"{f.minimizer:.4f}")
    shown = f"{dev:.2e}" if math.isfinite(dev) else "—"
    row.metric(t("sgd.deviation"), shown, help=t("sgd.deviation_help", step=dev_step))
