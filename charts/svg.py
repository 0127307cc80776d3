"""Small line charts as SVG text: the browser updates them in place, with no chart library to load or re-mount.

Plotly suits the charts students explore (zoom, hover, animation). A chart that follows a slider step by step is
better as plain SVG: st.plotly_chart gets a new element id whenever its figure changes, so Streamlit's frontend
mounts a new Plotly chart on every step (bench/RESULTS.md has what that costs a key press).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np

WIDTH, HEIGHT = 720, 380
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 46  # the plot area's margins, in SVG units
MINUS = "\N{MINUS SIGN}"


@dataclass(frozen=True)
class Line:
    """One series: a line through (x, y), or a dot at each point when `dot` is set."""

    name: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    colour: str
    dash: str = ""  # an SVG stroke-dasharray: "" solid, "8 5" dashed, "2 4" dotted
    width: float = 2.5
    dot: float = 0.0  # the dot's radius; 0 draws a line
    hover: str = ""  # the dot's tooltip
    note: str = ""  # text under each dot

    @staticmethod
    def of(name: str, x, y, colour: str, **style) -> Line:
        return Line(name, tuple(map(float, np.ravel(x))), tuple(map(float, np.ravel(y))), colour, **style)


def ticks(lo: float, hi: float, n: int = 6) -> list[float]:
    """About n round values (1, 2 or 5 times a power of ten apart) from lo to hi."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo] if math.isfinite(lo) else []
    power = 10.0 ** math.floor(math.log10((hi - lo) / n))

    def at(step: float) -> list[float]:
        return [k * step for k in range(math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9) + 1)]

    return min((at(m * power) for m in (1, 2, 5, 10)), key=lambda values: abs(len(values) - n))


def number(v: float) -> str:
    """A tick label: short, with a real minus sign, powers of ten beyond 10⁵."""
    v = 0.0 if abs(v) < 1e-12 else v
    text = f"{v:.4g}" if abs(v) < 1e5 else f"{v:.2g}"
    return text.replace("-", MINUS)


@dataclass(frozen=True)
class Panel:
    """One plot of a stacked chart: its series, y range and y title; all panels share x."""

    lines: tuple[Line, ...]
    y_range: tuple[float, float]
    y_title: str
    log_y: bool = False
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Note:
    """Text at (x, y) in the data's units, moved by (dx, dy) pixels; anchor: start, middle or end."""

    x: float
    y: float
    text: str
    anchor: str = "start"
    dx: float = 0.0
    dy: float = 0.0


def chart(lines: list[Line], x_range: tuple[float, float], y_range: tuple[float, float], x_title: str,
          y_title: str, description: str, key: str) -> str:  # fmt: skip
    """An SVG line chart that scales to its container; `description` is what a screen reader says instead."""
    return stacked([Panel(tuple(lines), y_range, y_title)], x_range, x_title, description, key)


def stacked(panels: list[Panel], x_range: tuple[float, float], x_title: str, description: str, key: str,
            height: int = HEIGHT, gap: int = 18, log_x: bool = False) -> str:  # fmt: skip
    """Panels one above the other, sharing x (tick labels under the last); one legend row on top. On a log axis
    the range is given in the data's units, and values that are not positive leave a gap."""
    x0, x1 = _room(*_scale(x_range, log_x))
    pw = WIDTH - LEFT - RIGHT
    ph = (height - TOP - BOTTOM - gap * (len(panels) - 1)) / len(panels)

    def px(x: float) -> float:
        return LEFT + (_to(x, log_x) - x0) / (x1 - x0) * pw

    out = [
        f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{_esc(description)}" '
        f'style="height:auto;font-size:13px" data-testid="svgChart" data-key="{_esc(key)}">',
        f"<title>{_esc(description)}</title>",
    ]
    for k, panel in enumerate(panels):
        top = TOP + k * (ph + gap)
        y0, y1 = _room(*_scale(panel.y_range, panel.log_y))

        def py(y: float, top: float = top, y0: float = y0, y1: float = y1, log: bool = panel.log_y) -> float:
            return top + (y1 - _to(y, log)) / (y1 - y0) * ph

        clip = f"clip-{_esc(key)}-{k}"
        out.append(f'<defs><clipPath id="{clip}"><rect x="{LEFT}" y="{top:.1f}" width="{pw}" height="{ph:.1f}"/>'
                   "</clipPath></defs>")  # fmt: skip
        out.append(f'<rect x="{LEFT}" y="{top:.1f}" width="{pw}" height="{ph:.1f}" fill="#f5f6f8"/>')
        for v in _ticks(x0, x1, 6, log_x):
            out.append(_grid(px(v), top, px(v), top + ph))
            if k == len(panels) - 1:
                out.append(_text(px(v), top + ph + 18, _label(v, log_x)))
        for v in _ticks(y0, y1, 6 if ph > 200 else 4, panel.log_y):
            out += [_grid(LEFT, py(v), LEFT + pw, py(v)), _text(LEFT - 8, py(v) + 4, _label(v, panel.log_y), "end")]
        out.append(f'<text transform="translate(16 {top + ph / 2:.1f}) rotate(-90)" text-anchor="middle" '
                   f'fill="currentColor">{_esc(panel.y_title)}</text>')  # fmt: skip
        out.append(f'<g clip-path="url(#{clip})" fill="none">')
        for line in panel.lines:
            out += _series(line, px, py)
        out.append("</g>")
        for note in panel.notes:
            out.append(_text(px(note.x) + note.dx, py(note.y) + note.dy, _esc(note.text), note.anchor))
    out.append(_text(LEFT + pw / 2, height - 6, _esc(x_title)))
    out.append("</svg>")
    legend = _legend([line for panel in panels for line in panel.lines if line.name])
    # Markdown passes an HTML block through untouched only when its first line holds the opening tag alone and no
    # line inside it is blank. The legend is HTML above the drawing, so that it wraps on a narrow screen.
    return f'<div data-testid="svgFigure" style="max-width:{WIDTH}px">\n' + legend + "".join(out) + "</div>"


def _series(line: Line, px, py) -> list[str]:
    """A line (broken where a value is not finite, never drawn across the gap) or its dots."""
    runs = _runs(line.x, line.y)
    if line.dot:
        tip = f"<title>{_esc(line.hover)}</title>" if line.hover else ""
        points = [p for run in runs for p in run]
        dots = [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="{line.dot}" fill="{line.colour}" stroke="#111827" '
                f'stroke-width="{1 if line.note else 0}">{tip}</circle>' for x, y in points]  # fmt: skip
        if line.note:
            dots += [_text(px(x), py(y) + line.dot + 14, _esc(line.note)) for x, y in points]
        return dots
    dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
    return [f'<polyline points="{" ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in run)}" stroke="{line.colour}" '
            f'stroke-width="{line.width}"{dash}/>' for run in runs]  # fmt: skip


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _to(v: float, log: bool) -> float:
    """A value in the axis's own units: its log10 on a log axis (nan where it is not positive: a gap)."""
    if not log:
        return v
    return math.log10(v) if v > 0 else math.nan


def _scale(r: tuple[float, float], log: bool) -> tuple[float, float]:
    return (_to(r[0], log), _to(r[1], log))


def _ticks(lo: float, hi: float, n: int, log: bool) -> list[float]:
    """Tick values in the data's units: round numbers, or on a log axis whole powers of ten."""
    if not log:
        return ticks(lo, hi, n)
    first, last = math.ceil(lo - 1e-9), math.floor(hi + 1e-9)
    step = max(1, math.ceil((last - first + 1) / (n + 1)))
    return [10.0**e for e in range(first, last + 1, step)]


def _label(v: float, log: bool) -> str:
    if not log:
        return number(v)
    e = round(math.log10(v))
    return "1" if e == 0 else "10" if e == 1 else "10" + str(e).translate(SUPERSCRIPT)


def _esc(text: str) -> str:
    """Text made safe inside SVG markup: <, >, & and quotes escaped, control characters (which no chart label
    needs, and which XML refuses) dropped."""
    return escape("".join(ch for ch in text if ch.isprintable() or ch == " "))


def _grid(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#fff" stroke-width="1.5"/>'


def _text(x: float, y: float, text: str, anchor: str = "middle") -> str:
    """Text (already escaped) in the page's own colour."""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="currentColor">{text}</text>'


def _room(lo: float, hi: float) -> tuple[float, float]:
    """A range with room in it: one that is empty or not finite becomes a unit around its middle."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return -1.0, 1.0
    if hi - lo <= 1e-12 * max(1.0, abs(lo), abs(hi)):
        return lo - 0.5, hi + 0.5
    return lo, hi


def _runs(xs: tuple[float, ...], ys: tuple[float, ...]) -> list[list[tuple[float, float]]]:
    """The points split where a value is not finite: each run is drawn as its own line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, ys, strict=True):
        if math.isfinite(x) and math.isfinite(y):
            runs[-1].append((x, y))
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _legend(lines: list[Line]) -> str:
    """A row of HTML above the plot, wrapping when narrow: each series' sample (a short line or a dot), its name."""
    items = []
    for line in lines:
        if line.dot:
            sample = f'<circle cx="12" cy="6" r="{min(line.dot, 5)}" fill="{line.colour}"/>'
        else:
            dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
            sample = f'<line x1="0" y1="6" x2="24" y2="6" stroke="{line.colour}" stroke-width="{line.width}"{dash}/>'
        sample = f'<svg width="24" height="12" aria-hidden="true">{sample}</svg>'
        items.append(f'<span style="display:inline-flex;align-items:center;gap:6px">{sample}{_esc(line.name)}</span>')
    return ('<div data-testid="svgLegend" style="display:flex;flex-wrap:wrap;gap:2px 20px;font-size:14px;'
            f'padding-left:{100 * LEFT / WIDTH:.0f}%">{"".join(items)}</div>')  # fmt: skip
