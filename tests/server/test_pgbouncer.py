"""The API behind PgBouncer in transaction mode, as a chain deploys it: several API processes
share a few server connections, and each transaction may run on any of them. With
`CLIENTELING_DB_POOLER=transaction` nothing depends on the session: sign-ins, enrolments,
orders (row locks with lock_timeout) and reads, many more times each than psycopg's
prepare threshold, all succeed and no order is lost or doubled."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from tests.server.conftest import PG_URL, _ensure_pg_database
from tests.server.live_api import SKUS, order_body, pg_database, prepare_database, running_api

pytestmark = pytest.mark.slow

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
SERVER_CONNECTIONS = 3  # fewer than the API's two workers hold in their pools


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def pgbouncer(upstream: sa.URL) -> Iterator[int]:
    """PgBouncer on a free loopback port in transaction mode, in front of `upstream`'s server."""
    folder = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    folder.chmod(0o755)  # run as root, PgBouncer drops to an unprivileged user who reads it
    port = _free_port()
    users = folder / "users.txt"
    users.write_text(f'"{upstream.username}" ""\n')
    config = folder / "pgbouncer.ini"
    config.write_text(
        "[databases]\n"
        f"* = host={upstream.host or '127.0.0.1'} port={upstream.port or 5432}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {users}\n"
        f"pool_mode = transaction\ndefault_pool_size = {SERVER_CONNECTIONS}\n"
        "max_client_conn = 200\n")
    for path in (users, config):
        path.chmod(0o644)
    command = [PGBOUNCER, str(config)]
    if os.geteuid() == 0:
        command[1:1] = ["-u", "nobody"]
    log = folder / "pgbouncer.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"PgBouncer did not start: {log.read_text()}")
            time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def bounced_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(PGBOUNCER).exists():
        pytest.fail("pgbouncer is not installed (Debian package pgbouncer; .ci/run installs it)")
    reason = _ensure_pg_database(PG_URL)
    if reason:
        pytest.skip(reason)
    direct = pg_database(PG_URL, f"{sa.make_url(PG_URL).database}_bounced")
    prepare_database(direct)  # migrations and seeding go straight to PostgreSQL
    with pgbouncer(sa.make_url(direct)) as port:
        yield sa.make_url(direct).set(host="127.0.0.1", port=port).render_as_string(
            hide_password=False)


def test_the_api_works_through_a_transaction_pooler(bounced_url: str,
                                                    tmp_path: Path) -> None:
    with running_api(bounced_url, tmp_path / "server", "--workers", "2",
                     CLIENTELING_DB_POOLER="transaction", CLIENTELING_DB_POOL_SIZE="4") as api:
        customers = [api.enrol("Léa", f"Pooled{n}") for n in range(4)]

        def order(n: int) -> tuple[int, str, str]:
            key = str(uuid.uuid4())
            with requests.Session() as client:  # kept alive, like the app's client
                headers = {**api.auth(), "Idempotency-Key": key}
                body = order_body(customers[n % 4], SKUS[n % 2])
                first = client.post(f"{api.url}/api/v1/orders", json=body, headers=headers,
                                    timeout=30)
                again = client.post(f"{api.url}/api/v1/orders", json=body, headers=headers,
                                    timeout=30)
                read = client.get(f"{api.url}/api/v1/customers/{customers[n % 4]}",
                                  headers=headers, timeout=30)
            assert read.status_code == 200, read.text
            assert again.json()["order_number"] == first.json()["order_number"]
            return first.status_code, first.json()["order_number"], key

        with ThreadPoolExecutor(6) as pool:
            placed = list(pool.map(order, range(24)))
    assert {status for status, _, _ in placed} == {201}, placed
    numbers = [number for _, number, _ in placed]
    assert len(set(numbers)) == len(numbers)
    engine = sa.create_engine(PG_URL.rsplit("/", 1)[0] + "/" + sa.make_url(bounced_url).database)
    try:
        with engine.connect() as conn:
            stored = conn.scalar(sa.text("SELECT count(*) FROM orders"))
    finally:
        engine.dispose()
    assert stored == len(numbers)
