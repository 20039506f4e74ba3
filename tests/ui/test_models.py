"""Every item model of the lookup and the customer 360 through qtmodeltester, and what it shows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from clienteling.replica.views import (
    CustomerSummary,
    OrderLineView,
    OrderView,
    ProductView,
    TimelineEntry,
    WishlistEntry,
)
from ui.i18n import format_money
from ui.models.customers import CustomerListModel
from ui.models.orders import OrdersModel
from ui.models.timeline import TimelineModel
from ui.models.wishlist import WishlistModel

T0 = dt.datetime(2024, 5, 2, 9, 30, tzinfo=dt.UTC)
PRODUCT = ProductView(sku="SKU-1", ean="4006381333931", name="Trench coat", brand="Maison",
                      category="coats", price=Decimal("189.00"), currency="EUR")


def summary(n: int, **over) -> CustomerSummary:
    values = dict(customer_id=f"C{n}", first_name="Élise", last_name=f"Lefèvre{n}",
                  email=f"elise{n}@example.com", phone="+33612345678", card="2900000000018",
                  tier="gold", home_store_id="S1")
    values.update(over)
    return CustomerSummary(**values)


def order(number: str | None, lines: int, sync: str = "synced", **over) -> OrderView:
    values = dict(
        order_number=number, customer_id="C1", channel="web", status="confirmed",
        created_at=T0, updated_at=None, fulfillment_type="click_and_collect",
        fulfillment_store_id="S1", address=None, delivery_method=None, delivery_fee=None,
        payment_mode="paid_in_store", origin_store_id="S1", pickup_code=None,
        lines=tuple(OrderLineView(sku=f"SKU-{i}", quantity=i + 1, unit_price=Decimal("10.50"),
                                  source_store_id="S2" if i else None, name=f"Item {i}")
                    for i in range(lines)),
        total=Decimal("31.50"), currency="EUR", sync=sync)
    values.update(over)
    return OrderView(**values)


def test_customer_list_model(qtmodeltester) -> None:
    model = CustomerListModel()
    qtmodeltester.check(model)
    model.set_customers([summary(1), summary(2, card=None, email=None, sync="waiting")])
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert first.data() == "Élise Lefèvre1"
    assert first.data(CustomerListModel.SubtitleRole) == (
        "2900 0000 0001 8 · elise1@example.com · 06 12 34 56 78")
    assert first.data(CustomerListModel.CustomerIdRole) == "C1"
    assert model.index(1, 0).data(CustomerListModel.SubtitleRole) == "06 12 34 56 78"
    assert model.index(1, 0).data(CustomerListModel.SyncRole) == "waiting to be sent"
    assert model.customer(1).customer_id == "C2" and model.customer(5) is None
    model.set_customers([])
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_orders_model_is_a_tree_of_orders_and_lines(qtmodeltester) -> None:
    model = OrdersModel()
    qtmodeltester.check(model)
    model.set_orders([order(None, 1, sync="waiting"), order("W-1001", 3),
                      order("W-1000", 0, status="collected", pending_status=None)])
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    pending = model.index(0, OrdersModel.STATUS)
    assert pending.data() == "waiting to be sent"
    assert model.index(0, OrdersModel.NUMBER).data() == "new order"
    assert isinstance(pending.data(Qt.ItemDataRole.ForegroundRole), QColor)
    second = model.index(1, 0)
    assert model.rowCount(second) == 3
    assert model.index(1, OrdersModel.STATUS).data() == "Confirmed"
    line = model.index(2, 0, second)
    assert line.parent() == second
    assert line.data() == "3 ×"
    assert model.index(2, OrdersModel.NUMBER, second).data() == "Item 2"
    assert model.index(2, OrdersModel.STATUS, second).data() == "from S2"
    assert model.index(2, OrdersModel.TOTAL, second).data() == format_money(
        Decimal("31.50"), "EUR")
    assert line.data(OrdersModel.IsLineRole) is True
    assert model.rowCount(line) == 0
    assert model.index(0, 0, line) == QModelIndex()


def test_orders_model_shows_a_status_change_waiting(qtmodeltester) -> None:
    model = OrdersModel()
    model.set_orders([order("W-1", 1, pending_status="cancelled"),
                      order(None, 1, sync="failed")])
    qtmodeltester.check(model)
    assert model.index(0, OrdersModel.STATUS).data() == (
        "Confirmed → Cancelled (waiting to be sent)")
    assert model.index(1, OrdersModel.STATUS).data() == "not sent: needs your decision"


def test_wishlist_model(qtmodeltester) -> None:
    model = WishlistModel()
    qtmodeltester.check(model)
    model.set_entries([
        WishlistEntry("C1", "SKU-1", T0, PRODUCT, 3),
        WishlistEntry("C1", "SKU-1", T0, PRODUCT, 0, sync="waiting"),
        WishlistEntry("C1", "SKU-9", T0, None, None),
    ])
    qtmodeltester.check(model)
    assert model.index(0, WishlistModel.PRODUCT).data() == "Trench coat"
    assert model.index(0, WishlistModel.AVAILABLE).data() == "3 available"
    assert model.index(1, WishlistModel.AVAILABLE).data() == "out of stock"
    assert model.index(1, WishlistModel.PRODUCT).data() == "Trench coat (waiting to be sent)"
    assert model.index(2, WishlistModel.PRODUCT).data() == "SKU-9"
    assert model.index(2, WishlistModel.AVAILABLE).data() == "unknown"
    assert model.index(2, WishlistModel.PRICE).data() == ""
    assert "189" in model.index(0, WishlistModel.PRICE).data()


@pytest.mark.parametrize("count", [0, 1, 7])
def test_timeline_model_is_newest_first(qtmodeltester, count: int) -> None:
    model = TimelineModel()
    kinds = ["purchase", "note", "complaint", "consent", "contact", "return", "something_new"]
    model.set_entries([
        TimelineEntry(f"I{i}", "C1", T0 + dt.timedelta(days=i), "store", kinds[i], f"entry {i}",
                      "S1", "seller", "waiting" if i == 1 else "synced")
        for i in range(count)])
    qtmodeltester.check(model)
    assert model.rowCount() == count
    if count == 7:
        assert model.index(0, TimelineModel.SUMMARY).data() == "entry 6"
        assert model.index(0, TimelineModel.KIND).data() == "Something new"
        assert model.index(6, TimelineModel.SUMMARY).data() == "entry 0"
        assert model.index(5, TimelineModel.SUMMARY).data() == "entry 1 (waiting to be sent)"
        assert model.index(4, TimelineModel.KIND).data() == "Complaint"
        assert not model.index(4, TimelineModel.KIND).data(
            Qt.ItemDataRole.DecorationRole).isNull()
