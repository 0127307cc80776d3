"""The pitfalls of section 2.2 behave as PyTorch really does."""

from __future__ import annotations

import pytest

from autograd_core import accumulation, freed_graph, nonleaf_grad


@pytest.mark.parametrize("x1, x2", [(1.0, 2.0), (-3.0, 0.5)])
def test_gradients_accumulate_until_zeroed(x1, x2):
    r = accumulation(x1, x2)
    g = float(r.first.removeprefix("tensor(").rstrip(")"))
    assert g == pytest.approx(x2)
    assert float(r.second.removeprefix("tensor(").rstrip(")")) == pytest.approx(2 * x2)
    assert r.after_zero == r.first


def test_second_backward_raises_torchs_error():
    r = freed_graph(1.0, 2.0)
    assert "backward through the graph a second time" in r.error
    assert "retain_graph=True" in r.error
    assert r.with_retain == "tensor(4.)"  # 2 + 2: accumulated over both calls


def test_non_leaf_grad_is_none_until_retained():
    r = nonleaf_grad(1.0, 2.0)
    assert r.plain == "None"
    assert "not a leaf Tensor" in r.warning
    assert r.retained == "tensor(1.)"
