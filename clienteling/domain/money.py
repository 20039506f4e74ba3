"""Money as Decimal with a currency; never float."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from clienteling.domain.errors import DomainError

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("100000000")  # a sanity bound: no single price or order above 100 M.


def parse_amount(text: str | Decimal | int) -> Decimal:
    """A price from text with a dot ("12.90"), rounded to the cent; raises `money.format`."""
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        raise DomainError("money.format", "not a decimal amount", value=str(text)) from None
    if not value.is_finite() or value < 0 or value >= MAX_AMOUNT:
        raise DomainError("money.range", "amount out of range", value=str(text))
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_EVEN))


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def is_currency(code: str) -> bool:
    return len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()
