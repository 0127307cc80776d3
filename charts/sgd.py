"""SGD charts: the animated run (f and the optimality gap, in step), the closed form, optimizers, the lr sweep."""

from __future__ import annotations

import base64
import math

import numpy as np
import plotly.graph_objects as go

from autograd_core.quadratic import Quadratic
from charts.figure import Figure, plain, spec

MAX_FRAMES = 150
TAIL = 15  # frame points in the moving trail
MAX_POINTS = 600  # points per static line
GAP_FLOOR = 1e-16  # f(x) - f(x*) at or below this is drawn here (x equals x* in float32)
# The optimizers' lines: colours that stay apart for red-green colour blindness (Okabe & Ito's blue, vermillion,
# bluish green, reddish purple; black; a dark yellow), each at least 3:1 on white, and each its own dash style,
# so that no line is told apart by colour alone (ui/alt.py names the styles for screen readers).
COLORS = ("#0072b2", "#d55e00", "#007a5e", "#b4467f", "#000000", "#8a6d00")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def frame_steps(n: int, cap: int = MAX_FRAMES) -> list[int]:
    """At most `cap` evenly spaced indices of 0..n-1, always with the first and the last."""
    if n <= cap:
        return list(range(n))
    return sorted({round(i * (n - 1) / (cap - 1)) for i in range(cap)})


def round_steps(n: int, cap: int = MAX_FRAMES) -> list[int]:
    """At most `cap` indices of 0..n-1 at a round stride (1, 2, 5, 10, 20, 25, 50, ...), with the first and the
    last: the slider under the animation then labels round steps (0, 20, 40, ...), not 60, 81, 101."""
    if n <= cap:
        return list(range(n))
    stride = next(m * 10**e for e in range(12) for m in (1, 2, 2.5, 5) if (m * 10**e) % 1 == 0
                  and -(-(n - 1) // int(m * 10**e)) + 1 <= cap)  # fmt: skip
    stride = int(stride)
    return sorted({*range(0, n, stride), n - 1})


def _f32(values) -> np.ndarray:
    """Compact float32 arrays: Plotly sends them as base64, 4 bytes a number."""
    return np.asarray(values, dtype=np.float32)


def typed(values: np.ndarray) -> dict:
    """A float32 / int32 array as Plotly's typed-array JSON (base64), what go.Figure.to_dict would make of it."""
    arr = np.ascontiguousarray(values)
    kind = {np.dtype(np.float32): "f4", np.dtype(np.int32): "i4"}[arr.dtype]
    return {"dtype": kind, "bdata": base64.b64encode(arr.tobytes()).decode("ascii")}


def gap(f: Quadratic, xs: np.ndarray) -> np.ndarray:
    """f(x) - f(x*) = a (x - x*)^2, floored at GAP_FLOOR for the log axis (f must have a minimum)."""
    return np.maximum(f.a * (np.asarray(xs, dtype=float) - f.minimizer) ** 2, GAP_FLOOR)


class AnimatedFigure(Figure):
    """A go.Figure whose frames stay plain dicts until `.frames` is read.

    Plotly validates every trace of every frame as an object (about 0.3 ms each, then a deep copy in to_dict):
    for 150 frames that costs more than the whole torch run. The specs here are fixed and tested instead.
    """

    def __init__(self, spec: dict, frames: list[dict]):
        super().__init__(spec, _validate=False)
        self._plain_frames = frames

    @property
    def frames(self):
        if self._plain_frames is not None:  # materialize (validated) on first read
            self._frame_objs = self._frames_validator.validate_coerce(self._plain_frames)
            self._plain_frames = None
        return self._frame_objs

    @frames.setter
    def frames(self, new_frames):
        self._plain_frames = None
        self._frame_objs = self._frames_validator.validate_coerce(new_frames)

    def _build_dict(self) -> dict:
        out = super()._build_dict()
        if self._plain_frames:  # already JSON-ready (typed arrays); copied so callers may edit their dict
            out["frames"] = [{**fr, "data": [dict(t) for t in fr["data"]]} for fr in self._plain_frames]
        return out


def _figure(data: list[dict], layout: dict, frames: list[dict] | None = None) -> go.Figure:
    if frames is not None:
        return AnimatedFigure(spec(data, layout), frames)
    return plain(data, layout)


def _controls(steps: list[int], labels: dict[str, str]) -> dict:
    play = {"frame": {"duration": 60, "redraw": False}, "fromcurrent": True, "transition": {"duration": 0}}
    pause = {"mode": "immediate", "frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}}
    jump = {"mode": "immediate", "frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}}
    return {
        "updatemenus": [
            {
                "type": "buttons",
                "direction": "left",
                "x": 0.0,
                "y": -0.1,
                "xanchor": "left",
                "yanchor": "top",
                "showactive": False,
                "buttons": [
                    {"label": "▶ " + labels["play"], "method": "animate", "args": [None, play]},
                    {"label": "⏸ " + labels["pause"], "method": "animate", "args": [[None], pause]},
                ],
            }
        ],
        "sliders": [
            {
                "active": 0,
                "x": 0.2,
                "len": 0.8,
                "y": -0.04,
                "yanchor": "top",
                "currentvalue": {"prefix": labels["step"] + " "},
                "steps": [{"label": str(k), "method": "animate", "args": [[str(k)], jump]} for k in steps],
            }
        ],
    }


def _window(f: Quadratic, xs: np.ndarray, whole: bool) -> tuple[float, float]:
    """The x range drawn: -5 ... 5 and the whole path, or (zoomed) just the visited range and x*, padded."""
    n = len(xs)
    if whole or not n:
        return (float(min(-5.0, xs.min() - 0.5)) if n else -5.0, float(max(5.0, xs.max() + 0.5)) if n else 5.0)
    ends = [float(xs.min()), float(xs.max())] + ([f.minimizer] if f.minimizer is not None else [])
    lo, hi = min(ends), max(ends)
    pad = max(0.1 * (hi - lo), 0.05)
    return lo - pad, hi + pad


def animation(
    f: Quadratic,
    xs: np.ndarray,
    ys: np.ndarray,
    labels: dict[str, str],
    reference: np.ndarray | None = None,
    whole: bool = True,
    regime: tuple[str, str] | None = None,
) -> go.Figure:
    """Left: f with the moving point and its trail; right: f(x_k) - f(x*) on a log scale, in step.

    labels: curve, trail, point, path, gap, gap_closed, no_minimum, play, pause, step.
    reference: the closed-form x_k for the same steps, drawn as the gap it predicts.
    whole: f over -5 ... 5 (and the whole path); False zooms into the range the steps visit.
    regime: (name, text) of lr's regime (autograd_core/regimes.py), named in the top left corner of f's panel.
    """
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(ys, dtype=float)
    n = len(xs)
    star = f.minimizer
    lo, hi = _window(f, xs, whole)
    grid = np.linspace(lo, hi, 201)
    curve = f.value(grid)
    steps = round_steps(n)
    idx = np.asarray(steps, dtype=int)
    fx, fy = _f32(xs[idx]), _f32(ys[idx])
    g = gap(f, xs[idx]) if star is not None else np.zeros(0)
    fg = _f32(g)
    idx32 = idx.astype(np.int32)
    left = {"xaxis": "x", "yaxis": "y"}
    right = {"xaxis": "x2", "yaxis": "y2"}
    trail_style = {"mode": "lines+markers", "line": {"color": "#b45309"}, "marker": {"size": 5, "color": "#b45309"}}
    point_style = {"mode": "markers", "marker": {"size": 15, "color": "#dc2626"}, "showlegend": False}

    def state(i: int, style: bool = False) -> list[dict]:
        """The moving traces at frame i; frames carry only x and y (Plotly keeps each trace's style)."""
        s = slice(max(0, i - TAIL + 1), i + 1)
        out = [{"x": fx[s], "y": fy[s]}, {"x": fx[i : i + 1], "y": fy[i : i + 1]}]
        if star is not None:
            out += [{"x": idx32[s], "y": fg[s]}, {"x": idx32[i : i + 1], "y": fg[i : i + 1]}]
        if not style:
            out = [{k: typed(v) for k, v in trace.items()} for trace in out]
        if style:
            for trace, extra in zip(out, (trail_style, point_style, trail_style, point_style), strict=False):
                trace.update(type="scatter", **extra)
            for trace in out[2:]:
                trace.update(showlegend=False, **right)
            for trace in out[:2]:
                trace.update(**left)
        return out

    ghost = {"mode": "lines", "line": {"color": "#6b7280", "width": 1, "dash": "dot"}, "hoverinfo": "skip"}
    data = [
        {"type": "scatter", "x": _f32(grid), "y": _f32(curve), "name": labels["curve"], "mode": "lines",
         "line": {"color": "#2563eb", "width": 3}, **left},
        {"type": "scatter", "x": fx, "y": fy, "name": labels["path"], **ghost, **left},
    ]  # fmt: skip
    first = state(0, style=True) if n else []
    data += first[:2]
    data[2]["name"] = labels["trail"]
    data[3]["name"] = labels["point"]
    pad = 0.5 if whole else max(0.08 * float(curve.max() - curve.min()), 1e-3)
    layout = {
        "height": 460,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {"orientation": "h", "y": 1.14},
        "xaxis": {"domain": [0, 0.54], "range": [lo, hi], "title": {"text": "x"}},
        "yaxis": {"range": [float(curve.min()) - pad, float(curve.max()) + pad], "title": {"text": "f(x)"}},
        "xaxis2": {"domain": [0.64, 1], "anchor": "y2", "title": {"text": labels["step"]}},
        "yaxis2": {"anchor": "x2", "type": "log", "title": {"text": "f(xₖ) − f(x*)"}},
        **(_controls(steps, labels) if n else {}),
    }
    if star is not None and n:
        data.append({"type": "scatter", "x": idx.astype(np.int32), "y": fg, "name": labels["gap"], **ghost, **right})
        if reference is not None:
            ref = np.asarray(reference, dtype=float)[idx]
            ok = np.isfinite(ref)
            data.append(
                {"type": "scatter", "x": idx[ok].astype(np.int32), "y": _f32(gap(f, ref[ok])), "mode": "lines",
                 "name": labels["gap_closed"], "line": {"color": "#16a34a", "dash": "dash", "width": 2}, **right}
            )  # fmt: skip
        data += first[2:]
        top = float(np.log10(max(g.max(), 10 * GAP_FLOOR)))
        layout["xaxis2"]["range"] = [0, max(1, steps[-1])]
        layout["yaxis2"]["range"] = [np.log10(GAP_FLOOR) - 0.5, top + 0.5]
        traces = [2, 3, len(data) - 2, len(data) - 1]
    else:
        layout["annotations"] = [
            {"text": labels["no_minimum"], "xref": "x2 domain", "yref": "y2 domain", "x": 0.5, "y": 0.5,
             "showarrow": False, "font": {"size": 14}}
        ]  # fmt: skip
        layout["xaxis2"]["visible"] = False
        layout["yaxis2"]["visible"] = False
        traces = [2, 3]
    if regime is not None:
        name, text = regime
        layout.setdefault("annotations", []).append(
            {"text": text, "xref": "x domain", "yref": "y domain", "x": 0.01, "y": 0.99, "xanchor": "left",
             "yanchor": "top", "showarrow": False, "align": "left", "font": {"color": BAND_TEXT.get(name, "#374151")},
             "bgcolor": BAND_COLORS.get(name, "#f3f4f6"), "borderpad": 4}
        )  # fmt: skip
    frames = [{"name": str(k), "data": state(i), "traces": traces} for i, k in enumerate(steps)]
    return _figure(data, layout, frames)


def _thin(n: int) -> np.ndarray:
    return np.asarray(frame_steps(n, MAX_POINTS), dtype=int)


def closed_form(xs: np.ndarray, reference: np.ndarray, labels: dict[str, str]) -> go.Figure:
    """torch's x_k (markers) over the closed form (line). labels: torch, closed, step."""
    idx = _thin(len(xs))
    ok = np.isfinite(np.asarray(reference)[idx])
    data = [
        {"type": "scatter", "x": idx[ok].astype(np.int32), "y": np.asarray(reference)[idx][ok], "mode": "lines",
         "name": labels["closed"], "line": {"color": "#16a34a", "width": 3}},
        {"type": "scatter", "x": idx.astype(np.int32), "y": _f32(np.asarray(xs)[idx]), "mode": "markers",
         "name": labels["torch"], "marker": {"size": 5, "color": "#dc2626"}},
    ]  # fmt: skip
    layout = {
        "height": 300,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "legend": {"orientation": "h", "y": 1.15},
        "xaxis": {"title": {"text": labels["step"]}},
        "yaxis": {"title": {"text": "xₖ"}},
    }
    return _figure(data, layout)


def optimizers(steps: np.ndarray, xs: np.ndarray, names: list[str], star: float | None, labels: dict) -> go.Figure:
    """x_k of each optimizer (left) and |x_k - x*| on a log scale (right). labels: step, distance, x_star."""
    idx = _thin(len(steps))
    step = np.asarray(steps)[idx].astype(np.int32)
    data = []
    for j, name in enumerate(names):
        col = np.asarray(xs[:, j], dtype=float)[idx]
        ok = np.isfinite(col)
        line = {"color": COLORS[j % len(COLORS)], "dash": DASHES[j % len(DASHES)], "width": 2}
        style = {"mode": "lines", "line": line, "legendgroup": name}
        data.append({"type": "scatter", "x": step[ok], "y": _f32(col[ok]), "name": name, **style})
        if star is not None:
            dist = np.maximum(np.abs(col[ok] - star), 1e-9)
            data.append({"type": "scatter", "x": step[ok], "y": _f32(dist), "name": name, "showlegend": False,
                         "xaxis": "x2", "yaxis": "y2", **style})  # fmt: skip
    layout = {
        "height": 380,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {"orientation": "h", "y": 1.16},
        "xaxis": {"domain": [0, 0.47], "title": {"text": labels["step"]}},
        "yaxis": {"title": {"text": "xₖ"}},
        "xaxis2": {"domain": [0.55, 1], "anchor": "y2", "title": {"text": labels["step"]}},
        "yaxis2": {"anchor": "x2", "type": "log", "title": {"text": labels["distance"]}},
    }
    if star is not None:
        layout["shapes"] = [{"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": star,
                             "y1": star, "line": {"dash": "dot", "color": "#6b7280"}}]  # fmt: skip
    else:
        layout["xaxis2"]["visible"] = layout["yaxis2"]["visible"] = False
    return _figure(data, layout)


# the lr regimes' backgrounds (autograd_core/regimes.py), light enough for the markers and lines on top
BAND_COLORS = {"monotone": "#dcfce7", "spirals": "#e0f2fe", "oscillates": "#fef3c7", "diverges": "#fee2e2"}
BAND_TEXT = {"monotone": "#166534", "spirals": "#075985", "oscillates": "#92400e", "diverges": "#991b1b"}


def _bands(bands: tuple[tuple[str, float, float], ...], names: dict[str, str], one_step: float | None):
    """Shaded lr ranges, one per regime, named in the legend (a band can be too narrow for a label inside it), and
    the one-step line. On a log x axis shapes take lr itself, annotations log10 lr."""
    shapes, keys, notes = [], [], []
    for name, lo, hi in bands:
        shapes.append({"type": "rect", "xref": "x", "yref": "y domain", "x0": lo, "x1": hi, "y0": 0, "y1": 1,
                       "fillcolor": BAND_COLORS[name], "line": {"width": 0}, "layer": "below"})  # fmt: skip
        keys.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": names[name],
                     "marker": {"symbol": "square", "size": 14, "color": BAND_COLORS[name],
                                "line": {"color": BAND_TEXT[name], "width": 1}}})  # fmt: skip
    if one_step is not None:
        shapes.append({"type": "line", "xref": "x", "yref": "y domain", "x0": one_step, "x1": one_step, "y0": 0,
                       "y1": 1, "line": {"color": "#166534", "dash": "dashdot", "width": 2}})  # fmt: skip
        notes.append({"x": math.log10(one_step), "y": 0.5, "yref": "y domain", "text": names["one_step"],
                      "textangle": -90, "showarrow": False, "xanchor": "right",
                      "font": {"color": "#166534"}})  # fmt: skip
    return shapes, keys, notes


def sweep(
    lrs: np.ndarray,
    distance: np.ndarray,
    diverged: np.ndarray,
    limit: float,
    lr: float,
    labels: dict[str, str],
    bands: tuple[tuple[str, float, float], ...] = (),
    one_step: float | None = None,
) -> go.Figure:
    """Final |x - x*| against lr (both log), runaway rates on top, the regimes as shaded bands (with the lr where
    one step lands on x*, without momentum). labels: converged, diverged, limit, lr, distance, and one per regime."""
    lrs = np.asarray(lrs, dtype=float)
    ok = ~np.asarray(diverged)
    dist = np.maximum(np.asarray(distance, dtype=float)[ok], 1e-9)
    top = float(np.log10(max(dist.max() if len(dist) else 1.0, 1.0))) + 1
    data = [
        {"type": "scatter", "x": lrs[ok], "y": dist, "mode": "lines+markers", "name": labels["converged"],
         "marker": {"size": 6, "color": "#2563eb"}},
        {"type": "scatter", "x": lrs[~ok], "y": np.full(int((~ok).sum()), 10**top), "mode": "markers",
         "name": labels["diverged"], "marker": {"size": 9, "color": "#dc2626", "symbol": "x"}},
    ]  # fmt: skip
    line = {"type": "line", "yref": "y domain", "y0": 0, "y1": 1}
    layout = {
        "height": 360,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {"orientation": "h", "y": 1.14},
        "xaxis": {"type": "log", "title": {"text": "lr"}},
        "yaxis": {"type": "log", "title": {"text": labels["distance"]}, "range": [-9.5, top + 0.5]},
        "shapes": [
            {**line, "x0": limit, "x1": limit, "line": {"color": "#dc2626", "dash": "dash", "width": 2}},
            {**line, "x0": lr, "x1": lr, "line": {"color": "#b45309", "dash": "dot", "width": 2}},
        ],
        "annotations": [  # the limit's label left of its line: the runaway rates' crosses sit right of it, on top
            {"x": float(np.log10(limit)), "y": 1, "yref": "y domain", "text": labels["limit"], "showarrow": False,
             "xanchor": "right", "yanchor": "top", "font": {"color": "#dc2626"}},
            {"x": float(np.log10(lr)), "y": 0, "yref": "y domain", "text": labels["lr"], "showarrow": False,
             "xanchor": "left", "yanchor": "bottom", "font": {"color": "#b45309"}},
        ],
    }  # fmt: skip
    shapes, keys, notes = _bands(bands, labels, one_step)
    data += keys
    layout["shapes"] = shapes + layout["shapes"]
    layout["annotations"] = notes + layout["annotations"]
    return _figure(data, layout)
