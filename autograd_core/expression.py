"""A student's f(x) as text: an allow-list tokenizer and parser into a tree, then torch, sympy or code.

Nothing here evaluates Python: the text is read character by character, every name is looked up in
FUNCTIONS or VARIABLES, and the tree is turned into torch or sympy calls by a fixed table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

MAX_LENGTH = 200
MAX_DEPTH = 50  # nested parentheses, calls, signs and powers
MAX_NUMBER_CHARS = 20
MAX_EXPONENT = 1000.0  # a constant exponent beyond this is refused
MAX_CONSTANT = 1e300  # a power of two constants must stay below this

FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu")
VARIABLES = ("x", "x1", "x2")
_DIGITS = "0123456789"
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SPACE = " \t"
_SINGLE = "+-*/^(),"


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


def constant(node: Node) -> float | None:
    """The float value of a tree without variables (inf on overflow), None when it uses a variable."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Var):
        return None
    if isinstance(node, Neg):
        v = constant(node.arg)
        return None if v is None else -v
    if isinstance(node, Call):
        v = constant(node.arg)
        return None if v is None else float(_apply(node.fn, torch.tensor(v, dtype=torch.float64)))
    a, b = constant(node.left), constant(node.right)
    if a is None or b is None:
        return None
    return float(_binary(node.op, torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)))


# ---- tokenizer and parser ---------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "name", "op", "end"
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    """Tokens of `text`, or ExpressionError at the first character that is not allowed."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _SPACE:
            i += 1
        elif ch in _DIGITS or (ch == "." and i + 1 < n and text[i + 1] in _DIGITS):
            j = i
            while j < n and text[j] in _DIGITS:
                j += 1
            if j < n and text[j] == ".":
                j += 1
                while j < n and text[j] in _DIGITS:
                    j += 1
            if j < n and text[j] in "eE" and j + 1 < n:
                k = j + 1 + (text[j + 1] in "+-")
                if k < n and text[k] in _DIGITS:
                    j = k
                    while j < n and text[j] in _DIGITS:
                        j += 1
            if j - i > MAX_NUMBER_CHARS:
                raise ExpressionError("long_number", i, text[i:j])
            tokens.append(Token("num", text[i:j], i))
            i = j
        elif ch in _LETTERS:
            j = i
            while j < n and (text[j] in _LETTERS or text[j] in _DIGITS or text[j] == "_"):
                j += 1
            tokens.append(Token("name", text[i:j], i))
            i = j
        elif text.startswith("**", i):
            tokens.append(Token("op", "^", i))
            i += 2
        elif ch in _SINGLE:
            tokens.append(Token("op", ch, i))
            i += 1
        else:
            raise ExpressionError("bad_char", i, ch)
    tokens.append(Token("end", "", n))
    return tokens


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.peek()
        if tok.kind != "op" or tok.text != text:
            raise ExpressionError("expected", tok.pos, text)
        self.i += 1

    def expr(self) -> Node:
        node = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take().text
            node = Bin(op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            op = self.take().text
            node = Bin(op, node, self.unary())
        return node

    def unary(self) -> Node:
        tok = self.peek()
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("too_deep", tok.pos, str(MAX_DEPTH))
        if tok.kind == "op" and tok.text in "+-":
            self.take()
            arg = self.unary()
            node = Neg(arg) if tok.text == "-" else arg
        else:
            node = self.power()
        self.depth -= 1
        return node

    def power(self) -> Node:
        base = self.atom()
        tok = self.peek()
        if tok.kind == "op" and tok.text == "^":
            self.take()
            exponent = self.unary()  # right-associative: 2^3^2 = 2^(3^2); 2^-x allowed
            return _checked_power(base, exponent, tok.pos)
        return base

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            value = float(tok.text)
            if not math.isfinite(value):
                raise ExpressionError("long_number", tok.pos, tok.text)
            return Num(value)
        if tok.kind == "name":
            if tok.text in VARIABLES:
                return Var(tok.text)
            if tok.text in FUNCTIONS:
                self.expect("(")
                arg = self.expr()
                self.expect(")")
                return Call(tok.text, arg)
            raise ExpressionError("unknown_name", tok.pos, tok.text)
        if tok.kind == "op" and tok.text == "(":
            node = self.expr()
            self.expect(")")
            return node
        if tok.kind == "end":
            raise ExpressionError("unexpected_end", tok.pos)
        raise ExpressionError("unexpected", tok.pos, tok.text)


def _checked_power(base: Node, exponent: Node, pos: int) -> Node:
    """Refuse a constant exponent beyond MAX_EXPONENT and a power of constants beyond MAX_CONSTANT."""
    e = constant(exponent)
    if e is not None and not abs(e) <= MAX_EXPONENT:
        raise ExpressionError("big_exponent", pos, f"{MAX_EXPONENT:g}")
    b = constant(base)
    if b is not None and e is not None:
        if not math.isfinite(b):
            raise ExpressionError("big_number", pos, f"{MAX_CONSTANT:g}")
        try:
            value = math.pow(abs(b), e)
        except OverflowError:
            value = math.inf
        except (ValueError, ZeroDivisionError):  # 0 to a negative power: undefined, shown as such
            value = 0.0
        if not value <= MAX_CONSTANT:
            raise ExpressionError("big_number", pos, f"{MAX_CONSTANT:g}")
    return Bin("^", base, exponent)


def parse(text: str) -> Node:
    """The tree of `text`, or ExpressionError (a ValueError) saying what and where."""
    if not isinstance(text, str):
        raise ExpressionError("empty", 0)
    if len(text) > MAX_LENGTH:
        raise ExpressionError("too_long", MAX_LENGTH, str(MAX_LENGTH))
    tokens = tokenize(text)
    if tokens[0].kind == "end":
        raise ExpressionError("empty", 0)
    p = _Parser(tokens)
    node = p.expr()
    tok = p.peek()
    if tok.kind != "end":
        raise ExpressionError("unexpected", tok.pos, tok.text)
    return node


# ---- to text, torch, code ---------------------------------------------------------------------

_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}


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
    prec = _PREC[node.op]
    if node.op == "^":
        text = f"{to_text(node.left, 5, True)}**{to_text(node.right, 3)}"
        return f"({text})" if parent >= 5 else text
    text = f"{to_text(node.left, prec)} {node.op} {to_text(node.right, prec + 1)}"
    return f"({text})" if parent > prec else text


def _apply(fn: str, a: torch.Tensor) -> torch.Tensor:
    if fn == "sigmoid":
        return torch.sigmoid(a)
    if fn == "relu":
        return torch.relu(a)
    return getattr(torch, fn)(a)  # fn is one of FUNCTIONS, checked by the parser


def _binary(op: str, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    return torch.pow(a, b)


def to_torch(node: Node, env: dict[str, torch.Tensor]) -> torch.Tensor:
    """Evaluate the tree with torch operations on the tensors in `env` (recorded by autograd)."""
    if isinstance(node, Num):
        some = next(iter(env.values()))
        return torch.tensor(node.value, dtype=some.dtype, device=some.device)
    if isinstance(node, Var):
        if node.name not in env:
            raise ValueError(f"no value for {node.name}")
        return env[node.name]
    if isinstance(node, Neg):
        return -to_torch(node.arg, env)
    if isinstance(node, Call):
        return _apply(node.fn, to_torch(node.arg, env))
    return _binary(node.op, to_torch(node.left, env), to_torch(node.right, env))


_TORCH_NAME = {"sigmoid": "torch.sigmoid", "relu": "torch.relu"}


def _plain(n: Node) -> bool:
    """True when the code for `n` is a Python number rather than a tensor."""
    if isinstance(n, Num):
        return True
    if isinstance(n, Neg):
        return _plain(n.arg)
    if isinstance(n, Bin) and n.op != "^":
        return _plain(n.left) and _plain(n.right)
    return False


def to_code(node: Node) -> str:
    """Python source using torch functions; only numbers, variable names and FUNCTIONS appear."""

    def tensor(n: Node) -> str:
        text = go(n, 0)
        return f"torch.tensor({text}, dtype=torch.float64)" if _plain(n) else text

    def go(n: Node, parent: int) -> str:
        if isinstance(n, Num):
            return number(n.value)
        if isinstance(n, Var):
            return n.name
        if isinstance(n, Call):
            return f"{_TORCH_NAME.get(n.fn, 'torch.' + n.fn)}({tensor(n.arg)})"
        if isinstance(n, Neg):
            inner = f"-{go(n.arg, 3)}"
            return f"({inner})" if parent >= 3 else inner
        if n.op == "^":
            return f"torch.pow({tensor(n.left)}, {go(n.right, 0)})"
        prec = _PREC[n.op]
        left = go(n.left, prec)
        if n.op == "/" and _plain(n.left) and _plain(n.right):  # a tensor divides by 0.0 without raising
            left = f"torch.tensor({go(n.left, 0)}, dtype=torch.float64)"
        text = f"{left} {n.op} {go(n.right, prec + 1)}"
        return f"({text})" if parent > prec else text

    return go(node, 0)


def number(v: float) -> str:
    """A literal that reads back to v: 2 rather than 2.0, 0.1, 1e-07."""
    v = float(v)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
