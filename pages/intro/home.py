"""Home: what autograd is, the lesson's sections, how to use the sliders."""

import streamlit as st

from ui import render
from ui.pages import LESSON
from ui.text import t, tl

render.header("home")
render.explanation("home")
st.subheader(t("home.sections"))
st.caption(t("home.objectives_title"))
for p in LESSON:
    with st.container(border=True):
        st.page_link(p.path, label=t(f"{p.section}.title"), icon=p.icon)
        st.caption(t(f"{p.section}.summary"))
        st.markdown("\n".join(f"- {item}" for item in tl(f"{p.section}.objectives")))
st.subheader(t("home.how_title"))
st.markdown(t("home.how"))
render.walkthrough("home")
