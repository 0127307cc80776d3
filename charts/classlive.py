"""The class's answers to one question as horizontal bars: the right answer, named misconceptions, the rest."""

from __future__ import annotations

import textwrap

from charts.figure import Figure, plain

# Okabe & Ito's bluish green for the right answer, vermillion for a named misconception, grey for the rest: apart
# for red-green colour blindness, and the right bar also says ✓ in its label (never told apart by colour alone)
COLORS = {"right": "#007a5e", "misconception": "#d55e00", "other": "#767676"}
WRAP = 38  # characters per line of a bar's label


def _wrapped(label: str) -> str:
    return "<br>".join(textwrap.wrap(label, WRAP)) or " "


def answers(bars: tuple[tuple[str, int, str], ...], count_label: str) -> Figure:
    """bars: (label, count, kind) top to bottom, kind one of COLORS; the count is written at the end of each bar."""
    labels = [_wrapped(label) for label, _, _ in bars]
    counts = [n for _, n, _ in bars]
    lines = sum(label.count("<br>") + 1 for label in labels)
    data = [{
        "type": "bar", "orientation": "h", "x": counts, "y": labels, "text": [str(n) for n in counts],
        "textposition": "outside", "cliponaxis": False, "hoverinfo": "x+y",
        "marker": {"color": [COLORS[k] for _, _, k in bars]},
    }]  # fmt: skip
    top = max(counts, default=0)
    layout = {
        "height": max(150, 50 + 22 * lines + 14 * len(bars)),
        "margin": {"l": 10, "r": 30, "t": 10, "b": 40},
        "xaxis": {"title": {"text": count_label}, "rangemode": "tozero", "range": [0, max(1, top) * 1.15],
                  "dtick": 1 if top <= 10 else None, "fixedrange": True},
        "yaxis": {"autorange": "reversed", "automargin": True, "fixedrange": True, "type": "category"},
        "showlegend": False,
        "bargap": 0.25,
    }  # fmt: skip
    return plain(data, layout)
