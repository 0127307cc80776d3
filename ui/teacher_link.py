"""A teacher's link, built as a pure function: the pages in the teacher's order, the locked values, the starting
values and presentation mode, written as one address (TensorFlow Playground's "repurpose" link, with locks and a
fixed page order). No Streamlit: the page pages/teach/link.py gathers the choices, the frame honours the link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from ui.pages import PAGES
from ui.params import ALL, fmt, lockable, page_urls

ALWAYS = ("a", "b", "c", "x", "lang")  # written even at their defaults: the link says what the class starts from
LINK_OWN = ("route", "lock", "hide", "teacher")  # the link's own settings, and the teacher's secret: never values


def starting_values(current: Mapping[str, object], lock: Sequence[str] = ()) -> dict[str, object]:
    """The values a link carries: the sidebar's a, b, c, x and the language always; the switches when on; the
    device when chosen; a page's value when it differs from its default or is locked; the class code when a class
    is open (its answers are then counted), never the teacher's secret. In ALL's order."""
    out: dict[str, object] = {}
    for name, p in ALL.items():
        if name in LINK_OWN or (name not in current and name not in lock):
            continue
        v = current.get(name, p.default)
        if name in ALWAYS or name in lock or (v != p.default and v not in ("", None)):
            out[name] = v
    return out


def _check(names: Sequence[str], known: Sequence[str], what: str) -> None:
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(unknown)}")
    if len(set(names)) != len(names):
        raise ValueError(f"a {what} appears twice")


def build_link(
    base: str, route: Sequence[str], lock: Sequence[str], values: Mapping[str, object], hide: Sequence[str] = ()
) -> str:
    """The address that opens the route's first page (the home page when no route) with `values`, fixing the
    route, the locked values and the hidden ones (fixed and not shown). Every value is checked as the app will read
    it back; ValueError names what is wrong."""
    _check(route, page_urls(), "page")
    _check(lock, lockable(), "value")
    _check(hide, lockable(), "value")
    query: dict[str, str] = {}
    if route:
        query["route"] = ",".join(route)
    if lock:
        query["lock"] = ",".join(lock)
    if hide:
        query["hide"] = ",".join(hide)
    missing = [n for n in (*lock, *hide) if n not in values]
    if missing:
        raise ValueError(f"locked without a value: {', '.join(missing)}")
    for name, v in values.items():
        if name not in ALL or name in LINK_OWN:
            raise ValueError(f"unknown value: {name}")
        text = fmt(v)
        if ALL[name].parse(text) != v:  # what the app reads back is exactly this value
            raise ValueError(f"{name}={text} does not read back")
        query[name] = text
    for name in ("route", "lock", "hide"):
        if name in query:
            ALL[name].parse(query[name])  # within the length the app accepts
    first = next((p for p in PAGES if route and p.url == route[0]), None)
    path = "" if first is None or first.section == "home" else first.url
    return f"{base.rstrip('/')}/{path}" + (f"?{urlencode(query, safe=',')}" if query else "")
