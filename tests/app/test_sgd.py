"""The SGD page through AppTest: bad values, divergence and a <= 0 give a message, never an exception."""

from __future__ import annotations

import pytest

from tests.app.conftest import codes
from tests.app.conftest import open_page as _open_page

PAGE = "pages/optim/sgd.py"


def open_page(path=None, **query):
    """These tests look at results: the teacher's switch (reveal=1) shows them without a prediction."""
    return _open_page(path, **{"reveal": "1", **query})


def texts(at) -> str:
    return " ".join(str(e.value) for kind in (at.error, at.warning, at.info) for e in kind)


def test_defaults_show_the_lesson_and_its_lr_regime():
    at = open_page(PAGE)
    assert not at.exception
    assert at.button_group(key="sgd_view").value == "code"
    assert any("y= tensor(0.) ; x= tensor(1.0000)" in c for c in codes(at))
    shown = " ".join(m.value for m in at.markdown)
    assert "**lr = 0.01: monotone** (lr < 1/(2a) = 0.5)" in shown  # the regime, worked out from a = 1
    assert "1 − 2a·lr = 0.98" in shown
    assert len(at.get("plotly_chart")) == 1  # the animation; the other views are drawn only when chosen


# what each view below the animation adds: (charts in all, tables, download buttons, the lesson's code shown); the
# code view offers it as a notebook and a .py
VIEWS = {"code": (1, 0, 2, True), "closed": (2, 0, 0, False), "optimizers": (2, 1, 0, False),
         "sweep": (2, 0, 0, False), "data": (1, 0, 2, False)}  # fmt: skip


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_is_drawn_alone_from_the_url(view):
    at = open_page(PAGE, view=view)
    assert not at.exception
    assert at.button_group(key="sgd_view").value == view
    charts, tables, downloads, code = VIEWS[view]
    shown = (len(at.get("plotly_chart")), len(at.dataframe), len(at.get("download_button")))
    assert shown == (charts, tables, downloads)
    assert any("optimizer.step()" in c for c in codes(at)) is code


def test_choosing_a_view_draws_it_and_puts_it_in_the_url():
    at = open_page(PAGE)
    at.button_group(key="sgd_view").set_value("optimizers").run()
    assert not at.exception
    assert [len(df.value) for df in at.dataframe] == [6]  # one row per optimizer
    assert at.query_params["view"] == "optimizers"
    at.button_group(key="sgd_view").set_value("code").run()
    assert not at.dataframe and at.query_params["view"] == "code"


def test_divergence_is_explained():
    at = open_page(PAGE, a="1", lr="1.5")
    assert not at.exception
    assert at.error and "step 20" in at.error[0].value
    assert "**lr = 1.5: diverges** (lr > 1/a = 1)" in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("a", ["0", "-1"])
def test_no_minimum_gives_a_message(a):
    at = open_page(PAGE, a=a, lr="0.5", view="sweep")
    assert not at.exception
    assert "no minimum" in texts(at)
    assert "no x*" in texts(at)  # the sweep explains why it is not drawn


@pytest.mark.parametrize(
    "query", [{"lr": "3"}, {"lr": "abc"}, {"steps": "0"}, {"steps": "9999"}, {"momentum": "1"}, {"view": "<b>all</b>"}]
)
def test_bad_url_values_are_refused_with_a_message(query):
    at = open_page(None, **query)  # the notice is shown on the landing page
    assert at.warning and next(iter(query)) in at.warning[0].value
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any("y= tensor(0.) ; x= tensor(1.0000)" in c for c in codes(at))  # the refused value fell back


def test_edge_lr_says_x_jumps_for_ever():
    at = open_page(PAGE, a="1", lr="1")
    assert not at.exception
    assert "mirror image across x* forever" in " ".join(m.value for m in at.markdown)


def test_every_step_is_shown_as_a_table_on_demand():
    at = open_page(PAGE, view="data")
    assert not at.dataframe  # the steps are not redrawn on every rerun
    at.toggle(key="sgd_show_steps").set_value(True).run()
    assert [len(df.value) for df in at.dataframe] == [501]  # steps 0 … 500
    assert not at.exception


@pytest.mark.parametrize("view", list(VIEWS))
def test_momentum_and_a_large_lr_over_5000_steps_render_in_every_view(view):
    """Once a crash: the code view worked out plain SGD's closed form (1 - 2a·lr)^5000, which overflows."""
    at = open_page(PAGE, momentum="0.95", lr="1.5", steps="5000", view=view)
    assert not at.exception, [e.value for e in at.exception]


def test_a_run_that_runs_away_prints_what_the_code_prints():
    """The recorded path stops where x ran away; the output block is what the full loop shown prints (nan)."""
    at = open_page(PAGE, lr="1.5", steps="500")
    assert any(c == "y= tensor(nan) ; x= tensor(nan)" for c in codes(at)), codes(at)


@pytest.mark.parametrize(
    "lr, momentum, regime",
    [("0.5", "0", "one step"), ("0.8", "0", "zig-zag, converging"), ("1", "0", "on the edge"),
     ("1.5", "0", "diverges"), ("1.2", "0.5", "spirals in"), ("0.01", "0.5", "monotone"),
     ("1.5", "0.5", "on the edge"), ("2", "0.5", "diverges")],
)  # fmt: skip
def test_each_lr_regime_is_named_with_its_bounds(lr, momentum, regime):
    at = open_page(PAGE, lr=lr, momentum=momentum, steps="40")
    assert not at.exception
    assert f"**lr = {lr}: {regime}**" in " ".join(m.value for m in at.markdown)


def test_the_regime_in_chinese():
    at = open_page(PAGE, lr="0.5", lang="zh")
    assert "**lr = 0.5：一步到位**（lr = 1/(2a) = 0.5）。" in " ".join(m.value for m in at.markdown)


def test_with_momentum_the_reference_line_is_called_a_recurrence():
    """Heavy-ball SGD has no closed form: the animation's reference line is named for what it is."""
    import json

    plain = json.loads(open_page(PAGE).get("plotly_chart")[0].proto.spec)
    heavy = json.loads(open_page(PAGE, momentum="0.5").get("plotly_chart")[0].proto.spec)
    names = lambda fig: {trace.get("name") for trace in fig["data"]}  # noqa: E731
    assert "closed form" in names(plain) and "recurrence (float64)" not in names(plain)
    assert "recurrence (float64)" in names(heavy) and "closed form" not in names(heavy)
    assert "spirals in" not in json.dumps(plain) and "monotone" in json.dumps(heavy)  # the regime in the corner
