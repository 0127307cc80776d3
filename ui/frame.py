"""The frame around every page: language switch, shared sliders, device, navigation."""

from __future__ import annotations

import streamlit as st

from autograd_core.device import resolve_device
from ui import render, state, widgets
from ui.i18n import LANG_NAMES
from ui.pages import PAGES
from ui.text import t

SIDEBAR = "sidebar"


def language() -> str:
    return widgets.choice(SIDEBAR, "lang", "🌐 Language / 语言", LANG_NAMES.get, container=st.sidebar)


def sidebar() -> None:
    """a, b, c and x for f(x) = a·x² + b·x + c, and the device; all kept in the URL."""
    with st.sidebar:
        st.markdown(f"**{t('frame.function')}**")
        st.latex(r"f(x) = a\,x^2 + b\,x + c")
        for name in ("a", "b", "c", "x"):
            widgets.slider(SIDEBAR, name, name, help=t(f"frame.help_{name}"))
        device = widgets.choice(SIDEBAR, "device", t("frame.device"), horizontal=True)
        choice = resolve_device(device)
        if choice.fell_back:
            st.info(t("frame.device_fallback", requested=device, device=str(choice.device)))
        else:
            st.caption(t("frame.device_used", device=str(choice.device)))


def navigation():
    pages = {}
    for p in PAGES:
        page = st.Page(p.path, title=t(f"{p.section}.nav"), icon=p.icon, url_path=p.url, default=p.section == "home")
        pages.setdefault(t(f"nav.{p.group}"), []).append(page)
    return st.navigation(pages)


def url_notice() -> None:
    """One warning listing the refused URL values, on every page until the visitor dismisses it."""
    if state.url_problems():
        render.url_problems()
        if st.button(t("common.dismiss"), key="frame_url_dismiss"):
            state.clear_url_problems()
            st.rerun()
