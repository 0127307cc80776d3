"""Process-wide settings (ui/process.py): Nagle off on the server's connections, the imported heap frozen."""

from __future__ import annotations

import asyncio
import gc
import socket

from tests.protocol import run_sync
from ui import process


def _nodelay(sock) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


async def _server_side_sockets(before_tuning: bool) -> list[int]:
    """Serve on a listening socket made as Streamlit 1.67 makes it (protocol number 0); connect; read the option."""
    listener = socket.socket(family=socket.AF_INET)  # what streamlit's starlette_server._bind_socket does
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    accepted: list[asyncio.Transport] = []
    connected = asyncio.Event()

    class Keep(asyncio.Protocol):
        def connection_made(self, transport):
            accepted.append(transport)
            connected.set()

    server = await asyncio.get_running_loop().create_server(Keep, sock=listener)
    try:
        _, writer = await asyncio.open_connection(*listener.getsockname())
        await connected.wait()
        if before_tuning:  # the connection was open before the app's first run tuned the process
            process.send_without_delay()
        values = [_nodelay(t.get_extra_info("socket")) for t in accepted]
        writer.close()
        return values
    finally:
        server.close()


def test_connections_opened_before_the_tuning_get_nodelay(monkeypatch):
    # what asyncio does for a socket whose protocol number is 0 (even if this process was tuned already)
    monkeypatch.setattr(asyncio.base_events, "_set_nodelay", lambda sock: None)
    assert all(run_sync(_server_side_sockets(before_tuning=True)))


def test_connections_opened_after_the_tuning_get_nodelay():
    process.send_without_delay()
    assert all(run_sync(_server_side_sockets(before_tuning=False)))


def test_only_tcp_sockets_are_touched():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        process._nodelay(udp)  # no error: not TCP, left alone
    process._nodelay(None)


def test_the_imported_libraries_are_frozen_once_ui_compute_is_loaded():
    import ui.compute  # noqa: F401  (importing it tunes the process)

    assert gc.get_freeze_count() > 100_000  # torch, sympy, plotly, pandas, streamlit
