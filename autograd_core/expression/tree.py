"""A student's f as a tree: the node types, the error type, and the tree back to canonical text."""

from __future__ import annotations

from dataclasses import dataclass

VARIABLES = ("x", "x1", "x2")


class ExpressionError(ValueError):
    """The text is not an expression this lab accepts; `code` is a locale key, `pos` a 0-based index."""

    def __init__(self, code: str, pos: int, detail: str = "") -> None:
        self.code, self.pos, self.detail = code, pos, detail
        super().__init__(f"{code} at position {pos + 1}" + (f": {detail}" if detail else ""))


# ---- the tree ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Var:
    name: str


@dataclass(frozen=True)
class Neg:
    arg: Node


@dataclass(frozen=True)
class Bin:
    op: str  # one of + - * / ^
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    fn: str  # one of FUNCTIONS
    arg: Node


Node = Num | Var | Neg | Bin | Call


def variables(node: Node) -> tuple[str, ...]:
    """The variables the tree uses, in the order of VARIABLES."""
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Var):
            found.add(n.name)
        elif isinstance(n, Neg | Call):
            stack.append(n.arg)
        elif isinstance(n, Bin):
            stack += [n.left, n.right]
    return tuple(v for v in VARIABLES if v in found)


PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}


def to_text(node: Node, parent: int = 0, power_base: bool = False) -> str:
    """Canonical text (with ** for powers) that parses back to the same tree."""
    if isinstance(node, Num):
        return number(node.value)
    if isinstance(node, Var):
        return node.name
    if isinstance(node, Call):
        return f"{node.fn}({to_text(node.arg)})"
    if isinstance(node, Neg):
        inner = f"-{to_text(node.arg, 3)}"
        return f"({inner})" if parent >= 3 or power_base else inner
    prec = PRECEDENCE[node.op]
    if node.op == "^":
        text = f"{to_text(node.left, 5, True)}**{to_text(node.right, 3)}"
        return f"({text})" if parent >= 5 else text
    text = f"{to_text(node.left, prec)} {node.op} {to_text(node.right, prec + 1)}"
    return f"({text})" if parent > prec else text


def number(v: float) -> str:
    """A literal that reads back to v: 2 rather than 2.0, 0.1, 1e-07."""
    v = float(v)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
