"""Home: what autograd is, the lesson's sections, how to use the sliders and the prediction buttons, and Next."""

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
buttons = {"check": t("quiz.check"), "reveal": t("quiz.reveal")}
st.subheader(t("home.buttons_title", **buttons))
st.markdown(t("home.buttons", **buttons))
st.divider()
if st.button(t("home.start"), key="home_next", type="primary"):
    st.switch_page(LESSON[0].path)
