"""A teacher's link in the running app: the route (which pages, in which order) and the locked values."""

from __future__ import annotations

import streamlit as st

from ui import render, state
from ui.pages import PAGES, PageInfo
from ui.params import names
from ui.text import t


def route() -> tuple[PageInfo, ...]:
    """The pages of the teacher's route in its order; () when the link fixes no route."""
    urls = names(state.value("route"))
    by_url = {p.url: p for p in PAGES}
    return tuple(by_url[u] for u in urls if u in by_url)


def locks() -> tuple[str, ...]:
    return names(state.value("lock"))


def locked(name: str) -> bool:
    return name in locks()


def hidden(name: str) -> bool:
    """A value the teacher's link fixes and does not show (hide=): no control is drawn, the link's value applies."""
    return name in names(state.value("hide"))


def help_text(name: str, help: str | None) -> str | None:
    """A widget's help, with the reason it cannot move when the teacher's link fixes it."""
    if not locked(name):
        return help
    return t("lock.help") + (f"\n\n{help}" if help else "")


def lock_notice(container=st) -> None:
    """One caption above the sidebar's controls naming what the link fixes (seen without hovering)."""
    if locks():
        container.caption("🔒 " + t("lock.notice", names=", ".join(locks())))


def next_page(current: PageInfo | None) -> None:
    """Below every routed page: 'page k of n' and the previous / next page of the teacher's route."""
    pages = route()
    if not pages or current not in pages:
        return
    k = pages.index(current)
    following = t("lock.next", title=t(f"{pages[k + 1].section}.nav")) if k + 1 < len(pages) else ""
    render.prev_next(pages, k, t("lock.page_k_of_n", k=k + 1, n=len(pages)), following, "route", primary=True)
