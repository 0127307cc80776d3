"""go.Figure that can be finished: from then on to_dict() hands out the dict built once, without copying it."""

from __future__ import annotations

import plotly.graph_objects as go


class Figure(go.Figure):
    """A figure the app caches and shows on every rerun; finish() it once it is complete.

    st.plotly_chart calls to_dict() on each rerun, and for a plain go.Figure that deep-copies the figure and walks
    every array (half of a cached SGD page's run). A finished figure keeps that dict; it is shared read-only
    between sessions and must not be changed afterwards.
    """

    _finished: dict | None = None

    def finish(self) -> Figure:
        self._finished = self._build_dict()
        return self

    def to_dict(self) -> dict:
        return self._finished if self._finished is not None else self._build_dict()

    def _build_dict(self) -> dict:
        return super().to_dict()


def spec(data: list[dict], layout: dict) -> dict:
    """A figure's dict with an empty Plotly template, so that Streamlit's theme applies."""
    return {"data": data, "layout": {"template": {"layout": {}}, **layout}}


def plain(data: list[dict], layout: dict) -> Figure:
    """A Figure from a fixed spec, taken as it is: validating every trace and axis as a Plotly object costs more
    than the run it shows (the specs are checked by tests instead)."""
    return Figure(spec(data, layout), _validate=False)
