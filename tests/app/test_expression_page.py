"""The expression lab renders, refuses bad text with a message, and takes f from the URL."""

from __future__ import annotations

from tests.app.conftest import codes, open_page

PAGE = "pages/labs/expression.py"


def _input(at):
    return next(w for w in at.text_input if w.key == "expr_f")


def test_default_expression_renders_with_agreeing_checks():
    at = open_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert _input(at).value == "x^3 - 3*x"
    assert not at.error
    # x = 0: f = 0, f' = -3, f'' = 0, printed exactly as the generated code prints them
    assert any("tensor(0., dtype=torch.float64)\ntensor(-3., dtype=torch.float64)" in c for c in codes(at)), codes(at)
    assert any("agrees" in s.value for s in at.success)


def test_url_opens_with_that_expression():
    at = open_page(PAGE, f="sin(x)*x^2", x="1.5")
    assert not at.exception
    assert _input(at).value == "sin(x)*x^2"
    assert not at.warning, [w.value for w in at.warning]
    assert any("y = torch.sin(x) * torch.pow(x, 2)" in c for c in codes(at)), codes(at)
    assert at.query_params["f"] == ["sin(x)*x^2"] or at.query_params["f"] == "sin(x)*x^2"


def test_bad_expression_in_url_falls_back_with_one_warning():
    landing = open_page(None, f="__import__('os').system('id')")  # the landing page lists refused values
    assert not landing.exception
    assert len(landing.warning) == 1
    assert "`f`" in landing.warning[0].value and "expression lab" in landing.warning[0].value
    at = open_page(PAGE, f="__import__('os').system('id')")
    assert not at.exception
    assert _input(at).value == "x^3 - 3*x"


def test_typed_bad_expression_shows_message_and_no_exception():
    at = open_page(PAGE)
    _input(at).input("sin(x) ** y").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "`y`" in at.error[0].value and "position 11" in at.error[0].value
    assert any(c.endswith("^") for c in codes(at))
    # the URL keeps the last accepted expression
    assert at.query_params["f"] in (["x^3 - 3*x"], "x^3 - 3*x")


def test_typing_an_expression_updates_the_derivative():
    at = open_page(PAGE)
    _input(at).input("x^2").run()
    assert not at.exception
    assert not at.error
    metric = next(m for m in at.metric if "f′" in m.label)
    assert metric.value == "0"  # 2x at x = 0
    at.query_params  # noqa: B018


def test_two_inputs_switch_to_partials():
    at = open_page(PAGE, f="x1*x2 + sin(x1)")
    assert not at.exception
    assert any("tensor(2.5403, dtype=torch.float64) tensor(1., dtype=torch.float64)" in c for c in codes(at)), codes(at)


def test_undefined_point_is_explained():
    at = open_page(PAGE, f="log(x)", x="-1")
    assert not at.exception
    assert any("not defined at x = -1" in w.value for w in at.warning)
    assert any("log needs a positive number" in i.value for i in at.info)


def test_minimize_button_runs_the_optimizer():
    at = open_page(PAGE, f="x^2 - 2*x + 1", lr="0.1", fsteps="200", fopt="adam")
    at.button(key="expr_minimize").click().run()
    assert not at.exception, [e.value for e in at.exception]
    final = next(m for m in at.metric if m.label == "Final x")
    assert abs(float(final.value) - 1) < 1e-3


def test_the_sidebars_x_is_marked_unused_while_f_has_two_inputs():
    at = open_page("pages/labs/expression.py", f="x1*x2 + sin(x1)")
    assert at.slider(key="sidebar_x").disabled
    at.text_input(key="expr_f").set_value("sin(x)").run()
    assert not at.slider(key="sidebar_x").disabled  # the same run: no lag behind the text box
