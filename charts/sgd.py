"""The SGD trajectory on f, animated with Plotly frames (Play / Pause and a step slider)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from autograd_core.quadratic import Quadratic

MAX_FRAMES = 150


def frame_steps(n: int, cap: int = MAX_FRAMES) -> list[int]:
    """At most `cap` evenly spaced indices of 0..n-1, always with the first and the last."""
    if n <= cap:
        return list(range(n))
    return sorted({round(i * (n - 1) / (cap - 1)) for i in range(cap)})


def animation(f: Quadratic, xs: np.ndarray, ys: np.ndarray, labels: dict[str, str]) -> go.Figure:
    """labels: curve, trail, point, play, pause, step."""
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(ys, dtype=float)
    lo = float(min(-5.0, xs.min() - 0.5)) if len(xs) else -5.0
    hi = float(max(5.0, xs.max() + 0.5)) if len(xs) else 5.0
    grid = np.linspace(lo, hi, 201)
    curve = f.value(grid)
    steps = frame_steps(len(xs))

    def state(k: int) -> list[go.Scatter]:
        return [
            go.Scatter(x=xs[: k + 1], y=ys[: k + 1], mode="lines+markers", marker={"size": 5, "color": "#f59e0b"}),
            go.Scatter(x=[xs[k]], y=[ys[k]], mode="markers", marker={"size": 15, "color": "#dc2626"}),
        ]

    first = state(steps[0]) if steps else [go.Scatter(), go.Scatter()]
    fig = go.Figure(
        data=[go.Scatter(x=grid, y=curve, name=labels["curve"], line={"color": "#2563eb", "width": 3}), *first],
        frames=[go.Frame(data=state(k), traces=[1, 2], name=str(k)) for k in steps],
    )
    fig.data[1].name = labels["trail"]
    fig.data[2].name = labels["point"]
    play = {"frame": {"duration": 60, "redraw": False}, "fromcurrent": True, "transition": {"duration": 0}}
    fig.update_layout(
        height=440,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis={"title": "x", "range": [lo, hi]},
        yaxis={"title": "f(x)", "range": [float(curve.min()) - 0.5, float(curve.max()) + 0.5]},
        legend={"orientation": "h", "y": 1.1},
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0.0,
                "y": -0.12,
                "xanchor": "left",
                "buttons": [
                    {"label": "▶ " + labels["play"], "method": "animate", "args": [None, play]},
                    {
                        "label": "⏸ " + labels["pause"],
                        "method": "animate",
                        "args": [
                            [None],
                            {"mode": "immediate", "frame": {"duration": 0}, "transition": {"duration": 0}},
                        ],
                    },
                ],
            }
        ],
        sliders=[
            {
                "active": 0,
                "x": 0.2,
                "len": 0.8,
                "y": -0.05,
                "currentvalue": {"prefix": labels["step"] + " "},
                "steps": [
                    {
                        "label": str(k),
                        "method": "animate",
                        "args": [[str(k)], {"mode": "immediate", "frame": {"duration": 0, "redraw": False}}],
                    }
                    for k in steps
                ],
            }
        ],
    )
    return fig
