"""The gradient-check core: the finite-difference error's V and its minimum, gradcheck verdicts, kinks, the chart."""

from __future__ import annotations

import contextlib
import io
import math
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import torch

from autograd_core import gradcheck as core
from autograd_core.expression import parse
from charts import gradcheck as charts
from tests.unit import svg_xml
from tests.unit.svg_xml import NS

EPS64 = float(torch.finfo(torch.float64).eps)
EPS32 = float(torch.finfo(torch.float32).eps)


@pytest.mark.parametrize("f, x", [("sin(x)", 1.0), ("exp(x)", 1.0), ("x^3 - 3*x", 1.5), ("log(x)", 2.0)])
def test_error_is_smallest_where_theory_puts_it(f, x):
    """The central difference's error is about h²·|f'''|/6 (truncation) + eps·|f|/h (round-off); the sum is least
    at h* = (3·eps·|f| / |f'''|)^(1/3), which is eps^(1/3) times a factor of order 1 for these f and x:
    about 6e-6 in float64 and 5e-3 in float32. Round-off is random (it depends on how f(x±h) round), so the
    measured minimum scatters around h*: a factor of 100 either way is a safe margin that still tells the
    theory apart from any other power of eps (eps^(1/2) is 1.5e-8, eps^(1/4) is 1.2e-4)."""
    c = core.error_curve(parse(f), x, 1e-6)
    for dtype, eps in (("float64", EPS64), ("float32", EPS32)):
        best = c.best_h(dtype)
        assert best is not None
        assert eps ** (1 / 3) / 100 <= best <= eps ** (1 / 3) * 100, (dtype, best)
        assert core.theory_h(dtype) == pytest.approx(eps ** (1 / 3))


def test_the_error_is_a_v_truncation_right_round_off_left():
    c = core.error_curve(parse("exp(x)"), 1.0, 1e-6)
    e, h = c.error("float64"), c.h
    best = np.nanmin(e)
    assert e[-1] > 1e6 * best, "h = 1: truncation dominates"
    assert e[0] > 1e3 * best, "h = 1e-12: round-off dominates"
    right = (h > 1e-3) & (h < 1e-1)  # truncation ∝ h²: slope 2 on log-log axes
    slope = np.polyfit(np.log10(h[right]), np.log10(e[right]), 1)[0]
    assert slope == pytest.approx(2.0, abs=0.1)


def test_autograd_matches_the_exact_derivative():
    c = core.error_curve(parse("sin(x)*x^2"), 0.7, 1e-6)
    exact = math.cos(0.7) * 0.49 + 2 * 0.7 * math.sin(0.7)
    assert c.exact == pytest.approx(exact, rel=1e-15)
    assert c.slope("float64") == pytest.approx(exact, rel=1e-14)
    assert c.slope("float32") == pytest.approx(exact, rel=1e-6)
    assert dict(c.central_at_h)["float64"] == pytest.approx(exact, rel=1e-8)


def test_grid_holds_the_sliders_steps_and_results_are_read_only():
    h = core.h_grid()
    for k in core.EXPONENTS:
        assert np.isclose(h, 10.0**k, rtol=1e-12).any(), k
    c = core.error_curve(parse("x^2"), 1.0, 1e-3)
    assert not c.h.flags.writeable and not c.error("float32").flags.writeable


def test_a_flat_curve_has_no_best_h():
    c = core.error_curve(parse("relu(x)"), 0.0, 1e-6)
    assert c.best_h("float64") is None  # at the kink the error is 0.5 whatever h is


def test_f_undefined_at_x():
    c = core.error_curve(parse("log(x)"), -1.0, 1e-6)
    assert math.isnan(c.value)


@pytest.mark.parametrize("f, x, first, second", [
    ("x^3 - 3*x", 1.5, True, True),
    ("sin(x)*exp(x)", 0.3, True, True),
    ("relu(x)", 0.0, False, False),  # relu'(0) = 0 by convention, the central difference gives 0.5
    ("abs(x)", 0.0, True, False),  # sign(0) = 0 and the difference is 0 by symmetry; f'' does not exist
    ("sqrt(x)", 0.0, False, False),  # inf against nan
    ("relu(x)", 1.0, True, True),  # away from the kink all is well
])  # fmt: skip
def test_gradcheck_verdicts(f, x, first, second):
    g = core.grad_check(parse(f), x)
    assert (g.passed, g.passed2) == (first, second)
    if not first:
        assert "Jacobian mismatch" in g.message
    else:
        assert g.message == ""
    assert (g.eps, g.atol, g.rtol) == (1e-6, 1e-5, 1e-3)


def test_gradcheck_compares_backward_with_a_central_difference():
    g = core.grad_check(parse("relu(x)"), 0.0)
    assert g.analytical == 0.0 and g.numerical == pytest.approx(0.5)


def test_a_constant_f_passes():
    g = core.grad_check(parse("2"), 1.0)
    assert g.passed and g.passed2


@pytest.mark.parametrize("f, x, found", [
    ("abs(x)", 0.0, ("abs",)),
    ("relu(x - 1) + sqrt(x)", 1.0, ("relu",)),
    ("sqrt(x) * abs(x)", 0.0, ("abs", "sqrt")),
    ("abs(x)", 0.5, ()),
    ("sin(x)", 0.0, ()),
])  # fmt: skip
def test_kinks(f, x, found):
    assert core.kinks(parse(f), x) == found


def test_code_runs_and_prints_the_verdicts():
    node = parse("relu(x)")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(core.code(node, 0.0), {})  # our own generated source
    g = core.grad_check(node, 0.0)
    assert out.getvalue().split() == [str(g.passed), str(g.passed2)]


LABELS = {"x": "h", "y": "error", "best": "best {dtype}: {h}", "slider": "h = {h}", "roundoff": "r", "truncation": "t"}


def test_chart_is_log_log_with_powers_of_ten_and_marks_the_sliders_h_and_the_best_h():
    c = core.error_curve(parse("exp(x)"), 1.0, 1e-4)
    errors = {d: tuple(v if math.isfinite(v) else None for v in c.error(d).tolist()) for d in core.DTYPES}
    best = {d: c.best_h(d) for d in core.DTYPES}
    text = charts.error_curve(tuple(c.h.tolist()), errors, best, 1e-4, LABELS, "the V")
    root = svg_xml.parse(text)
    assert root.get("aria-label") == "the V"
    texts = [t.text for t in root.iter(f"{NS}text")]
    powers = [t for t in texts if t and t.startswith("10") and t[2:] and t[2] in "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"]
    assert "10⁻¹²" in powers and "1" in texts and len(powers) >= 8, "whole powers of ten, never SI prefixes"
    assert "h = 1e-04" in texts and "float32" in svg_xml.legend(text) and "float64" in svg_xml.legend(text)
    assert f"{best['float64']:.0e}" in texts  # written under its mark
    (slider,) = [p for p in root.iter(f"{NS}polyline") if p.get("stroke") == charts.SLIDER]
    xs = {round(float(p.split(",")[0]), 1) for p in slider.get("points").split()}
    assert len(xs) == 1  # a vertical line


def test_chart_leaves_gaps_for_exact_or_undefined_errors():
    errors = {"float64": (1e-5, 0.0, float("nan"))}
    root = svg_xml.parse(charts.error_curve((1e-3, 1e-2, 1e-1), errors, {}, 1e-2, LABELS, "d"))
    curve = [p for p in root.iter(f"{NS}polyline") if p.get("stroke") == charts.STYLE["float64"]["color"]]
    assert [len(p.get("points").split()) for p in curve] == [1]  # only the first error is drawn
    assert "nan" not in ET.tostring(root).decode().lower()


def test_the_sliders_steps_are_the_cores_powers_of_ten():
    from ui.params import PAGE

    assert [float(o) for o in PAGE["h"].options] == [10.0**k for k in core.EXPONENTS]
    assert PAGE["h"].parse("1e-9") == "1e-9"
