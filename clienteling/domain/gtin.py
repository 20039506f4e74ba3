"""GS1 check digits for EAN-13, EAN-8, UPC-A (GTIN family) and the loyalty cards built on them."""

from __future__ import annotations

from clienteling.domain.errors import DomainError

GTIN_LENGTHS = (8, 12, 13)


def check_digit(body: str) -> int:
    """The GS1 check digit of `body` (the digits without their check digit)."""
    total = 0
    # Weights 3,1,3,1… from the rightmost digit of the body.
    for i, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def with_check_digit(body: str) -> str:
    return body + str(check_digit(body))


def is_valid_gtin(code: str) -> bool:
    return (
        code.isascii()
        and code.isdigit()
        and len(code) in GTIN_LENGTHS
        and check_digit(code[:-1]) == int(code[-1])
    )


def validate_gtin(code: str) -> str:
    """Return `code` if it is a well-formed EAN-13/EAN-8/UPC-A, else raise `ean.*`."""
    if not (code.isascii() and code.isdigit()) or len(code) not in GTIN_LENGTHS:
        raise DomainError("ean.format", f"not an EAN-13, EAN-8 or UPC-A code: {code!r}", code=code)
    if check_digit(code[:-1]) != int(code[-1]):
        raise DomainError("ean.check_digit", "check digit does not match", code=code)
    return code
