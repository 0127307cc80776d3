"""Benchmark of the SGD lab against the lesson's literal loop: `make bench-sgd` prints a table.

Runs are interleaved (literal, recorded, literal, ...) and the minimum and median of each are reported,
so that a busy machine slows every row alike.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.io as pio
import torch

from autograd_core import Quadratic, compare_optimizers, minimize_sgd, sweep_lr
from bench.common import calibration_ms
from charts import sgd as charts

torch.set_num_threads(1)  # as the app runs (ui/process.py): one intra-op thread for its scalar-sized tensors
F = Quadratic(1.0, -2.0, 1.0)
STEPS = 500
REPEATS = 9
LABELS = {k: k for k in ("curve", "trail", "point", "path", "gap", "gap_closed", "no_minimum", "play", "pause", "step")}


def literal(steps: int = STEPS) -> torch.Tensor:
    """The lesson's code, as printed on the page."""
    a, b, c = torch.tensor(1.0), torch.tensor(-2.0), torch.tensor(1.0)
    x = torch.tensor(0.0, requires_grad=True)

    def f(x):
        return a * torch.pow(x, 2) + b * x + c

    optimizer = torch.optim.SGD(params=[x], lr=0.01)
    for _ in range(steps):
        optimizer.zero_grad()
        y = f(x)
        y.backward()
        optimizer.step()
    return x


CASES = {
    "literal loop, 500 steps (reference)": literal,
    "minimize_sgd, 500 steps, every step recorded": lambda: minimize_sgd(F, 0.0, 0.01, STEPS),
    "sweep_lr, 100 rates x 500 steps, one batched run": lambda: sweep_lr(F, 0.0, STEPS),
    "compare_optimizers, 6 optimizers x 500 steps": lambda: compare_optimizers(F, 0.0, 0.01, STEPS),
}


def interleaved() -> dict[str, list[float]]:
    times = {name: [] for name in CASES}
    for fn in CASES.values():
        fn()  # warm up
    for _ in range(REPEATS):
        for name, fn in CASES.items():
            t = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - t) * 1e3)
    return times


def figure_size() -> tuple[int, float]:
    r = minimize_sgd(F, 0.0, 0.001, 5000)
    ms = []
    for _ in range(3):  # the first call also imports and warms up plotly's JSON encoder
        t = time.perf_counter()
        fig = charts.animation(F, r.frame["x"].to_numpy(), r.frame["f"].to_numpy(), LABELS, r.reference)
        text = pio.to_json(fig.to_dict(), validate=False)  # what st.plotly_chart sends
        ms.append((time.perf_counter() - t) * 1e3)
    return len(text.encode()), min(ms)


def page_runs() -> dict[str, list[float]]:
    """The SGD page on a local server, through its websocket protocol: a run with a new x0 (trajectory, six
    optimizers, sweep and figures all computed), then a rerun with nothing changed (every result and figure from the
    cache). Round trip: from the request leaving the client to the run's script_finished arriving. Script: the run
    itself inside the server (bench/hook), without Streamlit's message flushing (it sends every 5 ms)."""
    from tests.protocol import Session
    from tests.server import AppServer

    async def runs(url: str) -> dict[str, list[float]]:
        trips = {"new x0": [], "cached": []}
        async with Session(url) as s:
            await s.open("sgd-minimum", "reveal=1")
            await s.set_slider("sgd_x0", 3.0)  # warm: first-run work of the page done
            for v in (0.5, 1.0, 1.5, -0.5, -1.0, 2.5, -2.5, 0.7, 1.7, -1.7, 2.2, -2.2):
                run = await s.set_slider("sgd_x0", v)
                assert not run.exceptions, run.exceptions
                trips["new x0"].append(run.ms)
                trips["cached"].append((await s.rerun()).ms)
        return trips

    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "runs.txt"
        hook = str(Path(__file__).resolve().parent / "hook")
        env = {"PYTHONPATH": os.pathsep.join(filter(None, (hook, os.environ.get("PYTHONPATH")))),
               "AUTOGRAD_RUN_TIMES": str(log)}  # fmt: skip
        server = AppServer(env=env)
        server.start()
        try:
            trips = asyncio.run(runs(server.url))
        finally:
            server.cleanup()
        script = [float(v) for v in log.read_text().split()] if log.exists() else []
    out = {f"SGD page, {k}, server round trip": v for k, v in trips.items()}
    if len(script) >= 2 + 2 * len(trips["cached"]):  # open, warm-up, then (new x0, cached) pairs
        pairs = script[-2 * len(trips["cached"]) :]
        out["SGD page, new x0, script run"] = pairs[0::2]
        out["SGD page, cached, script run"] = pairs[1::2]
    return out


def main() -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.platform()}")
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, python {platform.python_version()}")
    print(f"calibration loop (pure Python; higher = a slower moment of this machine): {calibration_ms():.0f} ms")
    times = interleaved()
    ref = min(times["literal loop, 500 steps (reference)"])
    traj = min(times["minimize_sgd, 500 steps, every step recorded"])
    print(f"\n{'case':52s} {'min ms':>8s} {'median ms':>10s} {'ratio':>20s}")
    for name, ts in times.items():
        base, label = (traj, "x trajectory") if name.startswith("sweep") else (ref, "x literal")
        print(f"{name:52s} {min(ts):8.1f} {statistics.median(ts):10.1f} {min(ts) / base:13.2f} {label}")
    size, ms = figure_size()
    print(f"{'animated figure, 5000 steps: JSON bytes / build ms':52s} {size:8d} {ms:10.1f}")
    for name, ts in sorted(page_runs().items()):
        print(f"{name:52s} {min(ts):8.1f} {statistics.median(ts):10.1f}")
    print(f"calibration loop at the end: {calibration_ms():.0f} ms")


if __name__ == "__main__":
    main()
