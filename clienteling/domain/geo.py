"""Distances between stores and the order in which stores serve one another: nearest first.

One copy for the server (which store sources a line, which stores' stock a device gets) and the
device (the stock screen, the optimistic sourcing of an order placed offline)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol, TypeVar

EARTH_RADIUS_KM = 6371.0


class Located(Protocol):
    @property
    def store_id(self) -> str: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...


S = TypeVar("S", bound=Located)


def distance_km(a: Located, b: Located) -> float | None:
    """Great-circle (haversine) distance; None when either store has no coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def by_distance(stores: Iterable[S], origin_id: str | None) -> list[tuple[S, float | None]]:
    """Every store with its distance from `origin_id`: that store first, then nearest first,
    stores without coordinates last, ties by store id. Without such an origin, by store id."""
    stores = list(stores)
    origin = next((s for s in stores if s.store_id == origin_id), None)
    if origin is None:
        return [(s, None) for s in sorted(stores, key=lambda s: s.store_id)]
    measured = [(s, distance_km(origin, s)) for s in stores]
    measured.sort(key=lambda sd: (sd[0].store_id != origin_id,
                                  math.inf if sd[1] is None else sd[1], sd[0].store_id))
    return measured
