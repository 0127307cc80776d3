"""Every value a URL may carry: its range, default and parsing. Pure Python, no Streamlit."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

MAX_TEXT = 200  # longer URL values are refused outright


def lr_options() -> tuple[float, ...]:
    """Learning rates on a log scale, 1e-4 ... 2, with 1-1.2-1.5-2-2.5-3-4-5-6-8 in each decade."""
    mantissas = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
    return tuple(v for v in (round(m * 10.0**e, 6) for e in range(-4, 1) for m in mantissas) if v <= 2.0)


@dataclass(frozen=True)
class Param:
    name: str
    default: object
    lo: float = 0.0
    hi: float = 0.0
    step: float = 0.0  # 0 for a choice among `options`
    options: tuple = ()
    integer: bool = False

    def parse(self, raw: str) -> object:
        """The value for `raw`, or ValueError whose message is a reason code (see Parsed)."""
        text = raw.strip()
        if len(text) > MAX_TEXT:
            raise ValueError("too_long")
        if self.options and not self.step:
            if self.integer or isinstance(self.default, float):
                return self._nearest_option(text)
            if text not in self.options:
                raise ValueError("not_option")
            return text
        value = _number(text)
        if not self.lo <= value <= self.hi:
            raise ValueError("out_of_range")
        if self.integer:
            if value != int(value):
                raise ValueError("not_whole")
            return int(value)
        snapped = round(round((value - self.lo) / self.step) * self.step + self.lo, 10)
        if abs(snapped - value) > 1e-9:
            raise ValueError("not_multiple")
        return snapped + 0.0  # turns -0.0 into 0.0

    def _nearest_option(self, text: str) -> float:
        value = _number(text)
        best = min(self.options, key=lambda o: abs(o - value))
        if abs(best - value) > 1e-9 * max(1.0, abs(value)):
            raise ValueError("not_option")
        return best


def _number(text: str) -> float:
    """A finite float, or ValueError with the reason code."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError("not_number") from None
    if not math.isfinite(value):
        raise ValueError("not_finite")
    return value


def fmt(value: object) -> str:
    """How a value is written into a URL: the shortest text that reads back to the same float (nothing typed is
    rounded away), 1 rather than 1.0, 0 rather than -0; tables as rows 0,0;1,2."""
    if isinstance(value, tuple):
        return ";".join(",".join(fmt(float(v)) for v in row) for row in value)
    if isinstance(value, float):
        text = repr(value + 0.0)  # + 0.0 turns -0.0 into 0.0
        return text[:-2] if text.endswith(".0") else text
    return str(value)


CELL_LIMIT = 1000.0  # table cells stay within +-1000 so that f(x) stays finite in float32
MAX_SIDE = 4


@dataclass(frozen=True)
class MatrixParam(Param):
    """A 1..4 x 1..4 table of numbers, written as rows separated by ';' and cells by ','."""

    def parse(self, raw: str) -> tuple[tuple[float, ...], ...]:
        text = raw.strip()
        if len(text) > MAX_TEXT:
            raise ValueError("too_long")
        rows = [r.split(",") for r in text.split(";")]
        if not 1 <= len(rows) <= MAX_SIDE or not 1 <= len(rows[0]) <= MAX_SIDE:
            raise ValueError("bad_table")
        if any(len(r) != len(rows[0]) for r in rows):
            raise ValueError("bad_table")
        try:
            cells = tuple(tuple(float(v) for v in r) for r in rows)
        except ValueError:
            raise ValueError("bad_table") from None
        if not all(math.isfinite(v) and abs(v) <= CELL_LIMIT for r in cells for v in r):
            raise ValueError("bad_table")
        return tuple(tuple(v + 0.0 for v in r) for r in cells)


@dataclass(frozen=True)
class ColumnParam(MatrixParam):
    """A column of 1..4 numbers, written as 1;0;-1 (one cell per row)."""

    def parse(self, raw: str) -> tuple[tuple[float, ...], ...]:
        cells = super().parse(raw)
        if len(cells[0]) != 1:
            raise ValueError("bad_table")
        return cells


def h_options() -> tuple[str, ...]:
    """Finite-difference steps 1e-12 ... 1, one per power of ten, as written in the URL."""
    return tuple("1" if k == 0 else f"1e{k}" for k in range(-12, 1))


@dataclass(frozen=True)
class TextParam(Param):
    """Free text up to MAX_TEXT characters, accepted when `check` (raising ValueError) passes."""

    check: Callable[[str], None] | None = None
    reason: str = "bad_text"  # the url. reason code when `check` refuses

    def parse(self, raw: str) -> str:
        text = raw.strip()
        if len(text) > MAX_TEXT:
            raise ValueError("too_long")
        if self.check is not None:
            try:
                self.check(text)
            except ValueError:
                raise ValueError(self.reason) from None
        return text


def _expression(text: str) -> None:
    """The expression lab's parser (imported here only when a URL carries f=)."""
    from autograd_core.expression import parse

    parse(text)


def _slider(name, default, lo=-5.0, hi=5.0, step=0.1) -> Param:
    return Param(name, default, lo, hi, step)


def _class_code(text: str) -> None:
    """A class code's shape (6 letters and digits, ambiguous ones left out); whether it is live is the store's."""
    from classroom.store import valid_code

    if not valid_code(text):
        raise ValueError(text)


def _teacher_secret(text: str) -> None:
    from classroom.store import SECRET

    if not SECRET.fullmatch(text):
        raise ValueError(text)


LANGS = ("en", "zh")
DEVICES = ("auto", "cpu", "cuda", "mps")

SHARED = {
    p.name: p
    for p in (
        _slider("a", 1.0),
        _slider("b", -2.0),
        _slider("c", 1.0),
        _slider("x", 0.0),
        Param("device", "auto", options=DEVICES),
        Param("lang", "en", options=LANGS),
        Param("present", 0, 0, 1, 1, integer=True),
        Param("reveal", 0, 0, 1, 1, integer=True),  # the teacher's switch: every answer shown
        # live (issue #15, the class's predictions live): the class code, and the teacher's secret for it
        TextParam("class", "", check=_class_code, reason="classlive.url_bad_code"),
        TextParam("teacher", "", check=_teacher_secret, reason="classlive.url_bad_secret"),
    )
}

PAGE = {
    p.name: p
    for p in (
        _slider("x1", 1.0),
        _slider("x2", 2.0),
        _slider("x0", 0.0),
        Param("lr", 0.01, options=lr_options()),
        Param("steps", 500, 1, 5000, 1, integer=True),
        _slider("momentum", 0.0, 0.0, 0.95, 0.05),
        MatrixParam("xmat", ((0.0, 0.0), (1.0, 2.0))),
        MatrixParam("gmat", ((1.0, 1.0), (1.0, 1.0))),
        TextParam("f", "x^3 - 3*x", check=_expression, reason="bad_expression"),
        Param("fopt", "sgd", options=("sgd", "momentum", "nesterov", "adam", "rmsprop", "adagrad")),
        Param("fsteps", 100, 1, 1000, 1, integer=True),
        # the Jacobian page: y = act(W @ x), x and v are columns
        MatrixParam("wmat", ((1.0, 2.0, 0.0), (0.0, -1.0, 1.0))),
        ColumnParam("xvec", ((1.0,), (0.0,), (-1.0,))),
        ColumnParam("vvec", ((2.0,), (1.0,))),
        Param("act", "none", options=("none", "tanh", "relu", "square")),
        # the gradient-check lab: the central difference's step h
        Param("h", "1e-6", options=h_options()),
        _slider("xc", 1.5),  # the point where the lab checks f'(x)
        # what the SGD page shows below its animation
        Param("view", "code", options=("code", "closed", "optimizers", "sweep", "data")),
    )
}

ALL = {**SHARED, **PAGE}


@dataclass(frozen=True)
class Parsed:
    values: dict[str, object]  # only the accepted ones
    problems: tuple[tuple[str, str, str], ...]  # (name, raw value, reason code: a key under url. in the locales)


def parse_query(query: Mapping[str, Sequence[str]], known: Mapping[str, Param] = ALL) -> Parsed:
    """Check every URL value; keep the good ones, list the rest with a reason."""
    values: dict[str, object] = {}
    problems = []
    for name, raws in query.items():
        raws = [raws] if isinstance(raws, str) else list(raws)
        shown = raws[-1] if raws else ""
        param = known.get(name)
        if param is None:
            problems.append((name[:40], shown[:40], "unknown"))
            continue
        if len(set(raws)) > 1:
            problems.append((name, shown[:40], "repeated"))
            continue
        try:
            values[name] = param.parse(shown)
        except ValueError as err:
            problems.append((name, shown[:40], str(err)))
    return Parsed(values, tuple(problems))
