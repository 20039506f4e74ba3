"""The device's sync client where a bug would not show in a happy path: the outbox's order and
backoff after a failure, a re-download after the server forgot our cursor, two pullers on one
replica, what a sent removal settles, and tokens that really expire on the server's clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from clienteling.api.client import ApiClient
from clienteling.device import Device
from clienteling.replica.database import Replica
from clienteling.server.config import ServerConfig
from clienteling.sync.pull import pull
from clienteling.sync.push import Backoff, push
from tests.replica.keys import memory_keys
from tests.sync import faultproxy as fp
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import PASSWORD, LiveServer, assert_replica_matches_server

MakeDevice = Callable[..., Device]


def replica_path(facade: Device) -> Path:
    s = facade.session.settings
    assert s.server_url and s.username
    return facade.session.paths.replica_file(s.server_url, s.username)


def session_of(facade: Device) -> Any:
    session = facade._context.session
    assert session is not None
    return session


def note_order(server: LiveServer) -> list[str]:
    """This test's notes, in the order the server recorded them."""
    from sqlalchemy import select

    from clienteling.server.customers.models import InteractionRow

    with server.sessions() as db:
        rows = db.scalars(select(InteractionRow).where(
            InteractionRow.summary.in_(["premier", "second"]))
            .order_by(InteractionRow.occurred_at)).all()
        return [row.summary for row in rows]


@pytest.fixture
def two(server: LiveServer) -> tuple[str, str]:
    token = server.token("admin1")
    first = server.enrol(token, "Hélène", "Lefèvre")["customer_id"]
    second = server.enrol(token, "Jean", "Dupont")["customer_id"]
    return first, second


class FixedBackoff(Backoff):
    """A backoff without jitter: the test knows when the head may go again."""

    def delay(self, attempt: int) -> float:
        return 10.0


class Clock:
    def __init__(self, at: float) -> None:
        self.at = at

    def __call__(self) -> float:
        return self.at


# --- the outbox is FIFO, and a failed head waits for its time ---------------------------------


@pytest.mark.parametrize("fault", ["500", "network"])
def test_a_failing_head_holds_back_the_entries_behind_it(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, two: tuple[str, str],
        fault: str) -> None:
    first, second = two
    facade = device()
    facade.sync.sync_now()
    head = facade.customers.add_note(first, "premier")
    behind = facade.customers.add_note(second,
                                       "second")  # independent of the head: only FIFO holds it
    if fault == "500":
        server.faults.fail("POST", f"/api/v1/customers/{first}/notes", "before")
    else:
        proxy.add(fp.DROP, "POST", f"/api/v1/customers/{first}/notes")
    status = facade.sync.sync_now()
    assert status.waiting == 2, facade.sync.outbox_entries()
    entries = {e.id: e for e in facade.sync.outbox_entries()}
    assert entries[head.id].attempts == 1 and entries[behind.id].attempts == 0
    assert note_order(server) == []
    assert facade.sync.sync_now().waiting == 0
    assert note_order(server) == ["premier", "second"]


def test_the_head_is_not_retried_before_its_backoff_time(
        server: LiveServer, device: MakeDevice, two: tuple[str, str]) -> None:
    first, second = two
    facade = device()
    facade.sync.sync_now()
    session = session_of(facade)
    facade.customers.add_note(first, "premier")
    facade.customers.add_note(second, "second")
    path = f"/api/v1/customers/{first}/notes"
    server.faults.fail("POST", path, "before")
    clock = Clock(1_000_000.0)

    def round_at(at: float) -> int:
        clock.at = at
        return push(session.replica, session.client, backoff=FixedBackoff(), clock=clock).sent

    assert round_at(1_000_000.0) == 0
    assert len(server.faults.hits) == 1
    entry = facade.sync.outbox_entries()[0]
    assert entry.next_attempt_at is not None
    assert entry.next_attempt_at.timestamp() == pytest.approx(1_000_010.0)
    # Before its time, nothing goes: not the head, and not what waits behind it.
    assert round_at(1_000_009.9) == 0
    assert len(server.faults.hits) == 1 and facade.sync.outbox_entries()[0].attempts == 1
    assert note_order(server) == []
    # Its time came: both go, in order.
    assert round_at(1_000_010.1) == 2
    assert note_order(server) == ["premier", "second"]


# --- pulls --------------------------------------------------------------------------------------


def test_a_redownload_after_a_410_starts_from_an_empty_replica(
        server: LiveServer, device: MakeDevice, two: tuple[str, str], tmp_path: Path) -> None:
    _, second = two
    facade = device()
    facade.sync.sync_now()
    assert {c.customer_id for c in facade.customers.search_customers("dupont")} == {second}
    # While the device is away, the server moves Jean out of its scope, then forgets the
    # device's cursor: the clean download no longer has Jean, so only clearing drops him.
    token = server.token("admin1")
    auth = {"Authorization": f"Bearer {token}"}
    version = requests.get(f"{server.url}/api/v1/customers/{second}", headers=auth,
                           timeout=10).json()["version"]
    moved = requests.patch(f"{server.url}/api/v1/customers/{second}", headers=auth, timeout=10,
                           json={"version": version, "home_store_id": "LYS01"})
    assert moved.status_code == 200, moved.text
    session = session_of(facade)
    with session.replica.write() as conn:
        session.replica.set_meta(conn, "cursor", "0-999999999")
    status = facade.sync.sync_now()
    assert status.state == "online" and not status.partial
    assert facade.customers.search_customers("dupont") == []
    assert facade.customers.search_customers("lefevre")
    assert_replica_matches_server(replica_path(facade), server, "seller1", tmp_path)


class _PausingClient(ApiClient):
    """Hands out its first page only after `meanwhile` ran: another puller got there first."""

    def __init__(self, url: str, meanwhile: Callable[[], None]) -> None:
        super().__init__(url)
        self._meanwhile: Callable[[], None] | None = meanwhile

    def changes(self, cursor: str | None, limit: int) -> dict[str, Any]:
        page = super().changes(cursor, limit)
        meanwhile, self._meanwhile = self._meanwhile, None
        if meanwhile is not None:
            meanwhile()
        return page


def test_two_pullers_on_one_replica_never_apply_a_page_twice(
        server: LiveServer, tmp_path: Path) -> None:
    token = server.token("admin1")
    for i in range(12):  # several pages
        server.enrol(token, f"Client{i}", f"Nom{i}")
    path = tmp_path / "shared.sqlite3"
    # Two processes, as the app and `clienteling sync` are: two replicas on one file.
    keys = memory_keys()
    mine, theirs = Replica.open(path, keys), Replica.open(path, keys)
    other = ApiClient(server.url)
    other.login("seller1", PASSWORD, "theirs")
    reports: list[Any] = []

    def they_pull() -> None:
        reports.append(pull(theirs, other, page_size=5))

    client = _PausingClient(server.url, they_pull)
    client.login("seller1", PASSWORD, "mine")
    try:
        report = pull(mine, client, page_size=5)
        clean = Replica.open(tmp_path / "clean.sqlite3", keys)
        try:
            expected = pull(clean, other, page_size=5)
        finally:
            clean.close()
    finally:
        mine.close()
        theirs.close()
        client.close()
        other.close()
    assert reports and reports[0].complete and report.complete
    # Each change of the feed applied once, by one puller or the other.
    assert report.changes + reports[0].changes == expected.changes


# --- what a sent write settles -------------------------------------------------------------------


def test_a_sent_wishlist_removal_leaves_the_replica_at_once(
        server: LiveServer, device: MakeDevice, two: tuple[str, str]) -> None:
    first, _ = two
    facade = device()
    facade.sync.sync_now()
    facade.customers.add_to_wishlist(first, "SKU-1005")
    facade.customers.add_to_wishlist(first, "SKU-1003")
    facade.sync.sync_now()
    session = session_of(facade)
    facade.customers.remove_from_wishlist(first, "SKU-1005")
    # Push only: the removal itself (not a later pull) must take the item out of the replica.
    report = push(session.replica, session.client, backoff=Backoff())
    assert report.sent == 1 and facade.sync.outbox_entries() == []
    assert [w.sku for w in facade.customers.customer_360(first).wishlist] == ["SKU-1003"]
    with session.replica.read() as conn:
        held = conn.exec_driver_sql("SELECT sku FROM wishlist_items WHERE customer_id = ?",
                                    (first,)).scalars().all()
    assert held == ["SKU-1003"]


def test_a_removal_the_server_already_made_settles_too(
        server: LiveServer, device: MakeDevice, two: tuple[str, str]) -> None:
    first, _ = two
    facade = device()
    facade.sync.sync_now()
    facade.customers.add_to_wishlist(first, "SKU-1005")
    facade.sync.sync_now()
    session = session_of(facade)
    facade.customers.remove_from_wishlist(first, "SKU-1005")
    # Our earlier attempt went through but its answer was lost: the server says 404.
    token = server.token("admin1")
    requests.delete(f"{server.url}/api/v1/customers/{first}/wishlist/SKU-1005", timeout=10,
                    headers={"Authorization": f"Bearer {token}"}).raise_for_status()
    report = push(session.replica, session.client, backoff=Backoff())
    assert (report.sent, report.failed) == (1, 0)
    assert facade.customers.customer_360(first).wishlist == ()
    with session.replica.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM wishlist_items").scalar_one() == 0


# --- tokens expire on the server's clock ---------------------------------------------------------


def test_tokens_expire_when_the_server_clock_passes_them(
        server: LiveServer, device: MakeDevice, monkeypatch: pytest.MonkeyPatch) -> None:
    from clienteling.server.auth import service

    facade = device()
    assert facade.sync.sync_now().state == "online"
    session = session_of(facade)
    first = session.client.tokens
    assert first is not None
    config = ServerConfig(database_url=server.database_url)
    real = service.utcnow
    ahead = timedelta()

    def moved() -> datetime:
        return real() + ahead

    monkeypatch.setattr(service, "utcnow", moved)  # token checks
    monkeypatch.setattr(server.faults.app.state, "clock", moved)  # sign-in and refresh
    # Just before the access token's end: it still works as it is.
    ahead = timedelta(seconds=config.access_token_ttl - 60)
    assert facade.sync.sync_now().state == "online"
    assert session.client.tokens == first
    # Past it: the server refuses it, the device refreshes and carries on.
    ahead = timedelta(seconds=config.access_token_ttl + 60)
    assert facade.sync.sync_now().state == "online"
    second = session.client.tokens
    assert second is not None and second.access_token != first.access_token
    assert second.refresh_token != first.refresh_token
    # Past the refresh token's end too (counted from the refresh): sign in again.
    ahead += timedelta(seconds=config.refresh_token_ttl + 60)
    status = facade.sync.sync_now()
    assert status.state == "needs_sign_in", status
