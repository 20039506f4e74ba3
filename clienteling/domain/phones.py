"""Phone numbers in any common format, normalised to E.164 with `phonenumbers`."""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "FR"


def to_e164(text: str | None, region: str = DEFAULT_REGION) -> str | None:
    """E.164 form of a phone number ("06 12 34 56 78" → "+33612345678"), None if it is not one."""
    if not text or not text.strip() or len(text) > 64:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(text: str) -> bool:
    """Mostly digits with phone punctuation, at least 6 digits: worth trying as a phone number."""
    stripped = text.strip()
    digits = sum(ch.isdigit() for ch in stripped)
    return digits >= 6 and all(ch.isdigit() or ch in " +-.()/" for ch in stripped)
