"""Walk a tensor's real autograd graph (grad_fn -> next_functions) into nodes and edges."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Node:
    id: str
    name: str  # PyTorch's own class name: AddBackward0, MulBackward0, AccumulateGrad, ...
    kind: str  # "output", "op" or "leaf"
    detail: str = ""  # for leaves: value and .grad; for the output: its value
    code: str = ""  # the code that made this node, e.g. "b*x" or "+ c" ("" when not known)


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]  # (from, to) in the direction gradients flow: output -> leaves

    def names(self) -> list[str]:
        return [n.name for n in self.nodes]


def _short(t: torch.Tensor) -> str:
    v = t.detach().cpu()
    if v.dim() == 0:
        return f"{v.item():.4g}"
    return (
        str([[round(float(e), 4) for e in row] for row in v.reshape(v.shape[0], -1)])
        if v.dim() == 2
        else str([round(float(e), 4) for e in v.flatten()])
    )


def trace(
    output: torch.Tensor,
    names: dict[int, str] | None = None,
    output_name: str = "y",
    codes: Mapping[object, str] | None = None,
) -> Graph:
    """The graph that backward() would walk from `output`; `names` maps id(leaf tensor) to a label, `codes` maps a
    grad_fn node (the object itself, kept alive by the mapping) to the code that made it."""
    names, codes = names or {}, codes or {}
    nodes: list[Node] = [Node("out", output_name, "output", _short(output))]
    edges: list[tuple[str, str]] = []
    seen: dict[int, str] = {}

    def visit(fn) -> str:
        key = id(fn)
        if key in seen:
            return seen[key]
        nid = f"n{len(seen)}"
        seen[key] = nid
        kind_name = type(fn).__name__
        if hasattr(fn, "variable"):  # AccumulateGrad: the leaf's gradient goes into .grad
            leaf = fn.variable
            label = names.get(id(leaf), "leaf")
            grad = "None" if leaf.grad is None else _short(leaf.grad)
            nodes.append(Node(nid, kind_name, "leaf", f"{label} = {_short(leaf)}\n{label}.grad = {grad}"))
        else:
            nodes.append(Node(nid, kind_name, "op", code=codes.get(fn, "")))
        for nxt, _ in fn.next_functions:
            if nxt is not None:
                edges.append((nid, visit(nxt)))
        return nid

    if output.grad_fn is not None:
        edges.append(("out", visit(output.grad_fn)))
    return Graph(tuple(nodes), tuple(edges))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_STYLE = {
    "output": 'shape=ellipse, style=filled, fillcolor="#fde68a"',
    "op": 'shape=box, style="rounded,filled", fillcolor="#dbeafe"',
    "leaf": 'shape=box, style=filled, fillcolor="#dcfce7"',
}


def label(node: Node) -> str:
    """A node's text in the drawing: the code that made it (for an op), PyTorch's class name, the values."""
    return "\n".join(part for part in (node.code, node.name, node.detail) if part)


def to_dot(graph: Graph, tooltips: Mapping[str, str] | None = None) -> str:
    """Graphviz DOT source, drawn top (output) to bottom (leaves).

    tooltips: the text shown when hovering a node, by PyTorch class name (AddBackward0, ...) and by kind
    ("output"); the caller supplies them in the reader's language (nothing here reads the locales).
    """
    tooltips = tooltips or {}
    lines = ["digraph autograd {", '  rankdir=TB; node [fontname="Helvetica", fontsize=11];']
    for n in graph.nodes:
        tip = tooltips.get(n.name if n.kind != "output" else "output") or tooltips.get("unknown", "")
        if n.code and tip:
            tip = f"{n.code}: {tip}"
        extra = f", tooltip={_quote(tip)}" if tip else ""
        lines.append(f"  {n.id} [label={_quote(label(n))}, {_STYLE[n.kind]}{extra}];")
    lines += [f"  {a} -> {b};" for a, b in graph.edges]
    lines.append("}")
    return "\n".join(lines)


# ---- the code behind each node ----------------------------------------------------------------


def _inputs(fn) -> list:
    return [nxt for nxt, _ in fn.next_functions]


def quadratic_codes(y: torch.Tensor, x: str = "x") -> dict[object, str]:
    """The code of each node of y = a * torch.pow(x, 2) + b * x + c (Quadratic.__call__): `+ c`, `a*x² + b*x`,
    `a*x²`, `x²`, `b*x`. Walks the recorded graph; a node of another shape keeps no code."""
    codes: dict[object, str] = {}
    top = y.grad_fn
    if top is None or type(top).__name__ != "AddBackward0":
        return codes
    codes[top] = "+ c"
    inner = _inputs(top)[0]
    if inner is None or type(inner).__name__ != "AddBackward0":
        return codes
    codes[inner] = f"a*{x}² + b*{x}"
    square, linear = _inputs(inner)
    if square is not None and type(square).__name__ == "MulBackward0":
        codes[square] = f"a*{x}²"
        pow_ = next((n for n in _inputs(square) if n is not None and type(n).__name__ == "PowBackward0"), None)
        if pow_ is not None:
            codes[pow_] = f"{x}² = torch.pow({x}, 2)"
    if linear is not None and type(linear).__name__ == "MulBackward0":
        codes[linear] = f"b*{x}"
    return codes


def node_codes(pairs) -> dict[object, str]:
    """codes for trace() from (tensor, code) pairs: each tensor's grad_fn is labelled with its code."""
    return {t.grad_fn: code for t, code in pairs if t.grad_fn is not None}
