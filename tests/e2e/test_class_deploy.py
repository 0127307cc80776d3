"""The class deployment for real: redis-server, two replicas and nginx (deploy/serve_class.py). Sticky sessions by
cookie, a browser through nginx, and a replica killed under a student who then goes on from a live replica."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.class_load import _shown, questions_at
from deploy.serve_class import NGINX, REDIS, Cluster
from tests.e2e.helpers import LOAD, settle, slider_input
from tests.protocol import Session, run_sync, sticky_cookie
from ui.i18n import lookup

pytestmark = pytest.mark.skipif(
    not (Path(NGINX).exists() and Path(REDIS).exists()), reason="needs Debian's nginx and redis-server"
)
SHOTS = os.environ.get("SCREENSHOTS")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(replicas=2, port=0, run_dir=tmp_path_factory.mktemp("class"))  # logs kept for a failing test
    c.start()
    try:
        yield c
    finally:
        c.stop()


@pytest.fixture(scope="module")
def class_code(cluster):
    from classroom.store import RedisStore

    return RedisStore(cluster.store_url).open_class(600)[0]


def test_a_cookie_keeps_a_tab_on_its_replica_and_cookies_spread_over_replicas(cluster):
    async def replicas(cookie: str, n: int) -> list[str]:
        seen = []
        for _ in range(n):
            async with Session(cluster.url, cookie) as s:
                run = await s.open("glossary")
                assert not run.exceptions
                seen.append(s.replica)
        return seen

    cookie = sticky_cookie(cluster.url)
    assert cookie.startswith("autograd_replica=")
    assert len(set(run_sync(replicas(cookie, 3)))) == 1  # a reload, a reconnect: the same replica
    spread = {run_sync(replicas(sticky_cookie(cluster.url), 1))[0] for _ in range(16)}
    assert spread == {f"127.0.0.1:{p}" for p in cluster.ports}  # 16 new browsers reach both replicas


def test_a_browser_takes_the_teachers_link_through_nginx(browser, cluster, class_code):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{cluster.url}/scalar-backward?class={class_code}&route=scalar-backward,jacobian&lock=a,b,c&x=0.5")
    settle(page)  # the page's websocket runs through nginx
    expect(page.locator("h1").first).to_have_text(lookup("en", "scalar.title"), timeout=LOAD)
    expect(page.get_by_text(class_code).first).to_be_visible(timeout=LOAD)
    assert slider_input(page, "x").get_attribute("aria-valuetext") == "0.50"
    assert any(c["name"] == "autograd_replica" for c in context.cookies())
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "class-through-nginx.png"))
    context.close()


def test_a_killed_replicas_student_reconnects_to_a_live_one_and_nothing_counted_is_lost(cluster, class_code):
    from classroom.store import RedisStore

    store = RedisStore(cluster.store_url)
    q1, q2 = questions_at(0.5)

    async def student() -> tuple[str, str]:
        s = Session(cluster.url, sticky_cookie(cluster.url))
        await s.connect()
        await s.open("scalar-backward", f"class={class_code}&lock=a,b,c&x=0.5")
        await s.set_widgets(s.number("scalar_quiz_guess", float(q1.answer)), s.click("scalar_quiz_check"))
        before = s.replica
        cluster.kill_replica(cluster.ports.index(int(before.rsplit(":", 1)[1])))
        with pytest.raises(Exception):  # noqa: B017 - the socket closes under the student
            await s.set_slider("sidebar_x", 0.6)
            await s.rerun()
        await s.close()
        deadline = time.monotonic() + 30
        while True:  # the same cookie; the hash moves it to the live replica (retried as the frontend does, in case
            try:  # nginx still holds the other replica out after an earlier test's kill: fail_timeout)
                await s.connect()
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.5)
        run = await s.open("scalar-backward", s.query)
        assert not run.exceptions
        choice = next(o.key for o in q2.options if o.correct)
        run = await s.set_widgets(s.choose("scalar_quiz2_guess", _shown(q2, choice)), s.click("scalar_quiz2_check"))
        assert not run.exceptions
        await s.close()
        return before, s.replica

    before, after = run_sync(student())
    cluster.start_replica(cluster.ports.index(int(before.rsplit(":", 1)[1])))  # back for the next test
    assert after and after != before
    tallies = store.tallies(class_code)
    assert tallies[q1.id] == {f"{q1.answer:g}": 1}  # counted before the kill: still there, once
    assert sum(tallies[q2.id].values()) == 1  # and the answer given after the reconnect


def test_a_browser_whose_replica_dies_reconnects_by_itself_and_goes_on(browser, cluster, class_code):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{cluster.url}/scalar-backward?class={class_code}&lock=a,b,c&x=0.5&reveal=1")
    settle(page)
    grad = page.locator("[data-testid='stMetricValue']").nth(1)
    expect(grad).to_have_text("-1", timeout=LOAD)
    cookie = next(f"{c['name']}={c['value']}" for c in context.cookies() if c["name"] == "autograd_replica")

    async def replica() -> str:  # the same cookie reaches the browser's replica
        async with Session(cluster.url, cookie) as s:
            await s.open("glossary")
            return s.replica

    mine = cluster.ports.index(int(run_sync(replica()).rsplit(":", 1)[1]))
    cluster.kill_replica(mine)
    try:
        x = slider_input(page, "x")
        deadline = time.monotonic() + LOAD / 1000
        while True:  # Streamlit's frontend reconnects through nginx by itself; a key press lost meanwhile is retried
            x.focus()
            page.keyboard.press("ArrowRight")
            try:  # the slider is disabled until the frontend is connected again
                expect(x).not_to_have_attribute("aria-valuetext", "0.50", timeout=2000)
                value = float(x.get_attribute("aria-valuetext"))
                expect(grad).to_have_text(f"{2 * value - 2:g}", timeout=5000)  # x.grad = 2x - 2, from the live one
                break
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
        assert run_sync(replica()) == f"127.0.0.1:{cluster.ports[1 - mine]}"  # and it stays there
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, "class-after-replica-killed.png"))
    finally:
        context.close()
        cluster.start_replica(mine)
