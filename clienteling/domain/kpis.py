"""A store's KPIs (`GET /kpis`): one rule, the server answers with it and the device computes
it from its replica when offline.

- active clients: a purchase in the last `ACTIVE_DAYS` days; new clients: their first purchase
  in that window (purchases are the orders `domain.stats` counts: every one but cancelled);
- consent share: the store's clients who consented to email (to SMS), over all of them;
- revenue by channel: the totals of the counted orders of the store's clients, per channel;
- average value by number of channels used (1 to 4): the mean lifetime value of the clients
  who bought through that many channels, to the cent (half up);
- pickups waiting: click-and-collect orders to collect at the store (`OPEN_PICKUP`).

Both sides fold what they read into a `Tally`, one client at a time (`add_client`) or by
groups a database already counted (`add_clients`, `add_channel_group`): the bounds, what
counts and the rounding are only here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from clienteling.domain.orders import Channel
from clienteling.domain.stats import counts

ACTIVE_DAYS = 90
CHANNEL_BUCKETS = ("1", "2", "3", "4")
_CENT = Decimal("0.01")


def window_start(now: datetime) -> datetime:
    """The earliest purchase that makes a client active (or new) at `now`."""
    return now - timedelta(days=ACTIVE_DAYS)


def in_window(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and moment >= window_start(now)


@dataclass(frozen=True)
class KpiFigures:
    active_clients: int
    new_clients: int
    clients: int | None  # None: not said (the server's answer does not carry it)
    consent_email_share: float  # 0 to 1
    consent_sms_share: float
    revenue_by_channel: dict[str, Decimal]  # web, app, store, phone
    average_value_by_channels: dict[str, Decimal]  # "1" … "4"
    pickups_waiting: int


@dataclass
class Tally:
    """The KPIs being folded: add what was read, then `figures()`."""

    now: datetime
    clients: int = 0
    active: int = 0
    new: int = 0
    email: int = 0
    sms: int = 0
    revenue: dict[str, Decimal] = field(
        default_factory=lambda: {c.value: Decimal("0") for c in Channel})
    # channels used → (clients, sum of their lifetime values)
    by_channels: dict[str, tuple[int, Decimal]] = field(default_factory=dict)
    pickups_waiting: int = 0

    def add_client(self, *, first_purchase_at: datetime | None,
                   last_purchase_at: datetime | None, consent_email: bool, consent_sms: bool,
                   channels_used: int, lifetime_value: Decimal) -> None:
        """One client of the store with their figures (`domain.stats`)."""
        self.add_clients(count=1, active=int(in_window(last_purchase_at, self.now)),
                         new=int(in_window(first_purchase_at, self.now)),
                         email=int(consent_email), sms=int(consent_sms))
        self.add_channel_group(channels_used, 1, lifetime_value)

    def add_clients(self, *, count: int, active: int, new: int, email: int, sms: int) -> None:
        """Clients a database counted with `window_start(now)` as the bound."""
        self.clients += count
        self.active += active
        self.new += new
        self.email += email
        self.sms += sms

    def add_channel_group(self, channels_used: int, count: int, value_sum: Decimal) -> None:
        key = str(channels_used)
        if key not in CHANNEL_BUCKETS or not count:
            return  # never bought (0 channels): no average to take part in
        held, total = self.by_channels.get(key, (0, Decimal("0")))
        self.by_channels[key] = (held + count, total + Decimal(value_sum))

    def add_order(self, *, channel: str, status: str, total: Decimal) -> None:
        """An order (or a database's sum of orders) of a client of the store."""
        if counts(status) and channel in self.revenue:
            self.revenue[channel] += Decimal(total)

    def figures(self) -> KpiFigures:
        averages = {}
        for key in CHANNEL_BUCKETS:
            n, total = self.by_channels.get(key, (0, Decimal("0")))
            averages[key] = ((total / n) if n else Decimal("0")).quantize(
                _CENT, rounding=ROUND_HALF_UP)
        return KpiFigures(
            active_clients=self.active, new_clients=self.new, clients=self.clients,
            consent_email_share=self.email / self.clients if self.clients else 0.0,
            consent_sms_share=self.sms / self.clients if self.clients else 0.0,
            revenue_by_channel={k: v.quantize(_CENT, rounding=ROUND_HALF_UP)
                                for k, v in self.revenue.items()},
            average_value_by_channels=averages, pickups_waiting=self.pickups_waiting)
