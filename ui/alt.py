"""Text alternatives for charts and graphs: what each shows, with the current numbers, in the chosen language.

Pure functions of their arguments (no Streamlit): the templates are the locale file's [a11y] section, so the unit
tests read both languages. Pages pass the text as `alt=` to st.plotly_chart / st.graphviz_chart, which Streamlit
puts on the chart as its accessible name (role="img" with aria-label).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from autograd_core.graph import Graph
from autograd_core.quadratic import Quadratic
from charts.sgd import DASHES
from ui.i18n import lookup

MINUS = "\N{MINUS SIGN}"  # read as "minus" by screen readers (a hyphen may be skipped)
MAX_CELLS = 16  # tables up to 4 x 4 are read out in full
MAX_PATHS = 8  # graphs with more paths from the output to the leaves are summarized


def num(v: float, digits: int = 4) -> str:
    """A number as a screen reader should hear it: few digits, a real minus sign, no '-0'."""
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return ("" if v > 0 else MINUS) + "∞"
    text = f"{v:.{digits}g}"
    if text in ("-0", "0"):
        return "0"
    if "e" in text:  # 2.4e-07 -> 2.4e−7
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", MINUS)


def _t(lang: str, key: str, **fields) -> str:
    return lookup(lang, f"a11y.{key}").format(**fields)


def _sep(lang: str) -> str:
    return _t(lang, "sep")


def quadratic(f: Quadratic) -> str:
    """f(x) = a x² + b x + c with the current coefficients."""
    return f"{num(f.a)}·x² + {num(f.b)}·x + {num(f.c)}".replace(f"+ {MINUS}", f"{MINUS} ")


def tangent(lang: str, f: Quadratic, x: float, y: float, slope: float, curvature: float | None = None) -> str:
    """The scalar (1.1) and second-derivative (2.1) chart: f, the point, its tangent (and the parabola)."""
    text = _t(lang, "tangent", f=quadratic(f), x=num(x), y=num(y), slope=num(slope))
    if curvature is not None:
        text += _t(lang, "join") + _t(lang, "curvature", d2=num(curvature))
    return text


def table(values: Sequence[Sequence[float]]) -> str:
    """A small table row by row: [1, −2]; [0, 3]."""
    return "; ".join("[" + ", ".join(num(v) for v in row) + "]" for row in values)


def heatmaps(lang: str, titles: Sequence[str], *tables: Sequence[Sequence[float]]) -> str:
    """The three heatmaps of 1.3: each table's title and values (all of them up to 4 x 4)."""
    n, m = len(tables[0]), len(tables[0][0]) if tables[0] else 0
    parts = [_t(lang, "heatmaps", k=len(tables), n=n, m=m)]
    for title, values in zip(titles, tables, strict=True):
        shown = table(values) if n * m <= MAX_CELLS else _t(lang, "too_many_cells")
        parts.append(f"{title}: {shown}")
    return _sep(lang).join(parts)


def _leaf_name(detail: str) -> str:
    """'x = 0\nx.grad = -2' -> 'x'."""
    return detail.split(" = ", 1)[0] if " = " in detail else "leaf"


def paths(g: Graph, limit: int = MAX_PATHS) -> list[list[str]] | None:
    """Every path from the output to a leaf as node names (a leaf by its tensor's name); None past `limit`."""
    by_id = {n.id: n for n in g.nodes}
    children: dict[str, list[str]] = {}
    for a, b in g.edges:
        children.setdefault(a, []).append(b)
    out: list[list[str]] = []

    def name(nid: str) -> str:
        n = by_id[nid]
        return f"{n.name} ({_leaf_name(n.detail)})" if n.kind == "leaf" else n.name

    def walk(nid: str, trail: list[str]) -> bool:
        trail = [*trail, name(nid)]
        kids = children.get(nid, [])
        if not kids:
            out.append(trail)
            return len(out) <= limit
        return all(walk(k, trail) for k in kids)

    root = next((n.id for n in g.nodes if n.kind == "output"), None)
    if root is None or not walk(root, []):
        return None
    return out


def graph(lang: str, g: Graph) -> str:
    """An autograd graph as text: the paths gradients take from the output to the leaves, then the values."""
    output = next((n for n in g.nodes if n.kind == "output"), None)
    if output is None:
        return _t(lang, "graph_empty")
    found = paths(g)
    if found is None:
        shown = _t(lang, "graph_large", ops=sum(n.kind == "op" for n in g.nodes))
    elif not g.edges:
        shown = _t(lang, "graph_no_edges", output=output.name)
    else:
        shown = _sep(lang).join(" → ".join(p) for p in found)
    parts = [_t(lang, "graph", n=len(g.nodes), output=output.name, paths=shown)]
    if output.detail:
        parts.append(_t(lang, "graph_output", output=output.name, value=output.detail.replace("-", MINUS)))
    leaves = [n.detail.replace("\n", ", ").replace("-", MINUS) for n in g.nodes if n.kind == "leaf" and n.detail]
    if leaves:
        parts.append(_t(lang, "graph_leaves", leaves=_sep(lang).join(leaves)))
    return _t(lang, "join").join(parts)


def sgd_animation(
    lang: str, x0: float, lr: float, steps: int, final_x: float, final_y: float, diverged: bool, minimizer: float | None
) -> str:
    """The SGD page's animation: where the run starts and ends, and whether the gap to the minimum closes."""
    key = "sgd_diverged" if diverged else "sgd"
    text = _t(lang, key, x0=num(x0), lr=num(lr), steps=steps, x=num(final_x), y=num(final_y))
    if minimizer is None:
        return text + _t(lang, "join") + _t(lang, "sgd_no_minimum")
    return text + _t(lang, "join") + _t(lang, "sgd_gap", star=num(minimizer), gap=num(abs(final_x - minimizer), 3))


def sgd_closed(lang: str, steps: int, deviation: float, step: int) -> str:
    return _t(lang, "sgd_closed", steps=steps, dev=num(deviation, 3), step=step)


def optimizers(lang: str, names: Sequence[str], final_x: Sequence[float], steps: int) -> str:
    """Each optimizer's line (with its dash style, so that no line is told apart by colour alone) and its end."""
    styles = [_t(lang, f"style_{DASHES[j % len(DASHES)]}") for j in range(len(names))]
    each = zip(names, final_x, styles, strict=True)
    ends = [_t(lang, "optimizer_end", name=n, style=s, x=num(x)) for n, x, s in each]
    return _t(lang, "optimizers", k=len(names), steps=steps, ends=_sep(lang).join(ends))


def sweep(
    lang: str, lrs: Sequence[float], diverged: Sequence[bool], limit: float, lr: float, steps: int, best: float
) -> str:
    runaway = sum(bool(d) for d in diverged)
    return _t(
        lang, "sweep", n=len(lrs), lo=num(min(lrs)), hi=num(max(lrs)), steps=steps, k=runaway, limit=num(limit),
        lr=num(lr), best=num(best, 3),
    )  # fmt: skip


def expression(lang: str, text: str, x: float, y: float, d1: float, d2: float, undefined: int) -> str:
    """The expression lab's three panels: f, f′ and f″ of the typed function, and their values at x."""

    def value(v: float) -> str:  # the page shows "—" where f is not defined; a screen reader hears the words
        return num(v) if math.isfinite(v) else _t(lang, "expr_not_defined")

    out = _t(lang, "expr_curves", f=text, x=num(x), y=value(y), d1=value(d1), d2=value(d2))
    if undefined:
        out += _t(lang, "join") + _t(lang, "expr_undefined", k=undefined)
    return out


def descent(lang: str, optimizer: str, x0: float, steps: int, final_x: float, final_y: float) -> str:
    return _t(lang, "expr_descent", opt=optimizer, x0=num(x0), steps=steps, x=num(final_x), y=num(final_y))


def jacobian(lang: str, jac: Sequence[Sequence[float]], v: Sequence[float] | None, vjp: Sequence[float] | None) -> str:
    """The Jacobian heatmap: J's entries row by row, and (with v) the weights and vᵀJ = x.grad."""
    out = _t(lang, "jacobian", m=len(jac), n=len(jac[0]) if jac else 0, rows=table(jac))
    if v is not None and vjp is not None:
        out += _t(lang, "join") + _t(
            lang, "jacobian_vjp", v=_sep(lang).join(map(num, v)), vjp=_sep(lang).join(map(num, vjp))
        )
    return out


def error_curve(lang: str, best: dict[str, float | None], at_h: float) -> str:
    """The gradient check's log–log chart: where each float type's error is smallest, and the slider's h."""
    lows = [_t(lang, "error_best", dtype=d, h=f"{h:.0e}") for d, h in best.items() if h is not None]
    return _t(lang, "error_curve", h=f"{at_h:.0e}", best=_sep(lang).join(lows) or _t(lang, "error_flat"))


def class_answers(lang: str, bars: Sequence[tuple[str, int, str]], shown: int) -> str:
    """The class's answers to one question: each bar's label (✓ marks the right one) and its count."""
    each = _sep(lang).join(f"{label}: {n}" for label, n, _ in bars)
    return lookup(lang, "classlive.alt").format(n=sum(n for _, n, _ in bars), bars=each, shown=shown)
