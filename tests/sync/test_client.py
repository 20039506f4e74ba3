"""The API client on the wire: TLS verified, problems typed, garbage and timeouts as transport
errors, one token refresh on a 401. A tiny scripted HTTP server stands in for odd servers."""

from __future__ import annotations

import io
import json
import shutil
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from clienteling.api.client import (
    ApiClient,
    ApiError,
    SignInRequired,
    SignInThrottled,
    TransportError,
    loads_in_steps,
)
from clienteling.settings import TokenPair

# status, content type, body (and, when given, more headers)
Answer = tuple[int, str, bytes] | tuple[int, str, bytes, dict[str, str]]
Script = Callable[[str, str, dict[str, str], bytes], Answer]


class _Handler(BaseHTTPRequestHandler):
    script: Script
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, kind, payload, *extra = self.script(self.command, self.path,
                                                    dict(self.headers), body)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in (extra[0] if extra else {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(script: Script, tls: ssl.SSLContext | None = None) -> str:
        handler = type("Handler", (_Handler,), {"script": staticmethod(script)})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        server.handle_error = lambda *_: None  # type: ignore[method-assign]  # a client gave up
        if tls is not None:
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        scheme = "https" if tls else "http"
        return f"{scheme}://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def as_json(status: int, body: Any, kind: str = "application/json") -> Answer:
    return status, kind, json.dumps(body).encode()


def test_tls_is_verified_and_a_private_authority_can_be_named(
        serve: Callable[..., str], tmp_path: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True,
                   timeout=60)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    url = serve(lambda *_: as_json(200, {"status": "ok"}), tls=context)
    with pytest.raises(TransportError) as caught:
        ApiClient(url).health()
    assert caught.value.code == "network.tls_unknown_ca"
    assert ApiClient(url, verify=str(cert)).health() is True


def test_problems_are_typed_and_garbage_is_a_transport_error(
        serve: Callable[..., str]) -> None:
    answers = {
        "/api/v1/short": as_json(409, {"type": "x", "title": "Conflict", "status": 409,
                                       "detail": "Not enough", "code": "stock.short",
                                       "lines": [{"sku": "A", "requested": 2,
                                                  "available": 1}]},
                                 "application/problem+json"),
        "/api/v1/html500": (502, "text/html", b"<html>Bad gateway</html>"),
        "/api/v1/garbage": (200, "application/json", b"\x00\xff{not json"),
        "/api/v1/empty": (204, "application/json", b""),
        "/api/v1/redirect": (302, "text/plain", b""),
        "/api/v1/odd404": (404, "text/plain", b"nothing here"),
    }
    url = serve(lambda method, path, headers, body: answers[path.split("?")[0]])
    client = ApiClient(url, tokens=TokenPair("a", "r"))
    with pytest.raises(ApiError) as short:
        client.request("GET", "/short")
    assert short.value.code == "stock.short" and short.value.status == 409
    assert short.value.params["lines"][0]["sku"] == "A" and not short.value.retryable
    with pytest.raises(ApiError) as gateway:
        client.request("GET", "/html500")
    assert gateway.value.code == "http.502" and gateway.value.retryable
    with pytest.raises(TransportError) as garbage:
        client.request("GET", "/garbage")
    assert garbage.value.code == "network.bad_response"
    assert client.request("GET", "/empty") is None
    with pytest.raises(TransportError):
        client.request("GET", "/redirect")
    with pytest.raises(ApiError) as odd:
        client.request("GET", "/odd404")
    assert odd.value.code == "http.404" and odd.value.status == 404


def test_a_slow_server_is_a_timeout(serve: Callable[..., str]) -> None:
    release = threading.Event()

    def slow(*_: Any) -> Answer:
        release.wait(5)
        return as_json(200, {"status": "ok"})

    url = serve(slow)
    client = ApiClient(url, connect_timeout=1, read_timeout=0.3)
    try:
        with pytest.raises(TransportError) as caught:
            client.request("GET", "/healthz", auth=False)
        assert caught.value.code == "network.timeout"
    finally:
        release.set()


def test_a_401_refreshes_once_and_a_refused_refresh_asks_to_sign_in(
        serve: Callable[..., str]) -> None:
    seen: list[tuple[str, str | None]] = []
    state = {"refresh_ok": True}

    def script(method: str, path: str, headers: dict[str, str], body: bytes) -> Answer:
        seen.append((path, headers.get("Authorization")))
        if path == "/api/v1/auth/refresh":
            if not state["refresh_ok"]:
                return as_json(401, {"status": 401, "title": "x", "code": "auth.invalid_refresh"})
            assert json.loads(body) == {"refresh_token": "r1"}
            return as_json(200, {"access_token": "a2", "refresh_token": "r2", "expires_in": 900,
                                 "user": {"id": 1, "username": "u", "display_name": "U",
                                          "role": "seller", "store_id": "PAR01"}})
        if headers.get("Authorization") == "Bearer a2":
            return as_json(200, {"fine": True})
        return as_json(401, {"status": 401, "title": "x", "code": "auth.invalid_token"})

    url = serve(script)
    kept: list[TokenPair | None] = []
    client = ApiClient(url, tokens=TokenPair("a1", "r1"), on_tokens=kept.append)
    assert client.request("GET", "/thing") == {"fine": True}
    assert kept == [TokenPair("a2", "r2")]
    assert [p for p, _ in seen] == ["/api/v1/thing", "/api/v1/auth/refresh", "/api/v1/thing"]

    state["refresh_ok"] = False
    client = ApiClient(url, tokens=TokenPair("a1", "r1"), on_tokens=kept.append)
    with pytest.raises(SignInRequired):
        client.request("GET", "/thing")
    assert kept[-1] is None and client.tokens is None


def test_feed_pages_decode_in_steps_exactly_like_json_loads() -> None:
    page = {"changes": [{"entity": "customer", "op": "upsert", "key": f"C{i}",
                         "data": {"name": "Lefèvre \"L\"", "lines": [1, [2, {"x": None}]],
                                  "ok": True, "n": 1.5}} for i in range(300)],
            "next_cursor": "12-345", "has_more": False, "empty": [], "nested": {"a": [1]}}
    raw = json.dumps(page, ensure_ascii=False).encode()
    assert loads_in_steps(raw) == json.loads(raw) == page
    assert loads_in_steps(b' {\n "changes" : [ ] } ') == {"changes": []}
    for damaged in (raw[: len(raw) // 2], raw + b"}", b"[1, 2]", b"", b'{"a": [1,]}',
                    b'{"a" 1}', b'{"a": [1 2]}', b'{1: 2}', b"\xff\xfe", b"null"):
        with pytest.raises(TransportError) as caught:
            loads_in_steps(damaged)
        assert caught.value.code == "network.bad_response"


THROTTLED = {"type": "https://clienteling.example/problems/auth.throttled",
             "title": "Too many requests", "status": 429, "code": "auth.throttled",
             "detail": "Too many failed sign-ins for this username: try again in 12 minutes."}


def throttled(retry_after: str | None) -> Script:
    def answer(method: str, path: str, headers: dict[str, str], body: bytes) -> Answer:
        extra = {"Retry-After": retry_after} if retry_after is not None else {}
        return 429, "application/problem+json", json.dumps(THROTTLED).encode(), extra
    return answer


def test_a_throttled_sign_in_says_how_long_to_wait(serve: Callable[..., str]) -> None:
    client = ApiClient(serve(throttled("700")))
    with pytest.raises(SignInThrottled) as caught:
        client.login("seller1", "a password", "tablet")
    error = caught.value
    assert (error.code, error.status, error.retry_after) == ("auth.throttled", 429, 700)
    assert error.params["minutes"] == 12 and not client.tokens
    assert str(error) == "Too many failed sign-ins for this username; try again in 12 minutes."
    with pytest.raises(SignInThrottled) as soon:
        ApiClient(serve(throttled("1"))).login("seller1", "a password", "tablet")
    assert str(soon.value).endswith("try again in 1 minute.")


def test_a_throttled_sign_in_without_retry_after_says_later(serve: Callable[..., str]) -> None:
    with pytest.raises(SignInThrottled) as caught:
        ApiClient(serve(throttled(None))).login("seller1", "a password", "tablet")
    assert caught.value.code == "auth.throttled_later" and caught.value.retry_after is None
    assert str(caught.value).endswith("try again later.")


def test_clienteling_login_prints_the_wait(serve: Callable[..., str], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from clienteling.cli import main

    url = serve(throttled("700"))
    monkeypatch.setattr("sys.stdin", io.StringIO("a password\n"))
    # A file token store: a keyring-less test machine would otherwise refuse before asking.
    code = main(["login", "--server", url, "--username", "seller1",
                 "--data-dir", str(tmp_path), "--token-store", "file"])
    assert code == 1
    assert ("Too many failed sign-ins for this username; try again in 12 minutes."
            in capsys.readouterr().err)
