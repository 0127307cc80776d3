"""go.Figure that can be finished: from then on it is frozen JSON, and to_dict() hands out a fresh dict of it."""

from __future__ import annotations

import re

import orjson
import plotly.graph_objects as go
import plotly.io as pio


class Figure(go.Figure):
    """A figure the app caches and shows on every rerun; finish() it once it is complete.

    st.plotly_chart calls to_dict() on each rerun, and for a plain go.Figure that deep-copies the figure and walks
    every array. A finished figure keeps its JSON as bytes (immutable, shared by every session) and parses a new
    dict from them on each call, so no caller can change what another session sees.
    """

    _frozen: bytes | None = None

    def finish(self) -> Figure:
        self._frozen = None
        self._frozen = pio.to_json(self, validate=False, engine="orjson").encode()
        return self

    @property
    def nbytes(self) -> int:
        """Bytes the finished figure holds (0 before finish)."""
        return len(self._frozen or b"")

    def to_dict(self) -> dict:
        return orjson.loads(self._frozen) if self._frozen is not None else self._build_dict()

    def _build_dict(self) -> dict:
        return super().to_dict()


AXIS = r"[xy]axis\d*"
READABLE = {"exponentformat": "power"}  # 10⁻⁹ rather than Plotly's SI prefixes (1n, 1μ, 250B), on every axis


def readable(layout: dict) -> dict:
    """The layout with every x/y axis writing large and small numbers as powers of ten (set values are kept)."""
    out = dict(layout)
    for name in ("xaxis", "yaxis", *(k for k in layout if re.fullmatch(AXIS, k))):
        out[name] = {**READABLE, **(layout.get(name) or {})}
    return out


def spec(data: list[dict], layout: dict) -> dict:
    """A figure's dict with an empty Plotly template, so that Streamlit's theme applies."""
    return {"data": data, "layout": {"template": {"layout": {}}, **readable(layout)}}


def plain(data: list[dict], layout: dict) -> Figure:
    """A Figure from a fixed spec, taken as it is: validating every trace and axis as a Plotly object costs more
    than the run it shows (the specs are checked by tests instead)."""
    return Figure(spec(data, layout), _validate=False)
