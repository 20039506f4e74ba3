"""A customer's figures (lifetime value, orders, last purchase, channels): one rule, the
server's profile and the device's 360 compute them with it.

Every order counts but cancelled ones; the lifetime value adds their totals, fees included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from clienteling.domain.orders import OrderStatus


class OrderFacts(Protocol):
    """What the rule reads of an order (a server row or a replica view)."""

    @property
    def status(self) -> str: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def channel(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


@dataclass(frozen=True)
class CustomerFigures:
    lifetime_value: Decimal
    currency: str | None  # the currency most of the orders are in; None without orders
    orders_count: int
    last_purchase_at: datetime | None
    channels: tuple[str, ...]  # sorted


def counts(status: str) -> bool:
    """Whether an order in `status` counts in the customer's figures."""
    return status != OrderStatus.CANCELLED.value


def figures(orders: Iterable[OrderFacts]) -> CustomerFigures:
    kept = [o for o in orders if counts(o.status)]
    currencies = Counter(o.currency for o in kept)
    return CustomerFigures(
        lifetime_value=sum((Decimal(o.total) for o in kept), Decimal("0")),
        currency=currencies.most_common(1)[0][0] if currencies else None,
        orders_count=len(kept),
        last_purchase_at=max((o.created_at for o in kept), default=None),
        channels=tuple(sorted({o.channel for o in kept})))
