"""The predict-first questions: every right answer is what torch computed for the values drawn, and every named
misconception (a wrong option, or a typical wrong number) is wrong for those values."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import autograd_core as core
from autograd_core import pitfalls
from autograd_core.optimize import regime
from ui import questions
from ui.i18n import lookup

GRID = st.integers(-50, 50).map(lambda k: k / 10)
NONZERO = GRID.filter(lambda v: v != 0)


def _check(items: tuple[questions.Question, ...]) -> None:
    """Exactly one right option per choice; each wrong number is not the answer; texts exist in both languages."""
    for q in items:
        fields = dict(q.fields)
        for lang in ("en", "zh"):
            assert lookup(lang, q.prompt or f"ask.{q.name}.prompt").format(**fields)
        if q.choice:
            right = [o for o in q.options if o.correct]
            assert len(right) == 1, q
            for o in q.options:
                assert q.right(o.key) is o.correct
                if not o.correct:
                    for lang in ("en", "zh"):
                        assert lookup(lang, f"ask.{q.name}.{o.key}_why")
        else:
            assert q.right(q.answer)
            for value, _ in q.wrong:
                if not q.close(value, q.answer):  # (when two misconceptions give one number, either feedback fits)
                    assert not q.right(value) and q.feedback(value) in {k for v, k in q.wrong if q.close(value, v)}


@settings(max_examples=60, deadline=None)
@given(NONZERO, GRID, GRID, GRID)
def test_scalar(a, b, c, x):
    f = core.Quadratic(a, b, c)
    r = core.scalar_backward(f, x)
    twice = pitfalls.backward_twice(f, x)
    items = questions.scalar(r, a, b, x, twice)
    _check(items)
    assert items[0].answer == float(r.grad)  # torch's x.grad
    second = items[1]
    if second.name == "scalar_twice":  # x.grad doubled: the "replaced" misconception is wrong here
        assert twice.second == 2 * twice.first and not second.right("replaces")
    else:
        assert twice.without_retain.raised and second.right("error")


@settings(max_examples=40, deadline=None)
@given(NONZERO, GRID, GRID, st.integers(1, 4), st.integers(1, 4))
def test_nonscalar_and_equivalence(a, b, c, n, m):
    f = core.Quadratic(a, b, c)
    x = tuple(tuple(round(0.3 * (i - j), 1) for j in range(m)) for i in range(n))
    g = tuple(tuple(1.0 + i + j for j in range(m)) for i in range(n))
    r = core.nonscalar_backward(f, x, g)
    plain = pitfalls.backward_without_gradient(f, x)
    items = questions.nonscalar(r, plain)
    _check(items)
    assert items[1].right("works" if n * m == 1 else "error")  # torch refused a y of more than one number
    _check(questions.equivalence(core.equivalence(f, x, g)))


@settings(max_examples=40, deadline=None)
@given(NONZERO, GRID, GRID, GRID)
def test_second(a, b, c, x):
    f = core.Quadratic(a, b, c)
    items = questions.second(core.second_derivative(f, x), a, x, pitfalls.second_grad_without_create_graph(f, x))
    _check(items)
    assert items[0].right(2 * a) and items[1].right("error")  # torch in float32: 2a up to rounding


@settings(max_examples=40, deadline=None)
@given(GRID, GRID)
def test_many(x1, x2):
    items = questions.many(core.many_in_out(x1, x2), core.nonleaf_grad(x1, x2))
    _check(items)
    assert items[0].right(x2 + 1) and items[1].right("none")


@settings(max_examples=30, deadline=None)
@given(GRID, GRID, GRID, st.sampled_from([0.01, 0.1, 0.25, 0.5, 0.8, 1.0, 1.5]), st.sampled_from([0.0, 0.5, 0.9]))
def test_sgd(a, b, x0, lr, momentum):
    assume(a != 0 or b != 0 or x0 == 0)
    f = core.Quadratic(a, b, 1.0)
    r = core.minimize_sgd(f, x0, lr, 60, momentum)
    items = questions.sgd(r, regime(r, f), x0, lr, 60, momentum)
    _check(items)
    assert items[0].right(regime(r, f))


def test_the_regimes_are_what_the_closed_form_says():
    f = core.Quadratic(1.0, -2.0, 1.0)  # 1/(2a) = 0.5, 1/a = 1
    assert [regime(core.minimize_sgd(f, 0.0, lr, 50), f) for lr in (0.1, 0.5, 0.8, 1.5)] == [
        "monotone", "one_step", "oscillates", "runs_away"
    ]  # fmt: skip
    constant = core.Quadratic(0.0, 0.0, 3.0)
    assert regime(core.minimize_sgd(constant, 2.0, 0.1, 50), constant) == "stays"


@settings(max_examples=30, deadline=None)
@given(GRID, GRID, GRID, GRID)
def test_stepper(a, b, c, x):
    """2.3: the node count is what the engine ran; x's two incoming gradients are added, as torch's x.grad shows."""
    from autograd_core import trace

    f = core.Quadratic(a, b, c)
    tr = trace.quadratic(f, x)
    items = questions.stepper(tr, x)
    _check(items)
    assert items[0].right(6)  # y, s, v, w, u and x's AccumulateGrad
    assert items[1].right("sum")
    assert abs(tr.grads[0] - core.scalar_backward(f, x).grad) < 1e-4 * max(1.0, abs(tr.grads[0]))
