"""Class mode for a student's tab: the class badge, answers sent to the class store, the teacher's reveals."""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3

import streamlit as st

from charts import classlive as charts
from classroom.store import ClassError, NoSuchClass, RateLimited, Store, Unavailable, store_from_env, valid_code
from ui import alt, compute, questions, state, tallies
from ui.text import has, lang, t

POLL_S = 3  # how often a student's tab asks whether the teacher revealed something
VOTER = "_class_voter"  # a random id per tab: the store's only link between one student's answers
PENDING = "_class_pending"  # {question id: (answer, about)} not yet counted (sent again on later runs)
SENT = "_class_sent"  # question ids this tab's vote reached the store for
SEEN = "_class_revealed"  # the class's revealed question ids, as of this tab's last look
ON_PAGE = "_class_on_page"  # the question ids this run drew (a new reveal among them redraws the page)
NOTICE = "_class_notice"  # the reason of the last refused vote, shown once in the badge


@st.cache_resource(show_spinner=False)
def _store() -> Store:
    return store_from_env()  # one per process, shared by every session (AUTOGRAD_CLASS_STORE)


def store() -> Store | None:
    """The process's class store; None when it cannot be opened (an unwritable data dir, a bad AUTOGRAD_CLASS_STORE)."""
    try:
        return _store()
    except (OSError, ValueError, sqlite3.Error):
        return None


def code() -> str:
    return state.value("class")


def teaching() -> bool:
    """A teacher's tab (teacher= in the URL): its own answers are not counted."""
    return bool(state.value("teacher"))


STICKY_COOKIE = "autograd_replica"  # the random per-browser id nginx sets for sticky sessions (deploy/)


def voter_from_cookie(cookie: str) -> str:
    """A voter id derived from the browser's sticky cookie (never the cookie itself, which routes requests)."""
    return hashlib.sha256(f"autograd-voter:{cookie}".encode()).hexdigest()[:16]


def voter() -> str:
    """Behind the deployment's nginx, one id per browser, so that a student whose replica died and who answers
    again on the live one is not counted twice; without it (one process), a random id per tab."""
    cookie = st.context.cookies.get(STICKY_COOKIE)
    fresh = voter_from_cookie(cookie) if cookie else secrets.token_urlsafe(12)
    return st.session_state.setdefault(VOTER, fresh)


def describe(section: str, q: questions.Question) -> str:
    """What the teacher's view needs to draw a question: its page's section and the question itself (JSON)."""
    page = section
    while "_" in page and not has(f"{page}.nav"):  # a page's further question: <section>_<question>
        page = page.rsplit("_", 1)[0]
    options = [[o.key, o.correct] for o in q.options]
    fields = {"name": q.name, "fields": q.fields, "answer": q.answer, "wrong": q.wrong, "options": options,
              "shown": q.shown, "prompt": q.prompt}  # fmt: skip
    return json.dumps({"section": page, "question": fields}, ensure_ascii=False, separators=(",", ":"))


def question_from(about: str) -> tuple[str, questions.Question] | None:
    """describe()'s inverse; None for a description this app cannot read."""
    try:
        data = json.loads(about)
        f = data["question"]
        q = questions.Question(
            f["name"], tuple(tuple(p) for p in f["fields"]), f["answer"], tuple(tuple(w) for w in f["wrong"]),
            tuple(questions.Option(k, bool(c)) for k, c in f["options"]), f["shown"], f["prompt"],
        )  # fmt: skip
        return str(data["section"]), q
    except (ValueError, KeyError, TypeError):
        return None


def vote(section: str, q: questions.Question, guess) -> None:
    """A student's first answer to q (an option key, a number, or None for "Show me"), counted for the class."""
    if not code() or teaching() or q.id in st.session_state.setdefault(SENT, set()):
        return
    answer = tallies.REVEALED if guess is None else str(guess) if q.choice else f"{float(guess):g}"
    st.session_state.setdefault(PENDING, {}).setdefault(q.id, (answer, describe(section, q)))
    flush()


def flush() -> None:
    """Send the answers not yet counted; a flood or an unreachable store keeps them for a later run."""
    pending = st.session_state.get(PENDING)
    if not pending:
        return
    s = store()
    if s is None:
        st.session_state[NOTICE] = "unavailable"
        return
    for qid, (answer, about) in list(pending.items()):
        try:
            s.submit(code(), qid, voter(), answer, about)
        except (RateLimited, Unavailable) as err:
            st.session_state[NOTICE] = err.reason
            return
        except NoSuchClass as err:
            st.session_state[NOTICE] = err.reason
            pending.clear()
            return
        except ClassError as err:
            st.session_state[NOTICE] = err.reason
        del pending[qid]
        st.session_state[SENT].add(qid)


def badge() -> None:
    """'Class ABC123' in the sidebar, watching for the teacher's reveals (called before the page draws)."""
    if not code():
        return
    st.session_state[ON_PAGE] = set()
    with st.sidebar:
        _watch()


@st.fragment(run_every=POLL_S)
def _watch() -> None:
    c, s = code(), store()
    try:
        alive = s is not None and s.exists(c)
        shown = s.revealed(c) if alive else frozenset()
    except Unavailable:
        st.warning(t("classlive.error_unavailable"))
        return
    if not alive:
        st.warning(t("classlive.error_no_class" if s is not None else "classlive.error_unavailable", code=c))
        return
    who = "classlive.badge_teacher" if teaching() else "classlive.badge"
    st.markdown(f"**🎓 {t(who, code=c)}**")
    if not teaching():
        st.caption(t("classlive.badge_help"))
    flush()
    reason = st.session_state.pop(NOTICE, None)
    if reason:
        st.warning(t(f"classlive.error_{reason}", code=c))
    new = shown - st.session_state.get(SEEN, frozenset())
    st.session_state[SEEN] = shown
    if new & st.session_state.get(ON_PAGE, set()):
        st.rerun(scope="app")  # a question on this page was revealed: draw the page with its answer


def revealed_here(items: tuple[questions.Question, ...]) -> set[str]:
    """The ids among this section's questions that the teacher revealed to the class (noted as on the page)."""
    if not code() or not valid_code(code()):
        return set()
    st.session_state.setdefault(ON_PAGE, set()).update(q.id for q in items)
    return {q.id for q in items if q.id in st.session_state.get(SEEN, frozenset())}


def class_answers(q: questions.Question, key: str) -> None:
    """After the teacher's reveal: how the class answered q (a student's view)."""
    if q.id not in st.session_state.get(SEEN, frozenset()):
        return
    with st.expander(t("classlive.class_answers")):
        try:
            tally = store().tally(code(), q.id)
        except ClassError as err:
            st.warning(t(f"classlive.error_{err.reason}", code=code()))
            return
        chart(q, tally, key)


def chart(q: questions.Question, tally: dict[str, int], key: str) -> None:
    """q's tally as bars (the right answer ✓, misconceptions named), with the "Show me" count below."""
    bars = tallies.bars(q, tally, lambda k: t(f"ask.{q.name}.{k}", **dict(q.fields)))
    figure = compute.chart(charts.answers, bars, t("classlive.count"))
    shown = tallies.revealed(tally)
    st.plotly_chart(figure, key=key, alt=alt.class_answers(lang(), bars, shown), config={"displayModeBar": False})
    st.caption(t("classlive.counted", n=sum(n for _, n, _ in bars), shown=shown))
