"""charts.svg and the SVG chart of 1.1 and 2.1: well-formed SVG that says what it shows, drawn where the data is."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd_core import Quadratic
from charts import quadratic, svg
from tests.unit.svg_xml import NS, figure, legend, parse

F = Quadratic(1.0, -2.0, 1.0)
LABELS = {"curve": "f(x)", "point": "(x, f(x))", "tangent": "tangent", "parabola": "parabola"}


def test_the_tangent_touches_f_at_x_with_the_given_slope_and_the_parabola_bends_with_the_curvature():
    lines, (x0, x1), (y0, y1) = quadratic.tangent_lines(F, 2.5, 3.0, LABELS, curvature=2.0)
    by = {line.name: line for line in lines}
    assert list(by) == ["f(x)", "tangent", "parabola", "(x, f(x))"]
    point = by["(x, f(x))"]
    assert (point.x, point.y) == ((2.5,), (F.value(2.5),))
    tx, ty = np.array(by["tangent"].x), np.array(by["tangent"].y)
    np.testing.assert_allclose(ty, F.value(2.5) + 3.0 * (tx - 2.5))
    px, pyy = np.array(by["parabola"].x), np.array(by["parabola"].y)
    np.testing.assert_allclose(pyy, F.value(2.5) + 3.0 * (px - 2.5) + (px - 2.5) ** 2)
    cx, cy = np.array(by["f(x)"].x), np.array(by["f(x)"].y)
    np.testing.assert_allclose(cy, F.value(cx))
    assert x0 <= 2.5 <= x1 and y0 < cy.min() and y1 > cy.max()


def test_the_chart_is_an_image_named_for_a_screen_reader_with_a_legend_entry_per_series():
    text = quadratic.tangent(F, 0.0, -2.0, LABELS, "the parabola & its <tangent>")
    root = parse(text)
    assert root.get("role") == "img" and root.get("aria-label") == "the parabola & its <tangent>"
    assert root.find(f"{NS}title").text == "the parabola & its <tangent>"
    assert len(list(root.iter(f"{NS}polyline"))) == 2
    assert legend(text) == ["f(x)", "tangent", "(x, f(x))"]
    assert "x" in [t.text for t in root.iter(f"{NS}text")]  # the axis title
    # Markdown keeps an HTML block whole only when the opening tag is alone on its line and no line is blank
    first, rest = text.split("\n", 1)
    assert first.startswith("<div ") and first.endswith(">") and "\n" not in rest


def test_the_point_is_drawn_where_x_and_f_x_are():
    text = quadratic.tangent(F, 2.0, 2.0, LABELS, "chart")
    root = parse(text)
    (dot,) = [c for c in root.iter(f"{NS}circle") if c.find(f"{NS}title") is not None]
    _, (x0, x1), (y0, y1) = quadratic.tangent_lines(F, 2.0, 2.0, LABELS)
    pw, ph = svg.WIDTH - svg.LEFT - svg.RIGHT, svg.HEIGHT - svg.TOP - svg.BOTTOM
    assert float(dot.get("cx")) == pytest.approx(svg.LEFT + (2.0 - x0) / (x1 - x0) * pw, abs=0.06)
    assert float(dot.get("cy")) == pytest.approx(svg.TOP + (y1 - F.value(2.0)) / (y1 - y0) * ph, abs=0.06)
    assert dot.find(f"{NS}title").text == "x = 2, f(x) = 1"


def test_a_value_that_is_not_finite_breaks_the_line_and_an_empty_range_gets_room():
    line = svg.Line.of("f", [0, 1, 2, 3, 4], [0, 1, math.nan, 1, math.inf], "#000")
    root = parse(svg.chart([line], (0, 4), (1, 1), "x", "y", "d", "k"))
    runs = [p.get("points") for p in root.iter(f"{NS}polyline")]
    assert len(runs) == 2 and len(runs[0].split()) == 2 and len(runs[1].split()) == 1
    assert "nan" not in ET.tostring(root).decode().lower()


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [(-5, 5, [-4, -2, 0, 2, 4]), (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1.0]), (-3.6, 39.6, [0, 5, 10, 15, 20, 25, 30, 35])],
)
def test_ticks_are_round_numbers_in_range(lo, hi, expected):
    np.testing.assert_allclose(svg.ticks(lo, hi), expected)


@given(st.floats(-1e6, 1e6), st.floats(1e-3, 1e6))
def test_ticks_stay_inside_the_range_and_are_evenly_spaced(lo, scale):
    span = scale * max(1.0, abs(lo))  # a range a chart shows: not a sliver far from zero
    values = svg.ticks(lo, lo + span)
    assert 2 <= len(values) <= 13
    assert all(lo - 1e-9 * span <= v <= lo + span + 1e-9 * span for v in values)
    gaps = np.diff(values)
    np.testing.assert_allclose(gaps, gaps[0], rtol=1e-6)


def test_tick_labels_use_a_real_minus_sign():
    assert svg.number(-2.0) == "\N{MINUS SIGN}2" and svg.number(1e-15) == "0" and svg.number(2e6) == "2e+06"


SVG_TAGS = {"svg", "title", "defs", "clipPath", "rect", "line", "text", "g", "polyline", "circle"}


@given(st.text(min_size=1, max_size=40))
def test_every_text_the_chart_is_given_is_escaped(text):
    hostile = f'{text}<script>alert(1)</script>"><img src=x onerror=alert(1)>&'
    line = svg.Line.of(hostile, [0, 1], [0, 1], "#000")
    dot = svg.Line.of(hostile, [0.5], [0.5], "#000", dot=4, hover=hostile, note=hostile)
    panel = svg.Panel((line, dot), (0, 1), hostile, notes=(svg.Note(0.5, 0.5, hostile),))
    text = svg.stacked([panel], (0, 1), hostile, hostile, hostile)
    whole = figure(text)  # well-formed XML, whatever the text
    tags = {e.tag.removeprefix(NS) for e in whole.iter()}
    assert tags <= SVG_TAGS | {"div", "span"}, tags
    assert not [a for e in whole.iter() for a in e.attrib if a.lower().startswith("on")]
    shown = "".join(ch for ch in hostile if ch.isprintable() or ch == " ")  # control characters are dropped
    root = parse(text)
    assert root.get("aria-label") == shown and root.find(f"{NS}title").text == shown
    assert legend(text) == [shown, shown]
