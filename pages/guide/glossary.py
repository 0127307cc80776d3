"""Glossary: every term of the lesson in English and Chinese, a one-line meaning, and the page that shows it live."""

import streamlit as st

from ui import render
from ui.guide import TERMS
from ui.i18n import lookup
from ui.pages import by_section
from ui.text import lang, t

S = "glossary"
render.header(S)
st.markdown(t(f"{S}.intro"))
for key, section in TERMS:
    page = by_section(section)
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        names = dict.fromkeys(lookup(code, f"{S}.term_{key}") for code in sorted(("en", "zh"), key=lang().__ne__))
        names = " · ".join(f"**{name}**" for name in names)  # the current language first; once when both agree
        st.markdown(f"{names}  \n{t(f'{S}.def_{key}')}", width="stretch")
        st.page_link(page.path, label=t(f"{section}.nav"), icon=page.icon, width="content")
