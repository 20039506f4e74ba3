"""Listening sockets of the tests' proxies: on the loopback only, on a given (or a free) port."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable


def serve(port: int, backlog: int, accept: Callable[[socket.socket], None],
          name: str) -> socket.socket:
    """Listen on 127.0.0.1:`port` (0: any free port) and run `accept(listener)` in a daemon
    thread; the listener's port is `listener.getsockname()[1]`."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(backlog)
    threading.Thread(target=accept, args=(listener,), daemon=True, name=name).start()
    return listener
