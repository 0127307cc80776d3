"""The embedded class store: one SQLite file (WAL), a connection per call, safe for Streamlit's threads."""

from __future__ import annotations

import hmac
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from classroom.store import (
    MAX_QUESTIONS,
    RATE,
    TTL_S,
    BadInput,
    ClassFull,
    NoSuchClass,
    RateLimited,
    WrongSecret,
    check_ttl,
    check_vote,
    digest,
    new_code,
    new_secret,
    valid_code,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS classes (code TEXT PRIMARY KEY, secret TEXT NOT NULL, deadline REAL NOT NULL);
CREATE TABLE IF NOT EXISTS votes (code TEXT NOT NULL, question TEXT NOT NULL, voter TEXT NOT NULL,
    answer TEXT NOT NULL, UNIQUE (code, question, voter));
CREATE TABLE IF NOT EXISTS questions (seq INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL,
    question TEXT NOT NULL, about TEXT NOT NULL, revealed INTEGER NOT NULL DEFAULT 0, UNIQUE (code, question));
CREATE TABLE IF NOT EXISTS rates (code TEXT NOT NULL, voter TEXT NOT NULL, since REAL NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (code, voter));
"""


class SQLiteStore:
    """Classes in one SQLite file; a vote counts once by UNIQUE(code, question, voter); expiry by a stored deadline."""

    def __init__(self, path: Path | str, rate: tuple[int, int] = RATE, clock: Callable[[], float] = time.time):
        self.path = Path(path)
        self.rate, self.clock = rate, clock
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            db.execute("BEGIN IMMEDIATE")
            self._purge(db, self.clock())  # what expired while no process ran
            db.execute("COMMIT")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)  # explicit BEGIN ... COMMIT below
        db.execute("PRAGMA busy_timeout=10000")
        return db

    def _read(self, sql: str, args: tuple) -> list[tuple]:
        with closing(self._connect()) as db:
            return db.execute(sql, args).fetchall()

    def _live(self, db: sqlite3.Connection, code: str) -> tuple[str, float] | None:
        row = db.execute("SELECT secret, deadline FROM classes WHERE code = ?", (code,)).fetchone()
        return row if row and row[1] > self.clock() else None

    def open_class(self, ttl_s: int = TTL_S) -> tuple[str, str]:
        check_ttl(ttl_s)
        secret, now = new_secret(), self.clock()
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                self._purge(db, now)
                while True:
                    code = new_code()
                    if db.execute("SELECT 1 FROM classes WHERE code = ?", (code,)).fetchone() is None:
                        break
                db.execute("INSERT INTO classes VALUES (?, ?, ?)", (code, digest(secret), now + ttl_s))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return code, secret

    def _purge(self, db: sqlite3.Connection, now: float, codes: tuple[str, ...] = ()) -> None:
        """Forget expired classes (and `codes`) and everything counted for them."""
        gone = [c for (c,) in db.execute("SELECT code FROM classes WHERE deadline <= ?", (now,))] + list(codes)
        for table in ("votes", "questions", "rates", "classes"):
            db.executemany(f"DELETE FROM {table} WHERE code = ?", [(c,) for c in gone])

    def exists(self, code: str) -> bool:
        return self.expires_in(code) > 0

    def expires_in(self, code: str) -> float:
        if not valid_code(code):
            return 0.0
        rows = self._read("SELECT deadline FROM classes WHERE code = ?", (code,))
        return max(0.0, rows[0][0] - self.clock()) if rows else 0.0

    def is_teacher(self, code: str, secret: str) -> bool:
        if not valid_code(code) or not isinstance(secret, str):
            return False
        with closing(self._connect()) as db:
            live = self._live(db, code)
        return live is not None and hmac.compare_digest(live[0], digest(secret))

    def submit(self, code: str, question_id: str, voter: str, answer: str, about: str = "") -> bool:
        check_vote(code, question_id, voter, answer, about)
        limit, window = self.rate
        now = self.clock()
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")  # one writer at a time: the rate count and the vote agree
            try:
                if self._live(db, code) is None:
                    raise NoSuchClass(code)
                row = db.execute("SELECT since, n FROM rates WHERE code = ? AND voter = ?", (code, voter)).fetchone()
                since, n = (now, 1) if row is None or row[0] + window <= now else (row[0], row[1] + 1)
                db.execute("INSERT OR REPLACE INTO rates VALUES (?, ?, ?, ?)", (code, voter, since, n))
                if n > limit:
                    db.execute("COMMIT")  # the refused attempt still counts against the flood
                    raise RateLimited(code)
                known = db.execute("SELECT 1 FROM questions WHERE code = ? AND question = ?", (code, question_id))
                if known.fetchone() is None:
                    count = db.execute("SELECT COUNT(*) FROM questions WHERE code = ?", (code,)).fetchone()[0]
                    if count >= MAX_QUESTIONS:
                        raise ClassFull(code)
                cur = db.execute("INSERT OR IGNORE INTO votes VALUES (?, ?, ?, ?)", (code, question_id, voter, answer))
                counted = cur.rowcount == 1
                if counted:
                    db.execute("INSERT OR IGNORE INTO questions (code, question, about) VALUES (?, ?, ?)",
                               (code, question_id, about))  # fmt: skip
                db.execute("COMMIT")
            except RateLimited:
                raise
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return counted

    def _if_live(self, code: str, sql: str, args: tuple) -> list[tuple]:
        if not valid_code(code):
            return []
        with closing(self._connect()) as db:
            return db.execute(sql, args).fetchall() if self._live(db, code) else []

    def tally(self, code: str, question_id: str) -> dict[str, int]:
        sql = "SELECT answer, COUNT(*) FROM votes WHERE code = ? AND question = ? GROUP BY answer"
        return dict(self._if_live(code, sql, (code, question_id)))

    def tallies(self, code: str) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        sql = "SELECT question, answer, COUNT(*) FROM votes WHERE code = ? GROUP BY question, answer"
        for question, answer, n in self._if_live(code, sql, (code,)):
            out.setdefault(question, {})[answer] = n
        return out

    def questions(self, code: str) -> tuple[str, ...]:
        sql = "SELECT question FROM questions WHERE code = ? ORDER BY seq"
        return tuple(q for (q,) in self._if_live(code, sql, (code,)))

    def about(self, code: str) -> dict[str, str]:
        return dict(self._if_live(code, "SELECT question, about FROM questions WHERE code = ?", (code,)))

    def voters(self, code: str) -> int:
        rows = self._if_live(code, "SELECT COUNT(DISTINCT voter) FROM votes WHERE code = ?", (code,))
        return rows[0][0] if rows else 0

    def reveal(self, code: str, question_id: str, secret: str) -> None:
        if not self.exists(code):
            raise NoSuchClass(code)
        if not self.is_teacher(code, secret):
            raise WrongSecret(code)
        if not isinstance(question_id, str) or not 0 < len(question_id) <= 200:
            raise BadInput("question id")
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT OR IGNORE INTO questions (code, question, about) VALUES (?, ?, '')", (code, question_id))
            db.execute("UPDATE questions SET revealed = 1 WHERE code = ? AND question = ?", (code, question_id))
            db.execute("COMMIT")

    def revealed(self, code: str) -> frozenset[str]:
        sql = "SELECT question FROM questions WHERE code = ? AND revealed = 1"
        return frozenset(q for (q,) in self._if_live(code, sql, (code,)))

    def close_class(self, code: str, secret: str) -> None:
        if not self.exists(code):
            raise NoSuchClass(code)
        if not self.is_teacher(code, secret):
            raise WrongSecret(code)
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            self._purge(db, self.clock(), (code,))
            db.execute("COMMIT")
