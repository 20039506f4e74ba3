"""Orders the device names: an order placed offline has its final number and pickup QR at
once, can be cancelled before it is sent (nothing reaches the server), and survives a server
that says its number is taken."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from clienteling.device import Device
from clienteling.domain.errors import DomainError
from clienteling.replica.views import PickupTarget
from tests.sync import faultproxy as fp
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import LiveServer, assert_replica_matches_server

MakeDevice = Callable[..., Device]
TODAY = date.today().strftime("%y%m%d")


def replica_path(facade: Device) -> Path:
    s = facade.session.settings
    assert s.server_url and s.username
    return facade.session.paths.replica_file(s.server_url, s.username)


def device_number(facade: Device, counter: str) -> str:
    code = facade.session.settings.device_code
    assert code and re.fullmatch(r"[0-9A-Z]+", code)
    return f"PAR01-{TODAY}-{code}-{counter}"


@pytest.fixture
def customer(server: LiveServer) -> str:
    return server.enrol(server.token("admin1"), "Hélène", "Lefèvre")["customer_id"]


def place(facade: Device, customer: str, how: str = "click_and_collect") -> str:
    extra = {} if how == "click_and_collect" else {
        "address": {"line1": "1 rue X", "postcode": "75001", "city": "Paris"}}
    entry = facade.orders.place_order(customer_id=customer, lines=[("SKU-1001", 1)],
                                      fulfillment=how,
                               payment_mode="paid_in_store", **extra)  # type: ignore[arg-type]
    assert entry.target
    return entry.target


def test_an_order_placed_offline_has_its_final_number_and_pickup_qr_at_once(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, customer: str,
        tmp_path: Path) -> None:
    facade = device()
    facade.sync.sync_now()
    proxy.refuse()
    first = place(facade, customer)
    second = place(facade, customer, "home_delivery")
    assert (first, second) == (device_number(facade, "01"), device_number(facade, "02"))
    view = facade.customers.customer_360(customer)
    shown = {o.order_number: o for o in view.orders}
    assert set(shown) == {first, second}
    order = shown[first]
    assert order.sync == "waiting" and order.status == "pending"
    assert order.pickup_code and re.fullmatch(r"[A-Z0-9]{8,32}", order.pickup_code)
    assert order.pickup_payload == f"clienteling:pickup/{first}/{order.pickup_code}"
    assert shown[second].pickup_code is None  # delivered: nothing to collect
    # Scanned at the counter, offline: the QR finds the order.
    found = facade.scan.resolve_scan(order.pickup_payload)
    assert isinstance(found, PickupTarget) and found.order.order_number == first
    assert facade.orders.order(first).sync == "waiting"

    proxy.listen()
    assert facade.sync.sync_now().unsent == 0
    assert server.orders(customer) == sorted([(first, order.pickup_code, "confirmed"),
                                              (second, None, "confirmed")])
    after = {o.order_number: o for o in facade.customers.customer_360(customer).orders}
    assert set(after) == {first, second} and after[first].pickup_code == order.pickup_code
    assert all(o.sync == "synced" for o in after.values())
    assert_replica_matches_server(replica_path(facade), server, "seller1", tmp_path)


def test_an_order_cancelled_before_it_was_sent_never_reaches_the_server(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, customer: str) -> None:
    facade = device()
    facade.sync.sync_now()
    proxy.refuse()
    number = place(facade, customer)
    kept = facade.customers.add_note(customer, "a changé d'avis")
    assert facade.catalog.stock_for("SKU-1001")[0].pending_out == 1
    cancelled = facade.orders.set_order_status(number, "cancelled")
    assert cancelled.target == number
    assert [e.id for e in facade.sync.outbox_entries()] == [kept.id]
    assert [o.order_number for o in facade.customers.customer_360(customer).orders] == []
    assert facade.catalog.stock_for("SKU-1001")[0].pending_out == 0
    with pytest.raises(DomainError) as caught:
        facade.orders.order(number)
    assert caught.value.code == "order.not_found"
    proxy.listen()
    watch = proxy.add(fp.PASS, "POST", "/api/v1/orders", times=100)
    assert facade.sync.sync_now().unsent == 0
    assert watch.hits == 0 and server.orders(customer) == []


def test_an_order_that_may_have_reached_the_server_is_cancelled_through_it(
        server: LiveServer, device: MakeDevice, customer: str) -> None:
    facade = device()
    facade.sync.sync_now()
    number = place(facade, customer)
    server.faults.fail("POST", "/api/v1/orders", "after")  # made, but the answer is lost
    assert facade.sync.sync_now().waiting == 1
    # The request left: only the server can cancel it now, after it has the order.
    facade.orders.set_order_status(number, "cancelled")
    entries = facade.sync.outbox_entries()
    assert [e.kind for e in entries] == ["order.create", "order.status"]
    assert entries[1].blocked_by == entries[0].id
    assert facade.orders.order(number).pending_status == "cancelled"
    assert facade.sync.sync_now().unsent == 0
    assert server.orders(customer) == [(number, facade.orders.order(number).pickup_code,
                                        "cancelled")]


def test_a_number_the_server_says_is_taken_is_replaced_and_the_order_kept(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, customer: str,
        tmp_path: Path) -> None:
    facade = device()
    facade.sync.sync_now()
    first = place(facade, customer)
    assert facade.sync.sync_now().unsent == 0
    # The device is restored from a backup taken before that order: its counter goes back.
    session = facade._context.session
    assert session is not None
    with session.replica.write() as conn:
        session.replica.set_meta(conn, "order_counter", "0")
    proxy.refuse()
    again = place(facade, customer)
    assert again == first  # offline, the device cannot know
    facade.orders.set_order_status(again, "ready_for_pickup")  # waits for the order, follows it
    proxy.listen()
    status = facade.sync.sync_now()
    assert status.unsent == 0 and status.state == "online", facade.sync.outbox_entries()
    renumbered = device_number(facade, "02")
    assert [n for n, _, _ in server.orders(customer)] == sorted([first, renumbered])
    assert dict((n, s) for n, _, s in server.orders(customer))[renumbered] == (
        "ready_for_pickup")
    view = facade.customers.customer_360(customer)
    assert sorted(o.order_number or "" for o in view.orders) == sorted([first, renumbered])
    assert all(o.sync == "synced" for o in view.orders)
    assert_replica_matches_server(replica_path(facade), server, "seller1", tmp_path)
