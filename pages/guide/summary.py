"""Summary: backward() versus torch.autograd.grad, and the classic pitfalls, as plain printable tables."""

import streamlit as st

from ui import render
from ui.text import t, tl

S = "summary"
render.header(S)
st.markdown(t(f"{S}.intro"))
st.subheader(t(f"{S}.table_title"))
render.table(tl(f"{S}.rows"))
st.subheader(t(f"{S}.pitfalls_title"))
render.table(tl(f"{S}.pitfall_rows"))
