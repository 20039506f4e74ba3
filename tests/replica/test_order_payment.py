"""Schema 6: orders keep what the server says of their payment, fee, ready_by and delivery_by;
an unsent order shows its payment as the device made it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from clienteling.api import models as w
from clienteling.domain.orders import PaymentMode, PaymentStatus
from clienteling.outbox import overlay, queue
from clienteling.outbox.kinds import order_create
from clienteling.replica import database
from clienteling.replica.apply import BadChange, apply_changes, write_entity
from clienteling.replica.database import Replica
from clienteling.replica.views import PaymentView
from tests.replica.feed_data import change, order, small_chain
from tests.replica.keys import memory_keys


@pytest.fixture
def loaded(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = Replica.open(tmp_path / "r.sqlite3", memory_keys())
    with opened.write() as conn:
        apply_changes(conn, small_chain())
    yield opened
    opened.close()


def _with(made: w.Order, **update: object) -> w.Order:
    """`made` with `update`, validated as the server's wire model."""
    data = made.model_dump(mode="json")
    data.update({k: v.model_dump(mode="json") if isinstance(v, w.Wire) else v
                 for k, v in update.items()})
    return w.Order.model_validate(data)


def _paid_link(number: str) -> w.Order:
    made = order(number, "C1", lines=[("SKU-1", 2, "10.00")])
    return _with(made, payment_mode="payment_link",
                 payment=w.OrderPayment(mode=PaymentMode.PAYMENT_LINK, status=PaymentStatus.PAID,
                                        payment_url="https://pay.example/p/1"),
                 fee=w.Fee(amount=Decimal("0.00"), currency="EUR"), ready_by="2026-01-07")


def _delivery(number: str) -> w.Order:
    made = order(number, "C1", lines=[("SKU-1", 1, "10.00")])
    return _with(made,
                 fulfillment=w.OrderFulfillment(
                     type="home_delivery", method="express",
                     address={"line1": "1 rue X", "postcode": "75001", "city": "Paris",
                              "country": "FR"}, fee=Decimal("9.90")),
                 total="19.90", pickup_code=None, payment_mode="paid_in_store",
                 payment=w.OrderPayment(mode=PaymentMode.PAID_IN_STORE, status=PaymentStatus.PAID,
                                        receipt="T-0042"),
                 fee=w.Fee(amount=Decimal("9.90"), currency="EUR"), delivery_by="2026-01-09")


def test_the_order_columns_came_with_version_6() -> None:
    # Older replicas have no step to 6: they are rebuilt from the server, keeping the outbox.
    assert database.SCHEMA_VERSION >= 6
    assert not any(v < 6 <= v + 1 for v in database.MIGRATIONS)


def test_the_feed_s_payment_fee_and_dates_read_back(loaded: Replica) -> None:
    with loaded.write() as conn:
        apply_changes(conn, [change("order", "O-7", _paid_link("O-7")),
                             change("order", "O-8", _delivery("O-8"))])
    with loaded.read() as conn:
        link = overlay.order(conn, "O-7")
        home = overlay.order(conn, "O-8")
    assert link is not None and home is not None
    assert link.payment == PaymentView(mode="payment_link", status="paid",
                                       payment_url="https://pay.example/p/1")
    assert link.payment.paid
    assert (link.ready_by, link.delivery_by, link.delivery_fee) == (
        date(2026, 1, 7), None, Decimal("0.00"))
    assert home.payment == PaymentView(mode="paid_in_store", status="paid", receipt="T-0042")
    assert (home.ready_by, home.delivery_by, home.delivery_fee) == (
        None, date(2026, 1, 9), Decimal("9.90"))


def test_a_server_answer_is_written_with_its_payment(loaded: Replica) -> None:
    pending = _with(_paid_link("O-9"), payment=w.OrderPayment(
        mode=PaymentMode.PAYMENT_LINK, status=PaymentStatus.PENDING, payment_url="https://pay.example/p/9"))
    with loaded.write() as conn:
        write_entity(conn, "order", pending.model_dump(mode="json"))
        found = overlay.order(conn, "O-9")
    assert found is not None and found.payment is not None
    assert (found.payment.status, found.payment.payment_url) == (
        "pending", "https://pay.example/p/9")
    assert not found.payment.paid


def test_an_order_that_says_nothing_of_payment_has_none(loaded: Replica) -> None:
    with loaded.read() as conn:
        found = overlay.order(conn, "O-2")
    assert found is not None
    assert (found.payment, found.ready_by, found.delivery_by) == (None, None, None)
    assert found.payment_mode == "pay_at_pickup"


def test_a_damaged_payment_or_date_is_refused(loaded: Replica) -> None:
    bad = order("O-5", "C1").model_dump(mode="json")
    with pytest.raises(BadChange), loaded.write() as conn:
        apply_changes(conn, [{"entity": "order", "op": "upsert", "key": "O-5",
                              "data": {**bad, "ready_by": "soon"}}])
    with pytest.raises(BadChange), loaded.write() as conn:
        apply_changes(conn, [{"entity": "order", "op": "upsert", "key": "O-5",
                              "data": {**bad, "payment": "paid"}}])


@pytest.mark.parametrize(("mode", "status"), [("pay_at_pickup", "pending"),
                                               ("payment_link", "pending"),
                                               ("paid_in_store", "paid")])
def test_an_unsent_order_shows_the_payment_it_was_made_with(
        loaded: Replica, mode: str, status: str) -> None:
    with loaded.write() as conn:
        queue.enqueue(conn, kind=order_create.KIND, customer_id="C1", target="PAR01-1", payload={
            "customer_id": "C1", "origin_store_id": "PAR01", "order_number": "PAR01-1",
            "fulfillment": {"type": "click_and_collect", "store_id": "PAR01"},
            "lines": [{"sku": "SKU-1", "quantity": 1}], "payment": {"mode": mode}})
    with loaded.read() as conn:
        found = overlay.order(conn, "PAR01-1")
    assert found is not None and found.sync == "waiting"
    assert found.payment == PaymentView(mode=mode, status=status)
    # The server says when it can be collected once it has reserved the stock.
    assert (found.ready_by, found.delivery_by) == (None, None)
