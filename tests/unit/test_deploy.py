"""The class deployment's files, checked without running them: nginx's configurations (nginx -t where nginx is
installed), the compose file (parsed where PyYAML is installed; no container engine runs here), the make target."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy.serve_class import COMPOSE_REPLICAS, NGINX, compose_nginx_conf, nginx_conf
from tests.protocol import answering_upstream

ROOT = Path(__file__).resolve().parents[2]


def test_the_compose_nginx_file_is_the_template_filled_in():
    assert (ROOT / "deploy" / "nginx.compose.conf").read_text() == compose_nginx_conf(), (
        "run: python -m deploy.serve_class --compose-nginx > deploy/nginx.compose.conf"
    )


def test_sessions_stick_by_cookie_not_by_address():
    conf = nginx_conf(Path("/tmp/run"), "127.0.0.1:8080", ["127.0.0.1:1", "127.0.0.1:2"])
    assert "hash $sticky_key consistent;" in conf and "ip_hash" not in conf.split("upstream", 1)[1]
    assert "$cookie_autograd_replica" in conf and "Set-Cookie $sticky_set" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf  # the websocket goes through
    assert re.search(r"proxy_read_timeout 1h;", conf)
    for path in re.findall(r"(?:pid|_temp_path|error_log|access_log) (\S+?);?$", conf, re.M):
        assert path.startswith("/tmp/run/"), path  # every file nginx writes is in the run folder
    assert "{{" not in conf and "{{" not in compose_nginx_conf()


@pytest.mark.parametrize(
    ("header", "answered"),
    [
        ("127.0.0.1:2", "127.0.0.1:2"),
        ("127.0.0.1:1, 127.0.0.1:2", "127.0.0.1:2"),  # the first replica refused (down); nginx passed on
        ("127.0.0.1:1 : 127.0.0.1:2", "127.0.0.1:2"),  # an internal redirect
        ("", ""),  # no proxy in front
    ],
)
def test_the_replica_that_answered_is_the_last_upstream_nginx_tried(header, answered):
    assert answering_upstream(header) == answered


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)")
@pytest.mark.parametrize("which", ["local", "compose"])
def test_nginx_accepts_the_configuration(tmp_path, which):
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx-temp").mkdir()  # docker-compose.yml's nginx command makes it in the container
    if which == "local":
        text = nginx_conf(tmp_path, "127.0.0.1:8080", ["127.0.0.1:8501", "127.0.0.1:8502"])
    else:  # the containers' names do not resolve here: the same file with local addresses
        text = compose_nginx_conf()
        for i, name in enumerate(COMPOSE_REPLICAS):
            text = text.replace(f"server {name}", f"server 127.0.0.1:{8501 + i}")
        text = text.replace("/dev/stderr", str(tmp_path / "error.log")).replace("/tmp/nginx", str(tmp_path))
        text = text.replace("user nginx;", "")  # the image's user; not on this machine
    conf = tmp_path / "nginx.conf"
    conf.write_text(text)
    done = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "e.log")],
                          capture_output=True, text=True, timeout=30)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_compose_file_runs_the_replicas_nginx_and_redis():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    apps = [name for name in services if name.startswith("app")]
    assert sorted(f"{name}:8501" for name in apps) == sorted(COMPOSE_REPLICAS)
    for name in apps:
        assert services[name]["build"] == "." and (ROOT / "Dockerfile").exists()
        assert services[name]["environment"]["AUTOGRAD_CLASS_STORE"] == "redis://redis:6379/0"
    assert "./deploy/nginx.compose.conf:/etc/nginx/nginx.conf:ro" in services["nginx"]["volumes"]
    assert set(services["nginx"]["depends_on"]) == set(apps)
    assert "--appendonly" in services["redis"]["command"]


def test_the_compose_file_names_what_it_needs():
    text = (ROOT / "docker-compose.yml").read_text()
    for name, _ in (n.split(":") for n in COMPOSE_REPLICAS):
        assert re.search(rf"^  {name}:$", text, re.M), name
    assert "AUTOGRAD_CLASS_STORE: redis://redis:6379/0" in text
    assert "./deploy/nginx.compose.conf:/etc/nginx/nginx.conf:ro" in text


def test_make_serve_class_starts_the_launcher():
    make = (ROOT / "Makefile").read_text()
    assert re.search(r"^serve-class:.*\n\t.*-m deploy\.serve_class --replicas \$\(N\)", make, re.M)
    assert shutil.which("make") is None or "bench-class:" in make
