"""Call the core on the session's device, cached on the arguments, falling back to the CPU on failure."""

from __future__ import annotations

import importlib

import plotly.graph_objects as go
import streamlit as st

import autograd_core as core
from autograd_core.device import DeviceChoice, resolve_device
from charts.figure import Figure
from ui import process, state
from ui.text import t


# cache_resource, not cache_data: every session gets the same result object instead of an unpickled copy. The
# core's results are frozen dataclasses of small tensors and tables, and pages only read them (print, .tolist(),
# .numpy() for display, charts); unpickling their tensors on every rerun cost more than most runs (~12 ms of a
# 1.3 rerun). Anything that wants to change a result must copy it first.
@st.cache_resource(max_entries=2048, show_spinner=False)
def _call(name: str, args: tuple, device: str):
    return getattr(core, name)(*args, device=device)


def device() -> DeviceChoice:
    return resolve_device(state.value("device"))


def run(name: str, *args):
    """core.<name>(*args) on the chosen device; ValueError (bad input) propagates to the page."""
    choice = device()
    try:
        return _call(name, args, str(choice.device))
    except ValueError:
        raise
    except RuntimeError as err:  # e.g. a GPU that fails mid-run
        if choice.device.type == "cpu":
            raise
        st.warning(t("common.device_failed", device=str(choice.device), error=str(err)[:300]))
        return _call(name, args, "cpu")


def quadratic() -> core.Quadratic:
    """f with the session's a, b, c."""
    return core.Quadratic(state.value("a"), state.value("b"), state.value("c"))


# cache_resource: a figure is built once per distinct arguments and shared read-only (st.plotly_chart only
# serializes it); cache_data would pickle it, and unpickling a go.Figure re-validates every trace.
@st.cache_resource(max_entries=512, show_spinner=False)
def _chart(module: str, name: str, args: tuple, kwargs: tuple) -> go.Figure:
    fig = getattr(importlib.import_module(f"charts.{module}"), name)(*args, **dict(kwargs))
    return fig.finish() if isinstance(fig, Figure) else fig


def chart(module: str, name: str, *args, **kwargs) -> go.Figure:
    """charts.<module>.<name>(*args, **kwargs), cached on its arguments."""
    return _chart(module, name, args, tuple(sorted(kwargs.items())))


process.tune()  # once per process, now that every library the app uses is imported (see ui/process.py)
