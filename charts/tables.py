"""Heatmaps for the element-by-element product x.grad = gradient * f'(x)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots


def heatmap(gradient, slope, grad, titles: list[str]) -> go.Figure:
    """Three annotated heatmaps side by side: gradient, f'(x), and their product x.grad."""
    panels = [gradient, slope, grad]
    fig = make_subplots(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.08)
    for i, m in enumerate(panels, start=1):
        values = m.detach().cpu().double().numpy()
        fig.add_trace(
            go.Heatmap(
                z=values,
                text=[[f"{v:.4g}" for v in row] for row in values],
                texttemplate="%{text}",
                textfont={"size": 16},
                colorscale="RdBu",
                zmid=0,
                showscale=False,
            ),
            row=1,
            col=i,
        )
        fig.update_yaxes(autorange="reversed", showticklabels=False, row=1, col=i)
        fig.update_xaxes(showticklabels=False, row=1, col=i)
    fig.update_layout(height=260, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig
