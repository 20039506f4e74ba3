"""Carts kept on the device (across a restart, one per customer, totals in Decimal, short
lines and where they can come from) and the checkout: the server's quote online, the device's
estimate offline with the delivery methods it kept, the order placed from the cart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from clienteling.device import Device
from clienteling.device.checkout import Fulfillment, address_problems
from clienteling.domain.errors import DomainError
from clienteling.domain.money import Money
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import LiveServer

MakeDevice = Callable[..., Device]


@pytest.fixture
def customer(server: LiveServer) -> str:
    return server.enrol(server.token("admin1"), "Hélène", "Lefèvre")["customer_id"]


def test_carts_are_kept_across_a_restart_one_per_customer_with_totals(
        server: LiveServer, device: MakeDevice, customer: str, tmp_path: Path) -> None:
    other = server.enrol(server.token("admin1"), "Paul", "Martin")["customer_id"]
    facade = device(name="tablet")
    facade.sync.sync_now()
    facade.carts.add(customer, "SKU-1001", 2)
    facade.carts.add(customer, "SKU-1003")
    facade.carts.add(customer, "SKU-1003")  # the same product again: the line grows
    facade.carts.add(other, "SKU-1005")
    cart = facade.carts.cart(customer)
    assert [(line.sku, line.quantity) for line in cart.lines] == [("SKU-1001", 2),
                                                                  ("SKU-1003", 2)]
    assert cart.total == Money(Decimal("537.00"), "EUR")  # 2 × 189.00 + 2 × 79.50
    assert cart.lines[0].line_total == Money(Decimal("378.00"), "EUR")
    assert cart.customer_name == "Hélène Lefèvre"
    facade.close()

    reopened = Device(tmp_path / "tablet")
    try:
        kept = {c.customer_id: (c.lines, c.units) for c in reopened.carts.carts()}
        assert kept == {customer: (2, 4), other: (1, 1)}
        after = reopened.carts.set_quantity(customer, "SKU-1003", 0)
        assert [line.sku for line in after.lines] == ["SKU-1001"]
        assert after.total == Money(Decimal("378.00"), "EUR")
        reopened.carts.clear(other)
        assert [c.customer_id for c in reopened.carts.carts()] == [customer]
    finally:
        reopened.close()


def test_bad_cart_input_is_refused_with_a_code(server: LiveServer, device: MakeDevice,
                                               customer: str) -> None:
    facade = device()
    facade.sync.sync_now()
    with pytest.raises(DomainError) as error:
        facade.carts.add(customer, "SKU-9999")
    assert error.value.code == "product.not_found"
    with pytest.raises(DomainError) as error:
        facade.carts.add(customer, "SKU-1001", 0)
    assert error.value.code == "cart.quantity"
    with pytest.raises(DomainError) as error:
        facade.carts.add("C-NOBODY", "SKU-1001")
    assert error.value.code == "customer.not_found"
    with pytest.raises(DomainError) as error:
        facade.carts.set_quantity(customer, "SKU-1002", 3)
    assert error.value.code == "cart.line_not_found"
    assert facade.carts.cart(customer).lines == ()


def test_a_short_line_says_which_stores_could_send_it(
        server: LiveServer, device: MakeDevice, customer: str) -> None:
    facade = device()
    facade.sync.sync_now()
    facade.catalog.stock_for("SKU-1004", refresh=True)  # Lyon's figure, outside the scope
    cart = facade.carts.add(customer, "SKU-1004", 2)
    line = cart.lines[0]
    assert line.short and line.available in (None, 0)
    assert [s.store_id for s in line.sources] == ["LYS01"]
    assert line.sources[0].available == 6 and line.sources[0].distance_km
    assert not facade.carts.add(customer, "SKU-1003", 3).lines[1].short


def test_quote_online_then_the_same_estimate_offline(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, customer: str) -> None:
    facade = device()
    facade.sync.sync_now()
    methods = facade.checkout.delivery_methods(refresh=True)
    assert {m.method for m in methods} >= {"standard", "express"}
    facade.catalog.stock_for("SKU-1001", refresh=True)
    facade.carts.add(customer, "SKU-1001", 4)  # PAR02 has 3: sourced from PAR01
    collect = Fulfillment("click_and_collect", store_id="PAR02")
    online = facade.checkout.quote(customer, collect)
    assert not online.estimated and not online.short
    assert [line.source_store_id for line in online.lines] == ["PAR01"]
    assert online.ready_by is not None and online.ready_by > date.today()
    assert online.total == Money(Decimal("756.00"), "EUR")
    address = {"line1": "1 rue X", "postcode": "75001", "city": "Paris", "country": "FR"}
    standard = next(m for m in methods if m.method == "standard")
    delivered_online = facade.checkout.quote(
        customer, Fulfillment("home_delivery", address=address, method="standard"))
    assert delivered_online.fee == standard.fee

    proxy.refuse()
    offline = facade.checkout.quote(customer, collect)
    assert offline.estimated
    assert [line.source_store_id for line in offline.lines] == ["PAR01"]
    assert (offline.ready_by, offline.total) == (online.ready_by, online.total)
    delivered = facade.checkout.quote(
        customer, Fulfillment("home_delivery", address=address, method="standard"))
    assert delivered.estimated and delivered.fee == standard.fee
    assert delivered.delivery_by == date.today() + timedelta(days=standard.max_days)
    assert delivered.total == Money(Decimal("756.00") + standard.fee.amount, "EUR")
    assert delivered_online.delivery_by == delivered.delivery_by

    # Placed offline: the order is numbered at once, shown with the fee the checkout showed,
    # and the cart is empty.
    entry = facade.checkout.place(customer, Fulfillment("home_delivery", address=address),
                                  "payment_link", quote=delivered)
    assert entry.target and facade.carts.cart(customer).lines == ()
    order = facade.orders.order(entry.target)
    assert order.sync == "waiting" and order.delivery_fee == standard.fee.amount
    assert order.total == delivered.total.amount  # type: ignore[union-attr]
    proxy.listen()
    assert facade.sync.sync_now().unsent == 0
    payment = facade.checkout.payment(entry.target)
    assert payment is not None and payment.mode == "payment_link"


def test_a_line_short_everywhere_offline_is_named(server: LiveServer, proxy: FaultProxy,
                                                  device: MakeDevice, customer: str) -> None:
    facade = device()
    facade.sync.sync_now()
    facade.carts.add(customer, "SKU-1005", 9)
    online = facade.checkout.quote(customer, Fulfillment("click_and_collect"))
    assert online.short and online.short[0]["sku"] == "SKU-1005"
    proxy.refuse()
    offline = facade.checkout.quote(customer, Fulfillment("click_and_collect"))
    assert offline.estimated and [s["sku"] for s in offline.short] == ["SKU-1005"]


def test_delivery_address_problems() -> None:
    assert address_problems({"line1": "1 rue X", "postcode": "75 011", "city": "Paris",
                             "country": "FR"}) == {}
    assert address_problems({"line1": "", "postcode": "96000", "city": "X",
                             "country": "FR"}) == {"line1": "address.required",
                                                   "postcode": "postcode.no_departement"}
    assert address_problems({"line1": "a", "postcode": "1234", "city": "b",
                             "country": "FR"})["postcode"] == "postcode.not_five_digits"
    assert address_problems({"line1": "a", "postcode": "SW1A 1AA", "city": "London",
                             "country": "GB"}) == {}


def test_an_order_refused_on_the_device_keeps_the_cart(server: LiveServer, device: MakeDevice,
                                                      customer: str) -> None:
    facade = device()
    facade.sync.sync_now()
    facade.carts.add(customer, "SKU-1001", 1)
    with pytest.raises(DomainError) as error:
        facade.checkout.place(customer, Fulfillment("home_delivery", address={
            "line1": "", "postcode": "75001", "city": "Paris"}), "paid_in_store")
    assert error.value.code == "order.invalid"
    assert [line.sku for line in facade.carts.cart(customer).lines] == ["SKU-1001"]
    entry = facade.checkout.place(customer, Fulfillment("click_and_collect"), "paid_in_store",
                                  receipt="T-1")
    assert entry.payload["payment"] == {"mode": "paid_in_store", "receipt": "T-1"}
    assert facade.carts.cart(customer).lines == ()
