"""The central API under load, as `clienteling server run` on loopback: a burst of 300 signed-in
requests answers 2xx or 503 (with Retry-After), never a 500, none after the contract's 10 s,
in bounded memory; PostgreSQL going away for 5 s under load is 503s, then service resumes by
itself with no order lost or doubled; keep-alive answers do not wait on delayed ACKs; a
chunked body over 1 MiB is refused while it streams."""

from __future__ import annotations

import socket
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
import uvicorn

from clienteling.server.app import create_app
from clienteling.server.config import ServerConfig
from clienteling.server.db import make_engine
from clienteling.server.demo.serve import bind
from clienteling.server.orders.models import OrderRow
from tests.server.conftest import PG_URL, _ensure_pg_database
from tests.server.live_api import (
    SKUS,
    RunningApi,
    TcpProxy,
    order_body,
    pg_database,
    prepare_database,
    rss_kib,
    running_api,
    through,
)

pytestmark = pytest.mark.slow

BURST = 300
BOUND = 10.0  # the contract: no answer later than this
MARGIN = 3.0  # the test's own clients share two loaded cores with the server
PEAK_RSS_MIB = 300  # generous: what matters is that 300 requests do not grow it without bound


@dataclass(frozen=True)
class Answer:
    kind: str
    status: int
    seconds: float
    retry_after: str | None
    key: str | None = None
    sku: str | None = None
    order_number: str | None = None


def _database(kind: str, tmp_path: Path, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'central.sqlite3'}"
    reason = _ensure_pg_database(PG_URL)
    if reason:
        pytest.skip(reason)
    return pg_database(PG_URL, f"{sa.make_url(PG_URL).database}_{name}")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApi]:
    """One server per database for the tests of this module that do not break it."""
    folder = tmp_path_factory.mktemp(f"load-{request.param}")
    url = _database(request.param, folder, "live")
    prepare_database(url)
    with running_api(url, folder / "server") as running:
        yield running


def _request(api: RunningApi, index: int, customer_id: str, start: threading.Event) -> Answer:
    """One request of the mix: a third order writes, the rest the reads a seller's device
    makes (a customer, stock, the pickup queue, a feed page)."""
    kind = ("order", "customer", "stock", "order", "queue", "feed")[index % 6]
    key = f"load-{uuid.uuid4()}" if kind == "order" else None
    sku = SKUS[index % 2]
    headers = api.auth("seller1")
    with requests.Session() as http:
        start.wait(30)
        began = time.monotonic()
        if kind == "order":
            answer = http.post(f"{api.url}/api/v1/orders", timeout=60,
                               json=order_body(customer_id, sku),
                               headers={**headers, "Idempotency-Key": str(key)})
        else:
            path = {"customer": f"/customers/{customer_id}", "stock": f"/stock?sku={SKUS[0]}",
                    "queue": "/orders?store_id=PAR01&limit=20",
                    "feed": "/sync/changes?limit=50"}[kind]
            answer = http.get(f"{api.url}/api/v1{path}", timeout=60, headers=headers)
        seconds = time.monotonic() - began
    number = answer.json().get("order_number") if answer.status_code == 201 else None
    return Answer(kind, answer.status_code, seconds, answer.headers.get("Retry-After"), key,
                  sku, number)


def _orders_by_number(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.select(OrderRow.order_number, sa.func.count())
                                .group_by(OrderRow.order_number)).all()
    finally:
        engine.dispose()
    return {number: count for number, count in rows}


def test_a_burst_of_300_requests_answers_2xx_or_503_in_time_in_bounded_memory(
        api: RunningApi) -> None:
    customer_id = api.enrol()
    orders_before = sum(_orders_by_number(api.database_url).values())
    start = threading.Event()
    with ThreadPoolExecutor(max_workers=BURST) as pool:
        futures = [pool.submit(_request, api, i, customer_id, start) for i in range(BURST)]
        time.sleep(0.5)  # every client thread is up and waiting
        start.set()
        answers = [f.result(timeout=120) for f in futures]
    assert api.process.poll() is None, "the server died"
    peak_mib = rss_kib(api.process.pid, "VmHWM") / 1024

    statuses = sorted({a.status for a in answers})
    assert all(200 <= a.status < 300 or a.status == 503 for a in answers), statuses
    assert all(a.retry_after for a in answers if a.status == 503)
    slowest = max(a.seconds for a in answers)
    assert slowest <= BOUND + MARGIN, f"an answer took {slowest:.1f} s"
    # How many get through is the machine's (a busy CI host serves fewer): the contract is an
    # answer in time, 2xx or 503; the server must keep serving reads and orders meanwhile.
    served = {a.kind for a in answers if 200 <= a.status < 300}
    assert "order" in served and served - {"order"}, (served, statuses)
    assert peak_mib < PEAK_RSS_MIB, f"the server peaked at {peak_mib:.0f} MiB"

    # Every order answered 201 exists exactly once; a 503 wrote nothing.
    placed = [a.order_number for a in answers if a.kind == "order" and a.status == 201]
    held = _orders_by_number(api.database_url)
    assert all(held.get(number) == 1 for number in placed)
    assert sum(held.values()) - orders_before == len(placed)


def test_keep_alive_answers_do_not_wait_for_delayed_acks(api: RunningApi) -> None:
    """Nagle's algorithm with the client's delayed ACK stalls each kept-alive answer ~40 ms."""
    _assert_no_keep_alive_stall(api.url)


def _assert_no_keep_alive_stall(url: str) -> None:
    with requests.Session() as http:
        http.get(f"{url}/healthz", timeout=5).raise_for_status()  # connect, warm up
        times = []
        for _ in range(20):
            began = time.perf_counter()
            http.get(f"{url}/healthz", timeout=5).raise_for_status()
            times.append(time.perf_counter() - began)
    median = statistics.median(times)
    assert median < 0.020, f"median {median * 1000:.1f} ms a kept-alive request"


def test_the_demo_servers_socket_sets_tcp_nodelay(tmp_path: Path) -> None:
    """bind() (the demo's and server run's listening socket): the same check on a server in a
    thread, without a database behind /healthz."""
    app = create_app(ServerConfig(database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}"))
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive(), "did not start"
            time.sleep(0.02)
        _assert_no_keep_alive_stall(f"http://127.0.0.1:{sock.getsockname()[1]}")
    finally:
        server.should_exit = True
        thread.join(15)
        app.state.engine.dispose()
        sock.close()


def test_a_chunked_body_over_1_mib_is_refused_while_it_streams(api: RunningApi) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        piece = b" " * 65536
        while sent < 300 * 1024 * 1024:  # 300 MB, were it all read
            sent += len(piece)
            yield piece

    try:
        answer = requests.post(f"{api.url}/api/v1/orders", data=chunks(), timeout=30,
                               headers={**api.auth(), "Idempotency-Key": "big",
                                        "Content-Type": "application/json"})
    except requests.ConnectionError:
        pass  # the server answered and closed while the client was still sending
    else:
        assert answer.status_code == 413
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == "request.too_large"
    assert sent < 64 * 1024 * 1024, "the server read on long after 1 MiB"
    assert api.process.poll() is None


def test_declared_content_length_over_1_mib_is_refused_before_the_body(api: RunningApi) -> None:
    host, port = api.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"POST /api/v1/orders HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 314572800\r\n\r\n")
        head = conn.recv(65536)
    assert head.startswith(b"HTTP/1.1 413"), head[:100]
    assert b"request.too_large" in head or b"application/problem+json" in head


# --- PostgreSQL unreachable under load ------------------------------------------------------


def test_postgresql_gone_for_5_s_under_load_is_503s_then_service_resumes_nothing_lost(
        tmp_path: Path) -> None:
    url = _database("postgresql", tmp_path, "fault")
    prepare_database(url)
    target = sa.make_url(url)
    proxy = TcpProxy((target.host or "127.0.0.1", target.port or 5432))
    try:
        with running_api(through(url, proxy), tmp_path / "server") as api:
            customer_id = api.enrol()
            answers = _under_load_with_outage(api, customer_id, proxy)
            statuses = sorted({a.status for a in answers})
            assert all(a.status in (200, 201, 503) for a in answers), statuses
            assert all(a.retry_after for a in answers if a.status == 503)
            assert max(a.seconds for a in answers) <= BOUND + MARGIN
            assert any(a.status == 503 for a in answers), "the outage was not noticed"
            # It resumed by itself: the last requests of every client succeeded.
            assert all(a.status in (200, 201) for a in answers[-8:]), statuses

            # A device resends a 503'd order with its key: each key ends as exactly one order.
            numbers = {a.key: a.order_number for a in answers if a.order_number}
            for answer in answers:
                if answer.kind == "order" and answer.status == 503:
                    again = requests.post(
                        f"{api.url}/api/v1/orders", timeout=15,
                        json=order_body(customer_id, str(answer.sku)),
                        headers={**api.auth(), "Idempotency-Key": str(answer.key)})
                    assert again.status_code == 201, again.text
                    numbers[answer.key] = again.json()["order_number"]
    finally:
        proxy.close()
    keys = {a.key for a in answers if a.kind == "order"}
    assert set(numbers) == keys
    held = _orders_by_number(url)
    assert sorted(held) == sorted(numbers.values())
    assert set(held.values()) == {1}


def _under_load_with_outage(api: RunningApi, customer_id: str,
                            proxy: TcpProxy) -> list[Answer]:
    """Eight clients sending orders and reads for 9 s; PostgreSQL unreachable from 1.5 s to
    6.5 s. The answers, each client's in order, clients one after the other."""
    began = time.monotonic()
    stop_at = began + 9.0

    def client(index: int) -> list[Answer]:
        done: list[Answer] = []
        step = 0
        while time.monotonic() < stop_at:
            done.append(_request_in_order(api, index, step, customer_id))
            if done[-1].status == 503:  # a device waits as told before it tries again
                time.sleep(float(done[-1].retry_after or 1))
            step += 1
        return done

    with ThreadPoolExecutor(max_workers=9) as pool:
        futures = [pool.submit(client, i) for i in range(8)]
        time.sleep(max(0.0, began + 1.5 - time.monotonic()))
        proxy.cut()
        time.sleep(5.0)
        proxy.restore()
        results = [f.result(timeout=60) for f in futures]
    # Each client's last answer comes last, so answers[-8:] are the eight final ones.
    firsts = [answer for result in results for answer in result[:-1]]
    return firsts + [result[-1] for result in results]


def _request_in_order(api: RunningApi, index: int, step: int, customer_id: str) -> Answer:
    start = threading.Event()
    start.set()
    # Even clients write orders, odd ones read; the same mix as the burst otherwise.
    return _request(api, 0 if index % 2 == 0 else 1 + step % 5, customer_id, start)
