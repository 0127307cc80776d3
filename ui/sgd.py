"""The SGD page's runs and figures, cached on their parameters so that moving a slider back is instant."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

import autograd_core as core
from autograd_core.optimize import OPTIMIZERS, Comparison, Sweep, Trajectory
from autograd_core.quadratic import Quadratic
from charts import sgd as charts
from ui import compute
from ui.i18n import lookup

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
def _lab(f: Quadratic, x0: float, lr: float, steps: int, momentum: float, lang: str, device: str) -> Lab:
    r = compute.run(core.minimize_sgd, f, x0, lr, steps, momentum)  # on `device`: compute.run uses the session's
    c = compute.run(core.compare_optimizers, f, x0, lr, steps, momentum)
    s = compute.run(core.sweep_lr, f, x0, steps, momentum)
    labels = {k: lookup(lang, f"chart.{k}") for k in CHART_KEYS}
    labels.update({k: lookup(lang, f"chart.{k}") for k in ("torch", "closed", "distance", "converged", "diverged")})
    xs = r.xs
    anim = charts.animation(f, xs, r.table[:, 1], labels, r.reference)
    closed = charts.closed_form(xs, r.reference, labels)
    shown = names(lang, c.beta)
    opt = charts.optimizers(np.arange(len(c.table)), c.table, shown, f.minimizer, labels)
    sweep_fig = None
    if s is not None:
        labels["limit"] = lookup(lang, "chart.limit").format(limit=f"{s.limit:g}")
        labels["lr"] = lookup(lang, "chart.current_lr").format(lr=f"{lr:g}")
        sweep_fig = charts.sweep(s.lrs, s.distance, s.diverged, s.limit, lr, labels)
    finished = [fig.finish() if fig is not None else None for fig in (anim, closed, opt, sweep_fig)]
    return Lab(r, c, s, *finished)


def lab(f: Quadratic, x0: float, lr: float, steps: int, momentum: float, lang: str) -> Lab:
    """The trajectory, the six optimizers, the lr sweep and their figures (ValueError for bad input)."""
    return compute.built(_lab, f, x0, lr, steps, momentum, lang, str(compute.device().device))
