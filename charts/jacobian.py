"""The Jacobian J as an annotated heatmap, with v beside its rows and x.grad = vᵀJ below its columns."""

from __future__ import annotations

from charts.figure import Figure, plain

# ColorBrewer's RdBu (negative red, positive blue) is safe for the common forms of colour blindness; every cell also
# carries its signed value. (Plotly.js's own "RdBu" is an older, different scale, so the colours are listed.)
PALETTE = [
    [i / 10, c]
    for i, c in enumerate(("#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de",
                           "#4393c3", "#2166ac", "#053061"))
]  # fmt: skip
OUTLINE = "#000000"


def _cell(v: float) -> str:
    text = f"{v:+.3g}".replace("-", "−")  # an explicit sign on every number, not colour alone
    return "0" if float(v) == 0 else text


def _heat(z, axis: str, zmax: float, hover: str) -> dict:
    return {
        "type": "heatmap",
        "z": [list(r) for r in z],
        "text": [[_cell(v) for v in r] for r in z],
        "texttemplate": "%{text}",
        "textfont": {"size": 15},
        "colorscale": PALETTE,
        "zmin": -zmax,
        "zmax": zmax,
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        "hovertemplate": hover,
        "xaxis": f"x{axis}",
        "yaxis": f"y{axis}",
    }


def jacobian(jac, v=None, vjp=None, labels: dict | None = None) -> Figure:
    """J (m x n); with v (m) and vᵀJ (n): v as a column left of J, the rows it weights outlined, vᵀJ as a row below.

    labels: "J", "v", "vjp" panel titles.
    """
    labels = labels or {}
    m, n = len(jac), len(jac[0])
    with_v = v is not None and vjp is not None
    values = [abs(float(c)) for r in jac for c in r]
    if with_v:
        values += [abs(float(c)) for c in vjp]
    zmax = max([*values, 1e-12])
    left, top, bottom = (0.16, 1.0, 0.3) if with_v else (0.0, 1.0, 0.0)
    xs, ys = [f"x[{j}]" for j in range(n)], [f"y[{i}]" for i in range(m)]
    data = [_heat(jac, "", zmax, "∂%{y}/∂%{x} = %{z:.4g}<extra></extra>")]
    data[0].update({"x": xs, "y": ys})
    layout: dict = {
        "height": 140 + 60 * m + (110 if with_v else 0),
        "margin": {"l": 10, "r": 10, "t": 84, "b": 10},
        "xaxis": {"domain": [left, 1.0], "anchor": "y", "side": "top", "fixedrange": True},
        "yaxis": {"domain": [bottom, top], "autorange": "reversed", "anchor": "x", "fixedrange": True},
        "annotations": [],
        "shapes": [],
    }
    if with_v:
        vmax = max([abs(float(c)) for c in v] + [1e-12])  # v has its own scale: its units are not J's
        data.append(_heat([[c] for c in v], "2", vmax, "v%{y} = %{z:.4g}<extra></extra>"))
        data[-1].update({"x": ["v"], "y": [f"[{i}]" for i in range(m)]})
        data.append(_heat([list(vjp)], "3", zmax, "x.grad%{x} = %{z:.4g}<extra></extra>"))
        data[-1].update({"x": [f"[{j}]" for j in range(n)], "y": ["vᵀJ"]})
        layout["xaxis2"] = {"domain": [0.0, left - 0.04], "anchor": "y2", "showticklabels": False, "fixedrange": True}
        layout["yaxis2"] = {"domain": [bottom, top], "autorange": "reversed", "anchor": "x2", "fixedrange": True,
                            "showticklabels": False}  # fmt: skip
        layout["xaxis3"] = {"domain": [left, 1.0], "anchor": "y3", "showticklabels": False, "fixedrange": True}
        layout["yaxis3"] = {"domain": [0.0, bottom - 0.12], "anchor": "x3", "fixedrange": True}
        biggest = max(abs(float(c)) for c in v) or 1.0
        for i, weight in enumerate(v):  # the rows that v weights, outlined by how much
            if float(weight) != 0:
                layout["shapes"].append({
                    "type": "rect", "xref": "x", "yref": "y", "x0": -0.5, "x1": n - 0.5, "y0": i - 0.5,
                    "y1": i + 0.5, "line": {"color": OUTLINE, "width": 1 + 4 * abs(float(weight)) / biggest},
                })  # fmt: skip
        for text, x, y in ((labels.get("v", "v"), left / 2 - 0.02, top), (labels.get("vjp", "vᵀJ"), 0.5 + left / 2,
                           bottom - 0.1)):  # fmt: skip
            layout["annotations"].append({"text": text, "x": x, "y": y, "xref": "paper", "yref": "paper",
                                          "yanchor": "bottom", "showarrow": False, "font": {"size": 13}})  # fmt: skip
    layout["annotations"].append({"text": labels.get("J", "J"), "x": 0.5 + left / 2, "y": 1.0, "xref": "paper",
                                  "yref": "paper", "yanchor": "bottom", "yshift": 44, "showarrow": False,
                                  "font": {"size": 13}})  # fmt: skip
    return plain(data, layout)
