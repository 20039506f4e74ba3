"""Each customer's figures stored on their replica row (lifetime value, orders, last and first
purchase, channels), computed with `domain.stats` (the server's one rule) from the replica's
orders, and recomputed only for the customers whose orders a write touched: the client book
sorts and filters half a million customers without reading an order.

Every writer of the replica's orders goes through `clienteling.replica.apply`, which calls
`refresh` with the customers it touched, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from clienteling.domain import stats

_CHUNK = 500


@dataclass(frozen=True)
class _Order:
    """A replica order as `domain.stats` reads it."""

    status: str
    total: Decimal
    currency: str
    channel: str
    created_at: datetime
    created_text: str  # the replica's fixed-width UTC text


def _order(status: str, total: str, currency: str, channel: str, created: str) -> _Order:
    return _Order(status, Decimal(total), currency, channel,
                  datetime.fromisoformat(created.replace("Z", "+00:00")), created)


def values(orders: Iterable[_Order]) -> tuple[Any, ...]:
    """The stored figures of a customer with these orders, in `FIGURE_COLUMNS` order."""
    listed = list(orders)
    found = stats.figures(listed)
    kept = [o for o in listed if stats.counts(o.status)]
    last = max(kept, key=lambda o: o.created_at).created_text if kept else ""
    first = min(kept, key=lambda o: o.created_at).created_text if kept else None
    # A float holds every lifetime value under 1e13 with its cents: sorts and bounds compare
    # exactly as the decimals do (reads turn it back into a Decimal).
    return (float(found.lifetime_value), found.orders_count, last, first,
            ",".join(found.channels), len(found.channels))


def customers_of_orders(rows: Iterable[tuple[Any, ...]]) -> set[str]:
    """The customers of order row tuples (`apply.order_row`: the customer is second)."""
    return {row[1] for row in rows}


def owners(cursor: Any, order_numbers: Iterable[str]) -> set[str]:
    """The customers the replica's orders of these numbers belong to now."""
    numbers = list(order_numbers)
    found: set[str] = set()
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start:start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found.update(r[0] for r in cursor.execute(
            f"SELECT customer_id FROM orders WHERE order_number IN ({marks})", tuple(chunk)))
    return found


def with_orders(cursor: Any, customer_ids: Iterable[str]) -> set[str]:
    """Those of these customers the replica holds orders of (a new customer without any has
    the right figures already: the columns' defaults)."""
    ids = list(customer_ids)
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found.update(r[0] for r in cursor.execute(
            f"SELECT DISTINCT customer_id FROM orders WHERE customer_id IN ({marks})",
            tuple(chunk)))
    return found


def refresh(cursor: Any, customer_ids: Iterable[str]) -> None:
    """Recompute and store the figures of these customers from the replica's orders, in the
    caller's transaction (a customer the replica does not hold is skipped by the UPDATE)."""
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        by_customer: dict[str, list[_Order]] = {c: [] for c in chunk}
        marks = ", ".join("?" for _ in chunk)
        for customer_id, status, total, currency, channel, created in cursor.execute(
                "SELECT customer_id, status, total, currency, channel, created_at FROM orders "
                f"WHERE customer_id IN ({marks})", tuple(chunk)).fetchall():
            by_customer[customer_id].append(_order(status, total, currency, channel, created))
        cursor.executemany(
            "UPDATE customers SET lifetime_value = ?, orders_count = ?, last_purchase_at = ?, "
            "first_purchase_at = ?, channels = ?, channels_count = ? WHERE customer_id = ?",
            [(*values(orders), customer_id) for customer_id, orders in by_customer.items()])
