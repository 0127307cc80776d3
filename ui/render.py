"""Page building blocks: header, code with its output, graph, checks, 'try this', walkthrough."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import streamlit as st

from autograd_core.checks import Check
from autograd_core.graph import Graph, to_dot
from ui import alt, live, questions, state
from ui.pages import LESSON, PageInfo
from ui.params import ALL, fmt
from ui.text import has, lang, t, tl


def presenting() -> bool:
    return bool(state.value("present"))


def header(section: str) -> None:
    """The section's title, then what the student will be able to do after the page."""
    st.title(t(f"{section}.title"))
    objectives(section)


def objectives(section: str) -> None:
    """'After this page you can …': the section's learning objectives (none for pages without them)."""
    if not has(f"{section}.objectives"):
        return
    items = "\n".join(f"- {item}" for item in tl(f"{section}.objectives"))
    st.markdown(f"**{t('common.objectives')}**\n\n{items}")


MARKER = re.compile(r"#\s*@(\w+)")


def code_text(code: str) -> str:
    """Generated code with each language-free comment marker (`# @key`) replaced by `# ` and code.<key>."""
    return MARKER.sub(lambda m: "# " + t(f"code.{m.group(1)}"), code)


def code(source: str) -> None:
    """Generated code on its own, with its comments in the session's language."""
    st.code(code_text(source), language="python", wrap_lines=True)


def explanation(section: str) -> None:
    """The section's explanation (folded into an expander in presentation mode)."""
    if presenting():
        with st.expander(t("common.explanation")):
            st.markdown(t(f"{section}.intro"))
    else:
        st.markdown(t(f"{section}.intro"))


QUIZ = "_quiz"  # session_state: {question id: "right" | "revealed"}
OPENED = "_quiz_opened"  # session_state: the sections whose first question was answered (their results show)


def quiz_progress() -> dict[str, str]:
    return st.session_state.setdefault(QUIZ, {})


def opened_sections() -> set[str]:
    return st.session_state.setdefault(OPENED, set())


def new_class() -> None:
    """Forget every answer of this session: each page asks again before it shows its results."""
    st.session_state[QUIZ] = {}
    st.session_state[OPENED] = set()


def teacher() -> bool:
    return bool(state.value("reveal"))


def held_back() -> None:
    """Where an answer would be shown before the student has predicted it."""
    st.info(t("quiz.held_back"))


def predict_first(section: str, answer: float, question: str = "quiz", **fields) -> bool:
    """A page's number question (locale <section>.<question>); see ask(). A further question of the page (not
    "quiz") is asked on its own, gates only what waits on it, and opens no explanation."""
    q = questions.single(section, answer, {k: str(v) for k, v in fields.items()}, question)
    return ask(section, (q,)) if question == "quiz" else ask(f"{section}_{question}", (q,), explain=False)


def ask(section: str, items: tuple[questions.Question, ...], explain: bool = True) -> bool:
    """The section's questions, drawn from the current values; returns whether the page may show its results.

    Results wait until every question of the section has been answered (or revealed) once in this session, so no
    answer is ever on screen beside an open question; after that, new values bring new questions but hide nothing,
    so students can explore (README "Predict, then observe, then explain"). reveal=1 shows everything."""
    progress = quiz_progress()
    revealed = live.revealed_here(items)  # class mode: what the teacher revealed to everyone counts as shown
    for qid in revealed:
        progress.setdefault(qid, "revealed")
    if revealed and all(q.id in progress for q in items):
        opened_sections().add(section)
    with st.container(border=True):
        st.markdown(f"**🤔 {t('quiz.title')}**")
        for i, q in enumerate(items):
            _question(section, i, q, items, progress)
    gate = section in opened_sections() or teacher()
    if gate and explain:
        explanation(section)
    return gate


def question_text(q: questions.Question, part: str) -> str:
    """A question's prompt (part="prompt"), an option's text or an explanation, in the session's language."""
    fields = dict(q.fields)
    return t(q.prompt, **fields) if part == "prompt" and q.prompt else t(f"ask.{q.name}.{part}", **fields)


def _answer_text(q: questions.Question) -> str:
    if q.choice:
        return next(question_text(q, o.key) for o in q.options if o.correct)
    return q.shown


def _answered(section: str, q: questions.Question, items: tuple[questions.Question, ...], how: str) -> None:
    """Note the answer (the last of the section's questions opens its results) and draw the page again."""
    progress = quiz_progress()
    progress[q.id] = how
    if all(item.id in progress for item in items):
        opened_sections().add(section)
    st.rerun()


def _question(
    section: str, i: int, q: questions.Question, items: tuple[questions.Question, ...], progress: dict[str, str]
) -> None:  # fmt: skip
    key = f"{section}_quiz" if i == 0 else f"{section}_quiz{i + 1}"
    st.markdown(f"{i + 1}. {question_text(q, 'prompt')}")
    done = "revealed" if teacher() else progress.get(q.id)
    if done:
        why = "" if q.prompt else " " + question_text(q, q.why)
        show = st.success if done == "right" else st.info
        show(t(f"quiz.{done}", answer=_answer_text(q)) + why)
        live.class_answers(q, f"{key}_class")  # class mode, once the teacher revealed it: how the class answered
        return
    row = st.container(horizontal=True, vertical_alignment="bottom")
    if q.choice:
        labels = {o.key: question_text(q, o.key) for o in q.options}
        guess = row.radio(t("quiz.your_answer"), list(labels), index=None, format_func=labels.__getitem__,
                          key=f"{key}_guess")  # fmt: skip
    else:
        guess = row.number_input(t("quiz.your_answer"), value=None, step=0.1, format="%g", key=f"{key}_guess",
                                 help=t("quiz.numbers_only"))  # fmt: skip
    checked = row.button(t("quiz.check"), key=f"{key}_check")
    shown_me = row.button(t("quiz.reveal"), key=f"{key}_reveal")
    if shown_me or (checked and guess is not None):
        live.vote(section, q, None if shown_me else guess)  # class mode: the first answer counts for the class
    if shown_me:
        _answered(section, q, items, "revealed")
    if checked and guess is None:
        st.warning(t("quiz.empty" if not q.choice else "quiz.pick"))
    elif checked and q.right(guess):
        _answered(section, q, items, "right")
    elif checked:
        hint = q.feedback(guess)
        shown = labels[guess] if q.choice else f"{guess:g}"
        st.warning(t("quiz.wrong", guess=shown) + ("\n\n" + question_text(q, hint) if hint else ""))


def code_and_output(source: str, printed: str, note: str | None = None, stacked: bool = False) -> None:
    """The exact code for the current values beside (or above) what it prints; comments in the session's language."""
    left, right = (st.container(), st.container()) if stacked else st.columns([3, 2])
    with left:
        st.caption(t("common.code"))
        code(source)
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


def svg(chart: str) -> None:
    """An SVG chart (charts/svg.py): the browser updates it in place from one slider step to the next."""
    st.markdown(chart, unsafe_allow_html=True)


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
    # The keyed container sits in a plain one: with the fresh block directly among the page's own elements, the
    # browser re-mounted more of what follows it (~15 ms a key press on 1.1 in a paired benchmark, bench/RESULTS.md).
    with st.container():
        with st.container(key=f"graph-{digest}"):
            st.graphviz_chart(dot, alt=alt.graph(lang(), g))  # what a screen reader says instead of the drawing
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
    """Suggestions to explore, once the section's questions are answered (some say what happens)."""
    if any(p.section == section for p in LESSON) and not (section in opened_sections() or teacher()):
        return
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
        key = code if "." in code else f"url.{code}"  # a dotted code is a key of its own (e.g. lock.unknown_route)
        why = t(key, lo=fmt(p.lo), hi=fmt(p.hi), step=fmt(p.step)) if p else t(key)
        lines.append(t("common.url_problem_line", name=_inert(name), value=_inert(raw), why=why))
    st.warning(t("common.url_problems") + "\n\n" + "\n".join(f"- {line}" for line in lines))


def walkthrough(section: str) -> None:
    """Previous / Next in lesson order, with 'section k of n'."""
    order = [p.section for p in LESSON]
    if section not in order or state.value("route"):  # a teacher's route has its own next page (ui/teach.py)
        return
    k = order.index(section)
    prev_next(LESSON, k, t("common.section_k_of_n", k=k + 1, n=len(order)), t("common.next"), section)


def prev_next(pages: Sequence[PageInfo], k: int, where: str, next_label: str, key: str, primary: bool = False) -> None:
    """Below a page: where it stands (`where`) and buttons to the page before and after pages[k]; keys key_prev and
    key_next."""
    st.divider()
    row = st.container(horizontal=True, vertical_alignment="center")  # where ... [previous] [next]
    row.markdown(where, width="stretch")
    if k > 0 and row.button(t("common.previous"), key=f"{key}_prev"):
        st.switch_page(pages[k - 1].path)
    kind = "primary" if primary else "secondary"
    if k + 1 < len(pages) and row.button(next_label, key=f"{key}_next", type=kind):
        st.switch_page(pages[k + 1].path)


def number(v: float) -> str:
    return fmt(round(float(v), 6))


def shape_mismatch(err, source: str) -> None:
    """PyTorch's own error for a `gradient` of the wrong shape, explained."""
    st.error(t("common.shape_mismatch", y=str(list(err.y_shape)), g=str(list(err.gradient_shape))))
    st.caption(t("common.torch_says"))
    st.code(f"RuntimeError: {err.torch_message}", language=None, wrap_lines=True)
    with st.expander(t("common.code")):
        code(source)


def mistake(name: str, code: str, output: str) -> None:
    """A mistake students make, on demand and run for real: the code, what PyTorch answered, and why."""
    with st.expander(t(f"mistakes.{name}_title")):
        st.code(code_text(code), language="python", wrap_lines=True)
        st.caption(t("common.torch_says"))
        st.code(output, language=None, wrap_lines=True)
        st.info(t(f"mistakes.{name}_why"))


def pitfall(name: str, source: str, result) -> None:
    """One of the pitfalls of section 2.2, run for real: its code, what PyTorch printed or raised, and why."""
    if name == "accumulation":
        printed = f"{result.first}\n{result.second}\n{result.after_zero}"
        fix = None
    elif name == "freed_graph":
        printed = f"RuntimeError: {result.error}"
        fix = t("many.freed_graph_fix", grad=result.with_retain)
    else:
        printed = f"UserWarning: {result.warning}\n{result.plain}"
        fix = t("many.nonleaf_grad_fix", grad=result.retained)
    code_and_output(source, printed, note=fix)
    st.info(t(f"many.{name}_why"))


def table(rows: list[list[str]]) -> None:
    """A plain Markdown table (first row: the header) from locale text; cells may hold `code` spans."""

    def row(cells) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    st.markdown("\n".join([row(rows[0]), "|" + " --- |" * len(rows[0]), *map(row, rows[1:])]))


def step_frame(frame):
    """A step table (columns step, x, f, grad) with its word columns named in the session's language."""
    return frame.rename(columns={"step": t("common.col_step"), "f": "f(x)", "grad": t("common.col_grad")})
