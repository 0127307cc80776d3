"""The class's answers as bars (choices, numbers around the right one), their chart and their text alternative."""

from __future__ import annotations

import autograd_core as core
from autograd_core import pitfalls
from charts import classlive
from ui import alt, live, questions, tallies
from ui.i18n import lookup

F = core.Quadratic(1.0, -2.0, 1.0)


def scalar_questions(x: float = 0.0) -> tuple[questions.Question, ...]:
    r = core.scalar_backward(F, x, device="cpu")
    return questions.scalar(r, F.a, F.b, x, pitfalls.backward_twice(F, x, device="cpu"))


def text_for(q: questions.Question):
    return lambda key: lookup("en", f"ask.{q.name}.{key}").format(**dict(q.fields))


def test_a_choice_gets_a_bar_per_option_named_by_its_misconception():
    _, q = scalar_questions()
    bars = tallies.bars(q, {"adds": 7, "replaces": 4, "revealed": 2, "nonsense": 9}, text_for(q))
    assert [n for _, n, _ in bars] == [7, 4, 0, 0]  # every option, in order; unknown answers ignored
    assert bars[0][0].startswith("✓ ") and bars[0][2] == "right"
    assert bars[1] == ("It stays -2: the new gradient replaces the old one", 4, "misconception")
    assert tallies.revealed({"revealed": 2}) == 2


def test_numbers_group_the_right_answer_and_name_typical_wrong_ones():
    q, _ = scalar_questions()  # x.grad = -2; y = 1 is "is_y"
    tally = {"-2": 5, "-2.01": 1, "1": 3, "7": 1, "-4": 2, "abc": 4, "inf": 1, "revealed": 6}
    bars = tallies.bars(q, tally, text_for(q))
    right = [b for b in bars if b[2] == "right"]
    assert right == [("✓ \N{MINUS SIGN}2", 6, "right")]  # -2.01 is close enough to count as right
    (named,) = [b for b in bars if b[2] == "misconception"]
    assert named[1] == 3 and named[0].startswith("1 · That is y = f(x)")
    assert sorted((label, n) for label, n, kind in bars if kind == "other") == [("7", 1), ("\N{MINUS SIGN}4", 2)]
    assert bars[0][0] == "\N{MINUS SIGN}4"  # bars run from the smallest number up


def test_many_different_numbers_are_grouped_into_ranges_and_the_right_bar_is_always_there():
    q, _ = scalar_questions()
    tally = {str(v): 1 for v in range(10, 60, 3)}
    bars = tallies.bars(q, tally, text_for(q))
    others = [b for b in bars if b[2] == "other"]
    assert len(others) <= tallies.MAX_OTHER and sum(n for _, n, _ in others) == len(tally)
    assert ("✓ \N{MINUS SIGN}2", 0, "right") in bars


def test_the_chart_draws_the_bars_in_order_with_their_colours():
    bars = (("✓ 2", 3, "right"), ("a misconception with a long name that wraps onto a second line", 1, "misconception"))
    fig = classlive.answers(bars, "students").to_dict()
    (trace,) = fig["data"]
    assert trace["x"] == [3, 1] and trace["y"][0] == "✓ 2" and "<br>" in trace["y"][1]
    assert trace["marker"]["color"] == [classlive.COLORS["right"], classlive.COLORS["misconception"]]
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"
    assert classlive.answers((), "students").to_dict()["data"][0]["x"] == []  # no answers yet draws


def test_the_text_alternative_reads_every_bar_in_both_languages():
    bars = (("✓ 2", 3, "right"), ("It becomes 0", 1, "misconception"))
    assert alt.class_answers("en", bars, 2) == (
        "Bar chart of the class's answers (4): ✓ 2: 3; It becomes 0: 1. Pressed Show me: 2."
    )
    assert "4" in alt.class_answers("zh", bars, 2) and "✓ 2: 3" in alt.class_answers("zh", bars, 2)


def test_a_question_survives_the_trip_through_the_store():
    for q in scalar_questions():
        about = live.describe("scalar", q)
        assert live.question_from(about) == ("scalar", q)
    q = questions.single("sgd", 1.5, {"lr": "0.1"}, "limit")
    assert live.question_from(live.describe("sgd_limit", q)) == ("sgd", q)
    assert live.question_from("not json") is None and live.question_from('{"section": 1}') is None
