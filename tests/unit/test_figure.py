"""charts.figure.Figure: once finished, frozen JSON; every to_dict() is a fresh dict equal to what Plotly builds."""

from __future__ import annotations

import numpy as np

from autograd_core import Quadratic, minimize_sgd
from charts import sgd
from charts.figure import Figure, plain

F = Quadratic(1.0, -2.0, 1.0)


def _line(x: float) -> Figure:
    xs = np.linspace(-1.0, 1.0, 21)
    return plain([{"type": "scatter", "mode": "lines", "x": xs, "y": x * xs, "name": "line"}], {"height": 300})


LABELS = {k: k for k in ("curve", "point", "tangent", "trail", "path", "gap", "gap_closed", "no_minimum", "play",
                         "pause", "step", "torch", "closed", "distance", "converged", "diverged")}  # fmt: skip


def test_a_finished_figure_cannot_be_changed_through_what_it_hands_out():
    import plotly.io as pio

    fig = _line(0.5)
    plotlys = pio.to_json(fig.to_dict(), validate=False)
    fig = fig.finish()
    assert fig.nbytes == len(plotlys.encode())
    handed = fig.to_dict()
    assert pio.to_json(handed, validate=False) == plotlys
    handed["data"].clear()  # a caller that changes its dict ...
    handed["layout"]["height"] = 1
    assert pio.to_json(fig.to_dict(), validate=False) == plotlys  # ... changes nobody else's


def test_a_finished_animation_keeps_its_frames():
    import plotly.io as pio

    r = minimize_sgd(F, 0.0, 0.1, 200)
    fig = sgd.animation(F, r.frame["x"].to_numpy(), r.frame["f"].to_numpy(), LABELS, r.reference)
    assert isinstance(fig, Figure)
    before = fig.to_dict()
    after = fig.finish().to_dict()
    assert len(after["frames"]) == len(before["frames"]) > 1
    assert pio.to_json(after, validate=False) == pio.to_json(before, validate=False)


def test_the_dict_survives_what_st_plotly_chart_does_with_it():
    import plotly.io as pio

    fig = _line(np.float64(1.0)).finish()
    first = pio.to_json(fig.to_dict(), validate=False)
    assert pio.to_json(fig.to_dict(), validate=False) == first  # serializing does not change the shared dict


def test_the_expression_curves_share_x_and_mark_x_and_the_gaps():
    from autograd_core import analyze_expression
    from charts import expression
    from tests.unit.svg_xml import NS as ns
    from tests.unit.svg_xml import parse

    r = analyze_expression("log(x)", 1.5, device="cpu")
    frame = r.curves
    bad = frame["x"][frame["f"].isna()].to_numpy()
    labels = {k: k for k in ("f", "d1", "d2", "undefined")}
    text = expression.curves(frame, 1.5, bad, labels, "three panels")
    root = parse(text)
    assert root.get("aria-label") == "three panels"
    polylines = list(root.iter(f"{ns}polyline"))
    by_colour = {c: [p for p in polylines if p.get("stroke") == c] for c in expression.COLORS.values()}
    assert all(by_colour.values()), "f, f' and f'' each drawn"
    marks = [p for p in polylines if p.get("stroke") == "#111827"]  # the dotted line at x, in every panel
    assert len(marks) == 3 and len({p.get("points").split()[0].split(",")[0] for p in marks}) == 1
    dots = [c for g in root.iter(f"{ns}g") for c in g.iter(f"{ns}circle") if c.get("fill") == "#6b7280"]
    assert len(bad) > 0 and len(dots) == len(bad)  # one grey dot where f is not defined
    f_lines = by_colour[expression.COLORS["f"]]
    xs = [float(p.split(",")[0]) for line in f_lines for p in line.get("points").split()]
    undefined_at = [float(c.get("cx")) for c in dots]
    assert min(xs) > max(undefined_at), "no line drawn across the undefined stretch (log(x) for x <= 0)"
