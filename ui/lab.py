"""The expression lab's building blocks: the formulas, where f is undefined, the error with its caret, the
minimize and two-variable sections."""

from __future__ import annotations

import math

import streamlit as st

import autograd_core as core
from autograd_core import trace
from autograd_core.expression import ExpressionError, parse_single
from autograd_core.expression.hints import hint
from charts.expression import descent
from ui import alt, compute, render, state, stepper, takehome, widgets
from ui.params import fmt
from ui.text import lang, t

S = "expr"
F_KEY = state.widget_key(S, "f")
PICK_KEY = f"{S}_example"


def shown(v: float, digits: int = 6) -> str:
    """A metric's value; "—" where f or its derivative is undefined (said in words next to it)."""
    return f"{v:.{digits}g}" if math.isfinite(v) else "—"


def pick_example() -> None:
    """An example chip was picked: it becomes the text of f (the chip itself is released)."""
    choice = st.session_state.get(PICK_KEY)
    if choice:
        st.session_state[F_KEY] = choice
    st.session_state[PICK_KEY] = None


def _use_fix(fix: str) -> None:
    st.session_state[F_KEY] = fix


def show_error(err: ExpressionError, text: str) -> None:
    """What is wrong, where, with a caret under the place, the usual slip behind it and a repaired text to use."""
    h = hint(text, err)
    lines = [t(f"expr.err_{err.code}", detail=err.detail, pos=err.pos + 1)]
    if h is not None:
        lines.append(t(f"expr.hint_{h.code}", name=h.name))
        if h.fix:
            lines.append(t("expr.hint_fix", fix=h.fix))
    st.error("\n\n".join(lines))
    if text and err.pos < len(text) + 1:
        st.code(f"{text}\n{' ' * err.pos}^", language=None)
    if h is not None and h.fix:
        st.button(t("expr.hint_use_fix", fix=h.fix), key=f"{S}_use_fix", on_click=_use_fix, args=(h.fix,))


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
    takehome.offer(S, (r.code, r.printed))
    items = r.checks()
    if items:
        render.checks(items)
    else:
        st.info(t("expr.no_checks"))


def minimize(text: str, frame) -> None:
    st.subheader(t("expr.minimize_title"))
    st.markdown(t("expr.minimize_intro"))
    cols = st.columns(4)
    opt = widgets.choice(S, "fopt", t("expr.optimizer"), names="expr.opt_", container=cols[0])
    x0 = widgets.slider(S, "x0", "x₀", container=cols[1])
    lr = widgets.slider(S, "lr", t("expr.lr"), container=cols[2])
    steps = widgets.slider(S, "fsteps", t("expr.steps"), container=cols[3])
    ran = f"{S}_ran"
    if st.button(t("expr.minimize_button"), key=f"{S}_minimize", type="primary"):
        st.session_state[ran] = True
    if not st.session_state.get(ran):
        return
    tr = compute.run(core.minimize_expression, parse_single(text), x0, lr, steps, opt)
    if not len(tr.table):
        st.error(t("expr.min_undefined_start", x0=render.number(x0)))
        return
    if tr.diverged:
        st.error(t("expr.min_stopped", step=tr.stopped_at))
    m = st.columns(3)
    m[0].metric(t("expr.final_x"), shown(tr.final_x))
    m[1].metric(t("expr.final_f"), shown(tr.final_y))
    m[2].metric(t("expr.final_grad"), shown(float(tr.table[-1, 2]), 3))
    labels = {k: t(f"expr.path_{k}") for k in ("f", "path", "start", "end")}
    whole = st.toggle(t("expr.whole_curve"), key=f"{S}_descent_whole", help=t("expr.whole_curve_help"))
    described = alt.descent(lang(), t(f"expr.opt_{opt}"), x0, len(tr.table) - 1, tr.final_x, tr.final_y)
    st.plotly_chart(descent(frame, tr.frame, labels, whole), key=f"{S}_descent", alt=described)
    with st.expander(t("expr.min_table")):
        st.dataframe(render.step_frame(tr.frame), hide_index=True, width="stretch")


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
    m[0].metric("f", shown(r.y))
    m[1].metric("∂f/∂x1", shown(r.grads[0]))
    m[2].metric("∂f/∂x2", shown(r.grads[1]))
    if not math.isfinite(r.y):
        st.warning(t("expr.pair_undefined"))
    code_and_checks(r)
    render.graph(r.graph, t("expr.graph_pair"))
    backward_steps(text, (("x1", x1), ("x2", x2)))


def backward_steps(text: str, values: tuple[tuple[str, float], ...]) -> None:
    """On demand: PyTorch's own backward pass of this f, node by node (the stepper of section 2.3)."""
    if not st.toggle(t("expr.stepper_toggle"), key=f"{S}_stepper_on", help=t("expr.stepper_help")):
        return
    try:
        tr = compute.run(trace.expression, text, values)
    except ValueError:  # f uses no variable: there is no backward pass to watch
        st.info(t("expr.stepper_none"))
        return
    stepper.show(tr, S)
    render.checks(list(tr.checks))
