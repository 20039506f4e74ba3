"""The API's limits: integers within the database's range (422, never 500), bodies within
1 MiB (413, counted while streaming), reads that never take SQLite's write lock, writes that
answer 503 when they cannot get it in time, and settings that fit the contract's 10 s."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from clienteling.server.body_limit import MAX_BODY_BYTES, BodyLimit
from clienteling.server.config import ServerConfig
from clienteling.server.customers.models import CustomerRow
from clienteling.server.sessions import Database
from tests.server.conftest import World
from tests.server.test_orders import add_customer, cc_body

TOO_BIG = 2**31  # one past PostgreSQL's INTEGER


@pytest.fixture
def customer(world: World, sessions: sessionmaker[Session]) -> str:
    add_customer(sessions, "C-0001", "PAR01")
    return "C-0001"


# --- integers -----------------------------------------------------------------------------


def test_integers_past_the_database_range_are_422_never_500(
        client: TestClient, world: World, customer: str) -> None:
    admin = world.auth("admin")
    for body in ({"version": 1, "assigned_seller_id": TOO_BIG}, {"version": TOO_BIG},
                 {"version": 1, "assigned_seller_id": -TOO_BIG}):
        answer = client.patch(f"/api/v1/customers/{customer}", json=body, headers=admin)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
    order = cc_body(customer, [("SKU-1001", TOO_BIG)])
    answer = client.post("/api/v1/orders", json=order,
                         headers={**world.auth(), "Idempotency-Key": "too-big"})
    assert answer.status_code == 422
    for path in (f"/customers?q=a&limit={TOO_BIG}", f"/orders?limit={TOO_BIG}",
                 f"/customers/{customer}/timeline?limit={TOO_BIG}",
                 f"/sync/changes?limit={TOO_BIG}", f"/sync/changes?cursor={TOO_BIG}-{TOO_BIG}"):
        answer = client.get(f"/api/v1{path}", headers=world.auth())
        assert answer.status_code in (410, 422), (path, answer.text)


def test_the_largest_integer_the_database_holds_is_accepted(
        client: TestClient, world: World, customer: str) -> None:
    """2**31 - 1 is still a valid id: the bound is the database's, not an arbitrary one (an
    unknown seller is refused by the rules, not by a 500)."""
    answer = client.patch(f"/api/v1/customers/{customer}", headers=world.auth("admin"),
                          json={"version": TOO_BIG - 1})
    assert answer.status_code == 409, answer.text  # a stale version, as any other


# --- bodies -------------------------------------------------------------------------------


def test_a_body_over_1_mib_is_413_and_one_of_1_mib_is_read(client: TestClient,
                                                          world: World) -> None:
    headers = {**world.auth(), "Content-Type": "application/json"}
    fits = b"{}" + b" " * (MAX_BODY_BYTES - 2)
    answer = client.post("/api/v1/customers", content=fits, headers=headers)
    assert answer.status_code == 422  # read and validated: the fields are missing
    answer = client.post("/api/v1/customers", content=fits + b" ", headers=headers)
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "request.too_large"


def test_a_streamed_body_is_cut_off_once_past_1_mib() -> None:
    """A chunked 300 MB upload: the middleware stops reading a chunk after the limit."""
    chunk = b" " * 65536
    reads = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": chunk, "more_body": reads < 300 * 16}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        body = bytearray()
        while True:  # an application that would read everything
            message = await receive()
            body.extend(message.get("body", b""))
            if not message.get("more_body"):
                break

    scope = {"type": "http", "method": "POST", "path": "/", "headers": [
        (b"transfer-encoding", b"chunked")]}
    asyncio.run(BodyLimit(app)(scope, receive, send))
    assert reads == MAX_BODY_BYTES // len(chunk) + 1
    assert sent[0]["status"] == 413


# --- the write lock -------------------------------------------------------------------------


def test_reads_never_wait_for_the_write_lock_and_a_write_that_cannot_get_it_is_503(
        config: ServerConfig, world: World, customer: str) -> None:
    if not config.database_url.startswith("sqlite"):
        pytest.skip("SQLite's write lock")
    from clienteling.server.app import create_app

    app = create_app(ServerConfig(database_url=config.database_url, db_lock_timeout=0.5))
    holder = sqlite3.connect(sa.make_url(config.database_url).database or "", timeout=5,
                             isolation_level=None)
    try:
        with TestClient(app, raise_server_exceptions=False) as http:
            holder.execute("BEGIN IMMEDIATE")  # another process writing, for long
            read = http.get(f"/api/v1/customers/{customer}", headers=world.auth())
            assert read.status_code == 200, read.text
            write = http.post(f"/api/v1/customers/{customer}/notes", json={"text": "hello"},
                              headers=world.auth())
            assert write.status_code == 503, write.text
            assert write.headers["retry-after"]
            assert write.json()["code"] == "database.unavailable"
            holder.execute("ROLLBACK")
            write = http.post(f"/api/v1/customers/{customer}/notes", json={"text": "hello"},
                              headers=world.auth())
            assert write.status_code == 201, write.text
    finally:
        holder.close()
        app.state.engine.dispose()


def test_a_read_session_refuses_to_write_and_leaves_its_connection_writable(
        config: ServerConfig, sessions: sessionmaker[Session], world: World,
        customer: str) -> None:
    # One connection, so the write below reuses the one the read session had.
    database = Database.open(ServerConfig(database_url=config.database_url, db_pool_size=1,
                                          db_max_overflow=0))
    change = sa.update(CustomerRow).values(points=7)
    try:
        with database.read_sessions() as session, pytest.raises(sa.exc.DBAPIError):
            session.execute(change)
        with database.write_sessions() as session, session.begin():
            session.execute(change)
        with database.read_sessions() as session:
            assert session.scalar(sa.select(CustomerRow.points)) == 7
    finally:
        database.engine.dispose()


# --- settings -----------------------------------------------------------------------------


def test_database_waits_are_settings_that_must_fit_10_s(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIENTELING_DB_POOL_SIZE", "4")
    monkeypatch.setenv("CLIENTELING_DB_MAX_OVERFLOW", "2")
    monkeypatch.setenv("CLIENTELING_DB_POOL_TIMEOUT", "2.5")
    monkeypatch.setenv("CLIENTELING_DB_LOCK_TIMEOUT", "1.5")
    config = ServerConfig.from_env("sqlite://")
    assert (config.db_pool_size, config.db_max_overflow, config.db_slots) == (4, 2, 6)
    assert (config.db_pool_timeout, config.db_lock_timeout) == (2.5, 1.5)
    with pytest.raises(ValueError, match="at most 9 s"):
        ServerConfig(database_url="sqlite://", db_pool_timeout=6, db_lock_timeout=3)
    with pytest.raises(ValueError):
        ServerConfig(database_url="sqlite://", db_pool_size=0)


def test_a_request_past_its_deadline_starts_no_statement_and_answers_503(
        app: Any, client: TestClient, world: World, customer: str) -> None:
    """The deadline reaches the worker thread that runs the statements, and is a 503."""
    database: Database = app.state.database
    window = database.statement_window
    database.statement_window = -1.0  # every request arrives already late
    try:
        for answer in (client.get(f"/api/v1/customers/{customer}", headers=world.auth()),
                       client.post(f"/api/v1/customers/{customer}/notes",
                                   json={"text": "late"}, headers=world.auth())):
            assert answer.status_code == 503, answer.text
            assert answer.headers["retry-after"]
            assert answer.json()["code"] == "database.unavailable"
    finally:
        database.statement_window = window
    assert client.get(f"/api/v1/customers/{customer}", headers=world.auth()).status_code == 200
    notes = client.get(f"/api/v1/customers/{customer}/timeline", headers=world.auth()).json()
    assert all(entry["summary"] != "late" for entry in notes)
