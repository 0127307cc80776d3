"""The expression lab's charts: f, f' and f'' over an interval with undefined stretches marked; a descent path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.svg import Line, Panel, stacked

COLORS = {"f": "#2563eb", "d1": "#dc2626", "d2": "#16a34a"}
DASHES = {"f": "", "d1": "8 5", "d2": "2 5"}  # f, f', f'' told apart by more than colour


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


def curves(frame: pd.DataFrame, x: float, undefined_x: np.ndarray, labels: dict[str, str], description: str) -> str:
    """Three stacked panels sharing x, as SVG (charts/svg.py: it follows the x slider step by step); labels: f, d1,
    d2, undefined; description: what a screen reader says instead."""
    xs = frame["x"].to_numpy(dtype=float)
    panels = []
    for key in ("f", "d1", "d2"):
        ys, yrange = _clip(frame[key].to_numpy(dtype=float))
        lo, hi = yrange if yrange is not None else (-1.0, 1.0)
        lines = [
            Line.of(labels[key], xs, ys, COLORS[key], dash=DASHES[key], width=3),
            Line.of("", [x, x], [lo, hi], "#111827", dash="2 4", width=1.5),  # the sidebar's x
        ]
        if key == "f" and len(undefined_x):  # along the bottom of f's panel
            at = np.full(len(undefined_x), lo + 0.04 * (hi - lo))
            lines.append(Line.of(labels["undefined"], undefined_x, at, "#6b7280", dot=2.5))
        panels.append(Panel(tuple(lines), (lo, hi), labels[key]))
    return stacked(panels, (float(xs.min()), float(xs.max())), "x", description, "expression", height=620)


def _visited(frame: pd.DataFrame, path: pd.DataFrame) -> tuple[float, float, np.ndarray]:
    """The x range the path visits (padded) and f on the curve's points inside it."""
    px = path["x"].to_numpy(dtype=float)
    px = px[np.isfinite(px)]
    lo, hi = float(px.min()), float(px.max())
    pad = max(0.15 * (hi - lo), 0.25)
    lo, hi = lo - pad, hi + pad
    xs = frame["x"].to_numpy()
    return lo, hi, frame["f"].to_numpy()[(xs >= lo) & (xs <= hi)]


def descent(frame: pd.DataFrame, path: pd.DataFrame, labels: dict[str, str], whole: bool = True) -> go.Figure:
    """f with the optimizer's path (x_k, f(x_k)); labels: f, path, start, end.

    whole: the curve over its whole interval; False frames the x range the path visits (and f there), so that the
    valleys of x^4 - 3x^2 + x are not flattened by f's values far away.
    """
    xs = frame["x"].to_numpy()
    lo = min(float(xs.min()), float(path["x"].min())) if len(path) else float(xs.min())
    hi = max(float(xs.max()), float(path["x"].max())) if len(path) else float(xs.max())
    ys, yrange = _clip(frame["f"].to_numpy())
    zoom = not whole and len(path) and np.isfinite(path["x"].to_numpy(dtype=float)).any()
    if zoom:
        lo, hi, inside = _visited(frame, path)
        finite = inside[np.isfinite(inside)]
        if finite.size:
            span = float(finite.max() - finite.min()) or 1.0
            yrange = (float(finite.min()) - 0.08 * span, float(finite.max()) + 0.08 * span)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=xs, y=ys, name=labels["f"], line={"color": COLORS["f"], "width": 3}))
    if len(path):
        fig.add_trace(
            go.Scatter(
                x=path["x"],
                y=path["f"],
                mode="lines+markers",
                name=labels["path"],
                line={"color": "#b45309"},
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
    fig.update_xaxes(exponentformat="power")  # 10⁻⁹, not Plotly's SI prefixes (1n, 250B)
    fig.update_yaxes(exponentformat="power")
    if yrange is not None and len(path):
        pf = path["f"].to_numpy()
        fig.update_yaxes(range=[min(yrange[0], float(pf.min())), max(yrange[1], float(pf.max()))])
    return fig
