"""Class mode in AppTest: the teacher opens a class, a student's answers are counted, the teacher reveals."""

from __future__ import annotations

from pathlib import Path

import pytest

from classroom.store import RATE, RedisStore, store_from_env
from tests.app.conftest import open_page
from tests.redis_server import REDIS, running_redis
from ui import live
from ui.i18n import lookup
from ui.params import parse_query

TEACH = "pages/teach/live.py"
SCALAR = "pages/backward/scalar.py"


@pytest.fixture(autouse=True)
def class_store(tmp_path, monkeypatch):
    """A fresh SQLite class store for each test (the app keeps one per process)."""
    monkeypatch.setenv("AUTOGRAD_CLASS_STORE", f"sqlite://{tmp_path / 'class.db'}")
    live._store.clear()
    yield store_from_env()
    live._store.clear()


def texts(at, kind: str = "markdown") -> str:
    return "\n".join(str(e.value) for e in getattr(at, kind))


def student(code: str, lang: str = "en", **query):
    return open_page(SCALAR, lang=lang, **{"class": code}, **query)


def test_the_teacher_opens_a_class_and_gets_its_links():
    at = open_page(TEACH)
    assert not at.exception and at.title
    at.button(key="classlive_open").click().run()
    assert not at.exception, [e.value for e in at.exception]
    code, secret = at.query_params["class"], at.query_params["teacher"]
    shown = [c.value for c in at.code]
    assert any(c.endswith(f"/?class={code}") for c in shown)
    assert any(f"class-live?class={code}&teacher={secret}" in c for c in shown)
    assert lookup("en", "classlive.waiting") in texts(at, "info")
    assert sum(secret in c for c in shown) == 1  # the sidebar's share link never carries the secret


def test_a_students_first_answers_are_counted_and_the_reveal_reaches_them(class_store):
    code, secret = class_store.open_class(600)
    at = student(code)
    assert lookup("en", "classlive.badge").format(code=code) in texts(at)
    at.number_input(key="scalar_quiz_guess").set_value(5.0).run()
    at.button(key="scalar_quiz_check").click().run()  # wrong: counted as it was first given
    at.number_input(key="scalar_quiz_guess").set_value(-2.0).run()
    at.button(key="scalar_quiz_check").click().run()  # right now, but only the first answer counts
    assert not at.exception, [e.value for e in at.exception]
    (first,) = class_store.questions(code)
    assert first.startswith("scalar_grad|") and class_store.tally(code, first) == {"5": 1}
    teacher = open_page(TEACH, **{"class": code, "teacher": secret})
    assert "1.1" in texts(teacher, "subheader")
    assert lookup("en", "classlive.status").format(n=1, minutes=10) in texts(teacher, "caption")
    (reveal,) = [b for b in teacher.button if b.key.startswith("classlive_reveal_")]
    reveal.click().run()
    assert class_store.revealed(code) == {first}
    assert lookup("en", "classlive.revealed") in texts(teacher, "success")
    # the second question is still open for the student; the teacher reveals it too
    at.run()
    assert [q for q in at.radio if q.key == "scalar_quiz2_guess"], "the second question waits for an answer"
    at.radio(key="scalar_quiz2_guess").set_value("adds").run()
    at.button(key="scalar_quiz2_check").click().run()
    assert len(class_store.questions(code)) == 2 and not at.exception


def test_a_teachers_reveal_opens_the_students_section(class_store):
    code, secret = class_store.open_class(600)
    at = student(code)
    assert any(lookup("en", "quiz.held_back") == i.value for i in at.info)
    at.button(key="scalar_quiz_reveal").click().run()  # Show me: counted as "revealed"
    (qid,) = class_store.questions(code)
    assert class_store.tally(code, qid) == {"revealed": 1}
    other = student(code)  # a second student answers the second question
    other.radio(key="scalar_quiz2_guess").set_value("replaces").run()
    other.button(key="scalar_quiz2_check").click().run()
    q2 = next(q for q in class_store.questions(code) if q != qid)
    class_store.reveal(code, q2, secret)
    at.run()  # the next run (the badge's poll does one when a question on the page is revealed)
    assert not any(lookup("en", "quiz.held_back") == i.value for i in at.info), "the results are open"
    assert lookup("en", "classlive.class_answers") in [e.label for e in at.expander]


def test_a_wrong_or_expired_code_says_so_and_the_page_still_works(class_store):
    at = student("ZZZZZ2", lang="zh")
    assert lookup("zh", "classlive.error_no_class").format(code="ZZZZZ2") in texts(at, "warning")
    at.button(key="scalar_quiz_reveal").click().run()
    assert not at.exception and class_store.questions("ZZZZZ2") == ()
    bad = student("abc")
    assert lookup("en", "classlive.url_bad_code") in texts(bad, "warning")


def test_a_flooding_tab_is_told_to_wait_and_its_answer_is_kept(class_store):
    code, _ = class_store.open_class(600)
    at = student(code)
    at.session_state[live.VOTER] = "flood"
    for i in range(RATE[0]):
        class_store.submit(code, f"q{i}", "flood", "a")
    at.button(key="scalar_quiz_reveal").click().run()
    assert lookup("en", "classlive.error_rate_limited") in texts(at, "warning")
    assert at.session_state[live.PENDING], "kept in the tab, sent again later"
    assert sum(sum(t.values()) for t in class_store.tallies(code).values()) == RATE[0]  # nothing lost


def test_a_wrong_teacher_secret_shows_no_answers(class_store):
    code, _ = class_store.open_class(600)
    at = open_page(TEACH, **{"class": code, "teacher": "x" * 22})
    assert lookup("en", "classlive.error_wrong_secret").format(code=code) in texts(at, "warning")
    assert not [b for b in at.button if b.key.startswith("classlive_reveal_")]
    assert not any("teacher=" in c.value for c in at.code)


def test_the_teachers_own_answers_are_not_counted(class_store):
    code, secret = class_store.open_class(600)
    at = student(code, teacher=secret)
    at.button(key="scalar_quiz_reveal").click().run()
    assert class_store.questions(code) == ()


def test_answers_given_while_the_store_is_down_are_sent_when_it_is_back(monkeypatch):
    """A Redis restart: the student is told, the answer waits in the tab, and is counted once Redis is back."""
    if not Path(REDIS).exists():
        pytest.skip("redis-server is not installed")
    with running_redis() as server:
        monkeypatch.setenv("AUTOGRAD_CLASS_STORE", server.url)
        live._store.clear()
        store = RedisStore(server.url)
        code, _ = store.open_class(600)
        at = student(code)
        server.stop()
        at.button(key="scalar_quiz_reveal").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert lookup("en", "classlive.error_unavailable") in texts(at, "warning")
        assert at.session_state[live.PENDING]
        server.start()
        at.run()  # the next run (or the badge's poll) sends what waited
        (qid,) = store.questions(code)
        assert store.tally(code, qid) == {"revealed": 1} and not at.session_state[live.PENDING]


def test_class_values_in_the_url_are_checked():
    assert parse_query({"class": ["ABC234"], "teacher": ["x" * 22]}).values == {"class": "ABC234", "teacher": "x" * 22}
    problems = parse_query({"class": ["abc"], "teacher": ["short"]}).problems
    assert [p[2] for p in problems] == ["classlive.url_bad_code", "classlive.url_bad_secret"]


def test_the_teacher_ends_the_class_and_its_answers_are_gone(class_store):
    code, secret = class_store.open_class(600)
    class_store.submit(code, "q", "v", "a")
    at = open_page(TEACH, **{"class": code, "teacher": secret})
    at.button(key="classlive_end").click().run()
    assert not at.exception and not class_store.exists(code) and class_store.tallies(code) == {}
    assert "class" not in at.query_params and "teacher" not in at.query_params
    assert at.button(key="classlive_open")  # ready to open another
