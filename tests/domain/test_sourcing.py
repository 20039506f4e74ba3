"""Which store sources a line: the nearest with enough, whole, one line after another."""

from __future__ import annotations

from clienteling.domain import sourcing
from clienteling.domain.sourcing import allocate, candidates, source

NEAREST_FIRST = ["PAR01", "PAR02", "LYS01"]


def test_the_nearest_store_with_enough_sources_the_line() -> None:
    available = {"PAR01": 1, "PAR02": 3, "LYS01": 9}
    assert source(NEAREST_FIRST, available, 1) == "PAR01"
    assert source(NEAREST_FIRST, available, 2) == "PAR02"
    assert source(NEAREST_FIRST, available, 5) == "LYS01"
    assert candidates(NEAREST_FIRST, available, 2) == ["PAR02", "LYS01"]


def test_a_line_is_never_split_nor_sourced_from_nothing() -> None:
    assert source(NEAREST_FIRST, {"PAR01": 2, "PAR02": 2}, 3) is None
    assert source(NEAREST_FIRST, {}, 1) is None
    assert source(NEAREST_FIRST, {"PAR01": 5}, 0) is None
    # A store that is not among the stores asked never sources (unknown to the device).
    assert source(["PAR02"], {"PAR01": 5}, 1) is None


def test_each_line_takes_from_what_the_lines_before_left() -> None:
    available = {("PAR01", "A"): 2, ("PAR02", "A"): 5, ("PAR01", "B"): 1}
    taken = allocate([(NEAREST_FIRST, "A", 2), (NEAREST_FIRST, "A", 1),
                      (NEAREST_FIRST, "B", 1), (NEAREST_FIRST, "B", 1)], available)
    assert taken == {("PAR01", "A"): 2, ("PAR02", "A"): 1, ("PAR01", "B"): 1}


def test_lines_around_another_store_start_there() -> None:
    available = {("PAR01", "A"): 5, ("LYS01", "A"): 5}
    taken = allocate([(["LYS01", "PAR01"], "A", 1), (NEAREST_FIRST, "A", 1)], available)
    assert taken == {("LYS01", "A"): 1, ("PAR01", "A"): 1}


def test_ready_by_counts_the_transfer_only_when_a_line_comes_from_another_store() -> None:
    from datetime import date

    from clienteling.domain.sourcing import delivery_by, ready_by

    today = date(2026, 1, 5)
    assert ready_by(today, "PAR01", ["PAR01", "PAR01"], 2) == today
    assert ready_by(today, "PAR01", ["PAR01", "LYS01"], 2) == date(2026, 1, 7)
    assert ready_by(today, "PAR01", [], 3) == today
    assert delivery_by(today, 4) == date(2026, 1, 9)


def test_a_short_line_splits_over_the_nearest_stores_or_not_at_all() -> None:
    stores = ["PAR01", "PAR02", "LYS01"]
    assert sourcing.split(stores, {"PAR01": 1, "PAR02": 3}, 2) == [("PAR02", 2)]
    assert sourcing.split(stores, {"PAR01": 1, "PAR02": 1, "LYS01": 5}, 4) == [("LYS01", 4)]
    assert sourcing.split(stores, {"PAR01": 1, "PAR02": 1, "LYS01": 2}, 4) == [
        ("PAR01", 1), ("PAR02", 1), ("LYS01", 2)]
    assert sourcing.split(stores, {"PAR01": 1, "PAR02": 1}, 3) is None
    assert sourcing.split(stores, {"PAR01": -2, "LYS01": 2}, 2) == [("LYS01", 2)]


def test_split_lines_are_sourced_by_the_server_where_they_were_meant() -> None:
    stores = ["PAR01", "PAR02", "LYS01"]
    available = {"PAR01": 2, "PAR02": 1, "LYS01": 5}
    parts = sourcing.split(stores, available, 6)
    assert parts is not None
    taken = sourcing.allocate(((stores, "S", q) for _, q in parts),
                              {(s, "S"): n for s, n in available.items()})
    assert taken == {(s, "S"): q for s, q in parts}
