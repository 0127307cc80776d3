"""The gradient-check lab's views: derivatives side by side, the error-against-h chart, gradcheck's verdicts."""

from __future__ import annotations

import math

import streamlit as st

from autograd_core import gradcheck as core
from autograd_core.expression import Node
from charts import gradcheck as charts
from ui import alt, compute, render, takehome
from ui.text import lang, t

DTYPES = tuple(core.DTYPES)


def _num(v: float) -> str:
    """All digits of a float64; ±∞, or "undefined" for nan, in words rather than inf and nan."""
    if math.isnan(v):
        return t("gradcheck.undefined_value")
    return f"{v:.17g}" if math.isfinite(v) else ("∞" if v > 0 else "−∞")


def _err(v: float, ref: float) -> str:
    return f"{abs(v - ref):.2e}" if math.isfinite(v) and math.isfinite(ref) else "—"


def derivatives(c: core.ErrorCurve) -> None:
    """sympy, autograd and the central difference at the slider's h, each with its error."""
    h = f"{c.at_h:.0e}"
    rows = [(t("gradcheck.exact"), c.exact, c.exact)]
    rows += [(t("gradcheck.autograd", dtype=d), c.slope(d), c.reference) for d in DTYPES]
    rows += [(t("gradcheck.central", dtype=d, h=h), dict(c.central_at_h)[d], c.reference) for d in DTYPES]
    head = (t("gradcheck.table_method"), t("gradcheck.table_value"), t("gradcheck.table_error"))
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * 3]
    lines += [f"| {name} | {_num(v)} | {_err(v, ref) if name != rows[0][0] else '0'} |" for name, v, ref in rows]
    st.markdown("\n".join(lines))
    if not math.isfinite(c.exact):
        st.caption(t("gradcheck.exact_missing"))


def chart(c: core.ErrorCurve) -> None:
    labels = {k: t(f"gradcheck.chart_{k}") for k in ("x", "y", "best", "slider", "roundoff", "truncation")}
    errors = {d: tuple(v if math.isfinite(v) else None for v in c.error(d).tolist()) for d in DTYPES}
    best = {d: c.best_h(d) for d in DTYPES}
    if not any(v is not None for values in errors.values() for v in values):
        st.info(t("gradcheck.nothing_to_plot"))  # e.g. abs(x) at 0: every difference is exactly 0, as is f'
    described = alt.error_curve(lang(), best, c.at_h)
    render.svg(compute.built(charts.error_curve, tuple(c.h.tolist()), errors, best, c.at_h, labels, described))
    theory = {d: f"{core.theory_h(d):.0e}" for d in DTYPES}
    st.caption(t("gradcheck.chart_caption", t32=theory["float32"], t64=theory["float64"]))


def verdicts(g: core.GradCheck) -> None:
    st.subheader(t("gradcheck.gradcheck_title"))
    for ok, message, name in ((g.passed, g.message, "gradcheck"), (g.passed2, g.message2, "gradgradcheck")):
        if ok:
            st.success(t(f"gradcheck.{name}_ok"))
        else:
            st.warning(t(f"gradcheck.{name}_bad"))
            st.code(message or "False", language=None, wrap_lines=True)
    st.caption(t("gradcheck.compared", analytical=_num(g.analytical), numerical=_num(g.numerical), eps=f"{g.eps:g}",
                 atol=f"{g.atol:g}", rtol=f"{g.rtol:g}"))  # fmt: skip


def lab(node: Node, x: float, h: float) -> None:
    c = compute.run(core.error_curve, node, x, h)
    st.markdown(t("gradcheck.at_x", x=render.number(x)))
    if not math.isfinite(c.value):
        st.warning(t("gradcheck.undefined", x=render.number(x)))
    derivatives(c)
    for fn in compute.run(core.kinks, node, x):
        st.info(t(f"gradcheck.kink_{fn}"))  # explained, not an error: autograd's value there is a convention
    chart(c)
    g = compute.run(core.grad_check, node, x)
    verdicts(g)
    st.markdown(f"**{t('gradcheck.code_title')}**")
    code, printed = core.code(node, x), f"{g.passed}\n{g.passed2}"
    render.code_and_output(code, printed)
    takehome.offer("gradcheck", (code, printed))
