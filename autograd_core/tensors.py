"""Checked conversion of user values into float32 tensors."""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch

from autograd_core.device import checked_device
from autograd_core.quadratic import DTYPE, LARGEST

MAX_SIDE = 4  # tables in the app are 1..4 rows by 1..4 columns


def matrix(
    name: str, rows: Sequence[Sequence[float]], device: torch.device | str = "cpu", grad: bool = False
) -> torch.Tensor:
    """A 2-D float32 tensor from nested lists, or ValueError naming what is wrong."""
    if isinstance(rows, torch.Tensor):
        rows = rows.tolist()
    try:
        rows = [list(r) for r in rows]
    except TypeError:
        raise ValueError(f"{name} must be a table of numbers") from None
    if not rows or not rows[0]:
        raise ValueError(f"{name} is empty")
    width = len(rows[0])
    if any(len(r) != width for r in rows):
        raise ValueError(f"{name} has rows of different lengths")
    if len(rows) > MAX_SIDE or width > MAX_SIDE:
        raise ValueError(f"{name} is larger than {MAX_SIDE}x{MAX_SIDE}")
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or abs(v) > LARGEST:
                raise ValueError(f"{name}[{i}][{j}] must be a finite number, got {v!r}")
    return torch.tensor(rows, dtype=DTYPE, device=checked_device(device), requires_grad=grad)


def scalar(value: float, device: torch.device | str = "cpu", grad: bool = False) -> torch.Tensor:
    return torch.tensor(float(value), dtype=DTYPE, device=checked_device(device), requires_grad=grad)


def cpu(t: torch.Tensor) -> torch.Tensor:
    """A detached CPU copy for display and numbers, made in inference mode: it refuses in-place changes, so a result
    shared by every session cannot be altered through it."""
    with torch.inference_mode():
        return t.detach().cpu().clone()
