"""Page building blocks: header, code with its output, graph, checks, 'try this', walkthrough."""

from __future__ import annotations

import hashlib

import streamlit as st

from autograd_core.checks import Check
from autograd_core.graph import Graph, to_dot
from ui import state
from ui.pages import LESSON, by_section
from ui.params import ALL, fmt
from ui.text import t, tl


def presenting() -> bool:
    return bool(state.value("present"))


def header(section: str) -> None:
    """The section's title."""
    st.title(t(f"{section}.title"))


def explanation(section: str) -> None:
    """The section's explanation (folded into an expander in presentation mode)."""
    if presenting():
        with st.expander(t("common.explanation")):
            st.markdown(t(f"{section}.intro"))
    else:
        st.markdown(t(f"{section}.intro"))


QUIZ = "_quiz"  # session_state: {section: "right" | "revealed"}


def quiz_progress() -> dict[str, str]:
    return st.session_state.setdefault(QUIZ, {})


def held_back() -> None:
    """Where an answer would be shown before the student has predicted it."""
    st.info(t("quiz.held_back"))


def predict_first(section: str, answer: float, **fields) -> bool:
    """Ask for a prediction before explaining; the explanation opens once answered right or revealed.

    Returns whether the student has answered (or revealed): until then the page holds back what gives it away.
    """
    progress = quiz_progress()
    with st.container(border=True):
        st.markdown(f"**🤔 {t('quiz.title')}** {t(f'{section}.quiz', **fields)}")
        if section not in progress:
            row = st.container(horizontal=True, vertical_alignment="bottom")
            guess = row.number_input(
                t("quiz.your_answer"), value=None, step=0.1, format="%g", key=f"{section}_quiz_guess"
            )
            checked = row.button(t("quiz.check"), key=f"{section}_quiz_check")
            if row.button(t("quiz.reveal"), key=f"{section}_quiz_reveal"):
                progress[section] = "revealed"
                st.rerun()
            if checked and guess is not None:
                if abs(guess - answer) <= max(0.05, 0.01 * abs(answer)):
                    progress[section] = "right"
                    st.rerun()
                st.warning(t("quiz.wrong", guess=f"{guess:g}"))
            elif checked:
                st.warning(t("quiz.empty"))
        elif progress[section] == "right":
            st.success(t("quiz.right", answer=number(answer)))
        else:
            st.info(t("quiz.revealed", answer=number(answer)))
    if section in progress:
        explanation(section)
    return section in progress


def code_and_output(code: str, printed: str, note: str | None = None, stacked: bool = False) -> None:
    """The exact code for the current values beside (or above) what it prints."""
    left, right = (st.container(), st.container()) if stacked else st.columns([3, 2])
    with left:
        st.caption(t("common.code"))
        st.code(code, language="python", wrap_lines=True)
    with right:
        st.caption(t("common.output"))
        st.code(printed, language=None, wrap_lines=True)  # long errors and printouts wrap, never cut off
        if note:
            st.caption(note)


def _tooltip(name: str) -> str:
    """The hover text of a node type in the reader's language ([nodes] in the locales)."""
    for key in (name, "backward_backward" if name.endswith("BackwardBackward0") else "unknown", "unknown"):
        try:
            return t(f"nodes.{key}")
        except KeyError:
            continue
    return ""


def graph(g: Graph, caption: str | None = None) -> None:
    """The real autograd graph, drawn by Graphviz in the browser; each node says which code made it and, on hover,
    what its type computes."""
    tips = {n.name if n.kind != "output" else "output": "" for n in g.nodes}
    dot = to_dot(g, {name: _tooltip(name) for name in tips})
    caption = caption or t("common.graph_caption")
    # A new graph gets a new container, so the browser draws it afresh. Updated in place, d3-graphviz would tween
    # every edge from the old drawing to the new one on every slider step (bench/RESULTS.md has its cost), for an
    # animation nobody sees (the values in the nodes change, the shape does not).
    digest = hashlib.blake2s(f"{dot}\n{caption}".encode(), digest_size=8).hexdigest()
    with st.container(key=f"graph-{digest}"):
        st.graphviz_chart(dot)
    st.caption(caption)


def _cell(text: str) -> str:
    """Text for a Markdown table cell: pipes and Markdown's special characters shown as themselves."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#+!|~$" else ch for ch in text)


ROUNDED = 1e-7  # |values| below this in a check table are float32 rounding residues of an exact 0: shown as 0


def _value(v: float) -> str:
    return "0" if abs(v) < ROUNDED else f"{v:.6g}"


def checks(items: list[Check]) -> None:
    """Autograd against independent answers, with the tolerance; green when all agree, neutral (st.info) where a
    comparison does not apply (a corner of abs or relu), with the reason."""

    def show(values: tuple[float, ...]) -> str:
        return ", ".join(_value(v) for v in values)

    head = [t(f"common.check_{k}") for k in ("quantity", "method", "autograd", "reference", "error", "tol", "ok")]

    def method(name: str) -> str:  # "closed_form" -> common.method_closed_form; a dotted name is a key of its own
        return t(name) if "." in name else t(f"common.method_{name}")

    def agree(c: Check) -> str:
        if c.not_applicable:
            return "— " + t("common.check_na")
        return "✅ " + t("common.check_yes") if c.ok else "❌ " + t("common.check_no")

    rows = [
        (c.quantity, method(c.method), show(c.autograd), show(c.reference), "0" if c.error == 0 else f"{c.error:.2e}",
         f"{c.tol:.0e}", agree(c))
        for c in items
    ]  # fmt: skip
    applicable = [c for c in items if not c.not_applicable]
    reasons = sorted({c.not_applicable for c in items if c.not_applicable})
    if reasons:
        st.info("\n\n".join([t("common.checks_na"), *(t(f"common.na_{r}") for r in reasons)]))
    if applicable and all(c.ok for c in applicable):
        st.success(t("common.checks_ok"))
    elif applicable:
        st.error(t("common.checks_bad"))

    def row(cells) -> str:
        return "| " + " | ".join(_cell(c) for c in cells) + " |"

    # a Markdown table: a few rows of text in one static element (no DataFrame or Arrow table on every rerun)
    st.markdown("\n".join([row(head), "|" + " --- |" * len(head), *map(row, rows)]))
    values = [v for c in items for v in (*c.autograd, *c.reference)]
    if any(0 < abs(v) < ROUNDED or (v == 0 and str(v).startswith("-")) for v in values) or any(
        0 < c.error < ROUNDED for c in items
    ):
        st.caption(t("common.checks_rounding"))


def try_this(section: str) -> None:
    items = "\n".join(f"- {item}" for item in tl(f"{section}.try"))
    if presenting():
        with st.expander(t("common.try_this")):
            st.markdown(items)
        return
    st.container(border=True).markdown(f"**{t('common.try_this')}**\n\n{items}")


def _inert(text: str) -> str:
    """URL text made safe for an inline code span: no backticks, line breaks or other control characters."""
    return "".join(ch if ch.isprintable() and ch != "`" else "\N{REPLACEMENT CHARACTER}" for ch in text)


def url_problems() -> None:
    """One warning listing the URL values that were refused (shown until the user moves on)."""
    problems = state.url_problems()
    if not problems:
        return
    lines = []
    for name, raw, code in problems:
        p = ALL.get(name)
        why = t(f"url.{code}", lo=fmt(p.lo), hi=fmt(p.hi), step=fmt(p.step)) if p else t(f"url.{code}")
        lines.append(t("common.url_problem_line", name=_inert(name), value=_inert(raw), why=why))
    st.warning(t("common.url_problems") + "\n\n" + "\n".join(f"- {line}" for line in lines))


def walkthrough(section: str) -> None:
    """Previous / Next in lesson order, with 'section k of n'."""
    order = [p.section for p in LESSON]
    if section not in order:
        return
    k = order.index(section)
    st.divider()
    row = st.container(horizontal=True, vertical_alignment="center")  # section k of n ... [previous] [next]
    row.markdown(t("common.section_k_of_n", k=k + 1, n=len(order)), width="stretch")
    if k > 0 and row.button(t("common.previous"), key=f"{section}_prev"):
        st.switch_page(by_section(order[k - 1]).path)
    if k + 1 < len(order) and row.button(t("common.next"), key=f"{section}_next"):
        st.switch_page(by_section(order[k + 1]).path)


def number(v: float) -> str:
    return fmt(round(float(v), 6))


def shape_mismatch(err, code: str) -> None:
    """PyTorch's own error for a `gradient` of the wrong shape, explained."""
    st.error(t("common.shape_mismatch", y=str(list(err.y_shape)), g=str(list(err.gradient_shape))))
    st.caption(t("common.torch_says"))
    st.code(f"RuntimeError: {err.torch_message}", language=None, wrap_lines=True)
    with st.expander(t("common.code")):
        st.code(code, language="python", wrap_lines=True)


def pitfall(name: str, result) -> None:
    """What PyTorch really did in one of the pitfalls of section 2.2, and why."""
    if name == "accumulation":
        st.code(
            f"x1.grad after 1 backward:  {result.first}\n"
            f"x1.grad after 2 backwards: {result.second}\n"
            f"after x1.grad.zero_():     {result.after_zero}",
            language=None,
            wrap_lines=True,
        )
    elif name == "freed_graph":
        st.code(f"RuntimeError: {result.error}", language=None, wrap_lines=True)
        st.caption(t("many.freed_graph_fix", grad=result.with_retain))
    else:
        st.code(f"y1.grad -> {result.plain}\nUserWarning: {result.warning}", language=None, wrap_lines=True)
        st.caption(t("many.nonleaf_grad_fix", grad=result.retained))
    st.info(t(f"many.{name}_why"))
