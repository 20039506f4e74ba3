"""Loyalty cards: 13 digits, EAN-13 check digit, GS1 in-store prefix 29."""

from __future__ import annotations

import re

from clienteling.domain.errors import DomainError
from clienteling.domain.gtin import check_digit, with_check_digit

CARD_PREFIX = "29"
CARD_LENGTH = 13
_SEPARATORS = re.compile(r"[\s\-]+")


def normalize_card(text: str) -> str:
    """The 13 digits of a typed or scanned card number, validated.

    Raises `card.format` (not 13 digits, wrong prefix) or `card.check_digit` (a misread or typo:
    the seller should scan again, it is not a "not found").
    """
    digits = _SEPARATORS.sub("", text.strip())
    if not (digits.isascii() and digits.isdigit()) or len(digits) != CARD_LENGTH:
        raise DomainError("card.format", "a loyalty card number has 13 digits", code=text.strip())
    if not digits.startswith(CARD_PREFIX):
        raise DomainError("card.prefix", "a loyalty card number starts with 29", code=digits)
    if check_digit(digits[:-1]) != int(digits[-1]):
        raise DomainError("card.check_digit", "check digit does not match, scan again", code=digits)
    return digits


def looks_like_card(text: str) -> bool:
    """True when `text` has the shape of a card (13 digits starting with 29), valid or not."""
    digits = _SEPARATORS.sub("", text.strip())
    return len(digits) == CARD_LENGTH and digits.isascii() and digits.isdigit() and (
        digits.startswith(CARD_PREFIX)
    )


def card_from_serial(serial: int) -> str:
    """The card number for a serial (10 digits after the prefix), with its check digit."""
    if not 0 <= serial < 10**10:
        raise DomainError("card.serial_range", serial=serial)
    return with_check_digit(f"{CARD_PREFIX}{serial:010d}")
