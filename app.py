"""Autograd, interactively: the frame (page config, shared sidebar, URL state) and the router."""

import streamlit as st

from ui import a11y, frame, live, process, state

st.set_page_config(page_title="Autograd · 自动微分", page_icon="∂", layout="wide")
process.tune()
state.load_url_once()
page = frame.navigation()
a11y.setup(frame.language())  # <html lang>, contrast and keyboard fixes (ui/a11y.py)
live.badge()  # class mode (class= in the URL): the class's code, the teacher's reveals
share = frame.sidebar(page)
state.start_url()
frame.url_notice()
page.run()
state.publish_url()
frame.share_link(share, page)
