"""Process-wide settings (ui/process.py): applied once by the app's first run, not by importing a module."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading

import torch

from tests.app.conftest import open_page
from tests.server import ROOT


def test_importing_the_ui_changes_nothing_process_wide():
    code = "import gc, torch; n = torch.get_num_threads(); import ui.compute, ui.frame; "
    code += "print(gc.get_freeze_count(), torch.get_num_threads() == n)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    frozen, threads_kept = out.stdout.split()
    assert frozen == "0" and threads_kept == "True", out.stderr


def test_the_first_run_freezes_the_imported_heap_and_uses_one_torch_thread():
    at = open_page()
    assert not at.exception
    assert gc.get_freeze_count() > 100_000  # torch, sympy, plotly, pandas, streamlit
    seen = []  # read in a new thread, as a session's next script run would: the setting is the process's default
    reader = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
    reader.start()
    reader.join()
    assert seen == [1]
