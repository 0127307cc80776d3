"""The usual slip behind each parser error, and the repaired text the lab offers."""

import pytest

from autograd_core.expression import ExpressionError, parse
from autograd_core.expression.hints import hint
from ui.i18n import lookup

CASES = [
    ("2x", "implicit_mul", "2*x"),
    ("x(x+1)", "implicit_mul", "x*(x+1)"),
    ("2sin(x)", "implicit_mul", "2*sin(x)"),
    ("(x+1)(x-1)", "implicit_mul", "(x+1)*(x-1)"),
    ("3x^2 + 2x", "implicit_mul", "3*x^2 + 2*x"),
    ("e^x", "e_power", "exp(x)"),
    ("e**x", "e_power", "exp(x)"),
    ("e^(2*x)", "e_power", "exp(2*x)"),
    ("2e^x", "implicit_mul", "2*exp(x)"),
    ("sin x", "call_brackets", "sin(x)"),
    ("sqrt x", "call_brackets", "sqrt(x)"),
    ("sinx", "glued_call", "sin(x)"),
    ("(x+1", "missing_close", "(x+1)"),
    ("sin((x)", "missing_close", "sin((x))"),
    ("x+1)", "extra_close", "x+1"),
    ("ln(x)", "unknown_like", "log(x)"),
    ("X^2", "unknown_like", "x^2"),
    ("x²", "lookalike", "x^2"),
    ("2×x", "lookalike", "2*x"),
    ("sin()", "empty_brackets", ""),
    ("x+", "dangling", ""),
    ("x^^2", "power", ""),
    ("foo(x)", "unknown_name", ""),
    ("x,2", "comma", ""),
]


@pytest.mark.parametrize(("text", "code", "fix"), CASES)
def test_hint_names_the_slip_and_repairs_it(text, code, fix):
    h = hint(text)
    assert h is not None and h.code == code
    assert h.fix == fix
    if fix:
        parse(fix)  # the offered text is one the lab accepts


def test_text_that_parses_has_no_hint():
    assert hint("x**2 + 2*x") is None
    assert hint("x^2") is None  # ** and ^ both mean a power


def test_dangling_power_names_what_was_typed():
    assert hint("x**").name == "**"


@pytest.mark.parametrize("text", ["2x", "e^x", "sin x", "(x+1", "x+1)", "y", "", "x" * 300, "((((x", "1e999", "x^5000"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_error_has_a_hint_text_in_both_languages(text, lang):
    try:
        parse(text)
    except ExpressionError as err:
        h = hint(text, err)
        assert h is not None
        assert lookup(lang, f"expr.hint_{h.code}").format(name=h.name)
    else:
        pytest.fail("expected an error")


def test_every_parser_error_code_has_a_hint_key():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "autograd_core" / "expression"
    codes = set()
    for path in root.glob("*.py"):
        codes |= set(re.findall(r'ExpressionError\("([a-z_]+)"', path.read_text()))
    assert codes
    for code in codes:
        for lang in ("en", "zh"):
            assert lookup(lang, f"expr.hint_{code}")


def test_the_syntax_help_shows_operators_as_code():
    for lang in ("en", "zh"):
        for key in ("expr.allowed", "expr.input_help"):
            text = lookup(lang, key)
            assert "`*`" in text or "`+ - * /`" in text
            assert "`2*x`" in text and "`exp(x)`" in text


# ---- corners: the checks say 'not applicable' rather than failing ---------------------------------


@pytest.mark.parametrize("text", ["abs(x)", "relu(x)", "abs(x) + x^2"])
def test_checks_at_a_corner_are_marked_not_applicable(text):
    from autograd_core import trace
    from autograd_core.expression import analyze_expression

    rows = analyze_expression(text, 0.0).checks()
    assert rows and all(c.not_applicable == "corner" for c in rows)
    steps = [c for c in trace.expression(text, (("x", 0.0),)).checks if c.method == "finite_difference"]
    assert steps and all(c.not_applicable == "corner" for c in steps)
    assert all(not c.not_applicable for c in analyze_expression(text, 0.5).checks())


def test_two_input_checks_at_a_corner_are_marked_not_applicable():
    from autograd_core.expression import partials_expression

    assert all(c.not_applicable == "corner" for c in partials_expression("relu(x1)*x2", 0.0, 1.0).checks())
    assert not any(c.not_applicable for c in partials_expression("x1*x2", 0.0, 1.0).checks())
