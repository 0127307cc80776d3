"""A student's own f: parse the text (allow-list, nothing executed), evaluate it with torch, differentiate it exactly
with sympy, and the lab that puts autograd beside both."""

from autograd_core.expression.evaluate import to_torch
from autograd_core.expression.lab import (
    EXAMPLES,
    ExpressionLab,
    Partials,
    analyze_expression,
    minimize_expression,
    mode,
    parse_pair,
    parse_single,
    partials_expression,
)
from autograd_core.expression.parse import FUNCTIONS, MAX_LENGTH, parse, tokenize
from autograd_core.expression.tree import VARIABLES, Bin, Call, ExpressionError, Neg, Node, Num, Var, to_text, variables

__all__ = [
    "EXAMPLES",
    "FUNCTIONS",
    "MAX_LENGTH",
    "VARIABLES",
    "Bin",
    "Call",
    "ExpressionError",
    "ExpressionLab",
    "Neg",
    "Node",
    "Num",
    "Partials",
    "Var",
    "analyze_expression",
    "minimize_expression",
    "mode",
    "parse",
    "parse_pair",
    "parse_single",
    "partials_expression",
    "to_text",
    "to_torch",
    "tokenize",
    "variables",
]
