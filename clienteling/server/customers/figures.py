"""The customers' stored figures (lifetime value, orders, last and first purchase, channels),
computed with `domain.stats` (the profile's one rule) and written on the customer row, so the
client book sorts and filters a million customers without reading their orders.

Every writer of orders calls `refresh` with the customers whose orders it wrote."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from clienteling.domain import stats
from clienteling.server.customers.models import CustomerRow
from clienteling.server.orders.models import OrderRow

_CHUNK = 500
_FIGURES = ["lifetime_value", "orders_count", "last_purchase_at", "first_purchase_at",
            "channels", "channels_count"]
_UPDATE_FROM_ARRAYS = text(
    "UPDATE customers AS c SET lifetime_value = u.lifetime_value, orders_count = u.orders_count,"
    " last_purchase_at = u.last_purchase_at, first_purchase_at = u.first_purchase_at,"
    " channels = u.channels, channels_count = u.channels_count"
    " FROM unnest(CAST(:_customer_id AS text[]), CAST(:lifetime_value AS numeric[]),"
    " CAST(:orders_count AS integer[]), CAST(:last_purchase_at AS timestamptz[]),"
    " CAST(:first_purchase_at AS timestamptz[]), CAST(:channels AS text[]),"
    " CAST(:channels_count AS integer[])) AS u(customer_id, lifetime_value, orders_count,"
    " last_purchase_at, first_purchase_at, channels, channels_count)"
    " WHERE c.customer_id = u.customer_id")
_CUSTOMERS: Table = CustomerRow.metadata.tables["customers"]
_UPDATE = update(_CUSTOMERS).where(_CUSTOMERS.c.customer_id == bindparam("_customer_id"))


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
        found = [{"_customer_id": customer_id, **columns(orders)}
                 for customer_id, orders in by_customer.items()]
        if session.get_bind().dialect.name == "postgresql" and len(found) > 1:
            # One statement for the chunk: the figures travel as arrays, one per column.
            session.execute(_UPDATE_FROM_ARRAYS, {
                name: [values[name] for values in found] for name in ("_customer_id", *_FIGURES)})
        else:
            session.connection().execute(_UPDATE, found)
        for customer_id in chunk:
            # A customer this session holds reads its new figures from the database.
            held = session.identity_map.get(identity_key(CustomerRow, customer_id))
            if held is not None:
                session.expire(held, _FIGURES)
