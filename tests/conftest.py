"""One random hypothesis seed per test run, printed in the header, so that a failure found today can be replayed.

Replay a run with `pytest --hypothesis-seed=N` (or FUZZ_SEED=N make fuzz).
"""

from __future__ import annotations

import os
import random

import hypothesis.core
import pytest

SEED = pytest.StashKey[int]()


def pytest_configure(config):
    seed = config.getoption("hypothesis_seed", None)
    if seed is None:
        seed = int(os.environ.get("FUZZ_SEED") or random.randrange(2**32))
        hypothesis.core.global_force_seed = seed
    config.stash[SEED] = int(seed)


def pytest_report_header(config):
    return f"hypothesis seed: {config.stash.get(SEED, None)} (replay with --hypothesis-seed=<seed>)"
