"""Class live in Chromium, across two replicas sharing Redis: a student answers on one, the teacher watches and
reveals on the other, and the student's page shows the answer."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from classroom.store import RedisStore
from tests.e2e.helpers import LOAD, no_exception, settle
from tests.e2e.test_a11y import AXE, assert_accessible
from tests.redis_server import REDIS, running_redis
from tests.server import AppServer
from ui.i18n import lookup

SHOTS = os.environ.get("SHOTS")  # a folder: save screenshots of both views there


def en(key: str, **fields) -> str:
    return lookup("en", f"classlive.{key}").format(**fields)


@pytest.fixture(scope="module")
def replicas():
    """Two app servers (replicas) with one Redis class store, as `make serve-class N=2` runs them."""
    if not Path(REDIS).exists():
        pytest.skip("redis-server is not installed")
    with running_redis() as redis:
        env = {"AUTOGRAD_CLASS_STORE": redis.url}
        servers = [AppServer(env=env), AppServer(env=env)]
        try:
            yield [s.start() for s in servers], redis.url
        finally:
            for s in servers:
                s.cleanup()


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_a_student_answers_the_teacher_sees_it_and_reveals_it(browser: Browser, replicas):
    (one, two), redis_url = replicas
    teacher: Page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    student: Page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()

    teacher.goto(f"{two}/class-live")
    settle(teacher)
    teacher.get_by_role("button", name=en("open")).click()
    expect(teacher.get_by_text(re.compile("Class code: [A-Z2-9]{6}"))).to_be_visible(timeout=LOAD)
    expect(teacher).to_have_url(re.compile(r"teacher="), timeout=LOAD)
    query = parse_qs(urlsplit(teacher.url).query)
    code = query["class"][0]
    expect(teacher.get_by_text(en("waiting"))).to_be_visible(timeout=LOAD)

    student.goto(f"{one}/scalar-backward?class={code}")
    settle(student)
    expect(student.get_by_text(en("badge", code=code))).to_be_visible(timeout=LOAD)
    student.locator("[data-testid=stMain] [data-testid=stNumberInput] input").first.fill("-4")  # a wrong number
    student.locator("[data-testid=stMain] button", has_text="Check").first.click()
    expect(student.locator("[data-testid=stAlert]", has_text="-4").first).to_be_visible(timeout=LOAD)

    # the teacher's view (another replica) shows the count within its refresh
    expect(teacher.get_by_text(en("status", n=1, minutes=240))).to_be_visible(timeout=LOAD)
    expect(teacher.get_by_text(en("counted", n=1, shown=0))).to_be_visible(timeout=LOAD)
    expect(teacher.locator("[data-testid=stPlotlyChart]")).to_have_count(1, timeout=LOAD)
    assert sum(sum(t.values()) for t in RedisStore(redis_url).tallies(code).values()) == 1
    shot(teacher, "classlive-teacher")
    if AXE.exists():
        assert_accessible(teacher, "class-live, the teacher's view with a chart")

    teacher.get_by_role("button", name=en("reveal")).click()
    expect(teacher.get_by_text(en("revealed"))).to_be_visible(timeout=LOAD)

    # the student's tab notices the reveal on its own (a poll every few seconds) and shows the answer
    answer = lookup("en", "quiz.revealed").format(answer="-2")
    expect(student.get_by_text(answer)).to_be_visible(timeout=LOAD)
    student.get_by_text(en("class_answers")).click()
    expect(student.locator("[data-testid=stMain] [data-testid=stPlotlyChart]")).to_have_count(1, timeout=LOAD)
    shot(student, "classlive-student")
    if AXE.exists():
        assert_accessible(student, "scalar-backward in class mode, revealed, with the class's answers")
    no_exception(student)
    no_exception(teacher)
