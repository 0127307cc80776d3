"""The graph builder reports exactly the nodes torch recorded."""

from __future__ import annotations

import torch

import autograd_core as core
from autograd_core.graph import to_dot, trace


def torch_names(fn) -> list[str]:
    """An independent depth-first walk of grad_fn, for comparison."""
    seen, out = set(), []

    def visit(node):
        if node is None or id(node) in seen:
            return
        seen.add(id(node))
        out.append(type(node).__name__)
        for nxt, _ in node.next_functions:
            visit(nxt)

    visit(fn)
    return out


def test_scalar_graph_matches_torch():
    x = torch.tensor(0.5, requires_grad=True)
    y = core.Quadratic()(x)
    g = trace(y, {id(x): "x"})
    assert sorted(g.names()[1:]) == sorted(torch_names(y.grad_fn))
    assert g.names()[:2] == ["y", "AddBackward0"]
    assert {"MulBackward0", "PowBackward0", "AccumulateGrad"} <= set(g.names())
    leaf = next(n for n in g.nodes if n.kind == "leaf")
    assert "x = 0.5" in leaf.detail and "x.grad = None" in leaf.detail
    # every edge joins known nodes; the leaf is reached from both x terms
    ids = {n.id for n in g.nodes}
    assert all(a in ids and b in ids for a, b in g.edges)
    assert sum(1 for _, b in g.edges if b == leaf.id) == 2


def test_results_carry_graph_after_backward():
    r = core.scalar_backward(core.Quadratic(), 0.0)
    leaf = next(n for n in r.graph.nodes if n.kind == "leaf")
    assert "x.grad = -2" in leaf.detail


def test_nonscalar_and_second_order_graphs():
    r = core.equivalence(core.Quadratic(), [[0.0, 0.0], [1.0, 2.0]], [[1.0, 1.0], [1.0, 1.0]])
    assert r.graph.names()[:3] == ["z", "SumBackward0", "MulBackward0"]
    s = core.second_derivative(core.Quadratic(), 0.0)
    assert s.grad_graph.names()[0] == "dy/dx"
    assert "AccumulateGrad" in s.grad_graph.names()
    assert len(s.grad_graph.nodes) > 2


def test_dot_escapes_labels():
    x = torch.tensor(1.0, requires_grad=True)
    y = x * 2
    dot = to_dot(trace(y, {id(x): 'we"ird\\name'}))
    assert 'we\\"ird\\\\name' in dot and dot.startswith("digraph")
