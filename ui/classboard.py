"""The teacher's view of a class: open one, share its link, watch the answers come in, reveal a question."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode, urlsplit

import streamlit as st

from classroom.store import ClassError
from ui import live, render, state
from ui.pages import PAGES
from ui.text import has, t

S = "classlive"
REFRESH_S = 2  # the teacher's view asks the store for the counts this often
HOURS = (1, 2, 4, 8, 24)
MAX_SHOWN = 6  # per page: the most-answered questions (moving a slider draws new ones; the rest are counted)
ERROR = "_classlive_error"  # a refused reveal, shown on the next run


def _base() -> str:
    """The app's address without the page's path (as the sidebar's share link computes it)."""
    here = urlsplit(st.context.url or "")
    path = here.path.rstrip("/")
    for p in PAGES:
        if p.url and path.endswith("/" + p.url):
            path = path[: -len(p.url) - 1]
            break
    return f"{here.scheme}://{here.netloc}{path}" if here.netloc else ""


def open_form() -> None:
    """How long the class lasts, and the button that opens it (a new code and secret, put into the URL)."""
    hours = st.selectbox(t("classlive.duration"), HOURS, index=2, key=f"{S}_hours",
                         format_func=lambda h: t("classlive.hours", h=h))  # fmt: skip
    if st.button(t("classlive.open"), key=f"{S}_open", type="primary"):
        s = live.store()
        try:
            if s is None:
                raise ClassError
            code, secret = s.open_class(int(hours) * 3600)
        except ClassError:
            st.error(t("classlive.error_unavailable"))
            return
        state.keep("class", code)
        state.keep("teacher", secret)
        st.rerun()


def links(code: str, secret: str) -> None:
    """The code to write on the board, the students' link, and the teacher's own link (kept private)."""
    st.markdown(f"## {t('classlive.code_is', code=code)}")
    st.markdown(f"**{t('classlive.student_link')}**")
    st.code(f"{_base()}/?{urlencode({'class': code})}", language=None, wrap_lines=True)
    st.caption(t("classlive.student_link_help"))
    with st.expander(t("classlive.teacher_link")):
        st.code(f"{_base()}/class-live?{urlencode({'class': code, 'teacher': secret})}", language=None, wrap_lines=True)
        st.caption(t("classlive.teacher_link_help"))
        if st.button(t("classlive.end"), key=f"{S}_end", help=t("classlive.end_help")):
            try:
                live.store().close_class(code, secret)
            except ClassError as err:
                st.error(t(f"classlive.error_{err.reason}", code=code))
                return
            state.keep("class", "")
            state.keep("teacher", "")
            st.rerun()


def status(code: str, secret: str) -> str:
    """What this tab may do with the class in its URL: teacher, or why not (none, student, no_class, ...)."""
    s = live.store()
    if s is None:
        return "unavailable"
    if not code:
        return "none"
    try:
        if not s.exists(code):
            return "no_class"
        if not secret:
            return "student"
        return "teacher" if s.is_teacher(code, secret) else "wrong_secret"
    except ClassError as err:
        return err.reason


def _reveal(code: str, qid: str, secret: str) -> None:
    s = live.store()
    try:
        s.reveal(code, qid, secret)
    except ClassError as err:
        st.session_state[ERROR] = err.reason


def _page_of(section: str) -> tuple[int, str]:
    order = [p.section for p in PAGES]
    k = order.index(section) if section in order else len(order)
    return k, t(f"{section}.nav") if has(f"{section}.nav") else section


@st.fragment(run_every=REFRESH_S)
def board(code: str, secret: str) -> None:
    """Every question the class answered, by page, each with its bars and a reveal button, redrawn live."""
    reason = st.session_state.pop(ERROR, None)
    if reason:
        st.error(t(f"classlive.error_{reason}", code=code))
    s = live.store()
    try:
        counts, about, shown, order = s.tallies(code), s.about(code), s.revealed(code), s.questions(code)
        voters, left = s.voters(code), s.expires_in(code)
    except ClassError as err:
        st.warning(t(f"classlive.error_{err.reason}", code=code))
        return
    st.caption(t("classlive.status", n=voters, minutes=round(left / 60)))
    groups: dict[tuple[int, str], list] = {}
    for qid, tally in counts.items():
        found = live.question_from(about.get(qid, ""))
        if found:
            groups.setdefault(_page_of(found[0]), []).append((sum(tally.values()), qid, found[1], tally))
    if not groups:
        st.info(t("classlive.waiting"))
        return
    for (_, title), items in sorted(groups.items()):
        st.subheader(title)
        top = sorted(items, key=lambda item: -item[0])[:MAX_SHOWN]  # the most answered, in the order first answered
        for _, qid, q, tally in sorted(top, key=lambda item: order.index(item[1])):
            _question(code, secret, qid, q, tally, qid in shown)
        if len(items) > MAX_SHOWN:
            st.caption(t("classlive.more", k=len(items) - MAX_SHOWN))


def _question(code: str, secret: str, qid: str, q, tally: dict[str, int], shown: bool) -> None:
    key = hashlib.blake2s(qid.encode(), digest_size=6).hexdigest()
    with st.container(border=True):
        st.markdown(render.question_text(q, "prompt"))
        live.chart(q, tally, f"{S}_chart_{key}")
        if shown:
            st.success(t("classlive.revealed"))
        else:
            st.button(t("classlive.reveal"), key=f"{S}_reveal_{key}", on_click=_reveal, args=(code, qid, secret))
