"""A student's f(x) as text: an allow-list tokenizer and parser into a tree.

Nothing here evaluates Python: the text is read character by character, and every name is looked up in
FUNCTIONS or VARIABLES.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from autograd_core.expression.evaluate import constant
from autograd_core.expression.tree import VARIABLES, Bin, Call, ExpressionError, Neg, Node, Num, Var

MAX_LENGTH = 200
MAX_DEPTH = 50  # nested parentheses, calls, signs and powers
MAX_NUMBER_CHARS = 20
MAX_EXPONENT = 1000.0  # a constant exponent beyond this is refused
MAX_CONSTANT = 1e300  # a power of two constants must stay below this

FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu")
_DIGITS = "0123456789"
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SPACE = " \t"
_SINGLE = "+-*/^(),"


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
