"""The French postcode rule (domain.address): five digits of an existing département."""

from __future__ import annotations

import pytest

from clienteling.domain.address import (
    MESSAGES,
    NO_SUCH_DEPARTEMENT,
    NOT_FIVE_DIGITS,
    normalise_postcode,
    postcode_problem,
)


@pytest.mark.parametrize("postcode", [
    "01000", "75011", "13001", "95880", "20000", "20200",  # Corsica (2A/2B) is written 20
    "97100", "97200", "97300", "97400", "97500", "97600", "97615", " 75 011 ",
])
def test_existing_departements_are_accepted(postcode: str) -> None:
    assert postcode_problem(postcode) is None


@pytest.mark.parametrize(("postcode", "why"), [
    ("00100", NO_SUCH_DEPARTEMENT), ("96000", NO_SUCH_DEPARTEMENT),
    ("97000", NO_SUCH_DEPARTEMENT), ("97700", NO_SUCH_DEPARTEMENT),
    ("97900", NO_SUCH_DEPARTEMENT), ("98000", NO_SUCH_DEPARTEMENT),
    ("99999", NO_SUCH_DEPARTEMENT), ("2A000", NOT_FIVE_DIGITS), ("7501", NOT_FIVE_DIGITS),
    ("750111", NOT_FIVE_DIGITS), ("", NOT_FIVE_DIGITS), ("75O11", NOT_FIVE_DIGITS),
    ("７５０１１", NOT_FIVE_DIGITS),  # full-width digits are not a postcode
])
def test_other_codes_say_why(postcode: str, why: str) -> None:
    assert postcode_problem(postcode) == why
    assert MESSAGES[why]


def test_other_countries_are_taken_as_given() -> None:
    assert postcode_problem("SW1A 1AA", "GB") is None
    assert postcode_problem("99999", "fr") == NO_SUCH_DEPARTEMENT


def test_spaces_are_dropped() -> None:
    assert normalise_postcode(" 75 011\t") == "75011"
