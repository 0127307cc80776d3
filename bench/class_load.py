"""A class through nginx: N students answer and move a slider for T seconds; one replica is killed half-way.

    python -m bench.class_load --sessions 100 --seconds 120 --replicas 2        (make bench-class)
    python -m bench.class_load --sessions 10 --seconds 20                       (a quick look)

deploy/serve_class.py starts redis-server, the replicas (AUTOGRAD_CLASS_STORE=redis://...) and nginx with sticky
sessions. A class is opened in the store, as the teacher's page does. Each student is Streamlit's websocket protocol
(tests/protocol.py), as a browser tab speaks it: it gets nginx's replica cookie from the page, opens the class's
link to 1.1 (a, b, c locked by the teacher's link, so the whole class shares the question ids) and then, every 2-4
s, moves the x slider one step; every few moves it answers the page's two questions through the quiz widgets
(types a number or picks an option, presses Check), right or wrong as students are. At T/2 one replica is killed
(SIGKILL): its students' websockets drop; they reconnect through nginx (same cookie), land on a live replica and go
on; answers they had sent before stay counted, and they do not answer those questions again (the client remembers).

Checks: 0 errors (exceptions, wrong x.grad, class-store warnings, a failed reconnect), p95 of a slider change
<= 1 s, and every answer counted exactly once: the store's tally of each (question, answer) equals what the clients
saw confirmed (a Check whose run finished), plus at most the answers whose run the kill cut short (unknowable).
Stickiness: a client that reconnects on purpose (before the kill) lands on the same replica.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import cpu_seconds, machine, pct, rss_mb
from deploy.serve_class import Cluster
from tests.protocol import Session, sticky_cookie

A, B, C = 1.0, -2.0, 1.0  # fixed by the teacher's link (lock=a,b,c)
STEP = 0.1  # the x slider's step


@functools.cache
def questions_at(x: float):
    """The two questions page 1.1 asks at x (ids and right answers), as the app computes them."""
    import autograd_core as core
    from autograd_core import pitfalls
    from ui import questions

    f = core.Quadratic(A, B, C)
    return questions.scalar(core.scalar_backward(f, x), A, B, x, pitfalls.backward_twice(f, x))


@functools.cache
def store_warnings() -> tuple[str, ...]:
    """The beginnings of the class store's warnings (classlive.error_*), as a student's page shows them."""
    from ui.i18n import catalog

    texts = catalog("en").get("classlive", {})
    return tuple(v.split("{")[0][:40] for k, v in texts.items() if k.startswith("error_"))


@dataclass
class Tally:
    slider_ms: list[float] = field(default_factory=list)
    slider_after_kill_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    poll_ms: list[float] = field(default_factory=list)  # the tab's fragment runs that watch for reveals
    timeline: list[tuple[float, float]] = field(default_factory=list)  # (s since the start, slider change ms)
    t0: float = 0.0
    confirmed: Counter = field(default_factory=Counter)  # (question id, answer) -> answers whose run finished
    uncertain: Counter = field(default_factory=Counter)  # ... whose run the kill cut short
    errors: list[str] = field(default_factory=list)
    reconnects: list[tuple[str, str, float]] = field(default_factory=list)  # (replica before, after, seconds)
    sticky_checks: list[tuple[str, str]] = field(default_factory=list)  # (replica, replica after a reconnect)
    first_replica: Counter = field(default_factory=Counter)
    killed_at: float = 0.0
    reveals: int = 0  # questions the teacher revealed to everyone during the run
    killed_cpu: float = 0.0  # the killed replica's CPU seconds from the start to its end
    cpu_at_kill: dict[str, float] = field(default_factory=dict)  # the other replicas' CPU seconds at the kill


def _shown(q, option: str) -> str:
    """An option as the page shows it in English (ask.<question>.<option>, with the question's values)."""
    from ui.i18n import lookup

    return lookup("en", f"ask.{q.name}.{option}").format(**dict(q.fields))


def _guess(q, rng: random.Random):
    """A student's answer: right about 60 % of the time, else a named misconception or another option."""
    if q.choice:
        right = rng.random() < 0.6
        pool = [i for i, o in enumerate(q.options) if o.correct == right] or list(range(len(q.options)))
        i = rng.choice(pool)
        return i, q.options[i].key
    v = float(q.answer) if rng.random() < 0.6 or not q.wrong else float(rng.choice(q.wrong)[0])
    v = round(v, 1)
    return v, f"{v:g}"


async def _answer(s: Session, x: float, answered: set, t: Tally, rng: random.Random) -> None:
    for i, q in enumerate(questions_at(x)):
        if q.id in answered:
            continue
        key = "scalar_quiz" if i == 0 else "scalar_quiz2"
        if f"{key}_check" not in s.drawn:
            continue  # not asked on the page as it stands (answered in this session, or revealed by the teacher)
        value, answer = _guess(q, rng)
        guess = s.choose(f"{key}_guess", _shown(q, answer)) if q.choice else s.number(f"{key}_guess", value)
        t.uncertain[(q.id, answer)] += 1  # until its run finishes
        run = await s.set_widgets(guess, s.click(f"{key}_check"))
        t.uncertain[(q.id, answer)] -= 1
        t.confirmed[(q.id, answer)] += 1
        answered.add(q.id)
        t.answer_ms.append(run.ms)
        _check(run, t, "answer")


def _check(run, t: Tally, what: str) -> None:
    if run.exceptions:
        t.errors.append(f"{what}: exception {run.exceptions[0][:120]}")
    for alert in run.alerts:
        if any(alert.startswith(w) for w in store_warnings()):
            t.errors.append(f"{what}: class store warning {alert[:100]!r}")


async def _reconnect(s: Session, t: Tally, page: str, limit: float = 60.0) -> None:
    """The socket dropped: reconnect through nginx with the same cookie and reopen the page where it was."""
    before, t0 = s.replica, time.monotonic()
    while True:
        with contextlib.suppress(Exception):
            await s.close()
        try:
            await s.connect(timeout=10)
            run = await s.open(page, s.query)
            _check(run, t, "reconnect")
            t.reconnects.append((before, s.replica, time.monotonic() - t0))
            return
        except Exception as err:
            if time.monotonic() - t0 > limit:
                t.errors.append(f"no reconnect within {limit:g} s: {type(err).__name__}: {str(err)[:100]}")
                raise
            await asyncio.sleep(0.5)


async def student(
    k: int, url: str, code: str, start, seconds: float, t: Tally, check_sticky: bool, poll: bool = True
) -> None:
    rng = random.Random(k)
    x = round(rng.randint(-30, 30) * STEP, 1)
    page = "scalar-backward"
    query = f"class={code}&route={page}&lock=a,b,c&a={A:g}&b={B:g}&c={C:g}&x={x:g}"
    answered: set[str] = set()
    try:
        cookie = await asyncio.to_thread(sticky_cookie, url)
        s = Session(url, cookie)
        await s.connect()
        first = await s.open(page, query)
        _check(first, t, "open")
        if check_sticky:  # a reload: the same cookie reaches the same replica
            before = s.replica
            await s.close()
            await s.connect()
            _check(await s.open(page, s.query), t, "reopen")
            t.sticky_checks.append((before, s.replica))
        t.first_replica[s.replica] += 1
    except Exception as err:
        t.errors.append(f"s{k} could not open the class: {type(err).__name__}: {str(err)[:150]}")
        await start()
        return
    deadline = await start() + seconds
    moves, direction = 0, rng.choice((-1, 1))
    next_answer = rng.randint(1, 4)
    now = time.monotonic()
    next_move = now + rng.uniform(2.0, 4.0)
    interval = min(s.fragments.values(), default=0.0)  # the class badge's watch for reveals (ui/live.py)
    next_poll = now + rng.uniform(0, interval) if poll and interval else float("inf")
    try:
        while time.monotonic() < deadline:
            await asyncio.sleep(max(0.0, min(next_move, next_poll) - time.monotonic()))
            try:
                if time.monotonic() >= next_poll:  # as the browser does, every `interval` seconds
                    for run in await s.poll():
                        t.poll_ms.append(run.ms)
                        _check(run, t, f"s{k} poll")
                    next_poll += interval
                if time.monotonic() < next_move:
                    continue
                next_move = time.monotonic() + rng.uniform(2.0, 4.0)
                if abs(x + direction * STEP) > 4.95:
                    direction = -direction
                x = round(x + direction * STEP, 1)
                run = await s.set_slider("sidebar_x", x)
                (t.slider_after_kill_ms if t.killed_at else t.slider_ms).append(run.ms)
                t.timeline.append((time.monotonic() - t.t0, run.ms))
                want = f"{2 * A * x + B:g}"
                if "x.grad" in run.metrics and run.metrics["x.grad"] != want:
                    t.errors.append(f"s{k}: x.grad {run.metrics['x.grad']!r} at x={x:g}, expected {want!r}")
                _check(run, t, f"s{k} slider")
                moves += 1
                if moves >= next_answer:
                    await _answer(s, x, answered, t, rng)
                    next_answer = moves + rng.randint(3, 6)  # under the store's 20 answers a minute per tab
            except (TimeoutError, OSError, Exception) as err:
                if not _dropped(err):
                    raise
                await _reconnect(s, t, page)
    except Exception as err:
        t.errors.append(f"s{k}: {type(err).__name__}: {str(err)[:200]}")
    finally:
        with contextlib.suppress(Exception):
            await s.close()


def _dropped(err: BaseException) -> bool:
    """A websocket that the server's end closed (the replica died), rather than a bug in the run."""
    import websockets

    return isinstance(err, (websockets.ConnectionClosed, ConnectionError, EOFError))


def _nginx_cpu(pid: int) -> float:
    """nginx's master and workers."""
    total = cpu_seconds(pid)
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        total += cpu_seconds(int(child))
    return total


async def main(sessions: int, seconds: float, replicas: int, ramp: float, kill: bool, poll: bool = True) -> int:
    from classroom.store import RedisStore

    cluster = Cluster(replicas=replicas, port=0, streamlit_args=("--server.disconnectedSessionTTL", "10"))
    cluster.start()
    t = Tally()
    try:
        for i in range(replicas):  # torch and the page loaded on every replica before the class comes in
            async with Session(cluster.replica_url(i)) as warm:
                await warm.open("scalar-backward", "reveal=1")
        store = RedisStore(cluster.store_url)
        code, secret = store.open_class(3600)
        pids = {name: p.pid for name, p in cluster.procs.items()}
        ready, go, t_go = [0], asyncio.Event(), [0.0]
        cpu0: dict[str, float] = {}

        async def start() -> float:
            ready[0] += 1
            if ready[0] == sessions:
                t_go[0] = t.t0 = time.monotonic()
                cpu0.update({n: _nginx_cpu(p) if n == "nginx" else cpu_seconds(p) for n, p in pids.items()})
                cpu0["students (this load generator)"] = cpu_seconds(os.getpid())
                go.set()
            await go.wait()
            return t_go[0]

        async def ramped(k: int) -> None:
            await asyncio.sleep(k * ramp / sessions)  # students arrive over `ramp` seconds, not all at once
            await student(k, cluster.url, code, start, seconds, t, check_sticky=k < 10, poll=poll)

        async def killer() -> None:
            await go.wait()
            await asyncio.sleep(seconds / 2)
            t.cpu_at_kill = {n: cpu_seconds(p) for n, p in pids.items() if n.startswith("replica")}
            t.killed_cpu = t.cpu_at_kill["replica0"] - cpu0["replica0"]
            t.killed_at = time.monotonic() - t_go[0]
            cluster.kill_replica(0)

        async def teacher() -> None:
            """Reveals the most answered question to everyone at a quarter, half and three quarters of the time."""
            await go.wait()
            for when in (0.25, 0.55, 0.75):
                await asyncio.sleep(max(0.0, t_go[0] + when * seconds - time.monotonic()))
                tallies = await asyncio.to_thread(store.tallies, code)
                shown = await asyncio.to_thread(store.revealed, code)
                best = max((q for q in tallies if q not in shown), key=lambda q: sum(tallies[q].values()), default=None)
                if best is not None:
                    await asyncio.to_thread(store.reveal, code, best, secret)
                    t.reveals += 1

        tasks = [ramped(k) for k in range(sessions)] + [teacher()] + ([killer()] if kill else [])
        await asyncio.gather(*tasks)
        elapsed = time.monotonic() - t_go[0]
        used = {n: (_nginx_cpu(p) if n == "nginx" else cpu_seconds(p)) - cpu0.get(n, 0.0)
                for n, p in pids.items() if (n != "replica0" or not kill)}  # fmt: skip
        used["students (this load generator)"] = cpu_seconds(os.getpid()) - cpu0["students (this load generator)"]
        if kill:
            used["replica0"] = t.killed_cpu
        cpu = {n: (v, v / (t.killed_at if kill and n == "replica0" else elapsed)) for n, v in used.items()}
        rss = {n: rss_mb(p) for n, p in pids.items() if n.startswith("replica") and (n != "replica0" or not kill)}
        if kill:  # the surviving replicas alone, with every student, from the kill to the end
            after = elapsed - t.killed_at
            for n, at in t.cpu_at_kill.items():
                if n != "replica0":
                    cpu[f"{n} after the kill"] = (cpu_seconds(pids[n]) - at, (cpu_seconds(pids[n]) - at) / after)
        counted = Counter({(q, a): n for q, tally in store.tallies(code).items() for a, n in tally.items()})
        voters = store.voters(code)
    finally:
        cluster.stop()
    return report(t, counted, voters, sessions, seconds, replicas, kill, cpu, rss)


def report(t: Tally, counted: Counter, voters, sessions, seconds, replicas, kill, cpu, rss) -> int:
    confirmed, uncertain = t.confirmed, +t.uncertain
    missing = sum(max(0, confirmed[k] - counted[k]) for k in confirmed)
    extra = sum(max(0, counted[k] - confirmed[k] - uncertain[k]) for k in counted)
    slider = t.slider_ms + t.slider_after_kill_ms
    killed = sum(1 for before, _, _ in t.reconnects if before)
    moved_to_dead = sum(1 for b, a, _ in t.reconnects if a == b)
    sticky_ok = sum(1 for a, b in t.sticky_checks if a == b)
    p95 = pct(slider, 95)
    killed_note = f", one replica killed at {t.killed_at:.0f} s" if kill else ""
    title = f"Class: {sessions} students x {seconds:g} s through nginx, {replicas} replicas + Redis{killed_note}"
    print(f"\n## {title}   [{machine()}]\n")
    print("| measure | value |\n|---|---|")
    spread = ", ".join(str(n) for _, n in sorted(t.first_replica.items()))
    print(f"| students at the start, per replica | {spread} |")
    print(f"| reload with the same cookie -> same replica | {sticky_ok} of {len(t.sticky_checks)} |")
    print(f"| slider changes measured | {len(slider)} ({len(t.slider_after_kill_ms)} after the kill) |")
    print(f"| errors | {len(t.errors)} |")
    worst = max(slider, default=0)
    print(f"| p50 / p95 / max slider change (whole run) | {pct(slider, 50):.0f} / {p95:.0f} / {worst:.0f} ms |")
    print(f"| p95 before / after the kill | {pct(t.slider_ms, 95):.0f} / {pct(t.slider_after_kill_ms, 95):.0f} ms |")
    print(f"| answers sent (Check pressed) | {sum(confirmed.values()) + sum(uncertain.values())} |")
    print(f"| p50 / p95 answer (Check -> page updated) | {pct(t.answer_ms, 50):.0f} / {pct(t.answer_ms, 95):.0f} ms |")
    print(f"| answers confirmed / cut short by the kill | {sum(confirmed.values())} / {sum(uncertain.values())} |")
    print(f"| answers counted by the store (distinct voters) | {sum(counted.values())} ({voters}) |")
    print(f"| confirmed answers missing from the store | {missing} |")
    print(f"| answers counted more than sent | {extra} |")
    if kill:
        waits = [s for _, _, s in t.reconnects]
        print(f"| students reconnected after the kill | {killed} (to the dead replica: {moved_to_dead}) |")
        print(f"| reconnect: p50 / max | {pct(waits, 50):.1f} / {max(waits, default=0):.1f} s |")
    for name, (_, busy) in sorted(cpu.items()):
        print(f"| CPU {name} (cores busy while it ran, of {os.cpu_count()}) | {busy:.2f} |")
    runs = len(slider) + len(t.answer_ms) + len(t.reconnects)
    replica_cpu = sum(v for n, (v, _) in cpu.items() if n.startswith("replica") and "after" not in n)
    polls = len(t.poll_ms)
    print(f"| script runs: slider changes, answers, reopened pages | {runs} ({runs / seconds:.1f} a second) |")
    print(f"| questions the teacher revealed during the run | {t.reveals} |")
    print(f"| fragment runs: a tab's watch for reveals | {polls} ({polls / seconds:.1f} a second), "
          f"p50 / p95 {pct(t.poll_ms, 50):.0f} / {pct(t.poll_ms, 95):.0f} ms |")  # fmt: skip
    print(f"| replicas' CPU per run (script and fragment runs) | {replica_cpu / max(1, runs + polls) * 1000:.0f} ms |")
    print(f"| replicas' CPU per student | {replica_cpu / sessions / seconds * 1000:.1f} ms a second |")
    window = 20
    for start in range(0, int(seconds), window):
        part = [ms for at, ms in t.timeline if start <= at < start + window]
        print(f"| p95 slider change, {start}-{start + window} s | {pct(part, 95):.0f} ms ({len(part)} changes) |")
    for name, v in sorted(rss.items()):
        print(f"| RSS {name} at the end | {v:.0f} MB |")
    for e in t.errors[:20]:
        print("  error:", e)
    ok = not t.errors and p95 <= 1000 and missing == 0 and extra == 0 and sticky_ok == len(t.sticky_checks)
    print(f"\n{'PASS' if ok else 'FAIL'}: 0 errors, p95 <= 1 s, every answer counted exactly once, sticky reloads")
    return 0 if ok else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--ramp", type=float, default=20, help="students arrive over this many seconds")
    ap.add_argument("--no-kill", action="store_true", help="keep every replica up")
    ap.add_argument("--no-poll", action="store_true", help="students' tabs do not watch for the teacher's reveals")
    a = ap.parse_args()
    raise SystemExit(asyncio.run(main(a.sessions, a.seconds, a.replicas, a.ramp, not a.no_kill, not a.no_poll)))
