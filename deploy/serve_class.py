"""Serve a class from one machine: N Streamlit replicas behind nginx with sticky sessions, Redis for the class store.

    python -m deploy.serve_class --replicas 2 --port 8080          (make serve-class N=2 PORT=8080)

Starts Debian's redis-server and nginx as the current user (never as a system service), with every file they write
(config, pid, logs, temp paths, Redis's append-only file) in one run folder, and the replicas with
AUTOGRAD_CLASS_STORE=redis://127.0.0.1:<port>/0 so that all of them count the class's answers in the same place.
Waits until every replica and nginx answer /_stcore/health, prints the address, and stops everything on Ctrl-C.

Sticky sessions: a tab's websocket must stay on the replica that holds its session. nginx sets a cookie
`autograd_replica` (a random id) on a browser's first request when it has none, and picks the replica by a
consistent hash of that cookie, so every request of that browser, its websocket and a reconnect after a network
blip, reaches the same replica. When that replica is down, the hash moves only its browsers to the next live
replica (and keeps them there). ip_hash would not do: behind a school's NAT, or in the load test, every student has
the same address. docker-compose.yml uses the same nginx settings (deploy/nginx.conf.template).
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def nginx_conf(run: Path, listen: str, upstreams: list[str], workers: int = 1, compose: bool = False) -> str:
    """The nginx configuration: deploy/nginx.conf.template with the run folder, address and replicas filled in.

    compose: for the nginx container of docker-compose.yml (logs to the container's output, the image's own
    `daemon off`, its own user)."""
    local = not compose
    # compose: the nginx image's own unprivileged user, owner of the temp folder (docker-compose.yml's command);
    # here: workers run as whoever runs this (as root, root's workers, which own the run folder)
    me = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    user = "user nginx;" if compose else me
    # a replica that refused a connection is passed over for 3 s, then tried again (a refused connect costs nothing);
    # a longer pause would also keep a restarted replica out of rotation that long
    servers = "\n".join(f"        server {u} max_fails=1 fail_timeout=3s;" for u in upstreams)
    fields = {
        "USER": user, "WORKERS": str(workers), "RUN": str(run), "LISTEN": listen, "SERVERS": servers,
        "DAEMON": "daemon off;" if local else "",
        "ERROR_LOG": f"{run}/logs/nginx-error.log" if local else "/dev/stderr",
        "ACCESS_LOG": f"{run}/logs/nginx-access.log" if local else "/dev/stdout",
    }  # fmt: skip
    text = TEMPLATE.read_text()
    for k, v in fields.items():
        text = text.replace("{{" + k + "}}", v)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


COMPOSE_REPLICAS = ("app1:8501", "app2:8501")  # docker-compose.yml's app services


def compose_nginx_conf() -> str:
    """deploy/nginx.compose.conf, as docker-compose.yml mounts it."""
    return nginx_conf(Path("/tmp/nginx"), "80", list(COMPOSE_REPLICAS), workers=2, compose=True)


@dataclass
class Cluster:
    """redis-server, N replicas and nginx on 127.0.0.1; start() waits for health, stop() ends them all."""

    replicas: int = 2
    port: int = 0  # nginx's; 0: a free one
    redis_port: int = 0
    workers: int = 1  # nginx worker processes
    streamlit_args: tuple[str, ...] = ()  # more `streamlit run` options for every replica
    run_dir: Path | None = None  # every file the servers write; a new temp folder by default (removed on stop)
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    ports: list[int] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def replica_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.ports[i]}"

    def start(self, timeout: float = 180.0) -> str:
        self._own_dir = self.run_dir is None
        self.run_dir = Path(self.run_dir or tempfile.mkdtemp(prefix="autograd-class-"))
        for sub in ("logs", "nginx-temp", "redis"):
            (self.run_dir / sub).mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        self.redis_port = self.redis_port or free_port()
        self.ports = [free_port() for _ in range(self.replicas)]
        try:
            self._start_redis()
            for i in range(self.replicas):
                self.start_replica(i, wait=False)
            deadline = time.monotonic() + timeout
            for i in range(self.replicas):
                self._wait(f"replica{i}", self.replica_url(i), deadline)
            self._start_nginx()
            self._wait("nginx", self.url, deadline)
        except BaseException:
            self.stop()
            raise
        return self.url

    def _log(self, name: str):
        return open(self.run_dir / "logs" / f"{name}.log", "ab")

    def _start_redis(self) -> None:
        conf = self.run_dir / "redis" / "redis.conf"
        conf.write_text(
            f"port {self.redis_port}\nbind 127.0.0.1\nprotected-mode yes\ndir {conf.parent}\nsave ''\n"
            "appendonly yes\nappendfsync everysec\ndaemonize no\nlogfile redis.log\n"
        )  # the append-only file: a Redis restart keeps the counted answers
        self.procs["redis"] = subprocess.Popen([REDIS, str(conf)], cwd=conf.parent, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            if self.procs["redis"].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start: see {conf.parent}/redis.log")
            time.sleep(0.05)

    def start_replica(self, i: int, wait: bool = True, timeout: float = 120.0) -> None:
        """Start replica i (again, after kill_replica) on its port."""
        cmd = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(self.ports[i]),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *self.streamlit_args,
        ]  # fmt: skip
        env = {**os.environ, "AUTOGRAD_CLASS_STORE": self.store_url}
        with self._log(f"replica{i}") as log:
            self.procs[f"replica{i}"] = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        if wait:
            self._wait(f"replica{i}", self.replica_url(i), time.monotonic() + timeout)

    def kill_replica(self, i: int) -> None:
        """SIGKILL replica i, as a crash would (its sessions and their websockets end at once)."""
        proc = self.procs.pop(f"replica{i}")
        proc.kill()
        proc.wait(10)

    def _start_nginx(self) -> None:
        conf = self.run_dir / "nginx.conf"
        upstreams = [f"127.0.0.1:{p}" for p in self.ports]
        conf.write_text(nginx_conf(self.run_dir, f"127.0.0.1:{self.port}", upstreams, self.workers))
        cmd = [NGINX, "-p", str(self.run_dir), "-c", str(conf), "-e", str(self.run_dir / "logs" / "nginx-error.log")]
        check = subprocess.run([*cmd, "-t", "-q"], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx refused its configuration: {check.stderr.strip()}")
        with self._log("nginx") as log:
            self.procs["nginx"] = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)

    def _wait(self, name: str, url: str, deadline: float) -> None:
        while not healthy(url):
            proc = self.procs.get(name)
            if (proc is not None and proc.poll() is not None) or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer {url}/_stcore/health: see {self.run_dir}/logs/{name}.log")
            time.sleep(0.2)

    def stop(self) -> None:
        """nginx first (no new connections), then the replicas, then Redis; the run folder goes if it was ours."""
        for name in sorted(self.procs, key=lambda n: (n != "nginx", n == "redis")):
            proc = self.procs.pop(name)
            if proc.poll() is None:
                proc.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)  # nginx: graceful
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(10)
        if getattr(self, "_own_dir", False) and self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1 (0: a free one)")
    ap.add_argument("--workers", type=int, default=1, help="nginx worker processes")
    ap.add_argument("--run-dir", type=Path, default=None, help="keep config, logs and data here (default: temp)")
    ap.add_argument("--compose-nginx", action="store_true", help="print deploy/nginx.compose.conf and exit")
    a = ap.parse_args()
    if a.compose_nginx:
        print(compose_nginx_conf(), end="")
        return
    cluster = Cluster(replicas=a.replicas, port=a.port, workers=a.workers, run_dir=a.run_dir)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `kill` stops everything as Ctrl-C does
    print(f"starting redis-server, {a.replicas} replicas and nginx ...", flush=True)
    try:
        url = cluster.start()
        ports = ", ".join(map(str, cluster.ports))
        print(f"\nThe class is served at {url}  (replicas on ports {ports}, class store {cluster.store_url}; "
              f"files in {cluster.run_dir})\nCtrl-C stops everything.", flush=True)  # fmt: skip
        while True:
            for name, proc in list(cluster.procs.items()):
                if proc.poll() is not None:
                    print(f"{name} exited with {proc.returncode}: see {cluster.run_dir}/logs", flush=True)
                    cluster.procs.pop(name)
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        print("stopping ...", flush=True)
        cluster.stop()


if __name__ == "__main__":
    main()
