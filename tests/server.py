"""Start the app on a free local port and wait until /_stcore/health answers (used by e2e and bench)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class AppServer:
    """One `streamlit run app.py` on 127.0.0.1:port; start() waits for health, stop() ends it (restartable)."""

    def __init__(self, port: int | None = None, extra_args: tuple[str, ...] = (), env: dict[str, str] | None = None):
        self.port = port or free_port()
        # more `streamlit run` options, e.g. ("--server.disconnectedSessionTTL", "5")
        self.extra_args = tuple(extra_args)
        self.env = dict(env or {})  # added to this process's environment for the server
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log_path = ROOT / f".streamlit-{self.port}.log"

    @property
    def pid(self) -> int:
        assert self.proc is not None, "not started"
        return self.proc.pid

    def start(self, timeout: float = 90.0) -> str:
        cmd = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            *self.extra_args,
        ]  # fmt: skip
        env = {**os.environ, **self.env}
        with open(self.log_path, "w") as log:  # the child keeps its own handle
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout
        while not _healthy(self.url):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"streamlit did not start on port {self.port}: see {self.log_path}")
            time.sleep(0.2)
        return self.url

    def stop(self, kill: bool = False) -> None:
        """End the server (SIGKILL when `kill`, as a crash would); the log is kept only while running."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill() if kill else self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def cleanup(self) -> None:
        self.stop()
        self.log_path.unlink(missing_ok=True)


@contextlib.contextmanager
def running_app(timeout: float = 90.0, port: int | None = None) -> Iterator[str]:
    """Yield the base URL of a freshly started server (on `port`, or a free one); stop it afterwards."""
    server = AppServer(port)
    try:
        yield server.start(timeout)
    finally:
        server.cleanup()
