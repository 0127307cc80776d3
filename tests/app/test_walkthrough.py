"""The walkthrough: predict-first questions, progress, previous/next, presentation mode."""

from __future__ import annotations

from tests.app.conftest import open_page
from ui.pages import LESSON


def test_prediction_right_reveals_the_explanation_and_counts():
    at = open_page("pages/backward/scalar.py", x="2")
    intro = "needs no argument"
    assert not any(intro in m.value for m in at.markdown)  # hidden until answered
    at.number_input(key="scalar_quiz_guess").set_value(2.0).run()  # 2*1*2 - 2
    at.button(key="scalar_quiz_check").click().run()
    assert not at.exception
    assert at.success and "Right: 2" in at.success[0].value
    assert not any(intro in m.value for m in at.markdown)  # the second question is still open
    at.radio(key="scalar_quiz2_guess").set_value("adds").run()  # a second backward adds into x.grad
    at.button(key="scalar_quiz2_check").click().run()
    assert not at.exception
    assert any(intro in m.value for m in at.markdown)
    assert any(f"1 of {len(LESSON)}" in c.value for c in at.caption)


def test_prediction_wrong_is_rejected_and_explanation_stays_hidden():
    at = open_page("pages/grad/higher_order.py", a="1.5")
    at.number_input(key="second_quiz_guess").set_value(1.5).run()  # the answer is 2a = 3
    at.button(key="second_quiz_check").click().run()
    assert at.warning and "Not quite" in at.warning[0].value
    assert at.number_input(key="second_quiz_guess").value == 1.5
    at.number_input(key="second_quiz_guess").set_value(3.0).run()
    at.button(key="second_quiz_check").click().run()
    assert at.success


def test_show_me_reveals_without_credit():
    at = open_page("pages/grad/many_in_out.py")
    at.button(key="many_quiz_reveal").click().run()
    assert at.info and "The answer is 3" in at.info[0].value


def test_next_and_previous_follow_the_lesson_order():
    at = open_page("pages/backward/scalar.py")
    assert any(f"Section 1 of {len(LESSON)}" in m.value for m in at.markdown)
    at.button(key="scalar_next").click().run()
    assert "1.2" in at.title[0].value
    at.button(key="nonscalar_prev").click().run()
    assert "1.1" in at.title[0].value


def test_presentation_mode_folds_explanations():
    at = open_page("pages/grad/higher_order.py", present="1")
    assert at.toggle(key="sidebar_present").value is True
    at.button(key="second_quiz_reveal").click().run()
    at.button(key="second_quiz2_reveal").click().run()
    labels = [e.label for e in at.expander]
    assert "Explanation" in labels and "Try this" in labels
    assert at.query_params["present"] == "1"
