"""Order numbers and pickup codes: the shapes the server checks, and numbers from two devices
(or a device and the server) that can never be the same."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clienteling.domain.errors import DomainError
from clienteling.domain.order_numbers import (
    PICKUP_CODE,
    device_code,
    device_number,
    new_pickup_code,
    number_problem,
    store_part,
)

DAY = date(2026, 1, 5)


def test_a_device_number_has_the_contract_s_shape() -> None:
    number = device_number("par-01", DAY, device_code(123), 1)
    assert number == "PAR01-260105-3F-01"
    assert number_problem(number, "par-01") is None
    assert number_problem(number, "LYS01") is not None
    assert store_part("é-shop_7") == "SHOP7" and store_part("--") == "CL"


@given(st.integers(1, 36**7 - 1), st.integers(1, 36**7 - 1), st.integers(0, 36**6),
       st.integers(0, 36**6))
def test_two_device_sessions_never_make_the_same_number(
        first: int, second: int, one: int, other: int) -> None:
    a = device_number("PAR01", DAY, device_code(first), one)
    b = device_number("PAR01", DAY, device_code(second), other)
    assert number_problem(a, "PAR01") is None and number_problem(b, "PAR01") is None
    assert (a == b) == (first == second and one == other)
    # The server's own suffixes are six characters without a hyphen: never a device's.
    assert not re.fullmatch(r"[0-9A-Z]{6}", a.split("-", 2)[2])


def test_a_device_out_of_number_space_says_so() -> None:
    with pytest.raises(DomainError) as caught:
        device_number("PAR01", DAY, "ABCDEFGHIJKLMN", 36**3)
    assert caught.value.code == "order.number_space"


def test_device_pickup_codes_are_long_random_and_unambiguous() -> None:
    codes = {new_pickup_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(PICKUP_CODE.match(c) and len(c) >= 8 and not set(c) & set("01OIL")
               for c in codes)


def test_what_could_name_an_order_at_all() -> None:
    from clienteling.domain.order_numbers import MAX_LENGTH, could_be_number

    assert could_be_number("PAR01-260105-7K3M9Q")
    assert could_be_number("x" * MAX_LENGTH)
    assert not could_be_number("")
    assert not could_be_number("x" * (MAX_LENGTH + 1))
    assert not could_be_number("PAR01\x00")
