"""Home: what autograd is, the lesson's sections, how to use the sliders."""

import streamlit as st

from ui import render
from ui.pages import LESSON
from ui.text import t

render.header("home")
render.explanation("home")
st.subheader(t("home.sections"))
for p in LESSON:
    with st.container(border=True):
        st.page_link(p.path, label=t(f"{p.section}.title"), icon=p.icon)
        st.caption(t(f"{p.section}.summary"))
st.subheader(t("home.how_title"))
st.markdown(t("home.how"))
render.walkthrough("home")
