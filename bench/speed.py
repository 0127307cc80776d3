"""How fast each page is: script run time, navigation in Chromium, key press to number, server memory.

    python bench/speed.py [--profile]        (make bench-speed)

Script run time is measured on a warm local server through its websocket protocol (tests/protocol.py): from a
new x leaving the client to the run's script_finished message (so it includes the transport, a few ms), the median
of 7 runs, x changed each run so that what depends on x is recomputed. Nothing else competes for the CPU then;
the Chromium figures come after. --profile writes a pyinstrument profile (through AppTest, in this process) of
every page over its target to bench/profiles/<page>.txt.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from playwright.sync_api import sync_playwright

from bench.common import CHROMIUM, CHROMIUM_ARGS, ROOT, AppServer, machine, pct, rss_mb
from tests.app.conftest import open_page
from tests.e2e.helpers import settle
from tests.protocol import Session
from ui.pages import PAGES

RUN_TARGET_MS = 50
NAV_TARGET_S = 4.0
PRESS_TARGET_MS = 200
COLD_TARGET_S = 2.5  # a first visit with an empty browser cache (a student opening a shared link)
RSS_TARGET_MB = 450
RESULTS = "[data-testid=stCode] code, [data-testid=stMetricValue], [data-testid=stDataFrame]"


async def script_runs(url: str) -> dict[str, float]:
    """Per page, the median server round trip of a run with a new x (ms)."""
    out = {}
    for p in PAGES:
        async with Session(url) as s:
            await s.open(p.url, "reveal=1")  # every result drawn, as after a prediction
            await s.set_slider("sidebar_x", -0.1)  # warm: the page's own first-run work is done
            times = [(await s.set_slider("sidebar_x", round(0.1 * (i + 1), 1))).ms for i in range(7)]
        out[p.section] = statistics.median(times)
    return out


PRESSES = 40  # key presses on 1.1's x slider: with 20, the p95 was the 19th value, one slow press away from the max


def profiles(runs: dict[str, float]) -> None:
    for p in PAGES:
        if runs[p.section] > RUN_TARGET_MS:
            at = open_page(p.path)
            from pyinstrument import Profiler
            from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

            prof = Profiler(interval=0.0005)
            real = ScriptRunner._run_script

            def profiled(self, *args, prof=prof, real=real, **kwargs):  # AppTest runs the script in a thread
                prof.start()
                try:
                    return real(self, *args, **kwargs)
                finally:
                    prof.stop()

            ScriptRunner._run_script = profiled
            try:
                for i in range(5):
                    at.slider(key="sidebar_x").set_value(round(-0.1 * (i + 1), 1))
                    at.run()
            finally:
                ScriptRunner._run_script = real
            (ROOT / "bench" / "profiles").mkdir(exist_ok=True)
            path = ROOT / "bench" / "profiles" / f"{p.section}.txt"
            path.write_text(prof.output_text(unicode=True, color=False, show_all=False))
            print(f"profile of {p.section}: {path.relative_to(ROOT)}")


def one_visitor(browser) -> float:
    """Server RSS (MB) on a fresh server after one student went through every page by the sidebar's links (one
    session, as in class), each page's results shown."""
    fresh = AppServer()
    fresh.start()
    try:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        page.goto(f"{fresh.url}/?reveal=1")
        settle(page)
        more = page.locator("[data-testid=stSidebarNavViewButton]")
        if more.count():
            more.first.click()
        for p in PAGES:
            if p.section == "home":
                continue
            page.locator(f"[data-testid=stSidebarNavLink][href$='/{p.url}']").first.click()
            page.wait_for_url(f"**/{p.url}**")
            settle(page)
        ctx.close()
        return rss_mb(fresh.pid)
    finally:
        fresh.cleanup()


def figures() -> tuple[dict[str, float], dict[str, float], dict[str, float], list[float], tuple[float, float]]:
    """Server runs per page, then Chromium: navigation per page, key presses on 1.1, server RSS."""
    server = AppServer()
    server.start()
    try:
        runs = asyncio.run(script_runs(server.url))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            wait = f"() => document.querySelectorAll({RESULTS!r}).length > 0 || !!document.querySelector('h1')"
            page.goto(f"{server.url}/scalar-backward")  # warm-up: imports, first run
            settle(page)
            nav = {}
            for p in PAGES:
                url = server.url + ("/" if p.section == "home" else f"/{p.url}?reveal=1")
                times = []
                for _ in range(2):
                    t = time.perf_counter()
                    page.goto(url)
                    settle(page)
                    page.wait_for_function(wait)
                    times.append(time.perf_counter() - t)
                nav[p.section] = min(times)
            rss_after = rss_mb(server.pid)  # after 2 page loads of every page: ~30 sessions, each kept 120 s
            rss_one = one_visitor(browser)
            cold = {}
            for p in PAGES:  # a new browser context each time: an empty cache, as a first visit from a shared link
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                fresh = ctx.new_page()
                t = time.perf_counter()
                fresh.goto(server.url + ("/" if p.section == "home" else f"/{p.url}"))
                settle(fresh)
                fresh.wait_for_function(wait)
                cold[p.section] = time.perf_counter() - t
                ctx.close()
            page.goto(f"{server.url}/scalar-backward?x=-2&reveal=1")
            settle(page)
            page.wait_for_function("() => document.querySelectorAll('[data-testid=stMetricValue]').length >= 2")
            thumb = page.locator("[data-testid=stSidebar] [data-testid=stSlider] input[type=range]").nth(3)
            presses = []
            for _ in range(PRESSES):
                before = page.locator("[data-testid=stMetricValue]").nth(1).inner_text()
                thumb.focus()
                t = time.perf_counter()
                page.keyboard.press("ArrowRight")
                page.wait_for_function(
                    "b => document.querySelectorAll('[data-testid=stMetricValue]')[1].innerText !== b",
                    arg=before,
                    polling=10,
                )
                presses.append(time.perf_counter() - t)
            browser.close()
        return runs, nav, cold, presses, (rss_after, rss_one)
    finally:
        server.cleanup()


def main(profile: bool) -> None:
    runs, nav, cold, presses, (rss, rss_one) = figures()
    if profile:
        profiles(runs)
    print(f"\n## Speed   [{machine()}]\n")
    print(
        "| page | script run, server round trip (warm, median) | target | navigation to settled page (warm) | target "
        f"| first visit, empty browser cache | target {COLD_TARGET_S} s |"
    )
    print("|---|---|---|---|---|---|---|")
    for p in PAGES:
        r, n, c = runs[p.section], nav[p.section], cold[p.section]
        ok_r = "ok" if r <= RUN_TARGET_MS else ("missed (SGD uncached aside)" if p.section == "sgd" else "MISSED")
        ok_n = "ok" if n <= NAV_TARGET_S else "MISSED"
        ok_c = "ok" if c <= COLD_TARGET_S else "MISSED"
        print(f"| {p.section} | {r:.0f} ms | {ok_r} | {n:.2f} s | {ok_n} | {c:.2f} s | {ok_c} |")
    p95 = pct(presses, 95) * 1000
    print(f"\nkey press -> updated x.grad on 1.1 ({PRESSES} presses): p50 {pct(presses, 50) * 1000:.0f} ms, "
          f"p95 {p95:.0f} ms (target {PRESS_TARGET_MS}: {'ok' if p95 <= PRESS_TARGET_MS else 'MISSED'})")  # fmt: skip
    print(f"server RSS after one student went through every page (sidebar links, one session): {rss_one:.0f} MB "
          f"(target {RSS_TARGET_MB}: {'ok' if rss_one <= RSS_TARGET_MB else 'MISSED'})")  # fmt: skip
    print(f"server RSS after loading every page twice (about 30 sessions, each kept 120 s): {rss:.0f} MB")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", action="store_true", help="pyinstrument profiles of pages over the target")
    main(ap.parse_args().profile)
