"""`clienteling server run` as a subprocess on loopback, on a migrated and seeded database, with
its resident memory read from /proc; and a raw TCP proxy that can make a database unreachable.
Shared by the load tests and bench/load_bench.py."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa

from clienteling.server.db import make_engine, make_sessionmaker
from tests.loopback import serve

PASSWORD = "correct horse battery staple"
USERS = (("seller1", "seller", "PAR01"), ("seller2", "seller", "PAR02"))
SKUS = ("SKU-1001", "SKU-1003")  # both held by PAR01 (demo.world.STOCK)
_SERVING = re.compile(r"Serving the central API on (http://\S+?) ")


def prepare_database(url: str) -> None:
    """The schema from nothing, the small chain, two sellers, and stock that never runs out."""
    from clienteling.server.auth.service import create_user
    from clienteling.server.demo.world import small_world
    from clienteling.server.migrate import reset_schema
    from clienteling.server.stock.models import StockRow

    reset_schema(url)
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            small_world(session, now=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
            for username, role, store in USERS:
                create_user(session, username=username, password=PASSWORD, role=role,
                            store_id=store, display_name=username.title())
            session.execute(sa.update(StockRow).values(on_hand=1_000_000))
    finally:
        engine.dispose()


def rss_kib(pid: int, field_name: str = "VmRSS") -> int:
    """Resident memory of process `pid` (VmRSS now, VmHWM its peak), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    raise LookupError(field_name)


@dataclass
class RunningApi:
    url: str
    database_url: str
    process: subprocess.Popen[bytes]
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, username: str = "seller1") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[username]}"}

    def sign_in(self) -> None:
        for username, _role, _store in USERS:
            answer = requests.post(f"{self.url}/api/v1/auth/login", timeout=10, json={
                "username": username, "password": PASSWORD, "device_name": "load"})
            answer.raise_for_status()
            self.tokens[username] = answer.json()["access_token"]

    def enrol(self, first: str = "Camille", last: str = "Lefèvre") -> str:
        answer = requests.post(f"{self.url}/api/v1/customers", timeout=10, headers=self.auth(),
                               json={"first_name": first, "last_name": last,
                                     "home_store_id": "PAR01"})
        assert answer.status_code == 201, answer.text
        return str(answer.json()["customer_id"])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


@contextlib.contextmanager
def running_api(database_url: str, folder: Path, *options: str, sign_in: bool = True,
                **env: str) -> Iterator[RunningApi]:
    """`clienteling server run` on `database_url` (already migrated), port chosen by the
    system; `options` adds to its command line, `env` adds CLIENTELING_* settings."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "server.log"
    environment = {k: v for k, v in os.environ.items() if k != "CLIENTELING_DATABASE_URL"}
    environment.update(env)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-c", "from clienteling.cli import main; raise SystemExit(main())",
             "server", "run", "--database-url", database_url, "--port", "0",
             "--log-level", "warning", *options],
            stdout=subprocess.DEVNULL, stderr=sink, env=environment)
    api: RunningApi | None = None
    try:
        deadline = time.monotonic() + 60
        while api is None:
            found = _SERVING.search(log.read_text(errors="replace"))
            if found:
                api = RunningApi(url=found.group(1), database_url=database_url,
                                 process=process, log=log)
            elif process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the server did not start: {log.read_text()}")
            else:
                time.sleep(0.05)
        while True:
            # A worker still importing the app holds accepted connections unanswered.
            with contextlib.suppress(requests.ConnectionError, requests.Timeout):
                if requests.get(f"{api.url}/healthz", timeout=2).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the server did not answer: {log.read_text()}")
            time.sleep(0.05)
        if sign_in:  # as the test users of prepare_database
            api.sign_in()
        yield api
    finally:
        if api is not None:
            api.stop()
        elif process.poll() is None:
            process.kill()
            process.wait(10)


class TcpProxy:
    """Bytes both ways between loopback clients and `upstream`; `cut()` makes the upstream
    unreachable (open connections reset, new ones refused) until `restore()`."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = 0
        self._pairs: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self.restore()

    def restore(self) -> None:
        listener = serve(self.port, 512, self._accept, "tcp-proxy")
        self.port = listener.getsockname()[1]
        self._listener = listener

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            pairs, self._pairs = list(self._pairs), set()
        for sock in pairs:
            # shutdown, not only close: close() leaves a socket that a pump thread is blocked
            # on open, and the database's peer would wait for an answer forever.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self.cut()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:  # cut while connecting
                    client.close()
                    server.close()
                    continue
                self._pairs.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True,
                                 name="tcp-proxy-pump").start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            with self._lock:
                self._pairs.difference_update((source, target))
            source.close()  # each socket is the source of one pump: closed once


def pg_database(base_url: str, name: str) -> str:
    """`base_url` with the database `name`, created if needed."""
    target = sa.make_url(base_url).set(database=name)
    admin = make_engine(target.set(database="postgres").render_as_string(hide_password=False))
    try:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if not conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                               {"n": name}):
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        admin.dispose()
    return target.render_as_string(hide_password=False)


def through(url: str, proxy: TcpProxy) -> str:
    return sa.make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(
        hide_password=False)


def order_body(customer_id: str, sku: str) -> dict[str, Any]:
    return {"customer_id": customer_id,
            "fulfillment": {"type": "click_and_collect", "store_id": "PAR01"},
            "lines": [{"sku": sku, "quantity": 1}], "payment": {"mode": "pay_at_pickup"},
            "origin_store_id": "PAR01"}
