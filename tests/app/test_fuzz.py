"""Every page's own control space, fuzzed: any value its widgets allow, at the extremes and in combination, renders
without an exception and without a NaN or infinity shown as a number (code blocks excepted: they print what PyTorch
prints). A short profile runs in `make test`; `make fuzz` runs thousands of cases (FUZZ_EXAMPLES per page)."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograd_core.expression import EXAMPLES, FUNCTIONS, Bin, Call, Neg, Num, Var, to_text
from tests.app.conftest import open_page
from ui.params import ALL, ColumnParam, MatrixParam, Param, TextParam, fmt

PER_PAGE = int(os.environ.get("FUZZ_EXAMPLES", "3"))
QUADRATIC = ("a", "b", "c")
CONTROLS = {  # the values each page reads, besides the language and presentation mode
    "pages/intro/home.py": (),
    "pages/backward/scalar.py": (*QUADRATIC, "x"),
    "pages/backward/nonscalar.py": (*QUADRATIC, "xmat", "gmat"),
    "pages/backward/equivalence.py": (*QUADRATIC, "xmat", "gmat"),
    "pages/grad/higher_order.py": (*QUADRATIC, "x"),
    "pages/grad/many_in_out.py": ("x1", "x2"),
    "pages/grad/backward_steps.py": (*QUADRATIC, "x", "x1", "x2"),
    "pages/optim/sgd.py": (*QUADRATIC, "x0", "lr", "steps", "momentum", "view"),
    "pages/labs/expression.py": ("f", "x", "x1", "x2", "x0", "lr", "fopt", "fsteps"),
    "pages/backward/jacobian.py": ("wmat", "xvec", "vvec", "act"),
    "pages/labs/gradcheck.py": ("f", "xc", "h"),
    "pages/teach/live.py": (),  # the class's board: its own controls are buttons, its URL values tested elsewhere
    "pages/teach/link.py": ("a", "b", "c", "x"),  # the teacher's link: its starting values are the sidebar's
}
STATIC = {"pages/guide/glossary.py", "pages/guide/summary.py"}  # text only: nothing to draw values for
ACTIONS = r"_(run|minimize|quiz\d*_reveal|xshaped)$"
SHOWN_AS_NUMBER = re.compile(r"(?<![\w.])[-+]?(nan|inf|infinity)(?![\w])", re.IGNORECASE)


def _grid(p: Param) -> st.SearchStrategy[str]:
    """A slider's values: its ends, and any step in between."""
    n = round((p.hi - p.lo) / p.step)
    inner = st.integers(0, n).map(lambda k: fmt(round(p.lo + k * p.step, 10) + 0.0))
    return st.one_of(st.sampled_from([fmt(p.lo), fmt(p.hi)]), inner)


CELLS = st.one_of(
    st.sampled_from([-1000.0, 1000.0, 0.0, 1e-300, -1e-7, 999.999]),
    st.integers(-10000, 10000).map(lambda k: k / 10),
    st.floats(-1000, 1000, allow_nan=False, allow_infinity=False),
)


def _table(columns: int | None = None) -> st.SearchStrategy[str]:
    shapes = st.tuples(st.integers(1, 4), st.just(columns) if columns else st.integers(1, 4))
    tables = shapes.flatmap(
        lambda s: st.lists(st.lists(CELLS, min_size=s[1], max_size=s[1]), min_size=s[0], max_size=s[0])
    )
    return tables.map(lambda rows: ";".join(",".join(repr(float(v)) for v in r) for r in rows))


def _trees(variables: tuple[str, ...]):
    leaves = st.one_of(st.sampled_from([0.5, 1.0, 2.0, 3.0, 0.1, 10.0]).map(Num), st.sampled_from(variables).map(Var))
    return st.recursive(
        leaves,
        lambda c: st.one_of(
            c.map(Neg),
            st.tuples(st.sampled_from("+-*/^"), c, c).map(lambda t: Bin(*t)),
            st.tuples(st.sampled_from(FUNCTIONS), c).map(lambda t: Call(*t)),
        ),
        max_leaves=8,
    )


def _expression() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(EXAMPLES), _trees(("x",)).map(to_text), _trees(("x1", "x2")).map(to_text))


def values(name: str) -> st.SearchStrategy[str]:
    p = ALL[name]
    if isinstance(p, ColumnParam):
        return _table(columns=1)
    if isinstance(p, MatrixParam):
        return _table()
    if isinstance(p, TextParam):
        return _expression()
    if p.options:
        return st.sampled_from([fmt(o) for o in p.options])
    if p.integer:
        return st.one_of(st.sampled_from([fmt(p.lo), fmt(p.hi)]), st.integers(int(p.lo), int(p.hi)).map(str))
    return _grid(p)


def settings_for(path: str) -> st.SearchStrategy[dict[str, str]]:
    fixed = {"lang": st.sampled_from(["en", "zh"]), "present": st.sampled_from(["0", "1"])}
    return st.fixed_dictionaries({**fixed, **{name: values(name) for name in CONTROLS[path]}})


def shown_numbers(at) -> list[str]:
    """Text the page shows as results or messages (not code, and not the quiz's answers, which explain nan and inf
    in words where the shown code prints them)."""
    texts = [m.value for m in at.metric]
    for kind in ("markdown", "caption", "warning", "error"):
        texts += [e.value for e in getattr(at, kind)]
    return [text for text in texts if SHOWN_AS_NUMBER.search(str(text))]


def press_every_action(at) -> None:
    """Run what waits on a button, once each: the pitfalls, the lab's minimize, the predict-first reveal."""
    pressed: set[str] = set()
    while True:
        todo = [b for b in at.button if b.key and b.key not in pressed and re.search(ACTIONS, b.key)]
        if not todo:
            return
        pressed.add(todo[0].key)
        todo[0].click()
        at.run()


def test_every_page_is_fuzzed():
    from ui.pages import PAGES

    assert {p.path for p in PAGES} - STATIC == set(CONTROLS)


@pytest.mark.parametrize("path", list(CONTROLS))
def test_every_value_the_controls_allow_renders(path):
    @settings(max_examples=PER_PAGE, deadline=None, suppress_health_check=list(HealthCheck), print_blob=True)
    @given(settings_for(path))
    def check(query):
        at = open_page(path, **query)
        assert not at.exception, (query, [e.value for e in at.exception])
        press_every_action(at)
        assert not at.exception, (query, [e.value for e in at.exception])
        assert not shown_numbers(at), (query, shown_numbers(at))

    check()
