"""Lab: the student's own f(x), differentiated by autograd and checked against sympy's exact derivative."""

import streamlit as st

import autograd_core as core
from autograd_core.expression import EXAMPLES, ExpressionError, mode
from charts.expression import curves
from ui import alt, compute, lab, render, state, widgets
from ui.text import lang, t

S = lab.S


def single(text: str) -> None:
    x = state.value("x")
    r = compute.run(core.analyze_expression, text, x)
    lab.formulas(r.exact)
    st.caption(t("expr.at_x", x=render.number(x)))
    cols = st.columns(3)
    cols[0].metric("f(x)", lab.shown(r.y))  # "—" where undefined: said below
    cols[1].metric(t("expr.autograd_d1"), lab.shown(r.dy_dx))
    cols[2].metric(t("expr.autograd_d2"), lab.shown(r.d2y_dx2))
    lab.undefined(r)
    if r.corner:
        st.info(t("expr.corner"))
    labels = {k: t(f"expr.chart_{k}") for k in ("f", "d1", "d2", "undefined")}
    frame = r.curves
    bad = frame["x"][frame["f"].isna()].to_numpy()
    described = alt.expression(lang(), text, x, r.y, r.dy_dx, r.d2y_dx2, len(bad))
    render.svg(curves(frame, x, bad, labels, described))
    st.caption(t("expr.chart_caption"))

    lab.code_and_checks(r)
    left, right = st.columns(2)
    with left:
        render.graph(r.graph, t("expr.graph_y"))
    with right:
        if r.grad_graph is not None:
            render.graph(r.grad_graph, t("expr.graph_dydx"))
        else:
            st.info(t("expr.no_grad_graph"))
    lab.backward_steps(text, (("x", x),))
    lab.minimize(text, r.curves)


render.header(S)
render.explanation(S)
st.pills(t("expr.examples"), EXAMPLES, key=lab.PICK_KEY, on_change=lab.pick_example)
text = widgets.text(S, "f", t("expr.input_label"), help=t("expr.input_help"), placeholder="sin(x)*x^2")
st.markdown(t("expr.allowed"))  # not a caption: the operators are code, and code in a caption is too faint
try:
    if mode(text) == "pair":
        st.markdown(f"**{t('expr.pair_title')}**")
        lab.pair(text)
    else:
        single(text)
except ExpressionError as err:
    lab.show_error(err, text)
render.try_this(S)
