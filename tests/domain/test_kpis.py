"""`domain.kpis`: folding one client at a time and folding a database's groups give the same
figures, and both match a brute-force reading of the contract on generated clients."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from clienteling.domain import kpis, stats

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class _O:
    def __init__(self, status: str, total: Decimal, channel: str, created_at: datetime) -> None:
        self.status, self.total, self.channel, self.created_at = status, total, channel, created_at
        self.currency = "EUR"


def _clients(seed: int) -> list[tuple[bool, bool, list[_O]]]:
    rng = random.Random(seed)
    found = []
    for _ in range(300):
        orders = [_O(rng.choice(["confirmed", "collected", "cancelled", "delivered"]),
                     Decimal(rng.randint(1, 50000)) / 100,
                     rng.choice(["web", "app", "store", "phone"]),
                     NOW - timedelta(days=rng.choice([0, 89, 90, 91, 300]),
                                     seconds=rng.choice([-1, 0, 1])))
                  for _ in range(rng.choice([0, 0, 1, 2, 5]))]
        found.append((rng.random() < 0.5, rng.random() < 0.3, orders))
    return found


def test_folds_agree_with_the_reference() -> None:
    for seed in range(5):
        clients = _clients(seed)
        one = kpis.Tally(NOW)
        groups = kpis.Tally(NOW)
        counted = dict(count=0, active=0, new=0, email=0, sms=0)
        by_channels: dict[int, list[Decimal]] = defaultdict(list)
        revenue: dict[str, Decimal] = defaultdict(Decimal)
        since = NOW - timedelta(days=90)
        for email, sms, orders in clients:
            found = stats.figures(orders)
            kept = [o for o in orders if o.status != "cancelled"]
            first = min((o.created_at for o in kept), default=None)
            one.add_client(first_purchase_at=first, last_purchase_at=found.last_purchase_at,
                           consent_email=email, consent_sms=sms,
                           channels_used=len(found.channels),
                           lifetime_value=found.lifetime_value)
            for order in orders:
                one.add_order(channel=order.channel, status=order.status, total=order.total)
                groups.add_order(channel=order.channel, status=order.status, total=order.total)
            # The reference: the contract's words, spelled out.
            counted["count"] += 1
            counted["active"] += any(o.created_at >= since for o in kept)
            counted["new"] += bool(kept) and all(o.created_at >= since for o in kept)
            counted["email"] += email
            counted["sms"] += sms
            by_channels[len({o.channel for o in kept})].append(
                sum((o.total for o in kept), Decimal("0")))
            for order in kept:
                revenue[order.channel] += order.total
        groups.add_clients(**counted)
        for n, values in by_channels.items():
            groups.add_channel_group(n, len(values), sum(values, Decimal("0")))
        a, b = one.figures(), groups.figures()
        assert a == b
        assert (a.active_clients, a.new_clients) == (counted["active"], counted["new"])
        assert a.consent_email_share == counted["email"] / 300
        assert a.revenue_by_channel == {c: revenue[c].quantize(Decimal("0.01"))
                                        for c in ("web", "app", "store", "phone")}
        for n in range(1, 5):
            values = by_channels.get(n, [])
            expected = (sum(values, Decimal("0")) / len(values)) if values else Decimal(0)
            assert a.average_value_by_channels[str(n)] == expected.quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_no_clients_no_division() -> None:
    found = kpis.Tally(NOW).figures()
    assert (found.consent_email_share, found.consent_sms_share) == (0.0, 0.0)
    assert set(found.average_value_by_channels.values()) == {Decimal("0.00")}


def test_the_window_is_inclusive_at_ninety_days() -> None:
    assert kpis.in_window(NOW - timedelta(days=90), NOW)
    assert not kpis.in_window(NOW - timedelta(days=90, microseconds=1), NOW)
    assert not kpis.in_window(None, NOW)
