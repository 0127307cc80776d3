"""Process-wide settings for a server that many students share; applied once, when ui.compute is imported.

None of this is per-user state: each setting is about the process (threads, sockets, the garbage collector).
"""

from __future__ import annotations

import asyncio
import asyncio.base_events
import contextlib
import gc
import socket

import torch


def one_torch_thread() -> None:
    """The app's tensors are scalars or tiny tables: one intra-op thread is faster than a pool, and concurrent
    sessions then share the cores instead of oversubscribing them."""
    torch.set_num_threads(1)


def _is_tcp(sock) -> bool:
    return sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM


def _nodelay(sock) -> None:
    if _is_tcp(sock):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def send_without_delay() -> None:
    """Switch Nagle's algorithm off on the server's connections, so each message of a rerun leaves at once.

    Streamlit 1.67 binds its listening socket as socket.socket(family), whose protocol number is 0, and asyncio only
    sets TCP_NODELAY on sockets whose protocol is IPPROTO_TCP. With Nagle on, the second small message of every
    rerun waits for the browser's delayed ACK: about 40 ms added to each slider step (measured: 48 ms -> 18 ms for
    a home-page rerun). Connections opened from now on get asyncio's own helper without that check; connections
    already open (the first visitor's, whose run imported this module) are set directly.
    """
    asyncio.base_events._set_nodelay = _nodelay  # called for every accepted connection's transport
    for obj in gc.get_objects():  # type(), not isinstance(): some library objects warn when asked for __class__
        if issubclass(type(obj), asyncio.Transport) and not obj.is_closing():
            with contextlib.suppress(OSError):  # closed under our feet: nothing to tune
                _nodelay(obj.get_extra_info("socket"))


def freeze_imported_heap() -> None:
    """Move every object alive now (the imported libraries: torch, sympy, plotly, pandas, streamlit) out of the
    garbage collector's sight. Streamlit collects after each script run; a full pass over those ~290k objects took
    ~175 ms here, holding the GIL and so stalling every session. Later collections scan only what sessions create."""
    gc.collect()  # garbage left by the imports goes now, not frozen with the rest
    gc.freeze()


def tune() -> None:
    one_torch_thread()
    send_without_delay()
    freeze_imported_heap()
