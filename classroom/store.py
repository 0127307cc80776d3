"""The class store's interface, its errors and limits, and the back-end chosen by AUTOGRAD_CLASS_STORE."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path
from typing import Protocol

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from a projector
CODE_LENGTH = 6
CODE = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")
SECRET = re.compile(r"[A-Za-z0-9_-]{16,64}")
TTL_S = 4 * 3600  # a class lasts a long lecture, then expires on its own
MAX_TTL_S = 24 * 3600
RATE = (20, 60)  # at most 20 submits per voter per 60 s in one class (a tab that floods is refused for a while)
MAX_QUESTIONS = 2000  # distinct questions one class may count
MAX_ID, MAX_ANSWER, MAX_ABOUT = 200, 40, 4000  # lengths of a question id, an answer, a question's description
ENV = "AUTOGRAD_CLASS_STORE"


class ClassError(Exception):
    """A refused class action; `reason` names its message (classlive.error_<reason> in the locales)."""

    reason = "error"


class NoSuchClass(ClassError):
    reason = "no_class"  # a wrong or expired code


class WrongSecret(ClassError):
    reason = "wrong_secret"


class RateLimited(ClassError):
    reason = "rate_limited"


class ClassFull(ClassError):
    reason = "class_full"


class BadInput(ClassError):
    reason = "bad_input"


class Unavailable(ClassError):
    reason = "unavailable"  # the store cannot be reached (Redis restarting); nothing counted is lost


class Store(Protocol):
    def open_class(self, ttl_s: int = TTL_S) -> tuple[str, str]: ...  # (code, teacher secret)
    def exists(self, code: str) -> bool: ...
    def is_teacher(self, code: str, secret: str) -> bool: ...
    def expires_in(self, code: str) -> float: ...  # seconds left; 0 when gone
    def submit(self, code: str, question_id: str, voter: str, answer: str, about: str = "") -> bool: ...
    def tally(self, code: str, question_id: str) -> dict[str, int]: ...
    def tallies(self, code: str) -> dict[str, dict[str, int]]: ...  # every question's tally at once
    def questions(self, code: str) -> tuple[str, ...]: ...  # in the order of their first vote
    def about(self, code: str) -> dict[str, str]: ...  # question id -> what the app said about it (first vote)
    def voters(self, code: str) -> int: ...
    def reveal(self, code: str, question_id: str, secret: str) -> None: ...
    def revealed(self, code: str) -> frozenset[str]: ...
    def close_class(self, code: str, secret: str) -> None: ...  # the teacher ends it now: everything is forgotten


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_secret() -> str:
    return secrets.token_urlsafe(16)  # 22 url-safe characters


def digest(secret: str) -> str:
    """Only a hash of the teacher's secret is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def valid_code(code: str) -> bool:
    return isinstance(code, str) and CODE.fullmatch(code) is not None


def check_ttl(ttl_s: int) -> int:
    if not isinstance(ttl_s, int) or not 1 <= ttl_s <= MAX_TTL_S:
        raise BadInput(f"ttl_s must be 1 ... {MAX_TTL_S}")
    return ttl_s


def check_vote(code: str, question_id: str, voter: str, answer: str, about: str) -> None:
    """What a submit may carry: a well-formed code, short printable ids and answer."""
    if not valid_code(code):
        raise NoSuchClass(code)
    for text, limit in ((question_id, MAX_ID), (voter, MAX_ID), (answer, MAX_ANSWER), (about, MAX_ABOUT)):
        if not isinstance(text, str) or len(text) > limit or not text.isprintable():
            raise BadInput("too long or not printable")
    if not question_id or not voter or not answer:
        raise BadInput("empty")


def default_path() -> Path:
    """The embedded store's file: $AUTOGRAD_DATA_DIR/class.db, else ~/.local/share/autograd/class.db."""
    base = os.environ.get("AUTOGRAD_DATA_DIR") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "autograd"
    )
    return Path(base) / "class.db"


def store_from_env(url: str | None = None) -> Store:
    """sqlite:///path/to/file.db (the default, under the data dir) or redis://host:port/0, from AUTOGRAD_CLASS_STORE."""
    url = url if url is not None else os.environ.get(ENV, "")
    if not url:
        return SQLiteStore(default_path())
    if url.startswith("sqlite://"):
        return SQLiteStore(Path(url.removeprefix("sqlite://")))
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(url)
    raise ValueError(f"{ENV} must start with sqlite:// or redis://")


from classroom.redis_store import RedisStore  # noqa: E402  (they use the helpers above)
from classroom.sqlite_store import SQLiteStore  # noqa: E402

__all__ = ["ClassError", "NoSuchClass", "RateLimited", "RedisStore", "SQLiteStore", "Store", "WrongSecret"]
