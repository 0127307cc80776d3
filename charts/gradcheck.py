"""The central difference's error against the step h, on log-log axes: the V of truncation and round-off."""

from __future__ import annotations

import math

from charts.figure import Figure, plain

# Okabe-Ito colours (safe for colour-blind readers); the two curves also differ in dash and marker.
STYLE = {
    "float32": {"color": "#E69F00", "dash": "dash", "symbol": "square"},
    "float64": {"color": "#0072B2", "dash": "solid", "symbol": "circle"},
}
SLIDER = "#555555"


def _points(values) -> list:
    """Errors for a log axis: None (a gap) where the error is 0 or not a number."""
    return [float(v) if v is not None and math.isfinite(v) and v > 0 else None for v in values]


def error_curve(h, errors: dict, best: dict, at_h: float, labels: dict) -> Figure:
    """|central difference - reference| against h for each dtype, its best h starred, the slider's h as a line.

    errors: {dtype: errors on h}; best: {dtype: h of the smallest error, or None}; labels: "x", "y", "best",
    "slider", "roundoff", "truncation".
    """
    data = []
    for name, errs in errors.items():
        style = STYLE[name]
        data.append({
            "type": "scatter", "mode": "lines+markers", "name": name, "x": list(h), "y": _points(errs),
            "line": {"color": style["color"], "dash": style["dash"], "width": 2},
            "marker": {"symbol": style["symbol"], "size": 5, "color": style["color"]},
            "hovertemplate": "h = %{x:.1e}<br>error = %{y:.2e}<extra>" + name + "</extra>",
        })  # fmt: skip
        where = best.get(name)
        if where is not None:
            i = min(range(len(h)), key=lambda k: abs(math.log10(h[k]) - math.log10(where)))
            data.append({
                "type": "scatter", "mode": "markers+text", "x": [where], "y": [errs[i]],
                "name": labels["best"].format(dtype=name, h=f"{where:.0e}"),
                "text": [f"{where:.0e}"], "textposition": "bottom center", "textfont": {"color": style["color"]},
                "marker": {"symbol": "star", "size": 16, "color": style["color"],
                           "line": {"color": "black", "width": 1}},
            })  # fmt: skip
    axis = {"type": "log", "exponentformat": "power", "showexponent": "all", "dtick": 1}
    layout = {
        "height": 440,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "xaxis": {**axis, "title": {"text": labels["x"]}, "range": [-12.3, 0.3]},
        "yaxis": {**axis, "title": {"text": labels["y"]}, "dtick": 2},
        "legend": {"orientation": "h", "y": -0.18},
        # on a log axis a shape takes the value itself, an annotation its log10 (Plotly.js)
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": at_h, "x1": at_h,
                    "y0": 0, "y1": 1,
                    "line": {"color": SLIDER, "width": 2, "dash": "dot"}}],
        "annotations": [
            {"text": labels["slider"].format(h=f"{at_h:.0e}"), "x": math.log10(at_h), "y": 1, "xref": "x",
             "yref": "paper", "xanchor": "left", "yanchor": "top", "xshift": 4, "showarrow": False,
             "font": {"color": SLIDER}},
            {"text": labels["roundoff"], "x": 0.0, "y": 1.0, "xref": "paper", "yref": "paper", "xanchor": "left",
             "yanchor": "bottom", "showarrow": False},
            {"text": labels["truncation"], "x": 1.0, "y": 1.0, "xref": "paper", "yref": "paper",
             "xanchor": "right", "yanchor": "bottom", "showarrow": False},
        ],
    }  # fmt: skip
    return plain(data, layout)
