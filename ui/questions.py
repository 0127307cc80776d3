"""Predict-first questions, drawn from the current values; every answer is what torch computed, never typed.

A question is a number to predict (with the typical wrong numbers, each with its own feedback) or a choice among
outcomes where every wrong option is a named misconception. Pure Python: the texts are locale keys under [ask].
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from autograd_core.backward import Equivalence, NonScalarBackward, ScalarBackward
from autograd_core.grad import ManyInOut, SecondDerivative
from autograd_core.optimize import Trajectory
from autograd_core.pitfalls import BackwardTwice, NonLeafGrad, Outcome, WithoutGradient
from autograd_core.trace import Trace


@dataclass(frozen=True)
class Option:
    key: str  # the option's text: ask.<question>.<key>
    correct: bool


@dataclass(frozen=True)
class Question:
    name: str  # locale section under [ask]: prompt, options, feedback
    fields: tuple[tuple[str, str], ...]  # values put into the prompt (they also make the question's identity)
    answer: float | None = None  # a number question's answer
    wrong: tuple[tuple[float, str], ...] = ()  # typical wrong numbers -> feedback key under ask.<name>
    options: tuple[Option, ...] = ()  # a choice question's options
    shown: str = ""  # the answer as shown after checking
    prompt: str = ""  # the prompt's locale key when it is not ask.<name>.prompt (a page's own single question)
    why: str = "why"  # the explanation's key under ask.<name> (e.g. why_m for SGD with momentum)

    @property
    def id(self) -> str:
        return self.name + "|" + "|".join(f"{k}={v}" for k, v in self.fields)

    @property
    def choice(self) -> bool:
        return bool(self.options)

    def close(self, guess: float, target: float) -> bool:
        return abs(guess - target) <= max(0.05, 0.01 * abs(target))

    def right(self, guess: float | str) -> bool:
        if self.choice:
            return any(o.key == guess and o.correct for o in self.options)
        return guess is not None and self.answer is not None and self.close(float(guess), self.answer)

    def feedback(self, guess: float | str) -> str | None:
        """The feedback key for a wrong answer that matches a named misconception, else None."""
        if self.choice:
            return None if self.right(guess) else f"{guess}_why"
        for value, key in self.wrong:
            if self.close(float(guess), value) and not self.close(value, self.answer):
                return key
        return None


def single(section: str, answer: float, fields: dict[str, str], question: str = "quiz") -> Question:
    """A page's own number question, asked with the locale entry <section>.<question>."""
    name = section if question == "quiz" else f"{section}_{question}"
    return Question(name, tuple(fields.items()), float(answer), shown=_n(answer), prompt=f"{section}.{question}")


def _n(v: float) -> str:
    v = round(float(v), 6) + 0.0
    return str(int(v)) if v.is_integer() else repr(v)


def _outcome_options(correct: str, keys: tuple[str, ...]) -> tuple[Option, ...]:
    return tuple(Option(k, k == correct) for k in keys)


def scalar(r: ScalarBackward, a: float, b: float, x: float, twice: BackwardTwice) -> tuple[Question, ...]:
    """1.1: x.grad at x; then what a second backward does to it."""
    y, grad = float(r.y), float(r.grad)
    first = Question(
        "scalar_grad", (("a", _n(a)), ("b", _n(b)), ("x", _n(x))), grad,
        ((y, "is_y"), (2 * a * x, "no_b"), (a * x * x, "no_derivative")), shown=_n(grad),
    )  # fmt: skip
    if twice.first != 0 and math.isclose(twice.second, 2 * twice.first):
        correct = "adds"
    elif twice.first != 0 and math.isclose(twice.second, twice.first):
        correct = "replaces"
    else:  # x.grad is 0 here: adding and replacing look alike; ask about the graph being freed instead
        freed = "error" if twice.without_retain.raised else "works"
        second = Question("scalar_freed", (("x", _n(x)),), options=_outcome_options(freed, ("error", "works", "zero")))
        return first, second
    keys = ("adds", "replaces", "zero", "error")
    return first, Question(
        "scalar_twice", (("x", _n(x)), ("g", _n(twice.first))), options=_outcome_options(correct, keys)
    )


def nonscalar(r: NonScalarBackward, plain: WithoutGradient) -> tuple[Question, ...]:
    """1.2: the top-left x.grad; then backward() with no `gradient` on this y."""
    g, x = float(r.gradient[0, 0]), float(r.x[0, 0])
    grad, y = float(r.grad[0, 0]), float(r.y[0, 0])
    slope = grad / g if g else math.nan
    wrong = ((y, "is_y"),) + (((slope, "no_weight"),) if g not in (0.0, 1.0) and math.isfinite(slope) else ())
    first = Question("nonscalar_grad", (("x", _n(x)), ("g", _n(g))), grad, wrong, shown=_n(grad))
    outcome = "error" if plain.plain.raised else "works"
    shape = "x".join(str(s) for s in r.y.shape)
    keys = ("works", "error", "jacobian")
    return first, Question("nonscalar_plain", (("shape", shape),), options=_outcome_options(outcome, keys))


def equivalence(r: Equivalence) -> tuple[Question, ...]:
    """1.3: z.backward() against y.backward(gradient); then one entry of x.grad."""
    scale = max(1.0, float(r.by_gradient.abs().max()))
    same = "same" if r.max_difference <= 1e-6 * scale else "differs"  # float32 rounding aside
    g, grad = float(r.gradient[0, 0]), float(r.by_sum[0, 0])
    slope = float(r.slope[0, 0])
    first = Question("equivalence_same", (("shape", "x".join(map(str, r.y.shape))),),
                     options=_outcome_options(same, ("same", "scaled", "jacobian", "differs")))  # fmt: skip
    wrong = ((float(r.y[0, 0]), "is_y"),) + (((slope, "no_weight"),) if g not in (0.0, 1.0) else ())
    second = Question("equivalence_entry", (("g", _n(g)), ("x", _n(float(r.x[0, 0])))), grad, wrong, shown=_n(grad))
    return first, second


def second(r: SecondDerivative, a: float, x: float, again: Outcome) -> tuple[Question, ...]:
    """2.1: d²y/dx²; then a second grad call when the first had no create_graph=True."""
    d2, d1 = float(r.d2y_dx2), float(r.dy_dx)
    first = Question("second_d2", (("a", _n(a)), ("x", _n(x))), d2,
                     ((d1, "is_d1"), (a, "half"), (0.0, "zero")), shown=_n(d2))  # fmt: skip
    outcome = "error" if again.raised else "value"
    keys = ("error", "zero", "value", "none")
    return first, Question("second_no_graph", (("x", _n(x)),), options=_outcome_options(outcome, keys))


def many(r: ManyInOut, nonleaf: NonLeafGrad) -> tuple[Question, ...]:
    """2.2: the summed gradient; then .grad of the non-leaf y1."""
    x1, x2 = float(r.x1), float(r.x2)
    summed = float(r.summed_grads[0])
    first = Question("many_summed", (("x1", _n(x1)), ("x2", _n(x2))), summed,
                     ((float(r.y1_grads[0]), "only_y1"), (1.0, "only_y2")), shown=_n(summed))  # fmt: skip
    outcome = "none" if nonleaf.plain == "None" else "value"
    keys = ("none", "value", "one", "error")
    return first, Question("many_nonleaf", (("x1", _n(x1)), ("x2", _n(x2))), options=_outcome_options(outcome, keys))


def sgd(r: Trajectory, regime: str, x0: float, lr: float, steps: int, momentum: float) -> tuple[Question, ...]:
    """3: how the run behaves; then where x ends (when it stays bounded) or what the code prints (when not)."""
    fields = (("lr", _n(lr)), ("x0", _n(x0)), ("steps", str(steps)), ("m", _n(momentum)))
    keys = ("monotone", "oscillates", "one_step", "runs_away", "stays")
    why = "why_m" if momentum else "why"
    first = Question("sgd_regime", fields, options=_outcome_options(regime, keys), why=why)
    if regime == "runs_away" or not len(r.table):
        printed = "nan" if "nan" in r.x_text else "inf" if "inf" in r.x_text else "finite"
        return first, Question("sgd_printed", fields, options=_outcome_options(printed, ("nan", "inf", "finite")))
    final = round(r.final_x, 4)
    wrong = ((x0, "start"),)
    return first, Question("sgd_final", fields, final, wrong, shown=f"{final:.4f}", why=why)


def stepper(tr: Trace, x: float) -> tuple[Question, ...]:
    """2.3: how many nodes backward runs; then what x's AccumulateGrad does with the two gradients it receives."""
    count = single("stepper", len(tr.backward), {})
    leaf = next(step for step in tr.backward if step.node == tr.nodes[0].id)  # x's AccumulateGrad
    arrived = [g for _, g in leaf.incoming]
    grad = tr.grads[0]
    if len(arrived) > 1 and math.isclose(grad, sum(arrived), rel_tol=1e-6, abs_tol=1e-6):
        kept = "sum"
    elif arrived and math.isclose(grad, arrived[-1], rel_tol=1e-6, abs_tol=1e-6):
        kept = "last"
    else:
        kept = "first"
    keys = ("sum", "last", "first", "error")
    return count, Question("stepper_accumulate", (("x", _n(x)),), options=_outcome_options(kept, keys))
