"""Walk a tensor's real autograd graph (grad_fn -> next_functions) into nodes and edges."""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Node:
    id: str
    name: str  # PyTorch's own class name: AddBackward0, MulBackward0, AccumulateGrad, ...
    kind: str  # "output", "op" or "leaf"
    detail: str = ""  # for leaves: value and .grad; for the output: its value


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


def trace(output: torch.Tensor, names: dict[int, str] | None = None, output_name: str = "y") -> Graph:
    """The graph that backward() would walk from `output`; `names` maps id(leaf tensor) to a label."""
    names = names or {}
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
            nodes.append(Node(nid, kind_name, "op"))
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


def to_dot(graph: Graph) -> str:
    """Graphviz DOT source, drawn top (output) to bottom (leaves)."""
    lines = ["digraph autograd {", '  rankdir=TB; node [fontname="Helvetica", fontsize=11];']
    for n in graph.nodes:
        label = n.name if not n.detail else f"{n.name}\n{n.detail}"
        lines.append(f"  {n.id} [label={_quote(label)}, {_STYLE[n.kind]}];")
    lines += [f"  {a} -> {b};" for a, b in graph.edges]
    lines.append("}")
    return "\n".join(lines)
