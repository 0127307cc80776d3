"""Call the core on the session's device, cached on the arguments, falling back to the CPU on failure.

Pages pass the core function itself (`compute.run(core.scalar_backward, f, x)`), so "go to definition" leads from a
page to the code that computes in one hop. Results and figures are shared by every session through caches bounded
by the bytes they hold; what they hold is immutable (the core's frozen results, frozen figures).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

import autograd_core as core
from autograd_core.device import DeviceChoice, resolve_device
from charts.figure import Figure, Frozen
from ui import state
from ui.cache import BoundedCache
from ui.text import t

R = TypeVar("R")

RESULTS_BYTES = 8 * 2**20  # results of the core, all sessions together (a 5,000-step SGD run: 5,001 x 3 floats)
FIGURES_BYTES = 12 * 2**20  # finished Plotly figures and page bundles (the SGD page: a few hundred kB a setting)
TTL = 3600.0  # seconds an entry may live unused or not


@st.cache_resource(show_spinner=False)
def _results() -> BoundedCache:
    return BoundedCache(RESULTS_BYTES, TTL)


@st.cache_resource(show_spinner=False)
def _figures() -> BoundedCache:
    return BoundedCache(FIGURES_BYTES, TTL)


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def device() -> DeviceChoice:
    return resolve_device(state.value("device"))


def run(fn: Callable[..., R], *args) -> R:
    """fn(*args, device=...) on the session's device, cached; ValueError (bad input) propagates to the page."""
    choice = device()

    def on(dev: str) -> R:
        return _results().get_or_make((_name(fn), args, dev), lambda: fn(*args, device=dev))

    try:
        return on(str(choice.device))
    except ValueError:
        raise
    except RuntimeError as err:  # e.g. a GPU that fails mid-run
        if choice.device.type == "cpu":
            raise
        st.warning(t("common.device_failed", device=str(choice.device), error=str(err)[:300]))
        return on("cpu")


def _hashable(v):
    """Labels dicts and lists as tuples, so that they can be part of a cache key."""
    if isinstance(v, dict):
        return tuple((k, _hashable(x)) for k, x in sorted(v.items()))
    if isinstance(v, list | tuple):
        return tuple(_hashable(x) for x in v)
    return v


def chart(fn: Callable[..., Figure], *args, **kwargs) -> Frozen:
    """fn(*args, **kwargs): a chart builder's figure, finished (frozen) and cached on its arguments."""
    key = (_name(fn), _hashable(args), _hashable(kwargs))
    return _figures().get_or_make(key, lambda: fn(*args, **kwargs).finish())


def built(fn: Callable[..., R], *args) -> R:
    """fn(*args) cached with the figures: an SVG chart, or a page's bundle of results and finished figures (all
    immutable)."""
    return _figures().get_or_make((_name(fn), _hashable(args)), lambda: fn(*args))


def quadratic() -> core.Quadratic:
    """f with the session's a, b, c."""
    return core.Quadratic(state.value("a"), state.value("b"), state.value("c"))
