"""Step through a recorded trace (autograd_core.trace): the graph with the current node marked, the code line that
made it, and what this step computes. `show(trace, key_prefix)` works for the lesson's f and for the expression lab:

    tr = compute.run(trace.expression, tree, (("x", x),))   # or (("x1", x1), ("x2", x2)); ValueError: nothing to step
    stepper.show(tr, "expr")                                 # widget keys start with "expr_stepper_"

The page decides what to hold back before a prediction; the step of each mode lives in st.session_state.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from autograd_core import trace_view as tv
from autograd_core.modes import Counted, Timing
from autograd_core.trace import Trace
from ui.text import t

PLAY_SECONDS = 1.2  # between two steps while playing


def _go(pos: str, n: int, to: int | None = None, by: int = 0) -> None:
    ss = st.session_state
    ss[pos] = max(0, min(n, (ss.get(pos, 0) if to is None else to) + by))


def _from_slider(pos: str) -> None:
    st.session_state[pos] = st.session_state[f"{pos}_slider"]


def _play(playing: str, pos: str, n: int) -> None:
    ss = st.session_state
    ss[playing] = not ss.get(playing, False)
    if ss[playing] and ss.get(pos, 0) >= n:
        ss[pos] = 0  # play again from the start


def _controls(k: str, pos: str, n: int) -> int:
    """Start / Previous / Next / Play and a slider over 0..n; returns the step."""
    ss = st.session_state
    playing = f"{k}_playing"
    ss[pos] = max(0, min(n, ss.get(pos, 0)))
    row = st.container(horizontal=True, vertical_alignment="bottom")
    row.button(t("stepper.start"), key=f"{k}_first", on_click=_go, args=(pos, n, 0))
    row.button(t("stepper.previous"), key=f"{k}_prev", on_click=_go, args=(pos, n, None, -1), disabled=ss[pos] == 0)
    row.button(t("stepper.next"), key=f"{k}_next", on_click=_go, args=(pos, n, None, 1), disabled=ss[pos] == n,
               type="primary")  # fmt: skip
    on = ss.get(playing, False)
    row.button(t("stepper.pause" if on else "stepper.play"), key=f"{k}_play", on_click=_play, args=(playing, pos, n))
    ss[f"{pos}_slider"] = ss[pos]
    st.slider(t("stepper.step"), 0, n, key=f"{pos}_slider", on_change=_from_slider, args=(pos,))
    if on:
        _ticker(playing, pos, n)
    return ss[pos]


def _ticker(playing: str, pos: str, n: int) -> None:
    """While playing, a fragment that reruns itself every PLAY_SECONDS moves one step on and redraws the page."""
    armed = {"now": False}  # the first call comes with the page's own run: nothing to do then

    @st.fragment(run_every=PLAY_SECONDS)
    def tick() -> None:
        if not armed["now"]:
            armed["now"] = True
            return
        ss = st.session_state
        if not ss.get(playing):
            return
        ss[pos] = min(n, ss.get(pos, 0) + 1)
        if ss[pos] >= n:
            ss[playing] = False
        st.rerun()

    tick()


def _graph(dot: str, described: str) -> None:
    digest = hashlib.blake2s(dot.encode(), digest_size=8).hexdigest()
    with st.container(key=f"stepper-graph-{digest}"):  # a new drawing each step, no tween (see render.graph)
        st.graphviz_chart(dot, alt=described)  # what a screen reader says instead of the drawing


def _described(tr: Trace, mode: str, step: int, n: int, seed: int) -> str:
    """The graph in words: its nodes in the forward code's order, and the node of this step."""
    node_id = tv.current(tr, mode, step, seed)
    nodes = {node.id: node for node in tr.nodes}
    listed = "; ".join(f"{node.name} = {node.label} ({node.op})" for node in tr.nodes)
    here = nodes.get(node_id)
    now = t("stepper.alt_now", name=here.name, op=here.op) if here else t("stepper.alt_start")
    return t("stepper.alt", k=step, n=n, nodes=listed, now=now)


def show(tr: Trace, key_prefix: str) -> None:
    """The stepper: mode (forward values, backward, forward mode), controls, graph, code and this step's numbers."""
    k = f"{key_prefix}_stepper"
    names = {m: t(f"stepper.mode_{m}") for m in tv.MODES}  # this run's language, also for AppTest's format calls
    mode = st.segmented_control(
        t("stepper.mode"), tv.MODES, default="backward", required=True, key=f"{k}_mode", format_func=names.get
    )
    seed = 0
    if mode == "tangent" and len(tr.variables) > 1:
        seed = st.radio(t("stepper.seed"), range(len(tr.variables)), format_func=tr.variables.__getitem__,
                        horizontal=True, key=f"{k}_seed")  # fmt: skip
    st.caption(t(f"stepper.mode_{mode}_help"))
    n = tv.count(tr, mode, seed)
    step = _controls(k, f"{k}_pos_{mode}_{seed}", n)
    left, right = st.columns([1, 1])
    with left:
        labels = {"grad": t("stepper.grad_short")}
        _graph(tv.to_dot(tr, mode, step, seed, labels), _described(tr, mode, step, n, seed))
        st.caption(t("stepper.graph_caption"))
    with right:
        st.caption(t("stepper.code_caption_tangent" if mode == "tangent" else "stepper.code_caption"))
        st.code(tv.code(tr, mode, step, seed), language="python")
        st.markdown(t("stepper.step_k_of_n", k=step, n=n))
        {"forward": _forward, "backward": _backward, "tangent": _tangent}[mode](tr, step, seed)


def _forward(tr: Trace, step: int, seed: int) -> None:
    node_id = tv.current(tr, "forward", step)
    if node_id is None:
        st.info(t("stepper.forward_start"))
        return
    node = tr.node(node_id)
    line = tr.code[node.line]
    if node.leaf:
        st.markdown(t("stepper.forward_leaf", name=node.name, value=tv.num(node.value)))
    else:
        st.markdown(t("stepper.forward_op", line=line, value=tv.num(node.value), op=node.op))
    if step == len(tr.nodes):
        st.success(t("stepper.forward_done", y=tv.num(tr.y)))


def _backward(tr: Trace, step: int, seed: int) -> None:
    if step == 0:
        st.info(t("stepper.backward_start", op=tr.node(tr.root).op))
        return
    s = tr.backward[step - 1]
    node = tr.node(s.node)
    if len(s.incoming) > 1:
        parts = " + ".join(f"{tv.num(v)} ({t('stepper.from')} {tr.node(src).name})" for src, v in s.incoming)
        st.markdown(t("stepper.arriving_sum", parts=parts, total=tv.num(s.arriving), op=node.op))
    elif s.incoming and s.incoming[0][0] == "seed":
        st.markdown(t("stepper.arriving_seed", op=node.op))
    else:
        st.markdown(t("stepper.arriving", value=tv.num(s.arriving), op=node.op, name=node.name))
    if s.locals:
        head = [t(f"stepper.col_{c}") for c in ("to", "local", "value", "product", "sent")]
        rows = [
            (tr.node(loc.child).name, f"${loc.formula}$", tv.num(loc.value), tv.num(p), tv.num(sent))
            for loc, p, sent in zip(s.locals, s.products, s.sent, strict=True)
        ]
        table = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        table += ["| " + " | ".join(r) + " |" for r in rows]
        st.markdown("\n".join(table))
    elif node.leaf:
        st.markdown(t("stepper.accumulate", name=node.name, value=tv.num(s.arriving)))
    for line in tv.chain(tr, step):
        st.latex(line)
    if step == len(tr.backward):
        for name, g, ref in zip(tr.variables, tr.grads, tr.reference, strict=True):
            st.success(t("stepper.backward_done", name=name, grad=tv.num(g), ref=tv.num(ref)))


def _tangent(tr: Trace, step: int, seed: int) -> None:
    tp = tr.tangents[seed]
    var = tp.seed
    if step == 0:
        st.info(t("stepper.tangent_start", var=var))
        return
    st.latex(tv.tangent_latex(tr, step, seed))
    if step == len(tp.steps):
        k = tr.variables.index(var)
        st.success(t("stepper.tangent_done", var=var, value=tv.num(tp.result), grad=tv.num(tr.grads[k])))


def passes(items: tuple[Counted, ...]) -> None:
    """One row per function: inputs, outputs, and the passes each mode ran for the whole Jacobian."""
    head = [t(f"stepper.passes_{c}") for c in ("function", "inputs", "outputs", "reverse", "forward", "jacobian")]
    rows = []
    for c in items:
        jac = "; ".join(", ".join(tv.num(v) for v in row) for row in c.by_reverse)
        same = "✅" if c.by_reverse == c.by_forward else "≈"
        rows.append((f"`{c.name}`", str(c.inputs), str(c.outputs), str(c.reverse_passes), str(c.forward_passes),
                     f"[{jac}] {same}"))  # fmt: skip
    table = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    table += ["| " + " | ".join(r) + " |" for r in rows]
    st.markdown("\n".join(table))


def timings(r: Timing) -> None:
    """Reverse against forward mode, wide and tall, as measured on this server."""

    def ms(s: float) -> str:
        return f"{s * 1000:.2f} ms"

    head = [t(f"stepper.time_{c}") for c in ("shape", "reverse", "forward", "faster")]
    rows = [
        (t("stepper.wide", n=r.n), f"{ms(r.wide_rev)} (1)", f"{ms(r.wide_fwd)} ({r.n})",
         t("stepper.mode_reverse_name") if r.wide_rev < r.wide_fwd else t("stepper.mode_forward_name")),
        (t("stepper.tall", n=r.n), f"{ms(r.tall_rev)} ({r.n})", f"{ms(r.tall_fwd)} (1)",
         t("stepper.mode_reverse_name") if r.tall_rev < r.tall_fwd else t("stepper.mode_forward_name")),
    ]  # fmt: skip
    table = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    st.markdown("\n".join(table))
    st.caption(t("stepper.time_caption" if r.agree else "stepper.time_disagree"))
