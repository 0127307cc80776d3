"""f over an interval with the point (x, f(x)), its tangent and, optionally, the curvature parabola."""

from __future__ import annotations

import numpy as np

from autograd_core.quadratic import Quadratic
from charts.figure import Figure, plain


def _span(x: float, half: float = 4.0) -> np.ndarray:
    return np.linspace(min(-5.0, x - half), max(5.0, x + half), 201)


def tangent(f: Quadratic, x: float, slope: float, labels: dict[str, str], curvature: float | None = None) -> Figure:
    """labels: curve, point, tangent (and parabola when curvature is given).

    A plain spec, not validated piece by piece: it is rebuilt for every new x, and go.Scatter objects cost ~12 ms.
    """
    xs = _span(x)
    ys = f.value(xs)
    y0 = float(f.value(x))
    near = np.linspace(x - 2.0, x + 2.0, 41)
    line = y0 + slope * (near - x)
    data = [
        _scatter(xs, ys, labels["curve"], line={"color": "#2563eb", "width": 3}),
        _scatter(near, line, labels["tangent"], line={"color": "#dc2626", "dash": "dash"}),
    ]
    if curvature is not None:
        bend = line + 0.5 * curvature * (near - x) ** 2
        data.append(_scatter(near, bend, labels["parabola"], line={"color": "#16a34a", "dash": "dot", "width": 4}))
    data.append(
        {"type": "scatter", "x": [float(x)], "y": [y0], "mode": "markers", "name": labels["point"],
         "marker": {"size": 13, "color": "#111827"}}
    )  # fmt: skip
    lo, hi = float(ys.min()), float(ys.max())
    pad = 0.1 * (hi - lo or 1.0)
    layout = {
        "height": 380,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "xaxis": {"title": {"text": "x"}},
        "yaxis": {"title": {"text": "f(x)"}, "range": [lo - pad, hi + pad]},
        "legend": {"orientation": "h", "y": 1.12},
    }
    return plain(data, layout)


def _scatter(x: np.ndarray, y: np.ndarray, name: str, line: dict) -> dict:
    return {"type": "scatter", "mode": "lines", "x": np.asarray(x, dtype=float), "y": np.asarray(y, dtype=float),
            "name": name, "line": line}  # fmt: skip
