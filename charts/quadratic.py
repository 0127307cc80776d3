"""f over an interval with the point (x, f(x)), its tangent and, optionally, the curvature parabola."""

from __future__ import annotations

import numpy as np

from autograd_core.quadratic import Quadratic
from charts.svg import Line, chart, number


def _span(x: float, half: float = 4.0) -> np.ndarray:
    return np.linspace(min(-5.0, x - half), max(5.0, x + half), 201)


def tangent_lines(f: Quadratic, x: float, slope: float, labels: dict[str, str], curvature: float | None = None
                  ) -> tuple[list[Line], tuple[float, float], tuple[float, float]]:  # fmt: skip
    """The series and the x and y ranges: f, the tangent at x (and the curvature parabola), the point."""
    xs = _span(x)
    ys = f.value(xs)
    y0 = float(f.value(x))
    near = np.linspace(x - 2.0, x + 2.0, 41)
    line = y0 + slope * (near - x)
    lines = [
        Line.of(labels["curve"], xs, ys, "#2563eb", width=3),
        Line.of(labels["tangent"], near, line, "#dc2626", dash="8 5"),
    ]
    if curvature is not None:
        bend = line + 0.5 * curvature * (near - x) ** 2
        lines.append(Line.of(labels["parabola"], near, bend, "#16a34a", dash="2 5", width=4))
    lines.append(Line.of(labels["point"], [x], [y0], "#111827", dot=6.5, hover=f"x = {number(x)}, f(x) = {number(y0)}"))
    lo, hi = float(ys.min()), float(ys.max())
    pad = 0.1 * (hi - lo or 1.0)
    return lines, (float(xs[0]), float(xs[-1])), (lo - pad, hi + pad)


def tangent(f: Quadratic, x: float, slope: float, labels: dict[str, str], description: str,
            curvature: float | None = None) -> str:  # fmt: skip
    """The chart of 1.1 and 2.1 as SVG (charts/svg.py), so that it follows the x slider step by step; labels:
    curve, point, tangent (and parabola when curvature is given); description: what a screen reader says."""
    lines, x_range, y_range = tangent_lines(f, x, slope, labels, curvature)
    key = "tangent" if curvature is None else "curvature"
    return chart(lines, x_range, y_range, "x", "f(x)", description, key)
