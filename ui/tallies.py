"""A question's tally as bars: options with their misconceptions, or numbers grouped around the right one. Pure."""

from __future__ import annotations

import math
from collections.abc import Callable

from ui.questions import Question

REVEALED = "revealed"  # the answer a student's "Show me" is counted as (kept apart from the bars)
MAX_OTHER = 6  # other numbers beyond this many distinct values are grouped into ranges
Bar = tuple[str, int, str]  # (label, count, kind: right | misconception | other)


def _n(v: float) -> str:
    return f"{v:.4g}".replace("-", "\N{MINUS SIGN}")


def short(text: str) -> str:
    """A feedback sentence cut to its first clause, to name a misconception on a bar."""
    for stop in (". ", ": ", "。", "：", "，"):
        text = text.split(stop, 1)[0]
    return text.rstrip(".。")


def bars(q: Question, tally: dict[str, int], text: Callable[[str], str]) -> tuple[Bar, ...]:
    """The bars for question q; text(key) is the locale text of ask.<name>.<key> (options, feedback)."""
    if q.choice:
        return tuple(
            (("✓ " if o.correct else "") + text(o.key), tally.get(o.key, 0), "right" if o.correct else "misconception")
            for o in q.options
        )
    return _numbers(q, tally, text)


def _numbers(q: Question, tally: dict[str, int], text: Callable[[str], str]) -> tuple[Bar, ...]:
    right = f"✓ {q.shown}".replace("-", "\N{MINUS SIGN}")
    groups: dict[tuple, list] = {("right",): [q.answer or 0.0, 0, right, "right"]}
    others: dict[float, int] = {}
    for answer, n in tally.items():
        try:
            v = float(answer)
        except ValueError:
            continue
        if not math.isfinite(v):
            continue
        hint = q.feedback(v)
        if q.right(v):
            groups[("right",)][1] += n
        elif hint:
            value = next(w for w, key in q.wrong if key == hint)
            groups.setdefault(("m", hint), [value, 0, f"{_n(value)} · {short(text(hint))}", "misconception"])[1] += n
        else:
            others[v] = others.get(v, 0) + n
    if len(others) <= MAX_OTHER:
        for v, n in others.items():
            groups[("v", v)] = [v, n, _n(v), "other"]
    else:
        lo, hi = min(others), max(others)
        width = (hi - lo) / MAX_OTHER
        for v, n in others.items():
            i = min(int((v - lo) / width), MAX_OTHER - 1)
            a, b = lo + i * width, lo + (i + 1) * width
            groups.setdefault(("bin", i), [a, 0, f"{_n(a)} … {_n(b)}", "other"])[1] += n
    return tuple((label, n, kind) for _, n, label, kind in sorted(groups.values(), key=lambda g: g[0]))


def revealed(tally: dict[str, int]) -> int:
    return tally.get(REVEALED, 0)
