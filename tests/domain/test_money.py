"""Money: a Decimal with its currency, shown through Babel in French and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clienteling.domain.errors import DomainError
from clienteling.domain.money import MAX_AMOUNT, Money


def spaces(text: str) -> str:
    # CLDR's French groups with a narrow no-break space and puts a no-break space before €.
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_french_and_english_write_euros_their_way() -> None:
    price = Money(Decimal("1234.5"), "EUR")
    assert spaces(price.display("fr_FR")) == "1 234,50 €"
    assert spaces(price.display("fr")) == "1 234,50 €"
    assert price.display("en_GB") == "€1,234.50"
    assert price.display("en_US") == "€1,234.50"


def test_other_currencies_come_from_the_locale_data_not_a_table() -> None:
    assert Money(Decimal("12"), "GBP").display("en_GB") == "£12.00"
    assert spaces(Money(Decimal("12"), "GBP").display("fr_FR")) == "12,00 £GB"
    assert spaces(Money(Decimal("1234"), "JPY").display("fr_FR")) == "1 234 JPY"  # no cents
    assert Money(Decimal("1234"), "JPY").display("en_US") == "¥1,234"
    assert spaces(Money(Decimal("9.9"), "CHF").display("fr_CH")) == "9,90 CHF"
    # A currency CLDR does not know still shows, with its code.
    assert Money(Decimal("5"), "XYZ").display("en") == "XYZ5.00"


def test_an_unknown_locale_reads_as_english() -> None:
    assert Money(Decimal("3.5"), "EUR").display("zz_ZZ") == "€3.50"
    assert Money(Decimal("3.5"), "EUR").display(None) == "€3.50"


def test_amounts_stay_exact_decimals() -> None:
    money = Money("0.10", "EUR")  # type: ignore[arg-type]
    assert money.amount == Decimal("0.10") and isinstance(money.amount, Decimal)
    assert Money(Decimal("0.1") + Decimal("0.2"), "EUR").amount == Decimal("0.3")


@pytest.mark.parametrize(("amount", "currency", "code"), [
    ("douze", "EUR", "money.format"),
    ("NaN", "EUR", "money.format"),
    ("Infinity", "EUR", "money.format"),
    ("-1", "EUR", "money.range"),
    (str(MAX_AMOUNT), "EUR", "money.range"),
    ("1", "eur", "money.currency"),
    ("1", "EURO", "money.currency"),
    ("1", "€", "money.currency"),
])
def test_bad_money_is_refused_with_a_code(amount: str, currency: str, code: str) -> None:
    with pytest.raises(DomainError) as caught:
        Money(amount, currency)  # type: ignore[arg-type]
    assert caught.value.code == code
