"""Widgets bound to a URL parameter: they start at the session's value and write it back to the URL."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import state, teach
from ui.params import ALL, CELL_LIMIT, MAX_TEXT, fmt
from ui.text import t


def slider(page: str, name: str, label: str, help: str | None = None, container=st, disabled: bool = False):
    """A slider for a numeric parameter (a select slider when it has fixed options); a disabled one still keeps its
    value in the URL. One the teacher's link locks is drawn disabled, says why, and keeps the link's value."""
    p = ALL[name]
    key, kept = state.widget_key(page, name), state.value(name)
    if teach.hidden(name):
        return _fixed(name)
    lock = teach.locked(name)
    disabled, help = disabled or lock, teach.help_text(name, help)
    # value= (not a Session State seed): a fresh widget starts at the kept value, never at the slider's minimum
    if p.options:
        v = container.select_slider(label, options=p.options, value=kept, key=key, help=help, format_func=fmt,
                                     disabled=disabled)  # fmt: skip
    else:
        v = container.slider(label, min_value=p.lo, max_value=p.hi, value=kept, step=p.step, key=key, help=help,
                             disabled=disabled)  # fmt: skip
        v = int(v) if p.integer else round(float(v), 10) + 0.0
    v = kept if lock else v  # a locked value never changes from the page, whatever the widget sends
    state.keep(name, v)
    return v


def _fixed(name: str):
    """A value the teacher's link hides: no widget, the link's value kept (and in the URL)."""
    v = state.value(name)
    state.keep(name, v)
    return v


def _named(name: str, prefix: str):
    """Each option of a parameter shown as the locale entry prefix + option, looked up now (during the run)."""
    names = {o: t(f"{prefix}{o}") for o in ALL[name].options}
    return names.__getitem__


def choice(page: str, name: str, label: str, format_func=str, container=st, horizontal: bool = True, names=None):
    """A radio over a parameter's options (shown through format_func, or as the locale entries `names` + option)."""
    p = ALL[name]
    if teach.hidden(name):
        return _fixed(name)
    format_func = _named(name, names) if names else format_func
    key, index = state.widget_key(page, name), p.options.index(state.value(name))
    lock = teach.locked(name)
    v = container.radio(label, p.options, index, key=key, format_func=format_func, horizontal=horizontal,
                        disabled=lock, help=teach.help_text(name, None))  # fmt: skip
    v = state.value(name) if lock else v
    state.keep(name, v)
    return v


def views(page: str, name: str, label: str, names: str) -> str:
    """A row of buttons choosing what a page shows below it (one of a parameter's options, kept in the URL), each
    named by the locale entry `names` + option. Only the chosen view is drawn, so the others cost nothing."""
    p = ALL[name]
    if teach.hidden(name):
        return _fixed(name)
    lock = teach.locked(name)
    v = st.segmented_control(
        label, p.options, default=state.value(name), required=True, format_func=_named(name, names),
        key=state.widget_key(page, name), label_visibility="collapsed", width="stretch", disabled=lock,
        help=teach.help_text(name, None),
    )  # fmt: skip
    v = state.value(name) if lock else v
    state.keep(name, v)
    return v


def text(page: str, name: str, label: str, help: str | None = None, placeholder: str | None = None, container=st):
    """A text input for a text parameter; only text the parameter accepts goes into the URL."""
    p = ALL[name]
    if teach.hidden(name):
        return _fixed(name)
    key = state.prepare(page, name)
    lock = teach.locked(name)
    if lock:  # the link's text, whatever the widget sends
        st.session_state[key] = state.value(name)
    v = container.text_input(label, key=key, help=teach.help_text(name, help), max_chars=MAX_TEXT,
                             placeholder=placeholder, disabled=lock)  # fmt: skip
    try:
        state.keep(name, p.parse(v))
    except ValueError:
        state.keep(name, state.value(name))  # the URL keeps the last accepted text
    return v


def _resize(rows: tuple, n: int, m: int, fill: float) -> tuple:
    """Cut or pad a table to n x m, padding with `fill`."""
    out = [list(r[:m]) + [fill] * (m - len(r[:m])) for r in rows[:n]]
    out += [[fill] * m for _ in range(n - len(out))]
    return tuple(tuple(float(v) for v in r) for r in out)


def matrix_editor(page: str, name: str, label: str, fill: float, cols: int | None = None) -> tuple:
    """An editable 1..4 x 1..4 table; bad cells get a message and the last good table is used.

    cols: a fixed number of columns (e.g. 1 for a column vector): then only the number of rows can be chosen.
    """
    p = ALL[name]
    if teach.hidden(name):
        return _fixed(name)
    kept = state.value(name)
    lock = teach.locked(name)
    st.markdown(f"**{label}**")
    if lock:
        st.caption("🔒 " + t("lock.help"))
        for k, v in (("rows", len(kept)), ("cols", len(kept[0]))):  # the link's shape, whatever the widgets send
            st.session_state[f"{page}_{name}_{k}"] = v
    left, right = st.columns(2)
    n = left.number_input(t("common.rows"), 1, 4, key=_seed(f"{page}_{name}_rows", len(kept)), disabled=lock)
    if cols is None:
        m = right.number_input(t("common.cols"), 1, 4, key=_seed(f"{page}_{name}_cols", len(kept[0])), disabled=lock)
    else:
        m = cols
    if (n, m) != (len(kept), len(kept[0])):
        kept = _resize(kept, int(n), int(m), fill)
        state.keep(name, kept)
    key = f"{page}_{name}_{n}x{m}"
    base = f"_base_{key}"
    if key not in st.session_state:  # a new editor (first visit, shape change, or back from another page)
        st.session_state[base] = kept
    frame = pd.DataFrame(kept if lock else st.session_state[base], columns=[str(j) for j in range(m)], dtype=float)
    limit = CELL_LIMIT
    config = {c: st.column_config.NumberColumn(c, min_value=-limit, max_value=limit, format="%g") for c in frame}
    edited = st.data_editor(frame, key=key, num_rows="fixed", column_config=config, width="content", disabled=lock)
    if lock:
        state.keep(name, kept)
        return kept
    st.caption(t("common.cells_hint", limit=fmt(limit)))  # the editor drops typed letters without a word
    try:
        values = p.parse(fmt(tuple(tuple(float(v) for v in row) for row in edited.to_numpy())))
    except (TypeError, ValueError):
        st.warning(t("common.bad_cells", limit=fmt(limit)))
        state.keep(name, kept)  # the URL keeps the last good table
        return kept
    state.keep(name, values)
    return values


def set_matrix(page: str, name: str, value: tuple) -> None:
    """Put `value` into a matrix editor (shape and cells) from code, e.g. from a button; takes effect from the
    editor's next drawing in this run, or after st.rerun() when the editor is already drawn."""
    state.keep(name, value)
    for k in ("rows", "cols"):
        st.session_state.pop(f"{page}_{name}_{k}", None)
    key = f"{page}_{name}_{len(value)}x{len(value[0])}"
    st.session_state.pop(key, None)
    st.session_state[f"_base_{key}"] = value


def _seed(key: str, v) -> str:
    if key not in st.session_state:
        st.session_state[key] = v
    return key


def toggle(page: str, name: str, label: str, help: str | None = None, container=st) -> bool:
    """An on/off switch for a 0/1 parameter."""
    if teach.hidden(name):
        return bool(_fixed(name))
    lock = teach.locked(name)
    on = container.toggle(label, value=bool(state.value(name)), key=state.widget_key(page, name),
                          help=teach.help_text(name, help), disabled=lock)  # fmt: skip
    on = bool(state.value(name)) if lock else on
    state.keep(name, int(on))
    return on


def x_and_gradient(page: str) -> tuple[tuple, tuple]:
    """The x and gradient tables of sections 1.2 and 1.3, side by side (shared across both pages)."""
    left, right = st.columns(2)
    with left:
        x = matrix_editor(page, "xmat", t("common.x_table"), 0.0)
    with right:
        gradient = matrix_editor(page, "gmat", t("common.gradient_table"), 1.0)
    return x, gradient
