"""The SGD page through AppTest: bad values, divergence and a <= 0 give a message, never an exception."""

from __future__ import annotations

import pytest

from tests.app.conftest import codes, open_page

PAGE = "pages/optim/sgd.py"


def texts(at) -> str:
    return " ".join(str(e.value) for kind in (at.error, at.warning, at.info) for e in kind)


def test_defaults_show_the_lesson_and_a_stable_lr():
    at = open_page(PAGE)
    assert not at.exception
    assert any("y= tensor(0.) ; x= tensor(1.0000)" in c for c in codes(at))
    assert "lr = 0.01 < 1" in " ".join(m.value for m in at.markdown)
    assert len(at.get("plotly_chart")) == 4


def test_divergence_is_explained():
    at = open_page(PAGE, a="1", lr="1.5")
    assert not at.exception
    assert at.error and "step 20" in at.error[0].value
    assert "lr = 1.5 > 1" in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("a", ["0", "-1"])
def test_no_minimum_gives_a_message(a):
    at = open_page(PAGE, a=a, lr="0.5")
    assert not at.exception
    assert "no minimum" in texts(at)
    assert at.info  # the sweep explains why it is not drawn


@pytest.mark.parametrize("query", [{"lr": "3"}, {"lr": "abc"}, {"steps": "0"}, {"steps": "9999"}, {"momentum": "1"}])
def test_bad_url_values_are_refused_with_a_message(query):
    at = open_page(None, **query)  # the notice is shown on the landing page
    assert at.warning and next(iter(query)) in at.warning[0].value
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any("y= tensor(0.) ; x= tensor(1.0000)" in c for c in codes(at))  # the refused value fell back


def test_edge_lr_says_it_oscillates():
    at = open_page(PAGE, a="1", lr="1")
    assert not at.exception and "oscillates" in texts(at)


def test_every_step_is_shown_as_a_table_on_demand():
    at = open_page("pages/optim/sgd.py")
    assert [len(df.value) for df in at.dataframe] == [6]  # the six optimizers only: the steps are not redrawn
    at.toggle(key="sgd_show_steps").set_value(True).run()
    assert sorted(len(df.value) for df in at.dataframe) == [6, 501]  # steps 0 … 500
    assert not at.exception
