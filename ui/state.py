"""Per-session values: read from the URL once, kept across pages, written back to the URL each run."""

from __future__ import annotations

import streamlit as st

from ui.params import ALL, SHARED, fmt, parse_query

_LOADED = "_url_loaded"
_PROBLEMS = "_url_problems"


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
    """Remember a value for the session and put it in the URL."""
    st.session_state[_kept(name)] = v
    st.query_params[name] = fmt(v)


def write_shared_url() -> None:
    """Reset the URL to the shared values; the page adds its own as it draws its widgets."""
    params = {n: fmt(value(n)) for n in SHARED if n not in ("device", "present")}
    if value("device") != "auto":
        params["device"] = value("device")
    if value("present"):
        params["present"] = "1"
    st.query_params.from_dict(params)


def url_problems() -> tuple[tuple[str, str, str], ...]:
    return st.session_state.get(_PROBLEMS, ())


def clear_url_problems() -> None:
    st.session_state[_PROBLEMS] = ()
