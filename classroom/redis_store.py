"""The class store for several replicas: Redis hashes and sets that expire with the class, one Lua script per vote."""

from __future__ import annotations

import hmac

from classroom.store import (
    MAX_QUESTIONS,
    RATE,
    TTL_S,
    BadInput,
    ClassFull,
    NoSuchClass,
    RateLimited,
    Unavailable,
    WrongSecret,
    check_ttl,
    check_vote,
    digest,
    new_code,
    new_secret,
    valid_code,
)

# KEYS: class, votes, tally, about, order, rate, voters; ARGV: qid\nvoter, answer, qid, about, limit, window ms, max q
# Atomic: the class must be live; a flood is refused; a voter's second vote on a question is ignored (SADD).
SUBMIT = """
local left = redis.call('PTTL', KEYS[1])
if left <= 0 then return -1 end
local n = redis.call('INCR', KEYS[6])
if n == 1 then redis.call('PEXPIRE', KEYS[6], ARGV[6]) end
if n > tonumber(ARGV[5]) then return -2 end
if redis.call('HEXISTS', KEYS[4], ARGV[3]) == 0 and redis.call('HLEN', KEYS[4]) >= tonumber(ARGV[7]) then
  return -3
end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
redis.call('SADD', KEYS[7], ARGV[1]:match('\\n(.*)$'))
if redis.call('HSETNX', KEYS[4], ARGV[3], ARGV[4]) == 1 then redis.call('RPUSH', KEYS[5], ARGV[3]) end
for i = 2, 7 do if i ~= 6 then redis.call('PEXPIRE', KEYS[i], left) end end
return 1
"""


class RedisStore:
    """Classes in Redis, shared by every replica; every key of a class expires with it."""

    def __init__(self, url: str, rate: tuple[int, int] = RATE):
        import redis  # here, not at the top: a server on the default SQLite store never loads the client (~6 MB)

        self.rate, self._errors = rate, redis.RedisError
        self.r = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5, socket_connect_timeout=5)
        self._submit = self.r.register_script(SUBMIT)

    @staticmethod
    def _key(code: str, part: str) -> str:
        return f"autograd:class:{{{code}}}:{part}"  # {code}: a class's keys share a hash slot (Redis Cluster)

    def _call(self, fn, *args):
        try:
            return fn(*args)
        except self._errors as err:
            raise Unavailable(str(err)) from err

    def open_class(self, ttl_s: int = TTL_S) -> tuple[str, str]:
        check_ttl(ttl_s)
        secret = new_secret()
        while True:
            code = new_code()
            if self._call(self.r.set, self._key(code, "secret"), digest(secret), ttl_s, None, True):  # SET NX EX
                return code, secret

    def exists(self, code: str) -> bool:
        return self.expires_in(code) > 0

    def expires_in(self, code: str) -> float:
        if not valid_code(code):
            return 0.0
        left = self._call(self.r.pttl, self._key(code, "secret"))
        return max(0.0, left / 1000)

    def is_teacher(self, code: str, secret: str) -> bool:
        if not valid_code(code) or not isinstance(secret, str):
            return False
        stored = self._call(self.r.get, self._key(code, "secret"))
        return stored is not None and hmac.compare_digest(stored, digest(secret))

    def submit(self, code: str, question_id: str, voter: str, answer: str, about: str = "") -> bool:
        check_vote(code, question_id, voter, answer, about)
        if "\n" in question_id or "\n" in voter:
            raise BadInput("newline")
        k = self._key
        keys = [k(code, "secret"), k(code, "votes"), k(code, f"tally:{question_id}"), k(code, "about"),
                k(code, "order"), k(code, f"rate:{voter}"), k(code, "voters")]  # fmt: skip
        limit, window = self.rate
        args = [f"{question_id}\n{voter}", answer, question_id, about, limit, window * 1000, MAX_QUESTIONS]
        done = self._call(self._submit, keys, args)
        if done == -1:
            raise NoSuchClass(code)
        if done == -2:
            raise RateLimited(code)
        if done == -3:
            raise ClassFull(code)
        return done == 1

    def tally(self, code: str, question_id: str) -> dict[str, int]:
        if not valid_code(code):
            return {}
        return {a: int(n) for a, n in self._call(self.r.hgetall, self._key(code, f"tally:{question_id}")).items()}

    def tallies(self, code: str) -> dict[str, dict[str, int]]:
        ids = self.questions(code)
        pipe = self.r.pipeline(transaction=False)
        for q in ids:
            pipe.hgetall(self._key(code, f"tally:{q}"))
        counts = self._call(pipe.execute) if ids else []
        return {q: {a: int(n) for a, n in c.items()} for q, c in zip(ids, counts, strict=True) if c}

    def questions(self, code: str) -> tuple[str, ...]:
        return tuple(self._call(self.r.lrange, self._key(code, "order"), 0, -1)) if valid_code(code) else ()

    def about(self, code: str) -> dict[str, str]:
        return self._call(self.r.hgetall, self._key(code, "about")) if valid_code(code) else {}

    def voters(self, code: str) -> int:
        return int(self._call(self.r.scard, self._key(code, "voters"))) if valid_code(code) else 0

    def reveal(self, code: str, question_id: str, secret: str) -> None:
        if not self.exists(code):
            raise NoSuchClass(code)
        if not self.is_teacher(code, secret):
            raise WrongSecret(code)
        if not isinstance(question_id, str) or not 0 < len(question_id) <= 200:
            raise BadInput("question id")
        key = self._key(code, "revealed")
        pipe = self.r.pipeline(transaction=True)
        pipe.sadd(key, question_id)
        pipe.pexpire(key, max(1, int(self.expires_in(code) * 1000)))
        self._call(pipe.execute)

    def revealed(self, code: str) -> frozenset[str]:
        return frozenset(self._call(self.r.smembers, self._key(code, "revealed"))) if valid_code(code) else frozenset()

    def close_class(self, code: str, secret: str) -> None:
        if not self.exists(code):
            raise NoSuchClass(code)
        if not self.is_teacher(code, secret):
            raise WrongSecret(code)
        keys = [self._key(code, part) for part in ("secret", "votes", "about", "order", "voters", "revealed")]
        keys += [self._key(code, f"tally:{q}") for q in self.questions(code)]
        self._call(self.r.delete, *keys)  # a voter's rate key expires within its window
