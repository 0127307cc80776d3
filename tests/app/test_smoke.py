"""Every page renders with default values and shows the lesson's printed output exactly."""

from __future__ import annotations

import pytest

from tests.app.conftest import codes, open_page
from ui.i18n import lookup
from ui.pages import PAGES

LESSON_OUTPUT = {
    "pages/backward/scalar.py": "tensor(-2.)",
    "pages/backward/nonscalar.py": (
        "x:\n tensor([[0., 0.],\n        [1., 2.]], requires_grad=True)\n"
        "y:\n tensor([[1., 1.],\n        [0., 1.]], grad_fn=<AddBackward0>)\n"
        "x_grad:\n tensor([[-2., -2.],\n        [ 0.,  2.]])"
    ),
    "pages/backward/equivalence.py": "x_grad:\n tensor([[-2., -2.],\n        [ 0.,  2.]])",
    "pages/grad/higher_order.py": "tensor(-2.)\ntensor(2.)",
    "pages/grad/many_in_out.py": "tensor(2.) tensor(1.)\ntensor(3.) tensor(2.)",
    "pages/optim/sgd.py": "y= tensor(0.) ; x= tensor(1.0000)",
}


@pytest.mark.parametrize("path", [p.path for p in PAGES])
def test_page_renders_without_exception(path):
    at = open_page(path)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    assert not at.warning, [w.value for w in at.warning]  # default values raise no warning


@pytest.mark.parametrize("path, expected", LESSON_OUTPUT.items())
def test_default_values_reproduce_the_lesson(path, expected):
    at = open_page(path, reveal="1")  # the teacher's switch shows every result at once
    assert any(expected in c for c in codes(at)), codes(at)


@pytest.mark.parametrize("path, expected", LESSON_OUTPUT.items())
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_output_waits_for_a_prediction_then_shows_the_lesson(path, expected, lang):
    at = open_page(path, lang=lang)
    assert not any(expected in c for c in codes(at)), "the answer is not on screen before the prediction"
    assert any(lookup(lang, "quiz.held_back") == i.value for i in at.info)
    section = next(p.section for p in PAGES if p.path == path)
    at.button(key=f"{section}_quiz_reveal").click().run()
    assert not any(expected in c for c in codes(at)), "one answered question of two opens nothing yet"
    at.button(key=f"{section}_quiz2_reveal").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(expected in c for c in codes(at)), codes(at)
    assert not any(lookup(lang, "quiz.held_back") == i.value for i in at.info)
