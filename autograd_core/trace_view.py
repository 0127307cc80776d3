"""A recorded trace at one step: the grad_fn graph as Graphviz DOT, the code with its line marked, the chain rule.

Pure functions of a `trace.Trace`, a mode and a step number, so that they can be tested without a browser.
Modes: "forward" (values, node by node), "backward" (the engine's order), "tangent" (forward-mode AD).
Step 0 is the start (nothing done); step k means the first k nodes of the mode are done, the k-th is current.
"""

from __future__ import annotations

import math

from autograd_core.trace import Trace, TraceNode, tex

MODES = ("forward", "backward", "tangent")
MARK = "▶"
MAX_PATHS = 6  # the whole chain rule is written out only for graphs with at most this many paths per input
COLOURS = {"current": "#fde047", "done": "#bbf7d0", "todo": "#f3f4f6"}
EDGE_NOW = "#dc2626"


def num(v: float) -> str:
    """4 significant digits, -0 shown as 0."""
    text = f"{v:.4g}"
    return "0" if text == "-0" else text


def _par(v: float) -> str:
    """A number as a factor: negative ones in parentheses."""
    text = num(v)
    return f"({text})" if text.startswith("-") else text


def order(tr: Trace, mode: str, seed: int = 0) -> tuple[str, ...]:
    """Node ids in the order the mode visits them."""
    if mode == "forward":
        return tuple(n.id for n in tr.nodes)
    if mode == "backward":
        return tuple(s.node for s in tr.backward)
    return tuple(s.node for s in tr.tangents[seed].steps)


def count(tr: Trace, mode: str, seed: int = 0) -> int:
    return len(order(tr, mode, seed))


def current(tr: Trace, mode: str, step: int, seed: int = 0) -> str | None:
    """The node of step `step` (None at step 0)."""
    ids = order(tr, mode, seed)
    return ids[step - 1] if 1 <= step <= len(ids) else None


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _title(n: TraceNode) -> str:
    return n.name if n.leaf else f"{n.name} = {n.label}"


def to_dot(tr: Trace, mode: str, step: int, seed: int = 0, labels: dict[str, str] | None = None) -> str:
    """The grad_fn graph, output on top, leaves at the bottom; the current node marked with ▶, a thick border and
    its own colour; values on the edges as far as the pass has come. `labels`: words for "grad" and "value"."""
    words = {"grad": "grad", **(labels or {})}
    ids = order(tr, mode, seed)
    step = max(0, min(step, len(ids)))
    done = set(ids[:step])
    now = ids[step - 1] if step else None
    if mode == "tangent":
        done |= {n.id for n in tr.nodes if n.leaf}  # the seeds: tangent 1 or 0 from the start
    back = {s.node: s for s in tr.backward}
    tangent = {s.node: s.tangent for s in tr.tangents[seed].steps} if tr.tangents else {}
    var = tr.variables[seed] if tr.variables else ""
    for n in tr.nodes:
        if n.leaf:
            tangent[n.id] = 1.0 if n.name == var else 0.0
    lines = [
        "digraph trace {",
        '  rankdir=TB; node [fontname="Helvetica", fontsize=11]; edge [fontname="Helvetica", fontsize=10];',
    ]
    for n in tr.nodes:
        rows = [("▶ " if n.id == now else "") + n.op, _title(n)]
        value = [] if math.isnan(n.value) else [f"= {num(n.value)}"]  # (a node inside one line has no variable)
        if mode == "forward":
            if n.id in done:
                rows += value
        elif mode == "backward":
            rows += value
            if n.id in done:
                rows.append(f"{n.name}.grad = {num(back[n.id].arriving)}" if n.leaf else
                            f"{words['grad']}: {num(back[n.id].arriving)}")  # fmt: skip
        elif n.id in done:
            rows += [*value, f"d{n.name} = {num(tangent[n.id])}"]
        state = "current" if n.id == now else "done" if n.id in done else "todo"
        shape = 'shape=box, style="filled"' if n.leaf else 'shape=box, style="rounded,filled"'
        border = ', penwidth=3, color="#111827", fontname="Helvetica-Bold"' if state == "current" else ""
        dashed = ', color="#9ca3af", fontcolor="#4b5563"' if state == "todo" else ""
        lines.append(
            f'  {n.id} [label={_quote(chr(10).join(rows))}, {shape}, fillcolor="{COLOURS[state]}"{border}{dashed}];'
        )
    for parent, child, slot in tr.edges:
        attrs = []
        if mode == "backward":
            s = back[parent]
            if parent in done:
                k = [loc.slot for loc in s.locals].index(slot)
                attrs.append(f"label={_quote(num(s.sent[k]))}")
            hot = parent == now
        else:
            attrs.append("dir=back")
            if child in done and (mode == "forward" or parent in done):
                node = tr.node(child)
                attrs.append(f"label={_quote(num(node.value if mode == 'forward' else tangent[child]))}")
            hot = parent == now
        if hot:
            attrs.append(f'color="{EDGE_NOW}", penwidth=2.5, fontcolor="{EDGE_NOW}"')
        lines.append(f"  {parent} -> {child}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    lines.append("}")
    return "\n".join(lines)


def tangent_code(tr: Trace, seed: int = 0) -> tuple[tuple[str, ...], dict[int, int]]:
    """The same operations run in forward mode with dual numbers (runnable), and where each line of tr.code went."""
    leaves = {n.line: n for n in tr.nodes if n.leaf}
    var = tr.variables[seed]
    out: list[str] = []
    moved: dict[int, int] = {}
    body = False
    for i, text in enumerate(tr.code):
        if text.endswith(".backward()"):
            out.append(f"    print(fwAD.unpack_dual({tr.node(tr.root).name}).tangent)  # dy/d{var}")
            break
        if i in leaves:
            if not body:
                out.append("with fwAD.dual_level():")
                body = True
            name = leaves[i].name
            out.append("    " + text.replace(", requires_grad=True)", ")"))
            tangent = "ones_like" if name == var else "zeros_like"
            out.append(f"    {name} = fwAD.make_dual({name}, torch.{tangent}({name}))  # d{name} = {int(name == var)}")
        elif body and text:
            out.append("    " + text)
        elif text == "import torch":
            out += [text, "import torch.autograd.forward_ad as fwAD"]
        elif not body or text:
            out.append(text)
        moved[i] = len(out) - 1
    return tuple(out), moved


def code(tr: Trace, mode: str, step: int, seed: int = 0) -> str:
    """The code of the mode with ▶ before the line that made the current node (two spaces before the others)."""
    now = current(tr, mode, step, seed)
    line = tr.node(now).line if now else None
    if mode == "backward" and step == 0:
        line = len(tr.code) - 2  # y.backward(): where it starts
    lines = tr.code
    if mode == "tangent":
        lines, moved = tangent_code(tr, seed)
        line = moved.get(line) if line is not None else None
    return "\n".join((f"{MARK} " if i == line else "  ") + text for i, text in enumerate(lines))


def _d(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {tex(top)}}}{{\partial {tex(bottom)}}}"


def _paths(tr: Trace, start: str, leaf: str) -> list[list[tuple[str, str, int]]]:
    """Every path of edges from `start` down to `leaf`, at most MAX_PATHS + 1 of them."""
    out: list[list[tuple[str, str, int]]] = []

    def walk(nid: str, path: list) -> None:
        if len(out) > MAX_PATHS:
            return
        if nid == leaf:
            out.append(path)
            return
        for k, c in enumerate(tr.node(nid).children):
            if c is not None:
                walk(c, [*path, (nid, c, k)])

    walk(start, [])
    return out


def chain(tr: Trace, step: int) -> tuple[str, ...]:
    """LaTeX for backward step `step`: what this node contributes (arriving × local = sent, or the sum where paths
    meet), then the whole chain rule for each input with the factors known so far as numbers and this step's boxed."""
    if step < 1 or step > len(tr.backward):
        return ()
    s = tr.backward[step - 1]
    node = tr.node(s.node)
    y = tr.node(tr.root).name
    out = []
    if len(s.incoming) > 1:
        parts = " + ".join(_par(v) for _, v in s.incoming)
        out.append(rf"{_d(y, node.name)} = {parts} = {num(s.arriving)}")
    arriving = "1" if s.node == tr.root else _d(y, node.name)
    for loc, sent in zip(s.locals, s.sent, strict=True):
        child = tr.node(loc.child).name
        out.append(
            rf"{_d(y, child)} \mathrel{{+}}= \underbrace{{{arriving}}}_{{{num(s.arriving)}}} \cdot "
            rf"\underbrace{{{_d(node.name, child)}}}_{{{loc.formula} \,=\, {num(loc.value)}}} = {num(sent)}"
        )
    ran = {b.node: i for i, b in enumerate(tr.backward)}
    local = {(b.node, loc.slot): loc.value for b in tr.backward for loc in b.locals}
    for leaf in (n for n in tr.nodes if n.leaf):
        paths = _paths(tr, tr.root, leaf.id)
        if not paths or len(paths) > MAX_PATHS or leaf.id == tr.root:
            continue
        terms_sym, terms_num = [], []
        for path in paths:
            sym, nums = [], []
            for parent, c, slot in path:
                factor = _d(tr.node(parent).name, tr.node(c).name)
                sym.append(factor)
                i = ran[parent]
                if i < step - 1:
                    nums.append(_par(local[(parent, slot)]))
                elif i == step - 1:
                    nums.append(rf"\boxed{{{_par(local[(parent, slot)])}}}")
                else:
                    nums.append(factor)
            terms_sym.append(r" \cdot ".join(sym))
            terms_num.append(r" \cdot ".join(nums))
        known = "" if step < len(tr.backward) else f" = {num(tr.backward[ran[leaf.id]].arriving)}"
        out.append(rf"{_d(y, leaf.name)} = " + " + ".join(terms_sym) + r" \\ \quad = " + " + ".join(terms_num) + known)
    return tuple(out)


def tangent_latex(tr: Trace, step: int, seed: int = 0) -> str:
    """Forward mode at step `step`: the output's tangent is the sum of local derivative × input tangent."""
    steps = tr.tangents[seed].steps
    if step < 1 or step > len(steps):
        return ""
    s = steps[step - 1]
    node = tr.node(s.node)
    var = tr.variables[seed]
    terms = [rf"\underbrace{{{_d(node.name, tr.node(loc.child).name)}}}_{{{loc.formula} \,=\, {num(loc.value)}}}"
             rf" \cdot \underbrace{{\dot {tex(tr.node(loc.child).name)}}}_{{{num(t)}}}"
             for loc, t in zip(s.locals, s.tangents_in, strict=True)]  # fmt: skip
    head = rf"\dot {tex(node.name)} = \frac{{d{tex(node.name)}}}{{d{tex(var)}}}"
    return rf"{head} = " + " + ".join(terms) + rf" = {num(s.tangent)}"
