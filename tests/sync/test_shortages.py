"""An order confirmed offline that the server refuses for want of stock when it is sent: a task
for the seller, never dropped, resolved under the SAME number, sent exactly once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clienteling.device import Device
from clienteling.domain.errors import DomainError
from tests.sync import faultproxy as fp
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import PASSWORD, LiveServer, write_settings

MakeDevice = Callable[..., Device]
SKU = "SKU-1005"  # on hand: 2 at PAR01 only (the small world)


@pytest.fixture
def customer(server: LiveServer) -> str:
    return server.enrol(server.token("admin1"), "Hélène", "Lefèvre")["customer_id"]


def set_stock(server: LiveServer, levels: dict[tuple[str, str], int]) -> None:
    from clienteling.server.stock import service as stock

    with server.sessions() as session, session.begin():
        stock.set_on_hand(session, levels, now=datetime.now(UTC))


def lines_on_server(server: LiveServer, number: str) -> list[tuple[str, int, str | None]]:
    from sqlalchemy import select

    from clienteling.server.orders.models import OrderLineRow

    with server.sessions() as session:
        return sorted((line.sku, line.quantity, line.source_store_id)
                      for line in session.scalars(select(OrderLineRow).where(
                          OrderLineRow.order_number == number)))


@pytest.fixture
def direct(server: LiveServer, tmp_path: Path) -> Device:
    """A second tablet of the store, talking to the server without the proxy (online)."""
    folder = tmp_path / "tablet-online"
    write_settings(folder)
    facade = Device(folder)
    facade.session.sign_in(server.url, "seller1b", PASSWORD)
    yield facade  # type: ignore[misc]
    facade.close()


def short_order(server: LiveServer, proxy: FaultProxy, device: MakeDevice, direct: Device,
                customer: str) -> tuple[Device, str, str | None]:
    """Two tablets sell the last units at once; the offline one's order comes back short."""
    set_stock(server, {("PAR02", SKU): 1})  # one more in the other Paris store
    offline = device()
    offline.sync.sync_now()
    direct.sync.sync_now()
    proxy.refuse()
    # Offline: both units on this store's shelf, as the replica shows them.
    entry = offline.orders.place_order(customer_id=customer, lines=[(SKU, 2)],
                                       fulfillment="click_and_collect",
                                       payment_mode="pay_at_pickup")
    number = entry.target
    assert number
    pickup = offline.orders.order(number).pickup_code
    # Meanwhile, online, the other tablet sells one of them.
    direct.orders.place_order(customer_id=customer, lines=[(SKU, 1)],
                              fulfillment="click_and_collect", payment_mode="paid_in_store")
    assert direct.sync.sync_now().unsent == 0
    proxy.listen()
    status = offline.sync.sync_now()
    assert status.failed == 1
    return offline, number, pickup


def test_a_short_order_is_a_task_never_dropped(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, direct: Device,
        customer: str) -> None:
    offline, number, pickup = short_order(server, proxy, device, direct, customer)
    tasks = offline.orders.shortages(refresh=True)
    assert [t.order.order_number for t in tasks] == [number]
    task = tasks[0]
    assert task.live and task.customer_name == "Hélène Lefèvre"
    assert task.order.pickup_code == pickup and task.order.sync == "failed"
    (line,) = task.lines
    assert (line.sku, line.requested, line.available) == (SKU, 2, 1)
    assert line.stock == (("PAR01", 1), ("PAR02", 1)) and line.in_chain == 2
    assert line.split == (("PAR01", 1), ("PAR02", 1))
    # Still in the customer's orders, with its number, waiting for a decision.
    shown = {o.order_number: o for o in offline.customers.customer_360(customer).orders}
    assert shown[number].sync == "failed" and shown[number].problem is not None
    # Sending again as it is changes nothing: the server still refuses, the task stays.
    assert offline.sync.sync_now().failed == 1
    assert [t.order.order_number for t in offline.orders.shortages()] == [number]


def test_sourcing_from_another_store_sends_the_order_once_under_its_number(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, direct: Device,
        customer: str) -> None:
    offline, number, pickup = short_order(server, proxy, device, direct, customer)
    task = offline.orders.shortage(number, refresh=True)
    before = {e.id: e.idempotency_key for e in offline.sync.outbox_entries()}
    amended = offline.orders.resolve_shortage(
        number, lines=[(SKU, q) for _, q in task.lines[0].split])
    assert amended.id in before and amended.idempotency_key != before[amended.id]
    assert amended.target == number and amended.state == "waiting"
    posts = proxy.add(fp.PASS, "POST", "/api/v1/orders", times=100)
    assert offline.sync.sync_now().unsent == 0
    assert posts.hits == 1
    assert [o for o in server.orders(customer) if o[0] == number] == [
        (number, pickup, "confirmed")]
    assert lines_on_server(server, number) == [(SKU, 1, "PAR01"), (SKU, 1, "PAR02")]
    assert offline.orders.shortages() == []
    mine = offline.orders.order(number)
    assert (mine.sync, mine.pickup_code, mine.status) == ("synced", pickup, "confirmed")
    # Scanned at the counter, the customer's QR (made offline) finds the order.
    assert offline.scan.resolve_scan(mine.pickup_payload or "").order.order_number == number  # type: ignore[union-attr]


def test_fewer_units_or_delivery_keep_the_number(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, direct: Device,
        customer: str) -> None:
    offline, number, _pickup = short_order(server, proxy, device, direct, customer)
    with pytest.raises(DomainError) as caught:
        offline.orders.resolve_shortage(number, fulfillment="home_delivery", address={
            "line1": "1 rue X", "postcode": "75001", "city": "Paris"})
    assert caught.value.code == "order.invalid"  # pay at pickup cannot be delivered
    offline.orders.resolve_shortage(number, lines=[(SKU, 1)], fulfillment="home_delivery",
                                    address={"line1": "1 rue X", "postcode": "75001",
                                             "city": "Paris"},
                                    delivery_method="standard", payment_mode="paid_in_store")
    assert offline.sync.sync_now().unsent == 0
    ((found, code, status),) = [o for o in server.orders(customer) if o[0] == number]
    assert (found, code, status) == (number, None, "confirmed")
    assert lines_on_server(server, number) == [(SKU, 1, "PAR01")]


def test_cancelling_a_short_order_sends_nothing(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, direct: Device,
        customer: str) -> None:
    offline, number, _pickup = short_order(server, proxy, device, direct, customer)
    offline.orders.cancel_shortage(number)
    assert offline.orders.shortages() == [] and offline.sync.outbox_entries() == []
    assert number not in {o.order_number for o in offline.customers.customer_360(customer).orders}
    with pytest.raises(DomainError) as caught:
        offline.orders.resolve_shortage(number, lines=[(SKU, 1)])
    assert caught.value.code == "order.not_short"
    assert offline.sync.sync_now().unsent == 0
    assert number not in [n for n, _, _ in server.orders(customer)]
