"""Class live: the teacher opens a class, sees how the class answers each question as it happens, and reveals."""

import streamlit as st

from ui import classboard, render, state
from ui.text import t

S = "classlive"
render.header(S)
code, secret = state.value("class"), state.value("teacher")
now = classboard.status(code, secret)
if now == "teacher":
    classboard.links(code, secret)
    classboard.board(code, secret)
else:
    if now == "student":
        st.info(t("classlive.student_here", code=code))
    elif now != "none":
        st.warning(t(f"classlive.error_{now}", code=code))
    render.explanation(S)
    classboard.open_form()
render.try_this(S)
