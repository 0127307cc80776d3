"""The core refuses bad arguments with a clear ValueError instead of failing deep inside torch."""

from __future__ import annotations

import math

import pytest
import torch

import autograd_core as core
from autograd_core import codegen
from autograd_core.backward import ShapeMismatch
from autograd_core.quadratic import finite

F = core.Quadratic()
GOOD = [[0.0, 0.0], [1.0, 2.0]]
ONES = [[1.0, 1.0], [1.0, 1.0]]
TABLE_FUNCS = [core.nonscalar_backward, core.equivalence]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "1", "abc", True, False, None, [1.0], b"1", 1e39])
def test_scalars_refuse_non_numbers(bad):
    for call in (
        lambda: core.Quadratic(bad, 1.0, 1.0),
        lambda: core.Quadratic(1.0, 1.0, bad),
        lambda: core.scalar_backward(F, bad),
        lambda: core.second_derivative(F, bad),
        lambda: core.many_in_out(bad, 1.0),
        lambda: core.many_in_out(1.0, bad),
    ):
        with pytest.raises(ValueError, match=r"must be|too large"):
            call()


@pytest.mark.parametrize("ok", [0, -3, 2.5, -0.0, 5e-324, 3.0e38])
def test_finite_accepts_real_numbers(ok):
    assert finite("x", ok) == float(ok)


@pytest.mark.parametrize(
    "bad, message",
    [
        ([[1.0, 2.0], [3.0]], "rows of different lengths"),
        ([[math.nan, 0.0], [0.0, 0.0]], r"x\[0\]\[0\] must be a finite number"),
        ([[0.0, math.inf], [0.0, 0.0]], r"x\[0\]\[1\] must be a finite number"),
        ([[0.0, 0.0], [True, 0.0]], r"x\[1\]\[0\] must be a finite number"),
        ([[0.0, "2"], [0.0, 0.0]], r"x\[0\]\[1\] must be a finite number"),
        ([[0.0, None], [0.0, 0.0]], r"x\[0\]\[1\] must be a finite number"),
        ([[0.0, 1e39], [0.0, 0.0]], r"x\[0\]\[1\] must be a finite number"),
        ([], "is empty"),
        ([[]], "is empty"),
        ([1.0, 2.0], "table of numbers"),
        (None, "table of numbers"),
        ([[1.0] * 5] * 2, "larger than 4x4"),
        ([[1.0]] * 5, "larger than 4x4"),
        ([[[1.0]]], "must be a finite number"),
    ],
)
@pytest.mark.parametrize("func", TABLE_FUNCS)
def test_tables_refuse_bad_x(func, bad, message):
    with pytest.raises(ValueError, match=message):
        func(F, bad, ONES)


@pytest.mark.parametrize("func", TABLE_FUNCS)
def test_tables_refuse_bad_gradient(func):
    with pytest.raises(ValueError, match=r"gradient\[0\]\[0\] must be a finite number"):
        func(F, GOOD, [[math.nan, 1.0], [1.0, 1.0]])


@pytest.mark.parametrize("func", TABLE_FUNCS)
@pytest.mark.parametrize("shape", [(1, 2), (2, 1), (3, 3), (1, 1)])
def test_wrong_gradient_shape_is_a_value_error_with_torchs_text(func, shape):
    gradient = [[1.0] * shape[1] for _ in range(shape[0])]
    with pytest.raises(ShapeMismatch) as info:
        func(F, GOOD, gradient)
    assert isinstance(info.value, ValueError)
    assert info.value.y_shape == (2, 2) and info.value.gradient_shape == shape
    assert "shape" in info.value.torch_message.lower()


def test_tensors_are_accepted_as_tables():
    r = core.nonscalar_backward(F, torch.tensor(GOOD), torch.tensor(ONES))
    assert r.grad.tolist() == [[-2.0, -2.0], [0.0, 2.0]]


@pytest.mark.parametrize("device", ["tpu", "", "cuda:x", "not a device"])
def test_unknown_device_names_are_value_errors(device):
    for call in (
        lambda: core.scalar_backward(F, 1.0, device=device),
        lambda: core.nonscalar_backward(F, GOOD, ONES, device=device),
        lambda: core.many_in_out(1.0, 2.0, device=device),
        lambda: codegen.scalar_backward(F, 1.0, device),
    ):
        with pytest.raises(ValueError, match="device"):
            call()


def test_missing_device_falls_back_with_a_reason():
    choice = core.resolve_device("cuda" if not torch.cuda.is_available() else "mps")
    if not choice.fell_back:
        pytest.skip("this machine has every device")
    assert choice.device.type == "cpu" and "using the CPU" in choice.reason
    assert core.resolve_device("tpu").fell_back and core.resolve_device("tpu").device.type == "cpu"
