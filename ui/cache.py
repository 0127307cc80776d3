"""A process-wide LRU cache bounded by the bytes its values hold (and by age), for results shared by sessions."""

from __future__ import annotations

import dataclasses
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import numpy as np
import pandas as pd
import torch

T = TypeVar("T")


TENSOR_OVERHEAD = 768  # bytes a small CPU tensor costs besides its data (Python object, TensorImpl, storage)


def sizeof(obj: object, _depth: int = 0) -> int:
    """An estimate of the bytes `obj` keeps alive: arrays, tensors, frames and text, walked through containers.

    It errs on the high side for small objects (the caches hold many): a 3-element tensor keeps about 800 bytes."""
    if _depth > 6:
        return 64
    if isinstance(obj, torch.Tensor):
        return obj.element_size() * obj.nelement() + TENSOR_OVERHEAD
    if isinstance(obj, np.ndarray):
        return obj.nbytes + 112
    if isinstance(obj, pd.DataFrame | pd.Series):
        return int(obj.memory_usage(deep=True).sum() if isinstance(obj, pd.DataFrame) else obj.memory_usage(deep=True))
    if isinstance(obj, str | bytes):
        return sys.getsizeof(obj)
    if isinstance(obj, dict):
        return sys.getsizeof(obj) + sum(sizeof(k, _depth + 1) + sizeof(v, _depth + 1) for k, v in obj.items())
    if isinstance(obj, list | tuple | set | frozenset):
        return sys.getsizeof(obj) + sum(sizeof(v, _depth + 1) for v in obj)
    nbytes = getattr(obj, "nbytes", None)  # e.g. charts.figure.Figure: its frozen JSON
    if isinstance(nbytes, int):
        return nbytes
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        own = sys.getsizeof(obj) + sys.getsizeof(getattr(obj, "__dict__", {}))
        return own + sum(sizeof(getattr(obj, f.name), _depth + 1) for f in dataclasses.fields(obj))
    return sys.getsizeof(obj)


class BoundedCache:
    """Least-recently-used entries go first once the values' total size passes `max_bytes`; each lives `ttl` s.

    The values must be immutable (the core's frozen results, frozen figures): every session gets the same object.
    """

    def __init__(self, max_bytes: int, ttl: float):
        self.max_bytes, self.ttl = max_bytes, ttl
        self._items: OrderedDict[Hashable, tuple[object, int, float]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def nbytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        """The cached value for `key`, or make() stored (unless it alone is larger than the whole budget)."""
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and now - hit[2] <= self.ttl:
                self._items.move_to_end(key)
                return hit[0]  # type: ignore[return-value]
        value = make()  # outside the lock: sessions computing other keys are not held up
        size = sizeof(value)
        with self._lock:
            self._drop(key)
            if size <= self.max_bytes:
                self._items[key] = (value, size, now)
                self._bytes += size
                while self._bytes > self.max_bytes:  # least recently used first
                    self._drop(next(iter(self._items)))
                while self._items and now - next(iter(self._items.values()))[2] > self.ttl:  # expired, unused
                    self._drop(next(iter(self._items)))
        return value

    def _drop(self, key: Hashable) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= old[1]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
