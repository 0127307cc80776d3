"""Many students at once: N sessions move the x slider on page 1.1 for T seconds against one local server.

    python -m bench.load --sessions 20 --seconds 60                    (make bench-load)
    python -m bench.load --sessions 20 --seconds 60 --client browser   (make bench-load-browser)

--client protocol (default): each session is Streamlit's websocket protocol (tests/protocol.py), as a browser tab
speaks it, without drawing anything: the figures are the server's. --client browser: each session is a Chromium
context; on a 2-core machine the browsers then compete with the server for the CPU, so the figures are mostly theirs.
Reports errors, p50/p95 from a slider change to the updated x.grad, the server's CPU use, and its RSS before, at
peak, with all sessions open and after they close. Bounded: T seconds plus start-up and a short drain.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time

from playwright.async_api import async_playwright

from bench.common import CHROMIUM, CHROMIUM_ARGS, PROBE, AppServer, cpu_seconds, machine, pct, rss_mb
from tests.protocol import Session

SLIDER = "[data-testid=stSidebar] [data-testid=stSlider] input[type=range]"
GRAD = "[data-testid=stMetricValue]"  # on 1.1: y, x.grad, grad_fn
TTL = 5  # seconds a closed session's state is kept (Streamlit's default is 120)


async def student(browser, url: str, start, seconds: float, latencies: list, errors: list, k: int) -> None:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    page.on("console", lambda m: errors.append(f"s{k} console: {m.text[:120]}")
            if m.type == "error" and not PROBE.search(m.location.get("url", "")) else None)  # fmt: skip
    page.on("pageerror", lambda e: errors.append(f"s{k} pageerror: {e}"))
    x = random.randint(-20, 20) / 10
    try:
        await page.goto(f"{url}/scalar-backward?x={x:g}&reveal=1", timeout=120_000)
        await page.wait_for_function(f"() => document.querySelectorAll('{GRAD}').length >= 2", timeout=120_000)
        thumb = page.locator(SLIDER).nth(3)
        step = 1
        deadline = await start() + seconds  # everyone starts moving once all sessions are loaded
        while time.monotonic() < deadline:
            if abs(x + step * 0.1) > 4.95:
                step = -step
            before = await page.locator(GRAD).nth(1).inner_text()
            await thumb.focus()
            t0 = time.monotonic()
            await page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")
            try:
                await page.wait_for_function(
                    f"b => document.querySelectorAll('{GRAD}')[1]?.innerText !== b",
                    arg=before,
                    timeout=15_000,
                    polling=50,
                )
            except Exception:
                errors.append(f"s{k}: no update within 15 s at x={x:g}")
                continue
            latencies.append(time.monotonic() - t0)
            x = round(x + step * 0.1, 1)
            want = f"{2 * x - 2:g}"
            got = await page.locator(GRAD).nth(1).inner_text()
            if got != want:  # someone else's number, or a lost key press
                errors.append(f"s{k}: x.grad {got!r}, expected {want!r}")
                x = round((float(got) + 2) / 2, 1) if got.replace(".", "").lstrip("-").isdigit() else x
            if await page.locator("[data-testid=stException]").count():
                errors.append(f"s{k}: exception element")
            await asyncio.sleep(random.uniform(0.05, 0.3))  # a human pause between key presses
    except Exception as err:
        errors.append(f"s{k}: {type(err).__name__}: {str(err)[:200]}")
        await start()
    finally:
        await ctx.close()


async def protocol_student(_, url: str, start, seconds: float, latencies: list, errors: list, k: int) -> None:
    """The same student as above, over the websocket protocol: a slider change, then the run's x.grad."""
    x = random.randint(-20, 20) / 10
    try:
        async with Session(url) as s:
            first = await s.open("scalar-backward", f"x={x:g}&reveal=1")
            if "x.grad" not in first.metrics:
                errors.append(f"s{k}: first run drew no x.grad ({first.exceptions})")
                await start()
                return
            step = 1
            deadline = await start() + seconds
            while time.monotonic() < deadline:
                if abs(x + step * 0.1) > 4.95:
                    step = -step
                x = round(x + step * 0.1, 1)
                run = await s.set_slider("sidebar_x", x)
                latencies.append(run.ms / 1000)
                want = f"{2 * x - 2:g}"
                if run.metrics.get("x.grad") != want:
                    errors.append(f"s{k}: x.grad {run.metrics.get('x.grad')!r}, expected {want!r}")
                if run.exceptions:
                    errors.append(f"s{k}: exception {run.exceptions[0][:120]}")
                await asyncio.sleep(random.uniform(0.05, 0.3))  # a human pause between key presses
    except Exception as err:
        errors.append(f"s{k}: {type(err).__name__}: {str(err)[:200]}")
        await start()


async def main(sessions: int, seconds: float, client: str) -> None:
    server = AppServer(extra_args=("--server.disconnectedSessionTTL", str(TTL)))
    server.start()
    try:
        rss = {"started": rss_mb(server.pid)}
        async with async_playwright() as p:
            browser = (
                await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS) if client == "browser" else None
            )
            async with Session(server.url) as warm:  # one visit first: torch and the page code are loaded
                await warm.open("scalar-backward", "reveal=1")
            await asyncio.sleep(TTL + 3)
            rss["before (warm, no sessions)"] = rss_mb(server.pid)
            latencies: list[float] = []
            errors: list[str] = []
            peak = [0.0]

            async def sample():
                while True:
                    peak[0] = max(peak[0], rss_mb(server.pid))
                    await asyncio.sleep(0.5)

            sampler = asyncio.create_task(sample())
            ready, go, t_go, cpu = [0], asyncio.Event(), [0.0], [0.0]

            async def start() -> float:
                ready[0] += 1
                if ready[0] == sessions:
                    t_go[0] = time.monotonic()
                    cpu[0] = cpu_seconds(server.pid)
                    go.set()
                await go.wait()
                return t_go[0]

            one = student if client == "browser" else protocol_student
            await asyncio.gather(
                *(one(browser, server.url, start, seconds, latencies, errors, k) for k in range(sessions))
            )
            rss["with sessions (end of run)"] = rss_mb(server.pid)
            busy = (cpu_seconds(server.pid) - cpu[0]) / max(1e-9, time.monotonic() - t_go[0])
            sampler.cancel()
            rss["peak"] = peak[0]
            if browser is not None:
                await browser.close()
        settle_until = time.monotonic() + TTL + 20
        while time.monotonic() < settle_until:  # sessions are dropped TTL s after their socket closes
            await asyncio.sleep(1)
        rss[f"after close (+{TTL + 20} s)"] = rss_mb(server.pid)
    finally:
        server.cleanup()

    base = rss["before (warm, no sessions)"]
    print(f"\n## Load: {sessions} {client} sessions x {seconds:g} s on 1.1 (x slider)   [{machine()}]\n")
    print("| measure | value |\n|---|---|")
    print(f"| slider changes measured | {len(latencies)} |")
    print(f"| errors | {len(errors)} |")
    print(f"| p50 slider change -> updated x.grad | {pct(latencies, 50) * 1000:.0f} ms |")
    print(f"| p95 slider change -> updated x.grad | {pct(latencies, 95) * 1000:.0f} ms |")
    print(f"| max | {max(latencies, default=float('nan')) * 1000:.0f} ms |")
    print(f"| server CPU while sliding (cores busy, of {os.cpu_count()}) | {busy:.2f} |")
    print(f"| server CPU per slider change | {busy * seconds / max(1, len(latencies)) * 1000:.0f} ms |")
    for name, v in rss.items():
        print(f"| server RSS {name} | {v:.0f} MB |")
    print(f"| RSS growth per session (peak - before) / N | {(rss['peak'] - base) / sessions:.1f} MB |")
    for e in errors[:20]:
        print("  error:", e)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--client", choices=("protocol", "browser"), default="protocol")
    a = ap.parse_args()
    asyncio.run(main(a.sessions, a.seconds, a.client))
