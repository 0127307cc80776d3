"""The expression lab's charts: f, f' and f'' over an interval with undefined stretches marked; a descent path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

COLORS = {"f": "#2563eb", "d1": "#dc2626", "d2": "#16a34a"}


def _clip(v: np.ndarray) -> tuple[np.ndarray, tuple[float, float] | None]:
    """Values with the far tails (asymptotes) cut out, and a y range that shows the rest."""
    finite = v[np.isfinite(v)]
    if finite.size == 0:
        return v, None
    lo, hi = np.percentile(finite, [3, 97])
    pad = 0.15 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    out = v.copy()
    far = np.abs(out - (lo + hi) / 2) > 5 * (hi - lo)  # drawn off-scale spikes would join across asymptotes
    out[far] = np.nan
    return out, (float(lo), float(hi))


def curves(frame: pd.DataFrame, x: float, undefined_x: np.ndarray, labels: dict[str, str]) -> go.Figure:
    """Three stacked panels sharing x; labels: f, d1, d2, point, undefined."""
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.05)
    xs = frame["x"].to_numpy()
    for row, key in enumerate(("f", "d1", "d2"), start=1):
        ys, yrange = _clip(frame[key].to_numpy())
        fig.add_trace(
            go.Scatter(x=xs, y=ys, name=labels[key], line={"color": COLORS[key], "width": 3}, connectgaps=False),
            row=row,
            col=1,
        )
        if yrange is not None:
            fig.update_yaxes(range=list(yrange), row=row, col=1)
        fig.update_yaxes(title_text=labels[key], row=row, col=1)
        fig.add_vline(x=x, line={"color": "#111827", "dash": "dot"}, row=row, col=1)
    if len(undefined_x):
        fig.add_trace(
            go.Scatter(
                x=undefined_x,
                y=np.zeros(len(undefined_x)),
                mode="markers",
                name=labels["undefined"],
                marker={"symbol": "x-thin", "size": 9, "color": "#9ca3af", "line": {"width": 2, "color": "#6b7280"}},
            ),
            row=1,
            col=1,
        )
    fig.update_layout(
        height=620,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.06},
    )
    fig.update_xaxes(title_text="x", row=3, col=1)
    return fig


def descent(frame: pd.DataFrame, path: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """f with the optimizer's path (x_k, f(x_k)); labels: f, path, start, end."""
    xs = frame["x"].to_numpy()
    lo = min(float(xs.min()), float(path["x"].min())) if len(path) else float(xs.min())
    hi = max(float(xs.max()), float(path["x"].max())) if len(path) else float(xs.max())
    ys, yrange = _clip(frame["f"].to_numpy())
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=xs, y=ys, name=labels["f"], line={"color": COLORS["f"], "width": 3}))
    if len(path):
        fig.add_trace(
            go.Scatter(
                x=path["x"],
                y=path["f"],
                mode="lines+markers",
                name=labels["path"],
                line={"color": "#f59e0b"},
                marker={"size": 5},
            )
        )
        for idx, key, color in ((0, "start", "#111827"), (-1, "end", "#dc2626")):
            fig.add_trace(
                go.Scatter(
                    x=[path["x"].iloc[idx]],
                    y=[path["f"].iloc[idx]],
                    mode="markers",
                    name=labels[key],
                    marker={"size": 13, "color": color},
                )
            )
    fig.update_layout(
        height=360,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis_title="x",
        yaxis_title="f(x)",
        xaxis_range=[lo, hi],
        legend={"orientation": "h", "y": 1.12},
    )
    if yrange is not None and len(path):
        pf = path["f"].to_numpy()
        fig.update_yaxes(range=[min(yrange[0], float(pf.min())), max(yrange[1], float(pf.max()))])
    return fig
