"""The Jacobian page's inputs (W, x, v, the nonlinearity) and its views of J and vᵀJ."""

from __future__ import annotations

import streamlit as st

from autograd_core import jacobian as core
from charts import jacobian as charts
from ui import alt, compute, render, state, takehome, widgets
from ui.pages import by_section
from ui.text import lang, t

FORMULAS = {
    "none": r"y = W x \qquad J = W",
    "tanh": r"y = \tanh(W x) \qquad J = \mathrm{diag}\big(1 - \tanh^2(W x)\big)\, W",
    "relu": r"y = \mathrm{relu}(W x) \qquad J = \mathrm{diag}\big(\mathbf{1}[W x > 0]\big)\, W",
    "square": r"y = (W x)^2 \qquad J = \mathrm{diag}\big(2\, W x\big)\, W",
}
VJP = r"x.\mathrm{grad} = v^\top J = \sum_i v_i\, J_{i,:} \;\in\; \mathbb{R}^n"


def _column(values) -> tuple:
    return tuple((float(v),) for v in values)


def inputs(page: str) -> tuple[tuple, tuple, tuple, str]:
    """The nonlinearity and the W, x, v tables; a change in W's shape carries over to x and v when they fitted."""
    names = {a: t(f"jacobian.act_{a}") for a in core.ACTIVATIONS}  # fixed now: AppTest calls it outside the run
    act = widgets.choice(page, "act", t("jacobian.act"), format_func=names.get)
    before = state.value("wmat")
    left, mid, right = st.columns([3, 2, 2])
    with left:
        w = widgets.matrix_editor(page, "wmat", t("jacobian.w_table"), 0.0)
    m, n = len(w), len(w[0])
    x_kept, v_kept = state.value("xvec"), state.value("vvec")
    if n != len(before[0]) and len(x_kept) == len(before[0]):
        widgets.set_matrix(page, "xvec", _column([r[0] for r in x_kept[:n]] + [0.0] * (n - len(x_kept))))
    if m != len(before) and len(v_kept) == len(before):
        widgets.set_matrix(page, "vvec", _column([r[0] for r in v_kept[:m]] + [1.0] * (m - len(v_kept))))
    with mid:
        x = widgets.matrix_editor(page, "xvec", t("jacobian.x_table"), 0.0, cols=1)
    with right:
        v = widgets.matrix_editor(page, "vvec", t("jacobian.v_table"), 1.0, cols=1)
    st.caption(t("jacobian.columns_note"))
    return w, x, v, act


def vector_buttons(page: str, m: int, n: int) -> None:
    """One-hot v = e_i (row i of J), and a v with x's shape to see PyTorch refuse it."""
    st.markdown(f"**{t('jacobian.onehot')}**")
    row = st.container(horizontal=True)
    for i in range(m):
        e = _column(1.0 if k == i else 0.0 for k in range(m))
        row.button(f"v = e{i}", key=f"{page}_onehot_{i}", help=t("jacobian.onehot_help", i=i),
                   on_click=widgets.set_matrix, args=(page, "vvec", e))  # fmt: skip
    if n != m:
        row.button(t("jacobian.x_shaped_v", n=n), key=f"{page}_xshaped", help=t("jacobian.x_shaped_v_help"),
                   on_click=widgets.set_matrix, args=(page, "vvec", _column([1.0] * n)))  # fmt: skip


def wrong_v(r: core.JacobianLab) -> None:
    """PyTorch's own refusal of a v that is not shaped like y, explained."""
    m, n = r.shape
    st.error(t("jacobian.wrong_v", k=len(r.v), m=m))
    st.markdown(t("jacobian.wrong_v_why", m=m, n=n))
    st.code(f"RuntimeError: {r.error}", language=None, wrap_lines=True)


def heatmap(r: core.JacobianLab, full: bool) -> None:
    """J alone, or (full) with v beside it and x.grad = vᵀJ below it."""
    m, n = r.shape
    if full:
        labels = {"J": t("jacobian.heat_J", m=m, n=n), "v": t("jacobian.heat_v"), "vjp": t("jacobian.heat_vjp")}
        fig = compute.chart(charts.jacobian, r.jac.tolist(), r.v.tolist(), r.vjp.tolist(), labels)
        st.subheader(t("jacobian.vjp_title"))
    else:
        title = "heat_J" if r.ok else "heat_J_only"
        fig = compute.chart(charts.jacobian, r.jac.tolist(), labels={"J": t(f"jacobian.{title}", m=m, n=n)})
        st.subheader(t("jacobian.j_title"))
    described = alt.jacobian(lang(), r.jac.tolist(), r.v.tolist() if full else None, r.vjp.tolist() if full else None)
    st.plotly_chart(fig, key="jacobian_heat", alt=described)
    st.caption(t("jacobian.vjp_caption" if full else "jacobian.j_caption"))


def routes(r: core.JacobianLab) -> None:
    """x.grad by backward, by v @ J and by autograd.grad."""
    st.subheader(t("jacobian.three_ways"))
    names = ("route_backward", "route_matrix", "route_grad")
    for col, name, key in zip(st.columns(3), names, ("x.grad", "vjp", "by_autograd"), strict=True):
        col.caption(t(f"jacobian.{name}"))
        col.code(r.text(key), language=None)


def build(r: core.JacobianLab) -> None:
    """J by torch.autograd.functional.jacobian, by m backward calls (rows) and by n jvp calls (columns)."""
    m, n = r.shape
    st.subheader(t("jacobian.build_title"))
    shown = (("by_jacobian", "J", {}), ("by_rows", "rows", {"m": m, "last_row": m - 1}),
             ("by_cols", "cols", {"n": n, "last_col": n - 1}))  # fmt: skip
    for name, key, fields in shown:  # one under the other: a 4 x 4 printout is too wide for a third of the page
        st.caption(t(f"jacobian.{name}", **fields))
        st.code(r.text(key), language=None)
    st.caption(t("jacobian.build_caption"))
    st.metric(t("jacobian.max_difference"), f"{r.max_difference:g}")


def links() -> None:
    """Back to the diagonal case (1.2, 1.3) and to 2.2's summed gradients (v = (1, 1))."""
    st.subheader(t("jacobian.links_title"))
    for sections, text in ((("nonscalar", "equivalence"), "link_diagonal"), (("many",), "link_sum")):
        with st.container(border=True):
            st.markdown(t(f"jacobian.{text}"))
            for s in sections:
                p = by_section(s)
                st.page_link(p.path, label=t(f"{s}.title"), icon=p.icon)


def results(page: str, r: core.JacobianLab, w, x, v, act: str, answered: bool) -> None:
    """What gives the answers away, in two steps: J once the shape is predicted; x.grad = vᵀJ once x.grad[0] is
    predicted from J (asked only when v has y's shape)."""
    if not answered:
        render.held_back()
        return
    st.latex(FORMULAS[act])
    st.latex(VJP)
    chart = st.container()  # J above the question that asks to read it; filled once the answer is known
    full = False
    if r.ok:
        shown_v = ", ".join(render.number(c) for c in r.v)
        full = render.predict_first(page, float(r.vjp[0]), question="quiz_entry", v=shown_v)
    with chart:
        heatmap(r, full)
    if r.ok and not full:
        render.held_back()
    if full:
        routes(r)
    build(r)
    if full:
        code = core.code(w, x, v, act)
        render.code_and_output(code, r.printed)
        takehome.offer(page, (code, r.printed))
    if core.at_kink(r, act):
        st.info(t("jacobian.relu_kink"))
    if full or not r.ok:
        render.checks(core.checks(r, act))
