"""Fuzzed URLs on every page: no exception, the page renders, refused values fall back to defaults, one warning."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page
from ui.i18n import lookup
from ui.pages import PAGES
from ui.params import ALL, parse_query

NASTY = [
    "", " ", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-0", "-0.0", "+0", "1e308", "-1e308", "1e309",
    "1e-320", "5e-324", "x" * 10_000, "9" * 10_000, "１", "٣", "½", "💥", "مرحبا", "中文", "0x10", "1_0", " 1 ",
    "1,2;3", "0,0;1,2", "1;2;3;4;5", ";", ",", "1,,2", "0,0;1,2;", "True", "None", "[1]", "{a}", "{0}", "%s",
    "%00", "\x00", "\n", "a\nb", "`", "**bold**", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[link](javascript:alert(1))", "__import__('os').system('id')", "';DROP TABLE--", "../../etc/passwd",
    "0.1", "5", "-5", "5.1", "0.15", "2", "0", "1", "cuda", "mps", "auto", "cpu", "en", "zh", "EN", "4999.5", "5001",
]  # fmt: skip
EMBED = ("embed", "embed_options")  # Streamlit keeps these for itself; the app never sees them
HEADERS = (lookup("en", "common.url_problems"), lookup("zh", "common.url_problems"))
PATHS = [p.path for p in PAGES]

values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-60, 60).map(lambda k: f"{k / 10:g}"),  # often valid slider values
)
queries = st.dictionaries(
    keys=st.one_of(st.sampled_from(sorted(ALL)), st.text(min_size=1, max_size=12)),
    values=st.one_of(values, st.lists(values, min_size=2, max_size=3)),  # a list is a repeated key
    max_size=6,
)


def land(path: str, query: dict) -> AppTest:
    """A first visit straight to `path` with `query` in the URL (as a browser arriving from a link would)."""
    return open_page(path, **query)


def seen_by_app(query: dict) -> dict[str, list[str]]:
    """The query as st.query_params hands it to the app (through a real query string)."""
    parsed = parse_qs(urlencode(query, doseq=True), keep_blank_values=True)
    return {k: v for k, v in parsed.items() if k.lower() not in EMBED}


def check(path: str, query: dict) -> None:
    at = land(path, query)
    assert not at.exception, [e.value for e in at.exception]
    lang = at.session_state["_keep_lang"]
    section = next(p.section for p in PAGES if p.path == path)
    assert [t.value for t in at.title] == [lookup(lang, f"{section}.title")], "the page asked for renders"

    expected = parse_query(seen_by_app(query))
    url_warnings = [w.value for w in at.warning if w.value.startswith(HEADERS)]
    if expected.problems:
        assert len(url_warnings) == 1, (expected.problems, [w.value for w in at.warning])
        body = url_warnings[0]
        items = body.split("\n\n", 1)[1].split("\n")
        assert len(items) == len(expected.problems), body  # one line per refused value, nothing more
        for item, (name, _, _) in zip(items, expected.problems, strict=True):
            assert item.startswith("- `") and item.count("`") == 4, item  # user text stays inside code spans
            assert re.sub(r"[^\w]", "", name[:5]) in re.sub(r"[^\w]", "", item), (name, item)
    else:
        assert not url_warnings, url_warnings

    for name, param in ALL.items():
        kept = at.session_state[f"_keep_{name}"] if f"_keep_{name}" in at.session_state else param.default  # noqa: SIM401
        if name == "lang":
            continue  # default comes from the browser's locale
        want = expected.values.get(name, param.default)
        assert kept == want, (name, kept, want)

    for name, raw in at.query_params.items():  # the URL written back holds only good values
        assert not isinstance(raw, list), (name, raw)
        ALL[name].parse(raw)


@pytest.mark.parametrize("path", PATHS)
def test_every_param_nasty_at_once(path):
    """Each known parameter gets a bad value (a different one per parameter), plus unknown keys."""
    bad = [v for v in NASTY if v not in ("0.1", "5", "-5", "2", "0", "1", "cpu", "auto", "en", "zh", "mps", "cuda")]
    query = {name: bad[(i * 7) % len(bad)] for i, name in enumerate(sorted(ALL))}
    query |= {"unknown": "1", "x" * 300: "y", "a": ["1", "2"]}
    check(path, query)


@pytest.mark.parametrize("value", ["nan", "inf", "-0", "1e308", "1e-320", "x" * 10_000, "💥", "", "`\n# h"])
def test_listed_values_on_a_slider(value):
    check("pages/backward/scalar.py", {"x": value, "a": value})


@pytest.mark.parametrize("path", PATHS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=queries)
def test_fuzzed_urls(path, query):
    check(path, query)


def test_user_text_cannot_break_out_of_the_warning():
    """Backticks and line breaks in a URL value must not turn into links, headings or extra list items."""
    at = land("pages/intro/home.py", {"x": "`[click](http://evil.example)`\n\n# Heading", "`k`": "v"})
    (body,) = [w.value for w in at.warning]
    items = body.split("\n\n", 1)[1].split("\n")
    assert len(items) == 2 and all(i.count("`") == 4 for i in items), body
    assert not any(line.startswith("#") for line in body.splitlines()), body
