"""The usual slip behind a parser error, and a corrected text to try: `2x` -> `2*x`, `e^x` -> `exp(x)`,
`sin x` -> `sin(x)`, `(x+1` -> `(x+1)`. Pure: the text is only re-read, never run; the words are in the locales
(expr.hint_<code>)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from autograd_core.expression.parse import FUNCTIONS, parse, tokenize
from autograd_core.expression.tree import VARIABLES, ExpressionError

MAX_REPAIRS = 10  # at most this many slips are repaired in one suggestion
# characters students paste from maths texts, and what the lab writes instead
LOOKALIKES = {"×": "*", "·": "*", "⋅": "*", "÷": "/", "−": "-", "–": "-", "²": "^2", "³": "^3", "（": "(", "）": ")"}
ALIASES = {"ln": "log", "sen": "sin", "tg": "tan", "pi": "3.141592653589793"}


@dataclass(frozen=True)
class Hint:
    code: str  # a key under expr.hint_ in the locales
    fix: str = ""  # the text with this slip (and the next few) repaired; "" when there is nothing sure to offer
    name: str = ""  # the name or character the hint is about


def _error(text: str) -> ExpressionError | None:
    try:
        parse(text)
    except ExpressionError as err:
        return err
    return None


def _prev_token(text: str, pos: int):
    """The token that ends before `pos` (None when there is none or the text does not tokenize)."""
    try:
        tokens = tokenize(text)
    except ExpressionError:
        return None
    before = [tok for tok in tokens if tok.kind != "end" and tok.pos < pos]
    return before[-1] if before else None


def _value_ends(tok) -> bool:
    """Whether a value ends with this token: a number, a variable or a closing bracket."""
    if tok is None:
        return False
    return tok.kind == "num" or (tok.kind == "name" and tok.text in VARIABLES) or (tok.kind == "op" and tok.text == ")")


def _exp_fix(text: str, pos: int) -> str:
    """e^x, e^(x+1) or e**2x at `pos` written as exp(...)."""
    m = re.match(r"e\s*(\^|\*\*)\s*(\([^()]*\)|-?[A-Za-z0-9_.]+)", text[pos:])
    if not m:
        return text[:pos] + "exp" + text[pos + 1 :]
    arg = m.group(2)
    arg = arg[1:-1] if arg.startswith("(") else arg
    return f"{text[:pos]}exp({arg}){text[pos + m.end() :]}"


def _step(text: str, err: ExpressionError) -> Hint:
    """The hint for one error, with the text repaired at that one place where the repair is clear."""
    pos, code, detail = err.pos, err.code, err.detail
    if code == "bad_char":
        if detail in LOOKALIKES:
            return Hint("lookalike", text[:pos] + LOOKALIKES[detail] + text[pos + 1 :], detail)
        return Hint("bad_char", "", detail)
    if code == "unknown_name":
        if detail == "e":
            return Hint("e_power", _exp_fix(text, pos), detail)
        for fn in FUNCTIONS:  # sinx, sin2x: a function name glued to its argument
            if detail.startswith(fn) and len(detail) > len(fn):
                rest = detail[len(fn) :]
                return Hint("glued_call", f"{text[:pos]}{fn}({rest}){text[pos + len(detail) :]}", fn)
        if detail[:1] in "x" and set(detail) <= {"x"}:  # xx: x*x
            return Hint("implicit_mul", text[:pos] + "*".join(detail) + text[pos + len(detail) :], detail)
        alias = ALIASES.get(detail)
        close = difflib.get_close_matches(detail.lower(), [*FUNCTIONS, *VARIABLES], n=1, cutoff=0.6)
        better = alias or (close[0] if close else "")
        if better:
            return Hint("unknown_like", text[:pos] + better + text[pos + len(detail) :], better)
        return Hint("unknown_name", "", detail)
    if code == "expected" and detail == "(":  # a function without brackets: sin x
        m = re.match(r"\s*(-?[A-Za-z0-9_.]+|\([^()]*\))", text[pos:])
        fn = _prev_token(text, pos)
        name = fn.text if fn is not None else ""
        if m and not m.group(1).startswith("("):
            return Hint("call_brackets", f"{text[:pos].rstrip()}({m.group(1)}){text[pos + m.end() :]}", name)
        return Hint("call_brackets", "", name)
    if code == "expected" and detail == ")":
        if text.count("(") > text.count(")"):
            return Hint("missing_close", text.rstrip() + ")" * (text.count("(") - text.count(")")))
        return Hint("missing_close", "")
    if code == "unexpected":
        prev = _prev_token(text, pos)
        if detail == ")":
            if prev is not None and prev.kind == "op" and prev.text == "(":
                return Hint("empty_brackets", "")
            if text.count(")") > text.count("("):
                return Hint("extra_close", text[:pos] + text[pos + 1 :])
            return Hint("unexpected", "")
        if detail == "^" or (prev is not None and prev.kind == "op" and prev.text == "^"):
            return Hint("power", "")
        if _value_ends(prev) and (detail == "(" or detail[:1].isalnum() or detail[:1] == "."):
            return Hint("implicit_mul", text[:pos] + "*" + text[pos:], detail)
        if prev is not None and prev.kind == "op" and prev.text in "+-*/" and detail in "*/":
            return Hint("double_op", "", prev.text + detail)
        if detail == ",":
            return Hint("comma", "")
        return Hint("unexpected", "")
    if code == "unexpected_end":
        prev = _prev_token(text, pos)
        if prev is not None and prev.kind == "op" and prev.text == "(":
            return Hint("missing_close", "")
        name = "" if prev is None else "**" if text.startswith("**", prev.pos) else prev.text
        return Hint("dangling", "", name)
    return Hint(code, "")


def hint(text: str, err: ExpressionError | None = None) -> Hint | None:
    """The usual slip behind `text`'s parser error (None when it parses); `fix` repairs up to MAX_REPAIRS slips
    and is kept only when the repaired text parses."""
    err = err or _error(text)
    if err is None or not isinstance(text, str):
        return None
    first = _step(text, err)
    fixed, current = first.fix, err
    for _ in range(MAX_REPAIRS):
        if not fixed:
            break
        current = _error(fixed)
        if current is None:
            break
        fixed = _step(fixed, current).fix
    ok = bool(fixed) and current is None and "`" not in fixed and fixed.isprintable()
    return Hint(first.code, fixed if ok else "", first.name)
