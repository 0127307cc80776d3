"""Shared bits of the benchmarks: server memory, the machine, and the browser's console filter."""

from __future__ import annotations

import datetime
import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.server import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402

__all__ = [
    "CHROMIUM", "CHROMIUM_ARGS", "PROBE", "AppServer", "calibration_ms", "cpu_seconds", "machine", "pct", "rss_mb",
]  # fmt: skip

# The frontend probes <page>/_stcore/health and .../host-config before the root: harmless 404s.
PROBE = re.compile(r"/_stcore/(health|host-config)$")


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB, from /proc/<pid>/status (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (all its threads), from /proc/<pid>/stat."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def calibration_ms() -> float:
    """A fixed pure-Python workload (min of 5): this machine's speed at the moment of the run.

    The development VM shares its host: the same code measured up to ~40 % slower from one hour to the next. Print
    this with every table so that runs can be compared (a higher figure: a slower moment)."""
    import time

    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        s = 0
        for i in range(300_000):
            s += i * i
        best = min(best, time.perf_counter() - t)
    return best * 1000


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    import os

    return (
        f"{os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {cpu}, {platform.python_version()}, "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M UTC}, calibration loop {calibration_ms():.0f} ms"
    )


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), nearest rank; nan for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s) + 0.5) - 1))]
