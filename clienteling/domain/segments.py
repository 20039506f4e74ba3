"""A customer's segment from recency, frequency and monetary value: one rule, the server's
client book and the device's replica use it.

The rules are tried in order; the first one a customer meets gives the segment. Each rule is
bounds on three figures (`domain.stats`): days since the last purchase (None: never bought),
number of orders, lifetime value. Bounds, not code, so the server can say the same rule in SQL
(`conditions`) and a filter by segment finds exactly the customers `segment_of` names.

| segment     | last purchase        | orders | lifetime value |
| ----------- | -------------------- | ------ | -------------- |
| new         | never, or ≤ 90 days  | ≤ 1    |                |
| champions   | ≤ 90 days            | ≥ 5    | ≥ 1000         |
| loyal       | ≤ 180 days           | ≥ 3    |                |
| promising   | ≤ 90 days            |        |                |
| at_risk     | ≤ 365 days           | ≥ 3    |                |
| hibernating | ≤ 365 days           |        |                |
| lost        | anything else (over 365 days ago)              |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum


class Segment(StrEnum):
    CHAMPIONS = "champions"
    LOYAL = "loyal"
    PROMISING = "promising"
    NEW = "new"
    AT_RISK = "at_risk"
    HIBERNATING = "hibernating"
    LOST = "lost"


@dataclass(frozen=True)
class Rule:
    segment: Segment
    within_days: int | None = None  # the last purchase at most this many days ago
    never_ok: bool = False  # a customer who never bought meets the recency bound
    min_orders: int | None = None
    max_orders: int | None = None
    min_value: Decimal | None = None

    def since(self, now: datetime) -> datetime | None:
        """The earliest last purchase this rule accepts, or None (no bound)."""
        return None if self.within_days is None else now - timedelta(days=self.within_days)

    def meets(self, last_purchase_at: datetime | None, orders_count: int,
              lifetime_value: Decimal, now: datetime) -> bool:
        since = self.since(now)
        if since is not None:
            if last_purchase_at is None:
                if not self.never_ok:
                    return False
            elif last_purchase_at < since:
                return False
        if self.min_orders is not None and orders_count < self.min_orders:
            return False
        if self.max_orders is not None and orders_count > self.max_orders:
            return False
        return self.min_value is None or lifetime_value >= self.min_value


RULES: tuple[Rule, ...] = (
    Rule(Segment.NEW, within_days=90, never_ok=True, max_orders=1),
    Rule(Segment.CHAMPIONS, within_days=90, min_orders=5, min_value=Decimal("1000")),
    Rule(Segment.LOYAL, within_days=180, min_orders=3),
    Rule(Segment.PROMISING, within_days=90),
    Rule(Segment.AT_RISK, within_days=365, min_orders=3),
    Rule(Segment.HIBERNATING, within_days=365),
    Rule(Segment.LOST),
)


def segment_of(last_purchase_at: datetime | None, orders_count: int, lifetime_value: Decimal,
               now: datetime) -> Segment:
    """The segment of a customer with these figures, at `now`."""
    for rule in RULES:
        if rule.meets(last_purchase_at, orders_count, lifetime_value, now):
            return rule.segment
    raise AssertionError("the last rule meets everyone")  # pragma: no cover


def rules_until(segment: Segment) -> tuple[tuple[Rule, ...], Rule]:
    """The rules tried before `segment`'s (which its customers must all fail) and its own."""
    index = next(i for i, r in enumerate(RULES) if r.segment == segment)
    return RULES[:index], RULES[index]
