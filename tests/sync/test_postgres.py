"""The same device against a server on PostgreSQL (the production database): offline work
reaching it, two devices at once, and a 500 after the server committed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clienteling.device import Device
from tests import pg
from tests.server.conftest import _ensure_pg_database
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import LiveServer, assert_replica_matches_server, start_server, wait_for

pytestmark = pytest.mark.postgres
PG_URL = pg.url_for("sync")
MakeDevice = Callable[..., Device]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    reason = _ensure_pg_database(PG_URL)
    if reason:
        pytest.skip(reason)
    live = start_server(tmp_path / "server", database_url=PG_URL)
    yield live
    live.stop()


def replica_path(facade: Device) -> Path:
    s = facade.session.settings
    assert s.server_url and s.username
    return facade.session.paths.replica_file(s.server_url, s.username)


def test_offline_work_reaches_postgres_once(server: LiveServer, proxy: FaultProxy,
                                            device: MakeDevice, tmp_path: Path) -> None:
    token = server.token("admin1")
    customer = server.enrol(token, "Hélène", "Lefèvre")["customer_id"]
    server.settle()  # the feed waits for every older transaction of the cluster
    facade = device()
    facade.sync.sync_now()
    proxy.refuse()
    new = facade.customers.enrol_customer(first_name="Zoé", last_name="Martin")
    assert new.customer_id
    facade.orders.place_order(customer_id=new.customer_id, lines=[("SKU-1003", 1)],
                       fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    facade.orders.place_order(customer_id=customer, lines=[("SKU-1001", 1)],
                       fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    facade.customers.add_note(customer, "hors ligne")
    proxy.listen()
    server.faults.fail("POST", "/api/v1/orders", "after")
    wait_for(lambda: facade.sync.sync_now().waiting == 0, timeout=30, message="the outbox")
    assert server.order_count(customer) == 1 and server.order_count(new.customer_id) == 1
    server.settle()
    facade.sync.sync_now()
    assert_replica_matches_server(replica_path(facade), server, "seller1", tmp_path)


def test_two_devices_on_postgres(server: LiveServer, device: MakeDevice, tmp_path: Path) -> None:
    token = server.token("admin1")
    customer = server.enrol(token, "Hélène", "Lefèvre")["customer_id"]
    server.settle()
    devices = [device("seller1"), device("seller1b")]
    for facade in devices:
        facade.sync.sync_now()
        for _ in range(3):
            facade.orders.place_order(customer_id=customer, lines=[("SKU-1002", 1)],
                               fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    start = threading.Barrier(2)

    def run(facade: Device) -> None:
        start.wait(10)
        facade.sync.sync_now()

    threads = [threading.Thread(target=run, args=(f,)) for f in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert server.order_count(customer) == 3
    failed = [e for f in devices for e in f.sync.outbox_entries()]
    assert len(failed) == 3 and all(e.problem and e.problem.code == "stock.short"
                                    for e in failed)
    server.settle()
    for facade in devices:
        facade.sync.sync_now()
        assert_replica_matches_server(replica_path(facade), server,
                                      facade.session.settings.username or "", tmp_path)


def test_a_first_sync_from_the_snapshot_loses_no_write_racing_its_build(
        server: LiveServer, device: MakeDevice, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The snapshot follows the feed's horizon: a change committed while it is built, or
    still running then, comes in the deltas after its cursor."""
    from clienteling.server.feed import snapshot

    token = server.token("admin1")
    for i in range(15):
        server.enrol(token, f"Prénom{i}", f"Nom{i}")
    server.settle()
    racing: list[str] = []
    real = snapshot._write_batch

    def write_then_race(db: object, batch: list) -> None:
        real(db, batch)  # type: ignore[arg-type]
        if not racing:
            racing.append(server.enrol(token, "Concurrente", "Pendant")["customer_id"])

    monkeypatch.setattr(snapshot, "_write_batch", write_then_race)
    facade = device()
    facade.sync.sync_now()
    assert racing
    server.settle()
    facade.sync.sync_now()
    assert [c.customer_id for c in facade.customers.search_customers("concurrente")] == racing
    facade.close()
    assert_replica_matches_server(replica_path(facade), server, "seller1", tmp_path)
