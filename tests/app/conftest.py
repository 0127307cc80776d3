"""AppTest helpers: run the real app.py frame, optionally with URL params, and switch to a page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.server import ROOT

APP = str(ROOT / "app.py")
TIMEOUT = 60  # the first import of torch is slow


def open_page(path: str | None = None, **query: str) -> AppTest:
    """Run app.py with these URL params (first visit), then switch to `path` (e.g. 'pages/backward/scalar.py').

    AppTest cannot open a custom url_path before the first run, so the home page runs first.
    """
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if path is not None:
        at.switch_page(path)
        at.run()
    return at


def codes(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


@pytest.fixture
def page():
    return open_page
