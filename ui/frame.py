"""The frame around every page: language switch, shared sliders, device, navigation."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from autograd_core.expression import ExpressionError, mode
from ui import compute, render, state, teach, widgets
from ui.i18n import LANG_NAMES
from ui.pages import LESSON, PAGES, SHARED_VALUES, by_url
from ui.text import t

SIDEBAR = "sidebar"


def language() -> str:
    """The language switch; drawn after st.navigation so that its state survives a cold start."""
    return widgets.choice(SIDEBAR, "lang", "🌐 Language / 语言", LANG_NAMES.get, container=st.sidebar)


def _uses(info) -> tuple[str, ...]:
    """The shared values the page reads; the expression lab reads x only while f is a function of x alone (its text
    box's new value is already in the session when the frame draws, so the sidebar never lags behind it)."""
    if info is None:
        return SHARED_VALUES
    if info.section == "expr":
        text = st.session_state.get(state.widget_key("expr", "f"), state.value("f"))
        try:
            return info.uses if mode(text) == "single" else ()
        except ExpressionError:
            return info.uses
    return info.uses


def sidebar(page=None):
    """a, b, c and x for f(x) = a·x² + b·x + c, the device and presentation mode, all kept in the URL.

    The values the current page does not read (ui/pages.py PageInfo.uses) are drawn disabled and said to be unused
    here; they keep their values (and stay in the URL) for the pages that do read them.
    Returns a sidebar slot for the share link, filled once the page has written its own values.
    """
    info = by_url(getattr(page, "url_path", "") or "")
    uses = _uses(info)
    unused = [name for name in SHARED_VALUES if name not in uses]
    with st.sidebar:
        teach.lock_notice()
        st.markdown(f"**{t('frame.function')}**")
        st.markdown("*f*(*x*) = *a*·*x*² + *b*·*x* + *c*")  # not st.latex: KaTeX would load on every page
        if unused:  # above the sliders, where it is read before one is dragged in vain
            key = "frame.unused_all" if not uses else "frame.unused_some"
            st.caption(t(key, unused=", ".join(unused), used=", ".join(uses)))
        for name in SHARED_VALUES:
            off = name in unused
            help = t("frame.unused_help", name=name) if off else t(f"frame.help_{name}")
            widgets.slider(SIDEBAR, name, name, help=help, disabled=off)
        device = widgets.choice(SIDEBAR, "device", t("frame.device"), horizontal=True)
        choice = compute.device()
        if choice.fell_back:
            st.info(t("frame.device_fallback", requested=device, device=str(choice.device)))
        else:
            st.caption(t("frame.device_used", device=str(choice.device)))
        st.divider()
        widgets.toggle(SIDEBAR, "present", t("frame.present"), help=t("frame.present_help"))
        widgets.toggle(SIDEBAR, "reveal", t("quiz.teacher"), help=t("quiz.teacher_help"))
        done = len(render.opened_sections() & {p.section for p in LESSON})
        st.caption(t("quiz.progress", k=done, n=len(LESSON)))
        st.button(t("quiz.reset"), key=f"{SIDEBAR}_new_class", on_click=render.new_class)
        return st.empty()


def base_url() -> str:
    """The app's root address as the browser sees it (behind a proxy too), without the page's path."""
    here = urlsplit(st.context.url or "")
    path = here.path.rstrip("/")
    for p in PAGES:  # the browser's path ends with the page's url path (none for the home page)
        if p.url and path.endswith("/" + p.url):
            path = path[: -len(p.url) - 1]
            break
    return f"{here.scheme}://{here.netloc}{path}" if here.netloc else ""


def share_link(slot, page) -> None:
    """Show the address that reopens exactly this page and these values (st.code has a copy button)."""
    base = base_url()
    query = urlencode({k: st.query_params[k] for k in st.query_params if k != "teacher"})  # never the secret
    # in a popover: its code block (with the copy button) is drawn only when opened, so a page without code of its
    # own does not load the syntax highlighter (1.5 MB of JavaScript) on a first visit
    with slot.container(), st.popover(f"🔗 {t('frame.share')}", width="stretch", key=f"{SIDEBAR}_share"):
        st.code(f"{base}/{page.url_path}?{query}", language=None, wrap_lines=True)
        st.caption(t("frame.share_help"))


def navigation():
    """Every page, grouped; with a teacher's route (ui/teach.py) only the route's pages are listed, in its order, and
    a page off the route (a typed address, a link in a page) leads to the route's first page."""
    pages, by_path = {}, {}
    for p in PAGES:
        page = st.Page(p.path, title=t(f"{p.section}.nav"), icon=p.icon, url_path=p.url, default=p.section == "home")
        pages.setdefault(t(f"nav.{p.group}"), []).append(page)
        by_path[p.path] = page
    route = teach.route()
    if not route:
        return st.navigation(pages)
    current = st.navigation(list(by_path.values()), position="hidden")  # every page stays reachable for page_link
    info = by_url(current.url_path)
    if info not in route:
        st.switch_page(by_path[route[0].path])
    with st.sidebar:
        st.markdown(f"**{t('lock.route_title')}**")
        for k, p in enumerate(route, 1):
            st.page_link(by_path[p.path], label=f"{k}. {t(f'{p.section}.nav')}", icon=p.icon)
        st.divider()
    return current


def url_notice() -> None:
    """One warning listing the refused URL values, on every page until the visitor dismisses it."""
    if state.url_problems():
        render.url_problems()
        if st.button(t("common.dismiss"), key="frame_url_dismiss"):
            state.clear_url_problems()
            st.rerun()


def route_next(page) -> None:
    """Below a page of the teacher's route: where it stands in the route, and the next page."""
    teach.next_page(by_url(getattr(page, "url_path", "") or ""))
