"""The central difference's error against the step h, on log-log axes: the V of truncation and round-off."""

from __future__ import annotations

import math

from charts.svg import Line, Note, Panel, stacked

# Okabe-Ito colours (safe for colour-blind readers); the two curves also differ in dash and marker.
STYLE = {
    "float32": {"color": "#E69F00", "dash": "8 5"},
    "float64": {"color": "#0072B2", "dash": ""},
}
SLIDER = "#555555"


def _points(values) -> list[float]:
    """Errors for a log axis: nan (a gap) where the error is 0 or not a number."""
    return [float(v) if v is not None and math.isfinite(v) and v > 0 else math.nan for v in values]


def error_curve(h, errors: dict, best: dict, at_h: float, labels: dict, description: str) -> str:
    """|central difference - reference| against h for each dtype on log-log axes (SVG, charts/svg.py), its best h
    marked and written under the mark, the slider's h as a dotted line.

    errors: {dtype: errors on h}; best: {dtype: h of the smallest error, or None}; labels: "x", "y", "best",
    "slider", "roundoff", "truncation"; description: what a screen reader says instead.
    """
    hs = [float(v) for v in h]
    lines: list[Line] = []
    for name, errs in errors.items():
        style = STYLE[name]
        ys = _points(errs)
        lines.append(Line.of(name, hs, ys, style["color"], dash=style["dash"], width=2))
        lines.append(Line.of("", hs, ys, style["color"], dot=2.5))
        where = best.get(name)
        if where is not None:
            i = min(range(len(hs)), key=lambda k: abs(math.log10(hs[k]) - math.log10(where)))
            lines.append(Line.of(labels["best"].format(dtype=name, h=f"{where:.0e}"), [where], [ys[i]],
                                 style["color"], dot=7, note=f"{where:.0e}"))  # fmt: skip
    shown = [v for line in lines for v in line.y if math.isfinite(v) and v > 0]
    lo, hi = (min(shown) / 10, max(shown) * 10) if shown else (1e-17, 1.0)
    lines.append(Line.of("", [at_h, at_h], [lo, hi], SLIDER, dash="2 4", width=2))
    notes = (
        Note(at_h, hi, labels["slider"].format(h=f"{at_h:.0e}"), "start", dx=5, dy=34),
        Note(hs[0], hi, labels["roundoff"], "start", dx=6, dy=16),
        Note(hs[-1], hi, labels["truncation"], "end", dx=-6, dy=16),
    )
    panel = Panel(tuple(lines), (lo, hi), labels["y"], log_y=True, notes=notes)
    return stacked([panel], (hs[0] / 2, hs[-1] * 2), labels["x"], description, "gradcheck", height=440, log_x=True)
