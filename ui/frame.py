"""The frame around every page: language switch, shared sliders, device, navigation."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from ui import compute, render, state, widgets
from ui.i18n import LANG_NAMES
from ui.pages import LESSON, PAGES
from ui.text import t

SIDEBAR = "sidebar"


def language() -> str:
    """The language switch; drawn after st.navigation so that its state survives a cold start."""
    return widgets.choice(SIDEBAR, "lang", "🌐 Language / 语言", LANG_NAMES.get, container=st.sidebar)


def sidebar():
    """a, b, c and x for f(x) = a·x² + b·x + c, the device and presentation mode, all kept in the URL.

    Returns a sidebar slot for the share link, filled once the page has written its own values.
    """
    with st.sidebar:
        st.markdown(f"**{t('frame.function')}**")
        st.latex(r"f(x) = a\,x^2 + b\,x + c")
        for name in ("a", "b", "c", "x"):
            widgets.slider(SIDEBAR, name, name, help=t(f"frame.help_{name}"))
        device = widgets.choice(SIDEBAR, "device", t("frame.device"), horizontal=True)
        choice = compute.device()
        if choice.fell_back:
            st.info(t("frame.device_fallback", requested=device, device=str(choice.device)))
        else:
            st.caption(t("frame.device_used", device=str(choice.device)))
        st.divider()
        widgets.toggle(SIDEBAR, "present", t("frame.present"), help=t("frame.present_help"))
        done = sum(p.section in render.quiz_progress() for p in LESSON)  # a page's further questions not counted
        st.caption(t("quiz.progress", k=done, n=len(LESSON)))
        return st.empty()


def share_link(slot, page) -> None:
    """Show the address that reopens exactly this page and these values (st.code has a copy button)."""
    here = urlsplit(st.context.url or "")
    path = here.path.rstrip("/")
    for p in PAGES:  # the browser's path ends with the page's url path (none for the home page)
        if p.url and path.endswith("/" + p.url):
            path = path[: -len(p.url) - 1]
            break
    base = f"{here.scheme}://{here.netloc}{path}" if here.netloc else ""
    query = urlencode({k: st.query_params[k] for k in st.query_params})
    with slot.container():
        st.markdown(f"**🔗 {t('frame.share')}**")
        st.code(f"{base}/{page.url_path}?{query}", language=None, wrap_lines=True)
        st.caption(t("frame.share_help"))


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
