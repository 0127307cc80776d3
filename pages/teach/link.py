"""For teachers: build a link that fixes the pages and their order, the starting values and the locked controls."""

import streamlit as st

from ui import frame, render, state
from ui.pages import LESSON, PAGES
from ui.params import ALL, fmt, lockable
from ui.teacher_link import build_link, starting_values
from ui.text import t

S = "teachlink"
render.header(S)
render.explanation(S)
titles = {p.url: t(f"{p.section}.nav") for p in PAGES}
route = st.multiselect(t(f"{S}.route"), [p.url for p in PAGES if p.group != "teach"], default=[p.url for p in LESSON],
                       format_func=titles.__getitem__, help=t(f"{S}.route_help"), key=f"{S}_route")  # fmt: skip
current = {n: state.value(n) for n in ALL if n != "reveal"}  # the answer switch is never carried as on
shown = {n: fmt(v) for n, v in current.items()}
lock = st.multiselect(t(f"{S}.lock"), lockable(), default=["reveal"], help=t(f"{S}.lock_help"), key=f"{S}_lock",
                      format_func=lambda n: f"{n} = {shown.get(n, '0')}")  # fmt: skip
hide = st.multiselect(t(f"{S}.hide"), lockable(), help=t(f"{S}.hide_help"), key=f"{S}_hide",
                      format_func=lambda n: f"{n} = {shown.get(n, '0')}")  # fmt: skip
present = st.toggle(t(f"{S}.present"), value=bool(state.value("present")), help=t(f"{S}.present_help"),
                    key=f"{S}_present")  # fmt: skip
current["present"] = int(present)
if "reveal" in lock or "reveal" in hide:
    current["reveal"] = 0
values = starting_values(current, (*lock, *hide))
st.subheader(t(f"{S}.values"))
rows = [[t(f"{S}.col_name"), t(f"{S}.col_value")]]
mark = {**dict.fromkeys(lock, "🔒 "), **dict.fromkeys(hide, "🙈 ")}
rows += [[mark.get(n, "") + f"`{n}`", f"`{fmt(v)}`"] for n, v in values.items()]
render.table(rows)
st.caption(t(f"{S}.values_caption") + " " + t(f"{S}.reveal_note"))
if values.get("class"):  # a class opened on the Class live page: the students' answers will be counted
    st.caption(t(f"{S}.class_note", code=values["class"]))
st.subheader(t(f"{S}.link"))
try:
    link = build_link(frame.base_url(), route, lock, values, hide)
except ValueError:  # the choices above are all valid: a value kept in this session that no longer reads back
    st.error(t(f"{S}.bad"))
else:
    st.code(link, language=None, wrap_lines=True)
    st.caption(t(f"{S}.link_caption"))
    st.link_button(t(f"{S}.open"), link)
render.try_this(S)
