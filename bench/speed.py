"""How fast each page is: script run time, navigation in Chromium, key press to number, server memory.

    python bench/speed.py [--profile]        (make bench-speed)

Script run time is measured with AppTest in this process (warm: after a first run), changing x each run
so that the cached computation is redone where it depends on x. --profile writes a pyinstrument profile of
every page over its target to bench/profiles/<page>.txt.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

from bench.common import CHROMIUM, CHROMIUM_ARGS, ROOT, AppServer, machine, pct, rss_mb
from tests.app.conftest import open_page
from tests.e2e.helpers import settle
from ui.pages import PAGES

RUN_TARGET_MS = 50
NAV_TARGET_S = 4.0
PRESS_TARGET_MS = 400
RSS_TARGET_MB = 450
RESULTS = "[data-testid=stCode] code, [data-testid=stMetricValue], [data-testid=stDataFrame]"


def script_runs(profile: bool) -> dict[str, float]:
    out = {}
    for p in PAGES:
        at = open_page(p.path)
        times = []
        for i in range(7):
            at.slider(key="sidebar_x").set_value(round(0.1 * (i + 1), 1))
            t = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t)
        out[p.section] = statistics.median(times) * 1000
        if profile and out[p.section] > RUN_TARGET_MS:
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
    return out


def browser_figures() -> tuple[dict[str, float], list[float], float]:
    server = AppServer()
    server.start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            wait = f"() => document.querySelectorAll({RESULTS!r}).length > 0 || !!document.querySelector('h1')"
            page.goto(f"{server.url}/scalar-backward")  # warm-up: imports, first run
            settle(page)
            nav = {}
            for p in PAGES:
                url = server.url + ("/" if p.section == "home" else f"/{p.url}")
                times = []
                for _ in range(2):
                    t = time.perf_counter()
                    page.goto(url)
                    settle(page)
                    page.wait_for_function(wait)
                    times.append(time.perf_counter() - t)
                nav[p.section] = min(times)
            rss_after = rss_mb(server.pid)
            page.goto(f"{server.url}/scalar-backward?x=-2")
            settle(page)
            page.wait_for_function("() => document.querySelectorAll('[data-testid=stMetricValue]').length >= 2")
            thumb = page.locator("[data-testid=stSidebar] [data-testid=stSlider] input[type=range]").nth(3)
            presses = []
            for _ in range(20):
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
        return nav, presses, rss_after
    finally:
        server.cleanup()


def main(profile: bool) -> None:
    runs = script_runs(profile)
    nav, presses, rss = browser_figures()
    print(f"\n## Speed   [{machine()}]\n")
    print("| page | script run (warm, median) | target | navigation to settled page (warm) | target |")
    print("|---|---|---|---|---|")
    for p in PAGES:
        r, n = runs[p.section], nav[p.section]
        ok_r = "ok" if r <= RUN_TARGET_MS else ("missed (SGD uncached aside)" if p.section == "sgd" else "MISSED")
        ok_n = "ok" if n <= NAV_TARGET_S else "MISSED"
        print(f"| {p.section} | {r:.0f} ms | {ok_r} | {n:.2f} s | {ok_n} |")
    p95 = pct(presses, 95) * 1000
    print(f"\nkey press -> updated x.grad on 1.1 (20 presses): p50 {pct(presses, 50) * 1000:.0f} ms, "
          f"p95 {p95:.0f} ms (target {PRESS_TARGET_MS}: {'ok' if p95 <= PRESS_TARGET_MS else 'MISSED'})")  # fmt: skip
    print(f"server RSS after visiting every page: {rss:.0f} MB (target {RSS_TARGET_MB}: "
          f"{'ok' if rss <= RSS_TARGET_MB else 'MISSED'})")  # fmt: skip


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", action="store_true", help="pyinstrument profiles of pages over the target")
    main(ap.parse_args().profile)
