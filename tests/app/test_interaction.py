"""Moving a widget changes the shown result to the value the core (and the closed form) gives."""

from __future__ import annotations

import autograd_core as core
from tests.app.conftest import codes
from tests.app.conftest import open_page as _open_page


def open_page(path=None, **query):
    """These tests look at results: the teacher's switch (reveal=1) shows them without a prediction."""
    return _open_page(path, **{"reveal": "1", **query})


def test_scalar_page_follows_the_x_slider():
    at = open_page("pages/backward/scalar.py")
    at.slider(key="sidebar_x").set_value(2.0).run()
    assert not at.exception
    assert "tensor(2.)" in codes(at)  # 2*1*2 - 2
    assert at.query_params["x"] == "2"


def test_scalar_page_follows_a_b():
    at = open_page("pages/backward/scalar.py")
    at.slider(key="sidebar_a").set_value(3.0).run()
    at.slider(key="sidebar_b").set_value(1.0).run()
    at.slider(key="sidebar_x").set_value(2.0).run()
    assert "tensor(13.)" in codes(at)  # 2*3*2 + 1


def test_nonscalar_page_follows_a():
    at = open_page("pages/backward/nonscalar.py")
    at.slider(key="sidebar_a").set_value(2.0).run()
    want = core.nonscalar_backward(core.Quadratic(2, -2, 1), [[0, 0], [1, 2]], [[1, 1], [1, 1]]).printed
    assert want in codes(at)
    assert "[ 2.,  6.]" in want


def test_equivalence_page_follows_c_without_changing_grad():
    at = open_page("pages/backward/equivalence.py")
    at.slider(key="sidebar_c").set_value(-3.0).run()
    assert not at.exception
    assert any("x_grad:\n tensor([[-2., -2.],\n        [ 0.,  2.]])" in c for c in codes(at))
    assert any("z: tensor(-13., grad_fn=<SumBackward0>)" in c for c in codes(at))


def test_second_derivative_page_follows_a_and_x():
    at = open_page("pages/grad/higher_order.py")
    at.slider(key="sidebar_a").set_value(-1.5).run()
    at.slider(key="sidebar_x").set_value(1.0).run()
    assert "tensor(-5.)\ntensor(-3.)" in codes(at)


def test_many_page_follows_its_own_sliders():
    at = open_page("pages/grad/many_in_out.py")
    at.slider(key="many_x1").set_value(3.0).run()
    at.slider(key="many_x2").set_value(-1.0).run()
    assert "tensor(-1.) tensor(3.)\ntensor(0.) tensor(4.)" in codes(at)
    assert at.query_params["x1"] == "3" and at.query_params["x2"] == "-1"


def test_sgd_page_follows_lr():
    at = open_page("pages/optim/sgd.py")
    at.select_slider(key="sgd_lr").set_value(0.1).run()
    want = core.minimize_sgd(core.Quadratic(), 0.0, 0.1, 500).printed
    assert want in codes(at)


def test_values_persist_across_pages():
    at = open_page("pages/backward/scalar.py")
    at.slider(key="sidebar_x").set_value(1.5).run()
    at.switch_page("pages/grad/higher_order.py").run()
    assert at.slider(key="sidebar_x").value == 1.5
    assert "tensor(1.)\ntensor(2.)" in codes(at)
