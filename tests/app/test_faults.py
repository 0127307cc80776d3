"""Device faults: a device asked for but missing, or failing mid-run, falls back to the CPU with a notice."""

from __future__ import annotations

import pytest

import autograd_core.device as device_mod
from tests.app.conftest import codes
from tests.app.conftest import open_page as _open_page
from ui import compute
from ui.i18n import lookup
from ui.pages import LESSON


def open_page(path=None, **query):
    """These tests look at results: the teacher's switch (reveal=1) shows them without a prediction."""
    return _open_page(path, **{"reveal": "1", **query})


FALLBACK = lookup("en", "frame.device_fallback").split("{")[0]
FAILED = lookup("en", "common.device_failed").split("{")[0]


@pytest.fixture
def no_gpu(monkeypatch):
    monkeypatch.setattr(device_mod, "available", lambda: {"cpu": True, "cuda": False, "mps": False})


@pytest.fixture
def failing_gpu(monkeypatch):
    """A CUDA device that exists but fails on every computation (e.g. out of memory)."""
    monkeypatch.setattr(device_mod, "available", lambda: {"cpu": True, "cuda": True, "mps": False})
    calls = []

    class Failing:  # the results cache, as if every run on the GPU failed
        def get_or_make(self, key, make):
            calls.append(key[-1])  # the device is the key's last part
            if key[-1] != "cpu":
                raise RuntimeError("CUDA error: out of memory")
            return make()

    monkeypatch.setattr(compute, "_results", Failing)
    return calls


@pytest.mark.parametrize("requested", ["cuda", "mps"])
def test_missing_device_falls_back_with_a_notice(no_gpu, requested):
    at = open_page("pages/backward/scalar.py", device=requested)
    assert not at.exception, [e.value for e in at.exception]
    notices = [i.value for i in at.sidebar.info if i.value.startswith(FALLBACK)]
    assert len(notices) == 1 and requested in notices[0] and "cpu" in notices[0], [i.value for i in at.sidebar.info]
    assert any(c == "tensor(-2.)" for c in codes(at)), "the lesson's answer, computed on the CPU"
    assert at.query_params.get("device") == requested  # the request is kept for a machine that has it


def test_auto_on_a_cpu_machine_is_no_fallback(no_gpu):
    at = open_page("pages/backward/scalar.py")
    assert not [i.value for i in at.sidebar.info if i.value.startswith(FALLBACK)]


@pytest.mark.parametrize("path", [p.path for p in LESSON if p.section != "sgd"])
def test_device_failing_mid_run_falls_back_to_cpu(failing_gpu, path):
    at = open_page(path, device="cuda")
    assert not at.exception, [e.value for e in at.exception]
    notices = [w.value for w in at.warning if w.value.startswith(FAILED)]
    assert notices and "cuda" in notices[0] and "out of memory" in notices[0], [w.value for w in at.warning]
    assert "cuda" in failing_gpu and "cpu" in failing_gpu, "tried the GPU, then the CPU"
    assert at.metric or at.code, "results are shown"


def test_cpu_failure_is_not_hidden(monkeypatch):
    """On the CPU there is nothing to fall back to: the error surfaces instead of looping."""

    class Broken:
        def get_or_make(self, key, make):
            raise RuntimeError("boom")

    monkeypatch.setattr(compute, "_results", Broken)
    at = open_page("pages/backward/scalar.py", device="cpu")
    assert at.exception, "the failure is reported (details redacted by the app's config)"
    assert not [w.value for w in at.warning if w.value.startswith(FAILED)], "no pretend fallback to the CPU"
