"""Each node of the drawn graphs says which code made it, and hovering it says what its type computes."""

import re

import pytest

from autograd_core.backward import equivalence, scalar_backward
from autograd_core.expression import analyze_expression
from autograd_core.grad import many_in_out, second_derivative
from autograd_core.graph import label, to_dot
from autograd_core.quadratic import Quadratic
from ui.i18n import lookup

F = Quadratic(1.0, -2.0, 1.0)


def _ops(g):
    return [(n.name, n.code) for n in g.nodes if n.kind == "op"]


def test_the_quadratic_nodes_name_their_code():
    ops = _ops(scalar_backward(F, 0.5).graph)
    assert ops == [
        ("AddBackward0", "+ c"),
        ("AddBackward0", "a*x² + b*x"),
        ("MulBackward0", "a*x²"),
        ("PowBackward0", "x² = torch.pow(x, 2)"),
        ("MulBackward0", "b*x"),
    ]
    assert len({code for _, code in ops}) == len(ops)  # the two Adds and the two Muls are told apart


def test_other_pages_graphs_are_labelled():
    eq = equivalence(F, ((0.0, 0.0), (1.0, 2.0)), ((1.0, 1.0), (1.0, 1.0)))
    assert ("SumBackward0", "z = torch.sum(y * gradient)") in _ops(eq.graph)
    assert ("MulBackward0", "a*x²") in _ops(second_derivative(F, 0.5).graph)
    y1, y2 = many_in_out(1.0, 2.0).graphs
    assert _ops(y1) == [("MulBackward0", "y1 = x1 * x2")] and _ops(y2) == [("AddBackward0", "y2 = x1 + x2")]


def test_expression_nodes_carry_the_part_of_f_that_made_them():
    ops = _ops(analyze_expression("sin(x)*x^2", 0.5).graph)
    assert ("SinBackward0", "sin(x)") in ops and ("MulBackward0", "sin(x) * x**2") in ops


def test_dot_has_the_code_in_the_label_and_a_tooltip_per_type():
    g = scalar_backward(F, 0.5).graph
    tips = {"AddBackward0": "adds", "MulBackward0": "multiplies", "PowBackward0": "powers",
            "AccumulateGrad": "leaf", "output": "start"}  # fmt: skip
    dot = to_dot(g, tips)
    assert '"b*x\\nMulBackward0"' in dot
    assert 'tooltip="b*x: multiplies"' in dot and 'tooltip="start"' in dot and 'tooltip="leaf"' in dot
    assert len(re.findall(r"tooltip=", dot)) == len(g.nodes)
    assert "tooltip" not in to_dot(g)  # no texts given: no tooltips (to_dot reads no locales)
    assert label(g.nodes[0]).startswith("y")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "name",
    ["AddBackward0", "MulBackward0", "MulBackward1", "PowBackward0", "AccumulateGrad", "SumBackward0",
     "WhereBackward0", "SgnBackward0", "SinBackward0", "ExpBackward0", "output", "unknown", "backward_backward"],
)  # fmt: skip
def test_every_node_type_has_a_tooltip_in_both_languages(lang, name):
    assert lookup(lang, f"nodes.{name}")
