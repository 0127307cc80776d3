"""Per-session values: read from the URL once, kept across pages, written back to the URL as they change."""

from __future__ import annotations

import streamlit as st

from ui.params import ALL, SHARED, fmt, parse_query

_LOADED = "_url_loaded"
_PROBLEMS = "_url_problems"
_URL = "_url_params"  # this run's URL, built as widgets are drawn; extras are dropped at the end


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


def _url_text(name: str, v) -> str | None:
    """How a value stands in the URL; None for a default that the URL leaves out (device auto, switches off, no
    teacher's route or lock)."""
    if (name == "device" and v == "auto") or (name in ("present", "reveal") and not v) or v == "":
        return None
    return fmt(v)


def keep(name: str, v) -> None:
    """Remember a value for the session and put it in the URL. A changed value is written at once, so that the
    address follows a slider before the results below it are drawn (one message); values new to the URL (a first
    visit) are added together at the end of the run, and unchanged ones cost nothing."""
    st.session_state[_kept(name)] = v
    text, url = _url_text(name, v), st.session_state.setdefault(_URL, {})
    if text is None:
        url.pop(name, None)
        if name in st.query_params:
            del st.query_params[name]
    else:
        url[name] = text
        shown = st.query_params.get(name)
        if shown is not None and shown != text:  # a change; a value not in the URL yet comes with publish_url()
            st.query_params[name] = text


def start_url() -> None:
    """Begin this run's URL with the shared values; the page adds its own as it draws its widgets."""
    texts = {n: _url_text(n, value(n)) for n in SHARED}
    st.session_state[_URL] = {n: text for n, text in texts.items() if text is not None}


def publish_url() -> None:
    """At the end of a run, make the URL exactly this run's values: add the ones new to it, drop what no widget
    kept (another page's values, refused or unknown ones). No message when nothing is left to do, the usual case.

    (Each st.query_params change is a message that the browser turns into a history entry.)
    """
    params = st.session_state.get(_URL, {})
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def url_values() -> dict[str, str]:
    """This run's URL so far (the shared values and the page's own, as the URL writes them)."""
    return dict(st.session_state.get(_URL, {}))


def url_problems() -> tuple[tuple[str, str, str], ...]:
    return st.session_state.get(_PROBLEMS, ())


def clear_url_problems() -> None:
    st.session_state[_PROBLEMS] = ()
