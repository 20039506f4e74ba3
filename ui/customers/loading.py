"""Reading a customer's 360 in a worker: the view, the stores' names and the card's QR matrix,
all made off the UI thread; a read made with the scan that found the customer is kept a
moment (`Prefetched`) so the screen paints without a second read."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clienteling.codes.qr import card_payload, qr_matrix
from clienteling.replica.views import Customer360

if TYPE_CHECKING:
    from clienteling.device import Device


@dataclass(frozen=True)
class Prefetched:
    """A customer 360 read together with the scan that found the customer, so the screen
    paints without a second trip to a worker. Older than a second, it is not used."""

    data: Customer360
    stores: dict[str, str] | None
    card_qr: list[list[bool]]
    read_at: float = field(default_factory=time.monotonic)

    def fresh(self) -> bool:
        return time.monotonic() - self.read_at < 1.0


def prefetch_360(device: Device, customer_id: str) -> Prefetched:
    """For workers: the 360 and the stores' names, as `enter(prefetched=…)` takes them."""
    return Prefetched(*load_360(device, customer_id, True))


def load_360(device: Device, customer_id: str, with_stores: bool
              ) -> tuple[Customer360, dict[str, str] | None, list[list[bool]]]:
    """The customer's 360, the stores' names the first time (for the home store), and the
    card's QR code (made here, off the UI thread)."""
    data = device.customers.customer_360(customer_id)
    stores = {s.store_id: s.name for s in device.catalog.stores()} if with_stores else None
    card = data.profile.card
    return data, stores, card_qr_matrix(card) if card else []


def card_qr_matrix(card: str) -> list[list[bool]]:
    """The loyalty card's QR code as a matrix (tens of milliseconds: for workers)."""
    return qr_matrix(card_payload(card), quick=True)
