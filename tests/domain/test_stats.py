"""A customer's figures, as both the server's profile and the device's 360 compute them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from clienteling.domain.stats import counts, figures


@dataclass(frozen=True)
class Order:
    status: str
    total: Decimal
    created_at: datetime
    channel: str = "store"
    currency: str = "EUR"


def test_every_order_but_cancelled_ones_counts() -> None:
    orders = [
        Order("collected", Decimal("120.50"), datetime(2026, 1, 3, tzinfo=UTC)),
        Order("confirmed", Decimal("19.90"), datetime(2026, 2, 1, tzinfo=UTC), channel="web"),
        Order("cancelled", Decimal("500.00"), datetime(2026, 3, 1, tzinfo=UTC), channel="app"),
        Order("delivered", Decimal("10.00"), datetime(2025, 12, 1, tzinfo=UTC),
              currency="CHF"),
    ]
    found = figures(orders)
    assert found.lifetime_value == Decimal("150.40")
    assert found.orders_count == 3
    assert found.last_purchase_at == datetime(2026, 2, 1, tzinfo=UTC)
    assert found.channels == ("store", "web")
    assert found.currency == "EUR"
    assert not counts("cancelled") and counts("ready_for_pickup")


def test_no_orders_no_figures() -> None:
    found = figures([Order("cancelled", Decimal("5"), datetime(2026, 1, 1, tzinfo=UTC))])
    assert (found.lifetime_value, found.orders_count, found.last_purchase_at,
            found.channels, found.currency) == (Decimal("0"), 0, None, (), None)
