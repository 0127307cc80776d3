"""The Jacobian page (1.4) and the gradient-check lab in AppTest: every shape, both languages, the messages."""

from __future__ import annotations

import pytest

from autograd_core import jacobian as core
from tests.app.conftest import codes, open_page
from ui.i18n import lookup
from ui.pages import LESSON
from ui.params import fmt

PAGE = "pages/backward/jacobian.py"
LAB = "pages/labs/gradcheck.py"


def svg_charts(at) -> list[str]:
    """The SVG charts on the page (charts/svg.py, drawn by render.svg as Markdown)."""
    return [m.value for m in at.markdown if m.value.startswith('<div data-testid="svgFigure"')]


def table(m: int, n: int) -> tuple:
    return tuple(tuple(float((i + 2 * j) % 5 - 2) for j in range(n)) for i in range(m))


def column(k: int, start: float = 1.0) -> tuple:
    return tuple((start + i,) for i in range(k))


def reveal(at, both: bool = True):
    """Show me, for the shape of x.grad (J appears) and then for x.grad[0] (vᵀJ appears)."""
    at.button(key="jacobian_quiz_reveal").click().run()
    if both:
        at.button(key="jacobian_quiz_entry_quiz_reveal").click().run()
    return at


def errors(at) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("m", [1, 2, 3, 4])
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_every_shape_renders_in_both_languages(m, n, lang):
    w, x, v = table(m, n), column(n, -1.0), column(m)
    act = core.ACTIVATIONS[(m + n) % len(core.ACTIVATIONS)]
    at = open_page(PAGE, lang=lang, wmat=fmt(w), xvec=fmt(x), vvec=fmt(v), act=act)
    assert not at.exception and not errors(at) and not at.warning
    assert not at.get("plotly_chart"), "J is held back until the student predicts"
    expected = core.jacobian_lab(w, x, v, act)
    reveal(at, both=False)
    assert not at.exception and not errors(at)
    assert len(at.get("plotly_chart")) == 1, "J alone"
    assert expected.text("rows") in codes(at) and expected.text("cols") in codes(at)
    assert not any(c.startswith("import torch") for c in codes(at)), "x.grad waits for the second question"
    at.button(key="jacobian_quiz_entry_quiz_reveal").click().run()
    assert not at.exception and not errors(at)
    assert len(at.get("plotly_chart")) == 1, "J with v and vᵀJ"
    assert expected.text("x.grad") in codes(at), "x.grad, shaped like x"


def test_wrong_shaped_v_shows_pytorchs_message_explained():
    at = open_page(PAGE, vvec="1;1;1")  # x's shape (3) instead of y's (2)
    assert not at.exception
    assert errors(at) == [lookup("en", "jacobian.wrong_v").format(k=3, m=2)]
    refusal = [c for c in codes(at) if c.startswith("RuntimeError: Mismatch in shape")]
    assert refusal and "torch.Size([3])" in refusal[0] and "torch.Size([2])" in refusal[0]
    reveal(at, both=False)  # no second question: x.grad does not exist for this v
    assert not at.exception and len(at.get("plotly_chart")) == 1  # J alone, without x.grad
    assert not [b for b in at.button if b.key == "jacobian_quiz_entry_quiz_reveal"]


def test_x_not_matching_w_shows_the_matmul_error():
    at = open_page(PAGE, xvec="1;2")  # W is 2x3
    assert not at.exception
    assert errors(at) == [lookup("en", "jacobian.x_mismatch").format(n=3, k=2)]
    assert any(c.startswith("RuntimeError:") for c in codes(at))


def test_one_hot_v_picks_a_row_of_j():
    at = open_page(PAGE)
    at.button(key="jacobian_onehot_1").click().run()
    assert at.query_params["vvec"] == "0;1"
    reveal(at)
    assert "tensor([ 0., -1.,  1.])" in codes(at)  # row 1 of J = W


def test_the_x_shaped_v_button_shows_the_refusal():
    at = open_page(PAGE)
    at.button(key="jacobian_xshaped").click().run()
    assert at.query_params["vvec"] == "1;1;1"
    assert errors(at) and any(c.startswith("RuntimeError: Mismatch in shape") for c in codes(at))


def test_changing_ws_shape_carries_over_to_x_and_v():
    at = open_page(PAGE)
    at.number_input(key="jacobian_wmat_cols").set_value(2).run()
    at.number_input(key="jacobian_wmat_rows").set_value(4).run()
    assert not at.exception and not errors(at)
    assert at.query_params["wmat"] == "1,2;0,-1;0,0;0,0"
    assert at.query_params["xvec"] == "1;0" and at.query_params["vvec"] == "2;1;1;1"
    reveal(at)
    assert "tensor([2., 3.])" in codes(at)


def test_two_right_predictions_open_j_then_x_grad():
    at = open_page(PAGE)
    at.number_input(key="jacobian_quiz_guess").set_value(3).run()  # x.grad has x's 3 entries
    at.button(key="jacobian_quiz_check").click().run()
    assert len(at.success) == 1 and len(at.get("plotly_chart")) == 1
    at.number_input(key="jacobian_quiz_entry_quiz_guess").set_value(1).run()
    at.button(key="jacobian_quiz_entry_quiz_check").click().run()
    assert at.warning, "x.grad[0] = 2·1 + 1·0 = 2, not 1"
    at.number_input(key="jacobian_quiz_entry_quiz_guess").set_value(2).run()
    at.button(key="jacobian_quiz_entry_quiz_check").click().run()
    assert len(at.success) >= 2 and "tensor([2., 3., 1.])" in codes(at)
    progress = lookup("en", "quiz.progress").format(k=1, n=len(LESSON))
    assert progress in [c.value for c in at.sidebar.caption], "the second question is not a second section"


# ---- the gradient-check lab ----


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lab_renders_and_the_default_passes(lang):
    at = open_page(LAB, lang=lang)
    assert not at.exception and not at.warning and not errors(at)
    assert len(svg_charts(at)) == 1
    assert [s.value for s in at.success] == [
        lookup(lang, "gradcheck.gradcheck_ok"),
        lookup(lang, "gradcheck.gradgradcheck_ok"),
    ]


def test_lab_explains_a_kink_and_shows_gradchecks_report():
    at = open_page(LAB, f="relu(x)", xc="0")
    assert not at.exception and not errors(at)
    assert lookup("en", "gradcheck.kink_relu") in [i.value for i in at.info]  # neutral, not red
    assert lookup("en", "gradcheck.gradcheck_bad") in [w.value for w in at.warning]
    assert any("Jacobian mismatch" in c for c in codes(at))


def test_lab_takes_one_variable_and_reports_unreadable_text():
    at = open_page(LAB, f="x1*x2")
    assert lookup("en", "gradcheck.one_variable").format(names="x1, x2") in [i.value for i in at.info]
    at.text_input(key="gradcheck_f").set_value("sin(").run()
    assert not at.exception
    assert errors(at) == [lookup("en", "gradcheck.bad_f").format(pos=5)]
    assert at.query_params["f"] == "x1*x2", "the URL keeps the last good f"


def test_lab_shares_f_with_the_expression_lab_and_moves_h():
    at = open_page(LAB)
    at.text_input(key="gradcheck_f").set_value("exp(x)").run()
    at.select_slider(key="gradcheck_h").set_value("1e-9").run()
    assert at.query_params["h"] == "1e-9" and at.query_params["f"] == "exp(x)"
    assert any("h = 1e-09" in m.value for m in at.markdown)
    at.switch_page("pages/labs/expression.py").run()
    assert at.text_input(key="expr_f").value == "exp(x)"


@pytest.mark.parametrize("f, xc", [
    ("log(x)", "-1"), ("1/x", "0"), ("sqrt(x)", "-1"), ("x^1000", "2"), ("exp(exp(exp(x)))", "5"), ("2", "0"),
    ("abs(x - 0.3)", "0.3"), ("sqrt(x)", "0"), ("x^0.5", "0"), ("tan(x)", "1.5"),
])  # fmt: skip
def test_lab_survives_hard_functions(f, xc):
    at = open_page(LAB, f=f, xc=xc)
    assert not at.exception and not errors(at), [e.value for e in at.exception]
    assert len(svg_charts(at)) == 1
