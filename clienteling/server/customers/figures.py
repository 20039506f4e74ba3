"""The customers' stored figures (lifetime value, orders, last and first purchase, channels),
computed with `domain.stats` (the profile's one rule) and written on the customer row, so the
client book sorts and filters a million customers without reading their orders.

Every writer of orders calls `refresh` with the customers whose orders it wrote."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from clienteling.domain import stats
from clienteling.server.customers.models import CustomerRow
from clienteling.server.orders.models import OrderRow

_CHUNK = 500


def columns(orders: Iterable[stats.OrderFacts]) -> dict[str, Any]:
    """The stored columns for a customer with these orders."""
    listed = list(orders)
    found = stats.figures(listed)
    kept = [o.created_at for o in listed if stats.counts(o.status)]
    return {"lifetime_value": found.lifetime_value, "orders_count": found.orders_count,
            "last_purchase_at": found.last_purchase_at,
            "first_purchase_at": min(kept, default=None),
            "channels": ",".join(found.channels), "channels_count": len(found.channels)}


def refresh(session: Session, customer_ids: Iterable[str]) -> None:
    """Recompute and store the figures of these customers from their orders."""
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        by_customer: dict[str, list[Any]] = {c: [] for c in chunk}
        for row in session.execute(
                select(OrderRow.customer_id, OrderRow.status, OrderRow.total, OrderRow.currency,
                       OrderRow.channel, OrderRow.created_at)
                .where(OrderRow.customer_id.in_(chunk))):
            by_customer[row.customer_id].append(row)
        for customer_id, orders in by_customer.items():
            session.execute(update(CustomerRow).where(CustomerRow.customer_id == customer_id)
                            .values(**columns(orders)))
