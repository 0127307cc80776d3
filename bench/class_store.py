"""What class mode costs: the class store's calls (SQLite, Redis) and a student tab's reveal poll on the server.

    python -m bench.class_store            (both stores; then one tab on 1.1 for 30 s without and with class=)

The store: 300 students x 10 questions counted, 5 revealed; median and p95 of a student's poll (exists + revealed),
of the teacher's refresh (tallies, about, revealed, voters, expiry) and of one submit. The poll: the server's CPU
while one student tab sits idle on page 1.1, without a class and with one (its badge asks every POLL_S seconds).
Bounded: about a minute.
"""

from __future__ import annotations

import statistics
import tempfile
import time

from bench.common import cpu_seconds
from classroom.store import RedisStore, SQLiteStore
from tests.redis_server import running_redis
from ui.live import POLL_S


def _timed(fn, n: int = 50) -> tuple[float, float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (n - 1))] * 1000


def store_costs(s, label: str) -> None:
    code, secret = s.open_class(600)
    for v in range(300):
        for q in range(10):
            s.submit(code, f"scalar_grad|a=1|x={q}", f"v{v}", str(v % 7), "{}")
    for q in range(5):
        s.reveal(code, f"scalar_grad|a=1|x={q}", secret)
    poll = _timed(lambda: (s.exists(code), s.revealed(code)))
    board = _timed(lambda: (s.tallies(code), s.about(code), s.revealed(code), s.voters(code), s.expires_in(code)))
    n = iter(range(10**6))
    submit = _timed(lambda: s.submit(code, "new", f"w{next(n)}", "1"), 200)
    for name, (p50, p95) in (("student poll", poll), ("teacher refresh", board), ("submit", submit)):
        print(f"| {label} | {name} | {p50:.2f} ms | {p95:.2f} ms |")


def poll_cost(seconds: float = 30.0) -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.helpers import settle
    from tests.server import CHROMIUM, CHROMIUM_ARGS, AppServer

    db = tempfile.mkdtemp() + "/class.db"
    code, _ = SQLiteStore(db).open_class(3600)
    server = AppServer(env={"AUTOGRAD_CLASS_STORE": f"sqlite://{db}"})
    url = server.start()

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for label, query in (("no class", ""), (f"class, poll every {POLL_S} s", f"?class={code}")):
                page = browser.new_page()
                page.goto(f"{url}/scalar-backward{query}")
                settle(page)
                page.wait_for_timeout(3000)
                c0, t0 = cpu_seconds(server.pid), time.monotonic()
                page.wait_for_timeout(seconds * 1000)
                share = (cpu_seconds(server.pid) - c0) / (time.monotonic() - t0)
                print(f"| one idle tab on 1.1, {label} | server CPU {100 * share:.2f} % of a core |")
                page.close()
            browser.close()
    finally:
        server.cleanup()


def main() -> None:
    print("| store | call | median | p95 |\n|---|---|---|---|")
    store_costs(SQLiteStore(tempfile.mkdtemp() + "/class.db", rate=(10**6, 60)), "SQLite")
    with running_redis() as server:
        store_costs(RedisStore(server.url, rate=(10**6, 60)), "Redis")
    print()
    poll_cost()


if __name__ == "__main__":
    main()
