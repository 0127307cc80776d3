"""The server seen through its websocket protocol, without a browser: what each run sends, and to whom."""

from __future__ import annotations

import asyncio

from tests.protocol import Session, run_sync
from ui.pages import PAGES


def test_every_page_runs_cleanly_from_a_shared_link(app_url):
    async def visit():
        out = {}
        for p in PAGES:
            async with Session(app_url) as s:
                out[p.section] = await s.open(p.url, "a=2&x=1.5&reveal=1")
        return out

    for section, run in run_sync(visit()).items():
        assert not run.exceptions, (section, run.exceptions)
        assert run.messages > 10, section  # the frame and the page were drawn


def test_a_run_writes_the_url_at_most_once(app_url):
    """One URL update per slider step (written before the results are drawn), none when nothing changed."""

    async def steps():
        async with Session(app_url) as s:
            first = await s.open("scalar-backward", "x=1&reveal=1")
            moved = await s.set_slider("sidebar_x", 1.5)
            same = await s.rerun()
            return first, moved, same, s.query

    first, moved, same, query = run_sync(steps())
    assert first.metrics["x.grad"] == "0"  # 2·1 − 2
    assert first.url_updates == 1  # the values the link did not give are added together, once
    assert moved.metrics["x.grad"] == "1" and moved.url_updates == 1
    assert "x=1.5" in query.split("&")
    assert same.url_updates == 0 and same.metrics["x.grad"] == "1"


def test_sessions_do_not_share_values(app_url):
    """Many sessions at once, each moving its own x: each gets only its own x.grad back."""

    async def student(x0: float) -> list[tuple[str, str]]:
        seen = []
        async with Session(app_url) as s:
            await s.open("scalar-backward", f"x={x0:g}&reveal=1")
            for k in range(1, 6):
                x = round(x0 + 0.1 * k, 1)
                run = await s.set_slider("sidebar_x", x)
                seen.append((run.metrics["x.grad"], f"{2 * x - 2:g}"))
        return seen

    async def classroom():
        return await asyncio.gather(*(student(x0) for x0 in (-3.0, -1.0, 0.5, 2.0, 4.0)))

    for seen in run_sync(classroom()):
        assert all(got == want for got, want in seen), seen


def test_an_unchanged_chart_is_not_sent_again(app_url):
    """Like a browser, the client holds large elements: a rerun with the same values sends the SGD animation (about
    130 kB) as a reference to it, and a new x0 sends the new chart in full."""

    async def runs():
        async with Session(app_url) as s:
            first = await s.open("sgd-minimum", "reveal=1")
            same = await s.rerun()
            moved = await s.set_slider("sgd_x0", 2.0)
            return first, same, moved

    first, same, moved = run_sync(runs())
    assert first.references == 0 and same.references >= 1 and moved.references == 0
    assert same.metrics["final x"] == first.metrics["final x"] == "1.0000"  # read through the reference
    assert not (first.exceptions or same.exceptions or moved.exceptions)
