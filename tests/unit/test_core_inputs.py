"""The core refuses bad arguments with a clear ValueError; devices fall back with a reason."""

from __future__ import annotations

import math

import pytest
import torch

import autograd_core as core
from autograd_core.backward import ShapeMismatch
from autograd_core.device import resolve_device

F = core.Quadratic()


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "1", None])
def test_quadratic_refuses_non_finite_coefficients(bad):
    with pytest.raises(ValueError, match="a must be"):
        core.Quadratic(bad, 0, 0)


@pytest.mark.parametrize(
    "x, message",
    [
        ([], "empty"),
        ([[1.0, 2.0], [3.0]], "different lengths"),
        ([[math.nan]], "finite"),
        ([[True]], "finite number"),
        ([["1"]], "finite number"),
        ([[0.0] * 5], "larger than"),
    ],
)
def test_tables_are_checked(x, message):
    with pytest.raises(ValueError, match=message):
        core.nonscalar_backward(F, x, [[1.0]])


def test_wrong_gradient_shape_keeps_torchs_message():
    with pytest.raises(ShapeMismatch) as info:
        core.nonscalar_backward(F, [[0.0, 0.0], [1.0, 2.0]], [[1.0, 1.0, 1.0]])
    err = info.value
    assert isinstance(err, ValueError)
    assert "Mismatch in shape" in err.torch_message
    assert err.y_shape == (2, 2) and err.gradient_shape == (1, 3)


@pytest.mark.parametrize("steps", [-1, 5001, 2.5, True])
def test_sgd_refuses_bad_steps(steps):
    with pytest.raises(ValueError, match="steps"):
        core.minimize_sgd(F, 0.0, 0.01, steps)


@pytest.mark.parametrize("lr", [0.0, -1.0, math.nan])
def test_sgd_refuses_bad_lr(lr):
    with pytest.raises(ValueError, match="lr"):
        core.minimize_sgd(F, 0.0, lr, 10)


def test_scalar_x_must_be_finite():
    with pytest.raises(ValueError, match="x must be finite"):
        core.scalar_backward(F, math.inf)


def test_device_auto_and_fallback():
    auto = resolve_device("auto")
    assert auto.reason is None
    missing = "cuda" if not torch.cuda.is_available() else "mps"
    fallback = resolve_device(missing)
    if fallback.device.type == "cpu":
        assert fallback.fell_back and missing in fallback.reason
    bogus = resolve_device("tpu")
    assert bogus.device.type == "cpu" and "unknown" in bogus.reason


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here")
def test_everything_runs_on_cuda_and_matches_cpu():
    for fn, args in [
        (core.scalar_backward, (F, 0.5)),
        (core.nonscalar_backward, (F, [[0.0, 0.0], [1.0, 2.0]], [[1.0, 1.0], [1.0, 1.0]])),
        (core.second_derivative, (F, 0.5)),
        (core.many_in_out, (1.0, 2.0)),
    ]:
        gpu, cpu = fn(*args, device="cuda"), fn(*args, device="cpu")
        assert "cuda" in gpu.printed
        assert str(gpu.printed).replace(", device='cuda:0'", "") == cpu.printed
    r = core.minimize_sgd(F, 0.0, 0.01, 500, device="cuda")
    assert r.final_x == pytest.approx(1.0, abs=1e-4)
