"""Benchmarks only: on a server started with PYTHONPATH=bench/hook and AUTOGRAD_RUN_TIMES=<file>, append the wall
time of each script run (app.py with its page, inside Streamlit's script thread) to that file, one ms figure a line.

It wraps Streamlit's private `exec_func_with_error_handling` as the script runner imported it; if a Streamlit
release renames it, the hook does nothing and the benchmark prints "n/a" for script times.
"""

import os
import time

_PATH = os.environ.get("AUTOGRAD_RUN_TIMES")

if _PATH:
    try:
        import streamlit.runtime.scriptrunner.script_runner as _runner

        _exec = _runner.exec_func_with_error_handling

        def _timed(func, ctx):
            start = time.perf_counter()
            try:
                return _exec(func, ctx)
            finally:
                with open(_PATH, "a") as out:
                    out.write(f"{(time.perf_counter() - start) * 1e3:.2f}\n")

        _runner.exec_func_with_error_handling = _timed
    except (ImportError, AttributeError):
        pass
