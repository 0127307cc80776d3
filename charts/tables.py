"""Heatmaps for the element-by-element product x.grad = gradient * f'(x)."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.figure import Figure

GAP = 0.06  # horizontal space between the three panels, as a fraction of the width


def heatmap(gradient, slope, grad, titles: list[str]) -> go.Figure:
    """Three annotated heatmaps side by side: gradient, f'(x), and their product x.grad (tables as nested lists)."""
    width = (1 - 2 * GAP) / 3
    layout: dict = {"height": 260, "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "annotations": []}
    traces = []
    for i, (values, title) in enumerate(zip((gradient, slope, grad), titles, strict=True)):
        axis = "" if i == 0 else str(i + 1)
        lo = i * (width + GAP)
        traces.append(
            go.Heatmap(
                z=values,
                text=[[f"{v:.4g}" for v in row] for row in values],
                texttemplate="%{text}",
                textfont={"size": 16},
                colorscale="RdBu",
                zmid=0,
                showscale=False,
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
            )
        )
        layout[f"xaxis{axis}"] = {"domain": [lo, lo + width], "showticklabels": False, "anchor": f"y{axis}"}
        layout[f"yaxis{axis}"] = {"autorange": "reversed", "showticklabels": False, "anchor": f"x{axis}"}
        layout["annotations"].append(
            {"text": title, "x": lo + width / 2, "y": 1.0, "xref": "paper", "yref": "paper", "yanchor": "bottom",
             "showarrow": False, "font": {"size": 14}}
        )  # fmt: skip
    return Figure(data=traces, layout=layout)
