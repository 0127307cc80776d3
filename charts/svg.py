"""Small line charts as SVG text: the browser updates them in place, with no chart library to load or re-mount.

Plotly suits the charts students explore (zoom, hover, animation). A chart that follows a slider step by step is
better as plain SVG: st.plotly_chart gets a new element id whenever its figure changes, so Streamlit's frontend
mounts a new Plotly chart on every step (bench/RESULTS.md has what that costs a key press).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from html import escape

import numpy as np

WIDTH, HEIGHT = 720, 380
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 40, 46  # the plot area's margins, in SVG units
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


def chart(lines: list[Line], x_range: tuple[float, float], y_range: tuple[float, float], x_title: str,
          y_title: str, description: str, key: str) -> str:  # fmt: skip
    """An SVG line chart that scales to its container; `description` is what a screen reader says instead."""
    (x0, x1), (y0, y1) = _room(*x_range), _room(*y_range)
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (x - x0) / (x1 - x0) * pw

    def py(y: float) -> float:
        return TOP + (y1 - y) / (y1 - y0) * ph

    clip = f"clip-{escape(key)}"
    out = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="{escape(description)}" '
        f'style="max-width:{WIDTH}px;height:auto;font-size:13px" data-testid="svgChart" data-key="{escape(key)}">',
        f"<title>{escape(description)}</title>",
        f'<defs><clipPath id="{clip}"><rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}"/></clipPath></defs>',
        f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="#f5f6f8"/>',
    ]
    for v in ticks(x0, x1):
        out += [_grid(px(v), TOP, px(v), TOP + ph), _text(px(v), TOP + ph + 18, number(v))]
    for v in ticks(y0, y1):
        out += [_grid(LEFT, py(v), LEFT + pw, py(v)), _text(LEFT - 8, py(v) + 4, number(v), "end")]
    out.append(_text(LEFT + pw / 2, HEIGHT - 6, escape(x_title)))
    out.append(f'<text transform="translate(16 {TOP + ph / 2}) rotate(-90)" text-anchor="middle" '
               f'fill="currentColor">{escape(y_title)}</text>')  # fmt: skip
    out.append(f'<g clip-path="url(#{clip})" fill="none">')
    for line in lines:
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        if line.dot:
            for x, y in (p for run in _runs(line.x, line.y) for p in run):
                tip = f"<title>{escape(line.hover)}</title>" if line.hover else ""
                out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="{line.dot}" fill="{line.colour}">{tip}'
                           "</circle>")  # fmt: skip
        else:
            for run in _runs(line.x, line.y):  # a gap where a value is not finite (nan, inf), never a line across it
                points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in run)
                out.append(f'<polyline points="{points}" stroke="{line.colour}" stroke-width="{line.width}"{dash}/>')
    out.append("</g>")
    out += _legend(lines)
    out.append("</svg>")
    # Markdown passes an HTML block through untouched only when its first line holds the opening tag alone and no
    # line inside it is blank.
    return out[0] + "\n" + "".join(out[1:])


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


def text_width(text: str) -> float:
    """Roughly how wide a label is at 13px: a Chinese character about twice a Latin one."""
    return sum(13.0 if unicodedata.east_asian_width(ch) in "WF" else 7.5 for ch in text)


def _legend(lines: list[Line]) -> list[str]:
    """A row above the plot: each series' sample (a short line or a dot) and its name."""
    out, x = [], float(LEFT)
    for line in lines:
        if line.dot:
            out.append(f'<circle cx="{x + 10}" cy="18" r="{min(line.dot, 6)}" fill="{line.colour}"/>')
        else:
            dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
            out.append(f'<line x1="{x}" y1="18" x2="{x + 22}" y2="18" stroke="{line.colour}" '
                       f'stroke-width="{line.width}"{dash}/>')  # fmt: skip
        out.append(f'<text x="{x + 28}" y="22" fill="currentColor">{escape(line.name)}</text>')
        x += 28 + text_width(line.name) + 22
    return out
