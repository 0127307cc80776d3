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

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "PROBE", "AppServer", "cpu_seconds", "machine", "pct", "rss_mb"]

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


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    import os

    return f"{os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {cpu}, {platform.python_version()}, " + (
        datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    )


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), nearest rank; nan for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s) + 0.5) - 1))]
