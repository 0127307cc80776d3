"""2.3 The backward stepper: held back until predicted; Next to the end and back, in every mode and language."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page
from ui.i18n import lookup

PAGE = "pages/grad/backward_steps.py"
K = "stepper_stepper"
STEPS = {"backward": 6, "forward": 6, "tangent": 5}  # the lesson's f: x, u, v, w, s, y


def types(at) -> set[str]:
    """Element types drawn in the main area."""
    found, stack = set(), [at.main]
    while stack:
        node = stack.pop()
        found.add(getattr(node, "type", None))
        stack += list(getattr(node, "children", {}).values())
    return found


def reveal(at) -> None:
    """Show me, for both of the page's questions."""
    at.button(key="stepper_quiz_reveal").click().run()
    at.button(key="stepper_quiz2_reveal").click().run()


def marked_lines(at) -> list[str]:
    return [line for c in at.code for line in c.value.splitlines() if line.startswith("▶")]


def step_of(at, mode: str) -> int:
    return at.session_state[f"{K}_pos_{mode}_0"]


def test_nothing_is_given_away_before_the_prediction():
    at = open_page(PAGE)
    assert not at.exception
    assert "graphviz_chart" not in types(at) and not at.main.latex
    assert any("held back" in i.value or "predict" in i.value.lower() for i in at.info)
    at.number_input(key="stepper_quiz_guess").set_value(6.0).run()
    at.button(key="stepper_quiz_check").click().run()
    assert at.success and "6" in at.success[0].value
    assert "graphviz_chart" not in types(at)  # the second question is still open
    at.radio(key="stepper_quiz2_guess").set_value("last").run()
    at.button(key="stepper_quiz2_check").click().run()
    assert "Nothing is overwritten" in " ".join(w.value for w in at.warning)
    assert "graphviz_chart" not in types(at)
    at.radio(key="stepper_quiz2_guess").set_value("sum").run()
    at.button(key="stepper_quiz2_check").click().run()
    assert "Their sum" in " ".join(s.value for s in at.success)
    assert "graphviz_chart" in types(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("mode", list(STEPS))
def test_next_to_the_end_and_previous_back_to_the_start(lang, mode):
    at = open_page(PAGE, lang=lang, x="1.5")
    reveal(at)
    at.button_group(key=f"{K}_mode").set_value(mode).run()
    assert at.button_group(key=f"{K}_mode").value == mode
    assert not at.exception
    n = STEPS[mode]
    lines = []
    for k in range(1, n + 1):
        at.button(key=f"{K}_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert step_of(at, mode) == k
        assert at.slider(key=f"{K}_pos_{mode}_0_slider").value == k
        assert len(marked_lines(at)) == 1
        lines.append(marked_lines(at)[0])
    assert at.button(key=f"{K}_next").disabled  # the end
    assert at.success  # ends with x.grad (or dy/dx) and says it matches
    if mode == "backward":
        assert any("`x.grad` = 1" in s.value for s in at.success)  # 2*1.5 - 2
    for k in range(n - 1, -1, -1):
        at.button(key=f"{K}_prev").click().run()
        assert not at.exception
        assert step_of(at, mode) == k
    assert at.button(key=f"{K}_prev").disabled
    assert len(set(lines)) >= 5  # the marked line moves with the steps


def test_last_backward_step_says_x_grad_equals_backward():
    at = open_page(PAGE, a="2", b="1", x="1.5")  # x.grad = 2*2*1.5 + 1 = 7
    reveal(at)
    at.slider(key=f"{K}_pos_backward_0_slider").set_value(6).run()
    assert step_of(at, "backward") == 6
    assert any("`x.grad` = 7" in s.value and "(7)" in s.value for s in at.success)
    assert at.latex  # the chain rule with numbers


def test_start_and_play_do_not_break_the_page():
    at = open_page(PAGE)
    reveal(at)
    at.button(key=f"{K}_next").click().run()
    at.button(key=f"{K}_next").click().run()
    at.button(key=f"{K}_first").click().run()
    assert step_of(at, "backward") == 0
    at.button(key=f"{K}_play").click().run()
    assert not at.exception
    assert at.session_state[f"{K}_playing"] is True
    at.button(key=f"{K}_play").click().run()  # pause
    assert at.session_state[f"{K}_playing"] is False


@pytest.mark.parametrize("a, b, c, x", [("-5", "-5", "-5", "-5"), ("5", "5", "5", "5"), ("0", "0", "0", "0")])
def test_extremes_render(a, b, c, x):
    at = open_page(PAGE, a=a, b=b, c=c, x=x)
    reveal(at)
    at.slider(key=f"{K}_pos_backward_0_slider").set_value(6).run()
    assert not at.exception and not at.error


def _lab_script():
    """How the expression lab can use the stepper: a trace of a parsed expression, any key prefix."""
    from autograd_core import trace
    from ui import stepper

    stepper.show(trace.expression("x1*x2 + sin(x1)", (("x1", 0.3), ("x2", -1.2))), "expr")


def test_the_stepper_works_for_an_expression_with_two_inputs():
    at = AppTest.from_function(_lab_script, default_timeout=60).run()
    assert not at.exception
    key = "expr_stepper"
    at.button_group(key=f"{key}_mode").set_value("tangent").run()
    at.radio(key=f"{key}_seed").set_value(1).run()  # the tangent of x2
    for _ in range(3):
        at.button(key=f"{key}_next").click().run()
        assert not at.exception
    assert at.button(key=f"{key}_next").disabled
    assert any("dy/dx2 = 0.3" in s.value for s in at.success)
    at.button_group(key=f"{key}_mode").set_value("backward").run()
    for _ in range(5):  # y, sin, x1*x2, then x1's and x2's AccumulateGrad
        at.button(key=f"{key}_next").click().run()
        assert not at.exception
    assert len(at.success) == 2  # x1.grad and x2.grad, each equal to y.backward()'s


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("f", ["sin(x)*x^2", "x1*x2 + sin(x1)", "3 + 4"])
def test_the_expression_lab_steps_through_its_own_f(lang, f):
    at = open_page("pages/labs/expression.py", lang=lang, f=f, x="1")
    at.toggle(key="expr_stepper_on").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    if f == "3 + 4":  # no variable, no graph: said, not stepped
        assert any(lookup(lang, "expr.stepper_none") == i.value for i in at.info)
        return
    while not at.button(key="expr_stepper_next").disabled:
        at.button(key="expr_stepper_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
    assert at.success, "the last step agrees with y.backward()"
