"""Lab: the student's own f(x), differentiated by autograd and checked against sympy's exact derivative."""

import streamlit as st

import autograd_core as core
from autograd_core.expression import ExpressionError
from autograd_core.expression_lab import EXAMPLES, mode, parse_single
from charts.expression import curves, descent
from ui import alt, compute, render, state, widgets
from ui.params import fmt
from ui.text import lang, t

S = "expr"
F_KEY = state.widget_key(S, "f")
PICK_KEY = f"{S}_example"


def pick_example() -> None:
    choice = st.session_state.get(PICK_KEY)
    if choice:
        st.session_state[F_KEY] = choice
    st.session_state[PICK_KEY] = None


def show_error(err: ExpressionError, text: str) -> None:
    """What is wrong, where, with a caret under the place."""
    st.error(t(f"expr.err_{err.code}", detail=err.detail, pos=err.pos + 1))
    if text and err.pos < len(text) + 1:
        st.code(f"{text}\n{' ' * err.pos}^", language=None)


def formulas(ex) -> None:
    if ex is None:
        st.info(t("expr.too_complex"))
        return
    for name, tex in (("f(x)", ex.f), ("f'(x)", ex.d1), ("f''(x)", ex.d2)):
        if tex:
            st.latex(f"{name} = {tex}")
        else:
            st.caption(t("expr.formula_long", name=name))


def undefined(r) -> None:
    if r.reason_at_x:
        st.warning(t("expr.undefined_at_x", x=render.number(r.x), why=t(f"expr.reason_{r.reason_at_x}")))
    if not r.gaps:
        return
    lines = []
    for g in r.gaps[:6]:
        where = t("expr.gap_point", x=fmt(g.lo)) if g.lo == g.hi else t("expr.gap_span", lo=fmt(g.lo), hi=fmt(g.hi))
        lines.append(f"- {where}: {t(f'expr.reason_{g.reason}')}")
    if len(r.gaps) > 6:
        lines.append(f"- {t('expr.more_gaps', n=len(r.gaps) - 6)}")
    st.info(t("expr.undefined_title") + "\n\n" + "\n".join(lines))


def code_and_checks(r) -> None:
    """The generated torch code with its output, then autograd against the exact and numeric answers."""
    render.code_and_output(r.code, r.printed)
    items = r.checks()
    if items:
        render.checks(items)
    else:
        st.info(t("expr.no_checks"))


def single(text: str) -> None:
    x = state.value("x")
    r = compute.run(core.analyze_expression, text, x)
    formulas(r.exact)
    st.caption(t("expr.at_x", x=render.number(x)))
    cols = st.columns(3)
    show = lambda v: f"{v:.6g}"  # noqa: E731
    cols[0].metric("f(x)", show(r.y))
    cols[1].metric(t("expr.autograd_d1"), show(r.dy_dx))
    cols[2].metric(t("expr.autograd_d2"), show(r.d2y_dx2))
    undefined(r)
    if r.corner:
        st.info(t("expr.corner"))
    labels = {k: t(f"expr.chart_{k}") for k in ("f", "d1", "d2", "undefined")}
    frame = r.curves
    bad = frame["x"][frame["f"].isna()].to_numpy()
    described = alt.expression(lang(), text, x, r.y, r.dy_dx, r.d2y_dx2, len(bad))
    st.plotly_chart(curves(frame, x, bad, labels), key=f"{S}_chart", alt=described)
    st.caption(t("expr.chart_caption"))

    code_and_checks(r)
    left, right = st.columns(2)
    with left:
        render.graph(r.graph, t("expr.graph_y"))
    with right:
        if r.grad_graph is not None:
            render.graph(r.grad_graph, t("expr.graph_dydx"))
        else:
            st.info(t("expr.no_grad_graph"))
    minimize(text, r.curves)


def minimize(text: str, frame) -> None:
    st.subheader(t("expr.minimize_title"))
    st.markdown(t("expr.minimize_intro"))
    cols = st.columns(4)
    opt = widgets.choice(S, "fopt", t("expr.optimizer"), format_func=lambda o: t(f"expr.opt_{o}"), container=cols[0])
    x0 = widgets.slider(S, "x0", "x₀", container=cols[1])
    lr = widgets.slider(S, "lr", t("expr.lr"), container=cols[2])
    steps = widgets.slider(S, "fsteps", t("expr.steps"), container=cols[3])
    ran = f"{S}_ran"
    if st.button(t("expr.minimize_button"), key=f"{S}_minimize", type="primary"):
        st.session_state[ran] = True
    if not st.session_state.get(ran):
        return
    tr = compute.run(core.minimize_expression, parse_single(text), x0, lr, steps, opt)
    if tr.frame.empty:
        st.error(t("expr.min_undefined_start", x0=render.number(x0)))
        return
    if tr.diverged:
        st.error(t("expr.min_stopped", step=tr.stopped_at))
    m = st.columns(3)
    m[0].metric(t("expr.final_x"), f"{tr.final_x:.6g}")
    m[1].metric(t("expr.final_f"), f"{tr.final_y:.6g}")
    m[2].metric(t("expr.final_grad"), f"{float(tr.frame['grad'].iloc[-1]):.3g}")
    labels = {k: t(f"expr.path_{k}") for k in ("f", "path", "start", "end")}
    described = alt.descent(lang(), t(f"expr.opt_{opt}"), x0, len(tr.frame) - 1, tr.final_x, tr.final_y)
    st.plotly_chart(descent(frame, tr.frame, labels), key=f"{S}_descent", alt=described)
    with st.expander(t("expr.min_table")):
        st.dataframe(tr.frame, hide_index=True, width="stretch")


def pair(text: str) -> None:
    cols = st.columns(2)
    x1 = widgets.slider(S, "x1", "x1", container=cols[0])
    x2 = widgets.slider(S, "x2", "x2", container=cols[1])
    r = compute.run(core.partials_expression, text, x1, x2)
    if r.latex is None:
        st.info(t("expr.too_complex"))
    else:
        names = ("f(x_1, x_2)", r"\partial f/\partial x_1", r"\partial f/\partial x_2")
        for name, tex in zip(names, r.latex, strict=True):
            if tex:
                st.latex(f"{name} = {tex}")
    m = st.columns(3)
    m[0].metric("f", f"{r.y:.6g}")
    m[1].metric("∂f/∂x1", f"{r.grads[0]:.6g}")
    m[2].metric("∂f/∂x2", f"{r.grads[1]:.6g}")
    code_and_checks(r)
    render.graph(r.graph, t("expr.graph_pair"))


render.header(S)
render.explanation(S)
st.pills(t("expr.examples"), EXAMPLES, key=PICK_KEY, on_change=pick_example)
text = widgets.text(S, "f", t("expr.input_label"), help=t("expr.input_help"), placeholder="sin(x)*x^2")
st.caption(t("expr.allowed"))
try:
    if mode(text) == "pair":
        st.markdown(f"**{t('expr.pair_title')}**")
        pair(text)
    else:
        single(text)
except ExpressionError as err:
    show_error(err, text)
render.try_this(S)
