"""Per-session values: read from the URL once, kept across pages, written back to the URL once per run."""

from __future__ import annotations

import streamlit as st

from ui.params import ALL, SHARED, fmt, parse_query

_LOADED = "_url_loaded"
_PROBLEMS = "_url_problems"
_URL = "_url_params"  # this run's URL, built as widgets are drawn and published once at the end


def _kept(name: str) -> str:
    return f"_keep_{name}"


def widget_key(page: str, name: str) -> str:
    return f"{page}_{name}"


def load_url_once() -> None:
    """On a session's first run, take the URL's values (checked) and note what was refused."""
    ss = st.session_state
    if ss.get(_LOADED):
        return
    ss[_LOADED] = True
    query = {k: st.query_params.get_all(k) for k in st.query_params}
    parsed = parse_query(query)
    for name, value in parsed.values.items():
        ss[_kept(name)] = value
    ss[_PROBLEMS] = parsed.problems
    if "lang" not in parsed.values:
        locale = getattr(st.context, "locale", None) or ""
        ss[_kept("lang")] = "zh" if str(locale).lower().startswith("zh") else "en"


def value(name: str):
    """The current value of a parameter in this session."""
    return st.session_state.get(_kept(name), ALL[name].default)


def prepare(page: str, name: str) -> str:
    """The widget key for a parameter, seeded with the kept value when the widget is new."""
    key = widget_key(page, name)
    if key not in st.session_state:
        st.session_state[key] = value(name)
    return key


def keep(name: str, v) -> None:
    """Remember a value for the session and put it in this run's URL."""
    st.session_state[_kept(name)] = v
    st.session_state.setdefault(_URL, {})[name] = fmt(v)


def start_url() -> None:
    """Begin this run's URL with the shared values; the page adds its own as it draws its widgets."""
    params = {n: fmt(value(n)) for n in SHARED if n not in ("device", "present")}
    if value("device") != "auto":
        params["device"] = value("device")
    if value("present"):
        params["present"] = "1"
    st.session_state[_URL] = params


def publish_url() -> None:
    """Write this run's URL to the browser: one message, and none when it has not changed.

    (Each st.query_params assignment is a message that the browser turns into a history entry.)
    """
    params = st.session_state.get(_URL, {})
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def url_problems() -> tuple[tuple[str, str, str], ...]:
    return st.session_state.get(_PROBLEMS, ())


def clear_url_problems() -> None:
    st.session_state[_PROBLEMS] = ()
