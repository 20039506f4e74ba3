"""Store distances and the nearest-first order both the server and the device use."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clienteling.domain.geo import by_distance, distance_km


@dataclass(frozen=True)
class Store:
    store_id: str
    latitude: float | None
    longitude: float | None


PARIS = Store("PAR01", 48.8600, 2.3470)
MONTPARNASSE = Store("PAR02", 48.8420, 2.3210)
LYON = Store("LYS01", 45.7610, 4.8570)
NOWHERE = Store("WEB", None, None)


def test_distances_are_great_circle_kilometres() -> None:
    assert distance_km(PARIS, LYON) == pytest.approx(392, abs=3)
    assert distance_km(PARIS, MONTPARNASSE) == pytest.approx(2.7, abs=0.3)
    assert distance_km(PARIS, PARIS) == 0
    assert distance_km(PARIS, NOWHERE) is None


def test_the_origin_comes_first_then_the_nearest_and_unknown_last() -> None:
    order = [s.store_id for s, _ in by_distance([NOWHERE, LYON, MONTPARNASSE, PARIS], "PAR01")]
    assert order == ["PAR01", "PAR02", "LYS01", "WEB"]
    assert [s.store_id for s, _ in by_distance([LYON, PARIS], "NOPE")] == ["LYS01", "PAR01"]


coordinates = st.one_of(st.none(), st.floats(-89, 89))


@given(st.lists(st.tuples(coordinates, coordinates), min_size=1, max_size=8))
def test_nearest_first_is_a_permutation_sorted_by_distance(points) -> None:
    stores = [Store(f"S{i}", lat, lon) for i, (lat, lon) in enumerate(points)]
    ranked = by_distance(stores, "S0")
    assert sorted(s.store_id for s, _ in ranked) == sorted(s.store_id for s in stores)
    assert ranked[0][0].store_id == "S0"
    known = [d for _, d in ranked[1:] if d is not None]
    assert known == sorted(known)
    assert all(d is None for _, d in ranked[1 + len(known):])
