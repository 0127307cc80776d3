"""Streamlit-facing helpers shared by the frame and the pages (state, widgets, text, rendering)."""
