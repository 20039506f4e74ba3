"""The project's own server on loopback (uvicorn in a thread), with injectable 500s, and the
checks the sync tests end with: no order lost, none duplicated, the replica equal to the
server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
import uvicorn
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from clienteling.api.client import ApiClient
from clienteling.replica.database import Replica
from clienteling.replica.schema import SERVER_TABLES
from clienteling.server.config import ServerConfig
from clienteling.server.db import make_engine, make_sessionmaker
from clienteling.settings import Paths, Settings
from clienteling.sync.pull import pull
from tests.replica.keys import device_keys, memory_keys

PASSWORD = "correct horse battery staple"
USERS = (  # username, role, store
    ("seller1", "seller", "PAR01"),
    ("seller1b", "seller", "PAR01"),
    ("seller2", "seller", "PAR02"),
    ("admin1", "admin", None),
)


def wait_for(predicate: Callable[[], Any], timeout: float = 20.0, interval: float = 0.02,
             message: str = "condition") -> Any:
    """Poll `predicate` until truthy; fail after `timeout` seconds (every wait is bounded)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


class ServerFaults:
    """ASGI middleware: the server itself answers 500, before handling the request or after
    the handler committed (the worst case: the effect exists, the answer says failure)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._rules: list[list[Any]] = []  # [method, path prefix, mode, remaining]
        self._lock = threading.Lock()
        self.hits: list[tuple[str, str, str]] = []

    def fail(self, method: str, path: str, mode: str = "before", times: int = 1) -> None:
        with self._lock:
            self._rules.append([method, path, mode, times])

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def _take(self, method: str, path: str) -> str | None:
        with self._lock:
            for rule in self._rules:
                if rule[0] == method and path.startswith(rule[1]) and rule[3] > 0:
                    rule[3] -= 1
                    self.hits.append((method, path, rule[2]))
                    return str(rule[2])
        return None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        mode = self._take(scope["method"], scope["path"]) if scope["type"] == "http" else None
        if mode is None:
            await self.app(scope, receive, send)
            return
        if mode == "after":
            async def swallow(_message: Any) -> None:
                return None

            await self.app(scope, receive, swallow)
        body = json.dumps({"type": "about:blank", "title": "Server error", "status": 500,
                           "detail": "injected", "code": "internal"}).encode()
        await send({"type": "http.response.start", "status": 500,
                    "headers": [(b"content-type", b"application/problem+json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


@dataclass
class LiveServer:
    database_url: str
    faults: ServerFaults
    url: str
    sessions: sessionmaker[Session]
    _server: uvicorn.Server
    _thread: threading.Thread
    customers: list[str] = field(default_factory=list)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(15)
        self.faults.app.state.engine.dispose()
        self.sessions.kw["bind"].dispose()

    def settle(self, timeout: float = 30.0) -> None:
        """On PostgreSQL, wait until every recorded change is below the feed's horizon (the
        feed rightly holds back while any older transaction of the cluster still runs, a
        teammate's included), so a pull now sees everything committed so far."""
        from sqlalchemy import text

        from clienteling.server.feed.models import ChangeRow

        def below_horizon() -> bool:
            with self.sessions() as session:
                if session.get_bind().dialect.name != "postgresql":
                    return True
                top = session.scalar(select(func.max(ChangeRow.txid))) or 0
                horizon = session.scalar(
                    text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
                return bool(top < horizon)

        wait_for(below_horizon, timeout=timeout, interval=0.05, message="the feed horizon")

    def token(self, username: str) -> str:
        answer = requests.post(f"{self.url}/api/v1/auth/login", timeout=10, json={
            "username": username, "password": PASSWORD, "device_name": "test"})
        answer.raise_for_status()
        return str(answer.json()["access_token"])

    def enrol(self, token: str, first: str, last: str, home: str = "PAR01",
              **extra: Any) -> dict[str, Any]:
        answer = requests.post(f"{self.url}/api/v1/customers", timeout=10,
                               headers={"Authorization": f"Bearer {token}"},
                               json={"first_name": first, "last_name": last,
                                     "home_store_id": home, **extra})
        assert answer.status_code == 201, answer.text
        data: dict[str, Any] = answer.json()
        self.customers.append(data["customer_id"])
        return data

    def orders(self, customer_id: str) -> list[tuple[str, str | None, str]]:
        """(order number, pickup code, status) of a customer's orders on the server."""
        from clienteling.server.orders.models import OrderRow

        with self.sessions() as session:
            rows = session.execute(
                select(OrderRow.order_number, OrderRow.pickup_code, OrderRow.status)
                .where(OrderRow.customer_id == customer_id).order_by(OrderRow.order_number))
            return [tuple(r) for r in rows]  # type: ignore[misc]

    def order_count(self, customer_id: str | None = None) -> int:
        from clienteling.server.orders.models import OrderRow

        with self.sessions() as session:
            query = select(func.count()).select_from(OrderRow)
            if customer_id is not None:
                query = query.where(OrderRow.customer_id == customer_id)
            return int(session.scalar(query) or 0)


def start_server(tmp_path: Path, database_url: str | None = None,
                 seed: bool = True) -> LiveServer:
    from clienteling.server.app import create_app
    from clienteling.server.migrate import reset_schema

    tmp_path.mkdir(parents=True, exist_ok=True)
    url = database_url or f"sqlite:///{tmp_path / 'central.sqlite3'}"
    reset_schema(url)
    sessions = make_sessionmaker(make_engine(url))
    if seed:
        _seed(sessions)
    # The snapshots of this server's stores (first syncs) in the test's own folder.
    app = create_app(ServerConfig(database_url=url, snapshot_dir=str(tmp_path / "snapshots")))
    faults = ServerFaults(app)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(faults, log_level="warning", access_log=False,
                                           lifespan="off", timeout_keep_alive=30))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True,
                              name="live-server")
    thread.start()
    live = LiveServer(database_url=url, faults=faults, url=f"http://127.0.0.1:{port}",
                      sessions=sessions, _server=server, _thread=thread)
    wait_for(lambda: server.started, message="the server to start")
    return live


def _seed(sessions: sessionmaker[Session]) -> None:
    from clienteling.server.auth.service import create_user
    from clienteling.server.demo.world import small_world

    with sessions() as session, session.begin():
        small_world(session, now=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
        for username, role, store in USERS:
            create_user(session, username=username, password=PASSWORD, role=role,
                        store_id=store, display_name=username.title())


def write_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings for a test device: small backoffs and timeouts, small pages."""
    values: dict[str, Any] = {
        "pull_interval_seconds": 0.5, "health_interval_seconds": 0.3,
        "backoff_base_seconds": 0.05, "backoff_cap_seconds": 0.5,
        "connect_timeout_seconds": 2.0, "read_timeout_seconds": 3.0, "page_size": 7,
        "device_name": "test-device",
    }
    values.update(overrides)
    settings = Settings(**values)
    settings.save(Paths.for_user(data_dir))
    return settings


def dump(replica: Replica) -> dict[str, list[tuple[Any, ...]]]:
    """Every server-state table of the device's scope, sorted, without the device-only
    columns (customers looked up online outside the scope are a cache, not the feed's)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    cached = "SELECT customer_id FROM customers WHERE in_scope = 0"
    with replica.read() as conn:
        for table in SERVER_TABLES:
            columns = [c.name for c in table.columns if c.name != "in_scope"]
            where = ""
            if table.name == "customers":
                where = " WHERE in_scope = 1"
            elif "customer_id" in table.columns:
                where = f" WHERE customer_id NOT IN ({cached})"
            rows = conn.exec_driver_sql(
                f"SELECT {', '.join(columns)} FROM {table.name}{where}").all()
            tables[table.name] = sorted(tuple(r) for r in rows)
    return tables


def fresh_download(server_url: str, username: str, folder: Path) -> dict[str, Any]:
    """What a device that never failed holds: a clean download of the user's feed, page by
    page (not from a snapshot: what a snapshot gives must equal this)."""
    client = ApiClient(server_url)
    client.login(username, PASSWORD, "checker")
    replica = Replica.open(folder / f"fresh-{time.monotonic_ns()}.sqlite3", memory_keys())
    try:
        pull(replica, client, page_size=500, use_snapshot=False)
        return dump(replica)
    finally:
        replica.close()
        client.close()


def assert_replica_matches_server(replica_path: Path, server: LiveServer, username: str,
                                  folder: Path) -> None:
    device = Replica.open(replica_path, device_keys(replica_path))
    try:
        held = dump(device)
    finally:
        device.close()
    expected = fresh_download(server.url, username, folder)
    for name, rows in expected.items():
        assert held[name] == rows, f"{name} differs from the server"
