"""Memory under many distinct settings: one visitor after another opens a page with values nobody asked for before.

    python -m bench.memory --settings 500          (make bench-memory)

Each setting is a new session over Streamlit's websocket protocol (tests/protocol.py), as a shared link opened cold,
on every page in turn, with random values from the pages' own ranges (SGD runs of up to 5,000 steps, 4x4 tables,
the lab's expressions). The server's RSS is printed every 50 settings: the caches are bounded by the bytes they
hold, so the curve must flatten. Bounded: N settings, each with a 120 s timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import random
from urllib.parse import urlencode

from bench.common import AppServer, machine, rss_mb
from tests.protocol import Session
from ui.pages import PAGES
from ui.params import ALL, fmt

PAGE_VALUES = {
    "scalar-backward": ("a", "b", "c", "x"),
    "nonscalar-backward": ("a", "b", "c", "xmat", "gmat"),
    "dot-product": ("a", "b", "c", "xmat", "gmat"),
    "second-derivative": ("a", "b", "c", "x"),
    "many-inputs-outputs": ("x1", "x2"),
    "sgd-minimum": ("a", "b", "c", "x0", "lr", "steps", "momentum", "view"),
    "expression-lab": ("f", "x", "x1", "x2"),
    "jacobian": ("wmat", "xvec", "vvec", "act"),
    "backward-steps": ("a", "b", "c", "x"),
    "gradient-check": ("f", "xc", "h"),
}
ENV = [e for e in __import__("os").environ.get("BENCH_SERVER_ENV", "").split() if "=" in e]
EXPRESSIONS = ("x^3 - 3*x", "sin(x)*x^2", "exp(-x^2)", "log(x)", "tanh(x) + relu(x)", "x^4 - 3*x^2 + x", "x1*x2")


def _table(rows: int, cols: int, rng: random.Random) -> str:
    return fmt(tuple(tuple(round(rng.uniform(-9, 9), 3) for _ in range(cols)) for _ in range(rows)))


def values(page: str, rng: random.Random) -> dict[str, str]:
    """A new setting of the page's own values; the Jacobian page's W, x and v in shapes that fit (m x n, n, m)."""
    if page == "jacobian":
        out = {"act": value("act", rng)}
        m, n = rng.randint(1, 4), rng.randint(1, 4)
        return {**out, "wmat": _table(m, n, rng), "xvec": _table(n, 1, rng), "vvec": _table(m, 1, rng)}
    out = {n: value(n, rng) for n in PAGE_VALUES[page]}
    while page == "gradient-check" and "x1" in out["f"]:  # the gradient check takes f(x) only
        out["f"] = value("f", rng)
    return out


def value(name: str, rng: random.Random) -> str:
    p = ALL[name]
    if name in ("xmat", "gmat"):
        n, m = rng.randint(1, 4), rng.randint(1, 4)
        return fmt(tuple(tuple(round(rng.uniform(-9, 9), 3) for _ in range(m)) for _ in range(n)))
    if name == "f":
        expr = rng.choice(EXPRESSIONS)
        return f"{expr} + {rng.randint(1, 999)}*{'x1' if 'x1' in expr else 'x'}"  # a new expression each time
    if name == "steps":
        return str(rng.choice([500, 1000, 2500, 5000]))
    if p.options:
        return fmt(rng.choice(p.options))
    return fmt(round(p.lo + rng.randint(0, round((p.hi - p.lo) / p.step)) * p.step, 10) + 0.0)


async def visit(url: str, page: str, query: str) -> int:
    async with Session(url) as s:
        run = await asyncio.wait_for(s.open(page, query), 120)
        if run.exceptions:
            print(f"  exception on /{page}?{query}")
        return len(run.exceptions)


async def main(settings: int, seed: int) -> None:
    rng = random.Random(seed)
    urls = [p.url for p in PAGES if p.url in PAGE_VALUES]
    server = AppServer(extra_args=("--server.disconnectedSessionTTL", "2"), env=dict(e.split("=", 1) for e in ENV))
    url = server.start()
    try:
        print(f"# bench.memory: {settings} distinct settings, seed {seed}\n# {machine()}")
        await visit(url, "", "")
        print(f"{'settings':>8} {'RSS MB':>8}  (after a first visit of the home page: {rss_mb(server.pid):.0f} MB)")
        errors = 0
        for k in range(1, settings + 1):
            page = urls[k % len(urls)]
            query = urlencode({"reveal": 1, **values(page, rng)})  # every result drawn
            errors += await visit(url, page, query)
            if k % 50 == 0:
                print(f"{k:>8} {rss_mb(server.pid):>8.0f}", flush=True)
        print(f"exceptions shown: {errors}")
    finally:
        server.stop()
        print(f"server log: {server.log_path}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--settings", type=int, default=500)
    ap.add_argument("--seed", type=int, default=random.randrange(2**31))
    args = ap.parse_args()
    asyncio.run(main(args.settings, args.seed))
