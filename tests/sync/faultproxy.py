"""A small TCP proxy between a device and the server that breaks chosen requests: refuse the
connection, drop it, delay, cut the answer in the middle, answer garbage (before or after the
server handled the request), or hold the answer (the server committed, the device never hears).

It understands just enough HTTP/1.1 (Content-Length and chunked bodies) to act per request on
a kept-alive connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field

from tests.loopback import serve

PASS = "pass"
DROP = "drop"  # close before forwarding: the server never sees the request
DELAY = "delay"  # wait `seconds`, then forward
CUT = "cut"  # forward, then send half the answer and close
GARBAGE = "garbage"  # answer junk without forwarding
GARBAGE_AFTER = "garbage_after"  # forward (the server acts), then answer junk
NOT_HTTP = "not_http"  # forward, then answer bytes that are not HTTP at all
TRUNCATED_JSON = "truncated_json"  # forward, then a well-framed 200 whose JSON is cut
HOLD = "hold"  # forward, keep the answer, signal `held`, wait for `release`
STALL = "stall"  # keep the request without forwarding it, signal `held`, wait for `release`
SIGNAL = "signal"  # forward, deliver the answer, then signal `held`
WRONG_SHAPE = "wrong_shape"  # forward, then a valid 200 JSON feed page whose data is damaged
DAMAGED_PAGE = (b'{"changes":[{"entity":"customer","op":"upsert","key":"X",'
                b'"data":{"customer_id":"X","first_name":"no loyalty"}}],'
                b'"next_cursor":"0-999","has_more":false}')


@dataclass
class Rule:
    action: str
    method: str | None = None
    path: str | None = None
    times: int = 1
    seconds: float = 0.0
    hits: int = 0


def _read_until(sock: socket.socket, buffer: bytearray, marker: bytes) -> int:
    while True:
        index = buffer.find(marker)
        if index >= 0:
            return index
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buffer.extend(chunk)


def _read_exact(sock: socket.socket, buffer: bytearray, size: int) -> bytes:
    while len(buffer) < size:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buffer.extend(chunk)
    data = bytes(buffer[:size])
    del buffer[:size]
    return data


def read_message(sock: socket.socket, buffer: bytearray) -> tuple[bytes, bytes]:
    """One HTTP message (head, body) from `sock`, keeping any extra bytes in `buffer`."""
    end = _read_until(sock, buffer, b"\r\n\r\n")
    head = bytes(buffer[:end + 4])
    del buffer[:end + 4]
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        if b":" in line:
            name, value = line.split(b":", 1)
            headers[name.strip().lower()] = value.strip()
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = bytearray()
        while True:
            end = _read_until(sock, buffer, b"\r\n")
            size_line = bytes(buffer[:end])
            del buffer[:end + 2]
            size = int(size_line.split(b";")[0], 16)
            chunk = _read_exact(sock, buffer, size + 2)
            body.extend(size_line + b"\r\n" + chunk)
            if size == 0:
                break
        return head, bytes(body)
    length = int(headers.get(b"content-length", b"0"))
    return head, _read_exact(sock, buffer, length)


@dataclass
class FaultProxy:
    upstream: tuple[str, int]
    rules: list[Rule] = field(default_factory=list)
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    requests_seen: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self.port = 0
        self.listen()

    # --- control ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, action: str, method: str | None = None, path: str | None = None,
            times: int = 1, seconds: float = 0.0) -> Rule:
        rule = Rule(action, method, path, times, seconds)
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def refuse(self) -> None:
        """Stop listening: connecting is refused (the server is "down")."""
        listener, self._listener = self._listener, None
        if listener is not None:
            # shutdown wakes the thread blocked in accept(); close alone leaves it listening.
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        self.cut_all()

    def cut_all(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                conn.close()

    def listen(self) -> None:
        """(Re)open the listening socket on the same port."""
        listener = serve(self.port, 64, self._accept, "fault-proxy")
        self.port = listener.getsockname()[1]
        self._listener = listener

    def close(self) -> None:
        self._stopping.set()
        self.release.set()
        self.refuse()

    # --- work ---------------------------------------------------------------------------

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                self._connections.add(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _rule_for(self, method: str, path: str) -> Rule | None:
        with self._lock:
            self.requests_seen.append((method, path))
            for rule in self.rules:
                if rule.times <= 0:
                    continue
                if rule.method and rule.method != method:
                    continue
                if rule.path and not path.startswith(rule.path):
                    continue
                rule.times -= 1
                rule.hits += 1
                return rule
        return None

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        inbound = bytearray()
        outbound = bytearray()
        try:
            while True:
                head, body = read_message(client, inbound)
                request_line = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
                method, path = request_line[0], request_line[1].split("?")[0]
                rule = self._rule_for(method, path)
                action = rule.action if rule else PASS
                if action == DROP:
                    return
                if action == GARBAGE:
                    client.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                   b"Content-Length: 13\r\n\r\n\x00\xffgarbage{[}")
                    continue
                if action == STALL:
                    self.held.set()
                    self.release.wait(60.0)
                    return
                if action == DELAY and rule is not None:
                    # Bounded: the proxy never outlives a test for long.
                    self.release.wait(min(rule.seconds, 30.0))
                if upstream is None:
                    upstream = socket.create_connection(self.upstream, timeout=60)
                upstream.sendall(head + body)
                answer_head, answer_body = read_message(upstream, outbound)
                answer = answer_head + answer_body
                if action == CUT:
                    client.sendall(answer[: max(len(answer_head) + len(answer_body) // 2,
                                                len(answer) // 2)])
                    return
                if action == GARBAGE_AFTER:
                    client.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n<html>oops")
                    return
                if action == NOT_HTTP:
                    client.sendall(b"\x16\x03\x01 definitely not http\r\n\r\n")
                    return
                if action == TRUNCATED_JSON:
                    cut = answer_body[: max(len(answer_body) // 2, 1)]
                    client.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                   b"Content-Length: " + str(len(cut)).encode() +
                                   b"\r\n\r\n" + cut)
                    continue
                if action == WRONG_SHAPE:
                    client.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                   b"Content-Length: " + str(len(DAMAGED_PAGE)).encode() +
                                   b"\r\n\r\n" + DAMAGED_PAGE)
                    continue
                if action == HOLD:
                    self.held.set()
                    self.release.wait(60.0)
                    return
                client.sendall(answer)
                if action == SIGNAL:
                    self.held.set()
        except (OSError, ConnectionError, ValueError):
            return
        finally:
            with self._lock:
                self._connections.discard(client)
            for sock in (client, upstream):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()


def proxied(upstream_url: str) -> FaultProxy:
    host, port = upstream_url.removeprefix("http://").split(":")
    return FaultProxy((host, int(port)))
