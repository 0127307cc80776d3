"""go.Figure that can be finished: from then on it is frozen JSON, and to_dict() hands out a fresh dict of it."""

from __future__ import annotations

import re

import orjson
import plotly.graph_objects as go
import plotly.io as pio


class Figure(go.Figure):
    """A figure the app caches and shows on every rerun; finish() it once it is complete."""

    def finish(self) -> Frozen:
        """The figure as frozen JSON (see Frozen); this object itself is no longer needed."""
        layout = {k: self.layout[k] for k in ("height", "width") if self.layout[k] is not None}
        return Frozen(pio.to_json(self._build_dict(), validate=False, engine="orjson").encode(), layout)

    def to_dict(self) -> dict:
        return self._build_dict()

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


class Frozen(go.Figure):
    """A finished figure: its JSON as bytes (immutable, shared by every session), and nothing else.

    st.plotly_chart calls to_dict() on each rerun: a new dict is parsed from the bytes each time (cheaper than
    Plotly's deep copy of a figure), so no caller can change what another session sees. The figure's own Plotly
    objects are not kept: only its size, which st.plotly_chart reads from the layout.
    """

    def __init__(self, frozen: bytes, layout: dict):
        super().__init__(layout=layout, _validate=False)
        self._frozen = frozen

    @property
    def nbytes(self) -> int:
        return len(self._frozen)

    def to_dict(self) -> dict:
        return orjson.loads(self._frozen)


def spec(data: list[dict], layout: dict) -> dict:
    """A figure's dict with an empty Plotly template, so that Streamlit's theme applies."""
    return {"data": data, "layout": {"template": {"layout": {}}, **readable(layout)}}


def plain(data: list[dict], layout: dict) -> Figure:
    """A Figure from a fixed spec, taken as it is: validating every trace and axis as a Plotly object costs more
    than the run it shows (the specs are checked by tests instead)."""
    return Figure(spec(data, layout), _validate=False)
