"""Which store sources an order line: one rule, the server's reservation and the device's
estimate of what its unsent orders will take.

A line comes whole from one store (never split), the nearest to the pickup store (or, for a
delivery, the origin store) that has enough available; the stores are given nearest first
(`domain.geo`). The server asks the candidates in this order and keeps the first whose
conditional reservation succeeds; the device takes the first candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

# Days for goods to travel between two stores unless the chain sets otherwise (the server's
# CLIENTELING_STORE_TRANSFER_DAYS; a device offline uses what its last quote showed, or this).
TRANSFER_DAYS_DEFAULT = 2


def candidates(stores: Sequence[str], available: Mapping[str, int], quantity: int
               ) -> list[str]:
    """The stores that can source a line of `quantity`, in the order they are asked."""
    if quantity <= 0:
        return []
    return [store_id for store_id in stores if available.get(store_id, 0) >= quantity]


def source(stores: Sequence[str], available: Mapping[str, int], quantity: int) -> str | None:
    """The store a line of `quantity` comes from, or None when no single store has enough."""
    found = candidates(stores, available, quantity)
    return found[0] if found else None


def allocate(lines: Iterable[tuple[Sequence[str], str, int]],
             available: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """(store_id, sku) → quantity taken by `lines` (stores nearest first, sku, quantity), each
    line in turn from what the lines before it left."""
    taken: dict[tuple[str, str], int] = {}
    for stores, sku, quantity in lines:
        left = {store_id: available.get((store_id, sku), 0) - taken.get((store_id, sku), 0)
                for store_id in stores}
        store_id = source(stores, left, quantity)
        if store_id is not None:
            taken[(store_id, sku)] = taken.get((store_id, sku), 0) + quantity
    return taken


def split(stores: Sequence[str], available: Mapping[str, int], quantity: int
          ) -> list[tuple[str, int]] | None:
    """A line no single store can source, as lines that stores can: (store, quantity), the
    nearest stores emptied first, so that the server, sourcing the lines in this order, finds
    each one where it is meant to come from. One line when a store has enough; None when the
    stores together have less than `quantity`."""
    whole = source(stores, available, quantity)
    if whole is not None:
        return [(whole, quantity)]
    parts: list[tuple[str, int]] = []
    left = quantity
    for store_id in stores:
        take = min(max(available.get(store_id, 0), 0), left)
        if take:
            parts.append((store_id, take))
            left -= take
        if not left:
            return parts
    return None


def ready_by(today: date, pickup_store: str, sources: Iterable[str], transfer_days: int
             ) -> date:
    """When a click-and-collect order can be collected: today when every line is on the pickup
    store's shelf, else after the transfer from the other stores."""
    return today if all(s == pickup_store for s in sources) else today + timedelta(
        days=transfer_days)


def delivery_by(today: date, max_days: int) -> date:
    """The latest expected date of a home delivery (each line ships from its own store)."""
    return today + timedelta(days=max_days)
