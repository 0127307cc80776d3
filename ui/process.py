"""Process-wide settings for a server that many students share, applied once per process from app.py.

None of this is per-user state: each setting is about the process (threads, the garbage collector).
"""

from __future__ import annotations

import gc

import streamlit as st
import torch


def one_torch_thread() -> None:
    """The app's tensors are scalars or tiny tables: one intra-op thread is faster than a pool, and concurrent
    sessions then share the cores instead of oversubscribing them."""
    torch.set_num_threads(1)


def freeze_imported_heap() -> None:
    """Move every object alive now (the imported libraries: torch, sympy, plotly, pandas, streamlit) out of the
    garbage collector's sight, so that later collections scan only what sessions create (bench/RESULTS.md has the
    cost of a full pass over them)."""
    gc.collect()  # garbage left by the imports goes now, not frozen with the rest
    gc.freeze()


@st.cache_resource(show_spinner=False)
def tune() -> bool:
    """Once per process (a cached resource): the first run has imported every library the app uses."""
    one_torch_thread()
    freeze_imported_heap()
    return True
