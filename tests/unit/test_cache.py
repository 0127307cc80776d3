"""The shared caches' size estimate against what objects really cost, and the byte bound itself."""

from __future__ import annotations

import gc

import numpy as np
import torch

from autograd_core import Quadratic, scalar_backward
from ui.cache import BoundedCache, sizeof


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def test_small_tensors_are_not_underestimated():
    """Many small results are what the caches hold most: the estimate must not be below what they really keep."""
    gc.collect()
    before = _rss()
    kept = [torch.tensor([1.0, 2.0, 3.0]) for _ in range(20000)]
    real = (_rss() - before) / len(kept)
    assert sizeof(kept[0]) >= 0.8 * real, (sizeof(kept[0]), real)
    assert sizeof(np.zeros(1000)) >= 8000


def test_a_result_is_measured_through_its_fields():
    r = scalar_backward(Quadratic(), 0.5)
    assert sizeof(r) > sizeof(r.grad) + sizeof(r.y)


def test_the_bound_holds_and_the_oldest_goes_first():
    cache = BoundedCache(max_bytes=10_000, ttl=60)
    for k in range(100):
        cache.get_or_make(k, lambda: np.zeros(100))  # ~900 bytes each
    assert cache.nbytes <= 10_000 and 5 <= len(cache) <= 11
    assert cache.get_or_make(99, lambda: "made again") is not None
    assert cache.get_or_make(0, lambda: "made again") == "made again"  # evicted long ago
