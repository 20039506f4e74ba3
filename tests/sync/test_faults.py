"""Faults between the device and the server: each ends with no order lost, none duplicated,
and the replica equal to the server."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from clienteling.device import Device
from tests.sync import faultproxy as fp
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import LiveServer, assert_replica_matches_server, wait_for

MakeDevice = Callable[..., Device]
# A number the device made: <STORE>-<yymmdd>-<device code>-<counter>.
DEVICE_NUMBER = re.compile(r"^PAR01-\d{6}-[0-9A-Z]+-[0-9A-Z]{2,}$")


def replica_path(facade: Device) -> Path:
    s = facade.session.settings
    assert s.server_url and s.username
    return facade.session.paths.replica_file(s.server_url, s.username)


def settled(facade: Device, server: LiveServer, tmp_path: Path) -> None:
    """Sync until nothing waits (bounded), then compare with a clean download."""
    wait_for(lambda: facade.sync.sync_now().waiting == 0, timeout=30, interval=0.05,
             message="the outbox to drain")
    assert facade.sync.sync_status().state == "online", facade.sync.sync_status()
    assert_replica_matches_server(replica_path(facade), server,
                                  facade.session.settings.username or "",
                                  tmp_path)


@pytest.fixture
def customer(server: LiveServer) -> str:
    token = server.token("admin1")
    for i in range(12):  # enough for several feed pages
        server.enrol(token, f"Client{i}", f"Nom{i}", phone=f"06000000{i:02d}")
    return server.enrol(token, "Hélène", "Lefèvre")["customer_id"]


# The server acts on the request in every case marked True: the device must not send a second
# order when it resends with the same key.
PUSH_FAULTS = [
    (fp.DROP, False), (fp.GARBAGE, False), (fp.CUT, True), (fp.GARBAGE_AFTER, True),
    (fp.NOT_HTTP, True), (fp.TRUNCATED_JSON, True), (fp.DELAY, True),
]


@pytest.mark.parametrize(("action", "server_acts"), PUSH_FAULTS)
def test_a_broken_order_request_ends_with_exactly_one_order(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, customer: str, tmp_path: Path,
        action: str, server_acts: bool) -> None:
    facade = device()
    facade.sync.sync_now()
    entry = facade.orders.place_order(customer_id=customer, lines=[("SKU-1001", 1)],
                               fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    assert entry.target and DEVICE_NUMBER.match(entry.target), entry.target
    rule = proxy.add(action, "POST", "/api/v1/orders", seconds=4.0)
    status = facade.sync.sync_now()
    assert rule.hits == 1
    assert status.waiting == 1 and status.state in ("offline", "error"), status
    assert facade.sync.outbox_entries()[0].attempts == 1
    if server_acts:
        wait_for(lambda: server.order_count(customer) == 1, message="the server to commit")
    else:
        assert server.order_count(customer) == 0
    settled(facade, server, tmp_path)
    # Exactly one order, under the number the device made before it ever sent it.
    assert [number for number, _, _ in server.orders(customer)] == [entry.target]
    view = facade.customers.customer_360(customer)
    assert [(o.order_number, o.sync) for o in view.orders] == [(entry.target, "synced")]
    assert facade.sync.outbox_entries() == [] and entry.id


@pytest.mark.parametrize("mode", ["before", "after"])
def test_the_server_answering_500_ends_with_exactly_one_order(
        server: LiveServer, device: MakeDevice, customer: str, tmp_path: Path, mode: str) -> None:
    facade = device()
    facade.sync.sync_now()
    entry = facade.orders.place_order(customer_id=customer, lines=[("SKU-1003", 2)],
                               fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    server.faults.fail("POST", "/api/v1/orders", mode, times=2)
    status = facade.sync.sync_now()
    assert status.state == "error" and status.reason == "internal" and status.waiting == 1
    assert server.order_count(customer) == (1 if mode == "after" else 0)
    settled(facade, server, tmp_path)
    assert [number for number, _, _ in server.orders(customer)] == [entry.target]
    assert len(server.faults.hits) == 2


def test_a_refused_connection_keeps_the_order_until_the_server_is_back(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, customer: str,
        tmp_path: Path) -> None:
    facade = device()
    facade.sync.sync_now()
    proxy.refuse()
    entry = facade.orders.place_order(customer_id=customer, lines=[("SKU-1005", 1)],
                               fulfillment="click_and_collect", payment_mode="paid_in_store")
    for _ in range(3):
        status = facade.sync.sync_now()
        assert status.state == "offline" and status.reason == "network.unreachable"
        assert status.waiting == 1
    proxy.listen()
    settled(facade, server, tmp_path)
    assert [number for number, _, _ in server.orders(customer)] == [entry.target]


PULL_FAULTS = [fp.DROP, fp.CUT, fp.GARBAGE, fp.TRUNCATED_JSON, fp.NOT_HTTP, fp.WRONG_SHAPE,
               fp.DELAY]


@pytest.mark.parametrize("action", PULL_FAULTS)
def test_a_broken_feed_page_is_not_applied_and_the_next_pull_resumes(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, customer: str, tmp_path: Path,
        action: str) -> None:
    # The feed page by page (a first sync would otherwise come from the store's snapshot,
    # whose faults tests/sync/test_snapshot.py covers).
    app = server.faults.app
    app.state.config = dataclasses.replace(app.state.config, snapshots=False)
    facade = device(page_size=5)
    session = facade._context.session
    assert session is not None
    # Let two pages through, then break the third.
    proxy.add(fp.PASS, "GET", "/api/v1/sync/changes", times=2)
    proxy.add(action, "GET", "/api/v1/sync/changes", seconds=4.0)
    status = facade.sync.sync_now()
    assert status.state == "offline" and status.partial, status
    cursor = session.replica.meta("cursor")
    assert cursor is not None  # two pages landed with their cursor
    with session.replica.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM customers WHERE customer_id = 'X'"
                                    ).scalar_one() == 0
    settled(facade, server, tmp_path)
    assert not facade.sync.sync_status().partial


def test_two_devices_pushing_at_once_never_oversell_or_duplicate(
        server: LiveServer, device: MakeDevice, customer: str, tmp_path: Path) -> None:
    first, second = device("seller1"), device("seller1b")
    for facade in (first, second):
        facade.sync.sync_now()
    # SKU-1002: 1 at PAR01, 0 at PAR02, 2 at LYS01: three units in the chain.
    for facade in (first, second):
        for _ in range(3):
            facade.orders.place_order(customer_id=customer, lines=[("SKU-1002", 1)],
                               fulfillment="click_and_collect", payment_mode="pay_at_pickup")
        facade.customers.add_note(customer, f"note from {facade.session.settings.username}")
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def run(facade: Device) -> None:
        start.wait(10)
        results[facade.session.settings.username or ""] = facade.sync.sync_now()

    threads = [threading.Thread(target=run, args=(f,)) for f in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(results) == 2
    failed = [e for f in (first, second) for e in f.sync.outbox_entries()]
    assert all(e.state == "failed" and e.problem and e.problem.code == "stock.short"
               for e in failed)
    assert server.order_count(customer) == 3 and len(failed) == 3
    for facade in (first, second):
        facade.sync.sync_now()
        assert_replica_matches_server(replica_path(facade), server,
                                      facade.session.settings.username or "", tmp_path)
        view = facade.customers.customer_360(customer)
        # The server's three; the refused ones stay on the device, numbered, as failed.
        assert len([o for o in view.orders if o.sync == "synced"]) == 3
        assert all(o.order_number for o in view.orders)
        notes = {t.summary for t in view.timeline if t.kind == "note"}
        assert notes == {"note from seller1", "note from seller1b"}
