"""The class store's contract, run against both back-ends (SQLite file, redis-server started here)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from classroom import store as cs
from classroom.store import NoSuchClass, RateLimited, RedisStore, SQLiteStore, WrongSecret, store_from_env
from tests.redis_server import REDIS, running_redis


@pytest.fixture(scope="module")
def redis_url():
    if not Path(REDIS).exists():
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with running_redis() as server:
        yield server.url


@pytest.fixture(params=["sqlite", "redis"])
def make(request, tmp_path):
    """make(rate=...) -> a fresh store of the parametrized back-end."""

    def build(rate=cs.RATE):
        if request.param == "sqlite":
            return SQLiteStore(tmp_path / "class.db", rate=rate)
        return RedisStore(request.getfixturevalue("redis_url"), rate=rate)

    return build


def test_open_class_gives_a_code_and_a_secret(make):
    store = make()
    code, secret = store.open_class(60)
    assert cs.valid_code(code) and cs.SECRET.fullmatch(secret)
    assert store.exists(code) and 0 < store.expires_in(code) <= 60
    assert store.is_teacher(code, secret) and not store.is_teacher(code, secret + "x")
    assert store.questions(code) == () and store.revealed(code) == frozenset() and store.voters(code) == 0


def test_a_vote_counts_once_per_voter_and_question(make):
    store = make()
    code, _ = store.open_class(60)
    assert store.submit(code, "q1", "v1", "adds", about='{"s": 1}')
    assert not store.submit(code, "q1", "v1", "replaces")  # a second vote of the same voter is ignored
    assert store.submit(code, "q1", "v2", "replaces")
    assert store.submit(code, "q2", "v1", "3.5")
    assert store.tally(code, "q1") == {"adds": 1, "replaces": 1}
    assert store.tallies(code) == {"q1": {"adds": 1, "replaces": 1}, "q2": {"3.5": 1}}
    assert store.questions(code) == ("q1", "q2")
    assert store.about(code)["q1"] == '{"s": 1}'
    assert store.voters(code) == 2


def test_classes_are_apart(make):
    store = make()
    one, _ = store.open_class(60)
    two, _ = store.open_class(60)
    store.submit(one, "q", "v", "a")
    assert store.tally(two, "q") == {} and store.questions(two) == ()


def test_a_wrong_code_is_refused_and_stores_nothing(make):
    store = make()
    code, _ = store.open_class(60)
    for wrong in ("ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY", "abc", "", "AAAAAA0", "O0I1O0"):
        assert not store.exists(wrong)
        with pytest.raises(NoSuchClass):
            store.submit(wrong, "q", "v", "a")
        assert store.tally(wrong, "q") == {} and store.questions(wrong) == ()


def test_bad_input_is_refused(make):
    store = make()
    code, _ = store.open_class(60)
    for qid, voter, answer in (("q" * 201, "v", "a"), ("q", "v", "a" * 41), ("q", "", "a"), ("q\n", "v", "a")):
        with pytest.raises(cs.BadInput):
            store.submit(code, qid, voter, answer)
    assert store.tallies(code) == {}


def test_reveal_needs_the_teachers_secret(make):
    store = make()
    code, secret = store.open_class(60)
    other, other_secret = store.open_class(60)
    store.submit(code, "q", "v", "a")
    for wrong in ("", "x" * 22, other_secret):
        with pytest.raises(WrongSecret):
            store.reveal(code, "q", wrong)
    assert store.revealed(code) == frozenset()
    store.reveal(code, "q", secret)
    assert store.revealed(code) == frozenset({"q"}) and store.revealed(other) == frozenset()
    assert store.tally(code, "q") == {"a": 1}  # revealing loses nothing counted


def test_a_class_expires_on_its_own(make):
    store = make()
    code, secret = store.open_class(1)
    store.submit(code, "q", "v", "a")
    deadline = time.monotonic() + 10
    while store.exists(code):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert store.tally(code, "q") == {} and store.questions(code) == () and store.revealed(code) == frozenset()
    with pytest.raises(NoSuchClass):
        store.submit(code, "q", "v2", "a")
    with pytest.raises(NoSuchClass):
        store.reveal(code, "q", secret)
    assert store.expires_in(code) == 0


def test_a_flooding_voter_is_slowed_down_and_nothing_counted_is_lost(make):
    store = make(rate=(5, 60))
    code, _ = store.open_class(60)
    for i in range(5):
        assert store.submit(code, f"q{i}", "flood", "a")
    with pytest.raises(RateLimited):
        store.submit(code, "q9", "flood", "a")
    assert store.submit(code, "q9", "calm", "b")  # other voters are not held up
    assert sum(sum(t.values()) for t in store.tallies(code).values()) == 6


def test_the_rate_window_passes(make):
    store = make(rate=(1, 1))
    code, _ = store.open_class(60)
    store.submit(code, "q1", "v", "a")
    with pytest.raises(RateLimited):
        store.submit(code, "q2", "v", "a")
    deadline = time.monotonic() + 10
    while True:
        try:
            assert store.submit(code, "q2", "v", "a")
            break
        except RateLimited:
            assert time.monotonic() < deadline
            time.sleep(0.1)


def test_votes_count_once_under_concurrency(make):
    """Threads hammering submit (as Streamlit's sessions do): every voter is counted exactly once per question."""
    store = make(rate=(1000, 60))
    code, _ = store.open_class(60)
    voters, questions, counted = 12, 3, []
    start = threading.Barrier(voters * 2)

    def student(v: int) -> None:
        start.wait()
        for _ in range(3):  # each tab submits each answer three times over
            for q in range(questions):
                if store.submit(code, f"q{q}", f"v{v}", "right" if v % 3 else "wrong"):
                    counted.append((v, q))

    threads = [threading.Thread(target=student, args=(v % voters,)) for v in range(voters * 2)]  # two tabs per id
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(counted) == sorted((v, q) for v in range(voters) for q in range(questions))
    for q in range(questions):
        assert store.tally(code, f"q{q}") == {"right": 8, "wrong": 4}
    assert store.voters(code) == voters


def test_the_backend_is_chosen_by_the_environment(tmp_path, monkeypatch, redis_url):
    db = tmp_path / "here" / "c.db"
    assert isinstance(store_from_env(f"sqlite://{db}"), SQLiteStore) and db.exists()
    assert isinstance(store_from_env(redis_url), RedisStore)
    monkeypatch.setenv(cs.ENV, f"sqlite://{db}")
    assert store_from_env().path == db
    monkeypatch.delenv(cs.ENV)
    monkeypatch.setenv("AUTOGRAD_DATA_DIR", str(tmp_path / "data"))
    assert store_from_env().path == tmp_path / "data" / "class.db"
    with pytest.raises(ValueError):
        store_from_env("mysql://x")


def test_the_file_keeps_the_class_for_a_new_process(tmp_path):
    """A restart (a new store object on the same file) loses nothing counted."""
    path = tmp_path / "class.db"
    code, secret = SQLiteStore(path).open_class(60)
    SQLiteStore(path).submit(code, "q", "v", "a")
    again = SQLiteStore(path)
    assert again.tally(code, "q") == {"a": 1} and again.is_teacher(code, secret)


def test_a_redis_restart_loses_nothing_counted(tmp_path):
    if not Path(REDIS).exists():
        pytest.skip("redis-server is not installed")
    with running_redis() as server:
        store = RedisStore(server.url)
        code, secret = store.open_class(60)
        store.submit(code, "q", "v1", "a")
        server.stop()
        with pytest.raises(cs.Unavailable):
            store.submit(code, "q", "v2", "a")
        server.start()
        assert store.tally(code, "q") == {"a": 1} and store.is_teacher(code, secret)
        assert store.submit(code, "q", "v2", "b") and not store.submit(code, "q", "v1", "b")
        assert store.tally(code, "q") == {"a": 1, "b": 1}


def test_nothing_personal_is_stored(tmp_path):
    """The SQLite file holds codes, question ids, random voter ids, answers and a hash of the secret: no more."""
    store = SQLiteStore(tmp_path / "c.db")
    code, secret = store.open_class(60)
    store.submit(code, "q", "voter-1", "a")
    import sqlite3

    with sqlite3.connect(tmp_path / "c.db") as db:
        cols = {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in ("classes", "votes", "rates")}
        assert secret not in str(db.execute("SELECT * FROM classes").fetchall())
    assert cols == {"classes": ["code", "secret", "deadline"], "votes": ["code", "question", "voter", "answer"],
                    "rates": ["code", "voter", "since", "n"]}  # fmt: skip
    assert os.path.exists(tmp_path / "c.db")


def test_the_teacher_can_end_the_class_at_once_and_everything_is_forgotten(make):
    store = make()
    code, secret = store.open_class(600)
    other, _ = store.open_class(600)
    store.submit(code, "q", "v", "a")
    store.submit(other, "q", "v", "a")
    with pytest.raises(WrongSecret):
        store.close_class(code, "x" * 22)
    store.close_class(code, secret)
    assert not store.exists(code) and store.tallies(code) == {} and store.questions(code) == ()
    assert store.tally(other, "q") == {"a": 1}  # another class keeps its answers
    with pytest.raises(NoSuchClass):
        store.close_class(code, secret)


def test_an_expired_class_leaves_nothing_in_the_file(tmp_path):
    clock = [1000.0]
    store = SQLiteStore(tmp_path / "c.db", clock=lambda: clock[0])
    code, _ = store.open_class(60)
    store.submit(code, "q", "v", "a")
    clock[0] += 61
    SQLiteStore(tmp_path / "c.db", clock=lambda: clock[0])  # a new process starts: it cleans up
    import sqlite3

    with sqlite3.connect(tmp_path / "c.db") as db:
        assert all(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] == 0 for t in ("classes", "votes", "rates"))


def test_one_browser_votes_once_across_replicas(tmp_path):
    """Behind nginx the voter id comes from the browser's sticky cookie: a student whose replica died answers again
    on the live one, and the class still counts one vote."""
    from classroom.store import SQLiteStore
    from ui.live import voter_from_cookie

    store = SQLiteStore(str(tmp_path / "class.db"))
    code, _ = store.open_class(600)
    cookie = "0f3c9a7e5b1d4c2a8e6f"
    before, after = voter_from_cookie(cookie), voter_from_cookie(cookie)  # the session on each replica
    assert before == after and cookie not in before
    assert store.submit(code, "q1", before, "adds") and not store.submit(code, "q1", after, "adds")
    assert store.tally(code, "q1") == {"adds": 1}
    assert voter_from_cookie("another browser") != before
