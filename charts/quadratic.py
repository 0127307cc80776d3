"""f over an interval with the point (x, f(x)), its tangent and, optionally, the curvature parabola."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from autograd_core.quadratic import Quadratic
from charts.figure import Figure


def _span(x: float, half: float = 4.0) -> np.ndarray:
    return np.linspace(min(-5.0, x - half), max(5.0, x + half), 201)


def tangent(f: Quadratic, x: float, slope: float, labels: dict[str, str], curvature: float | None = None) -> go.Figure:
    """labels: curve, point, tangent (and parabola when curvature is given)."""
    xs = _span(x)
    y0 = f.value(x)
    fig = Figure()
    fig.add_trace(go.Scatter(x=xs, y=f.value(xs), name=labels["curve"], line={"color": "#2563eb", "width": 3}))
    near = np.linspace(x - 2.0, x + 2.0, 41)
    fig.add_trace(
        go.Scatter(x=near, y=y0 + slope * (near - x), name=labels["tangent"], line={"color": "#dc2626", "dash": "dash"})
    )
    if curvature is not None:
        fig.add_trace(
            go.Scatter(
                x=near,
                y=y0 + slope * (near - x) + 0.5 * curvature * (near - x) ** 2,
                name=labels["parabola"],
                line={"color": "#16a34a", "dash": "dot", "width": 4},
            )
        )
    fig.add_trace(
        go.Scatter(x=[x], y=[y0], mode="markers", name=labels["point"], marker={"size": 13, "color": "#111827"})
    )
    ys = f.value(xs)
    lo, hi = float(ys.min()), float(ys.max())
    pad = 0.1 * (hi - lo or 1.0)
    fig.update_layout(
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis_title="x",
        yaxis_title="f(x)",
        yaxis_range=[lo - pad, hi + pad],
        legend={"orientation": "h", "y": 1.12},
    )
    return fig
