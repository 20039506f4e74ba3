"""Order numbers and pickup codes: their shape, shared by the server (which checks and makes
them) and the device (which makes its own, offline).

An order number is `<STORE>-<yymmdd>-<suffix>`. The server's suffix is 6 characters without a
hyphen; a device's is `<device code>-<counter>` (base 36): the device code is unique per
sign-in (the server derives it from the session's row id) and the counter only grows on the
device, so two devices, or a device and the server, can never make the same number.
"""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime

from clienteling.domain.errors import DomainError

MAX_LENGTH = 40  # the server stores at most this many characters
SUFFIX = re.compile(r"^[0-9A-Z-]{4,16}$")
PICKUP_CODE = re.compile(r"^[A-Z0-9]{4,32}$")
_NUMBER = re.compile(r"^(?P<store>[A-Z0-9]+)-(?P<day>\d{6})-(?P<suffix>[0-9A-Z-]{4,16})$")
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Pickup codes are read from a screen or a sheet of paper: no 0/O, 1/I/L.
PICKUP_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
DEVICE_PICKUP_LENGTH = 10


def could_be_number(text: str) -> bool:
    """Whether `text` could name a stored order at all (at most `MAX_LENGTH` printable
    characters; a NUL byte, which PostgreSQL would refuse, never does): anything else is
    simply no order, a 404, without asking the database."""
    return 0 < len(text) <= MAX_LENGTH and text.isprintable()


def store_part(store_id: str) -> str:
    """The STORE of a number: the store id in capitals, other characters removed."""
    return "".join(ch for ch in store_id.upper() if ch.isascii() and ch.isalnum())[:12] or "CL"


def base36(value: int) -> str:
    if value < 0:
        raise ValueError("a counter is not negative")
    digits = ""
    while True:
        value, rest = divmod(value, 36)
        digits = _BASE36[rest] + digits
        if value == 0:
            return digits


def device_code(session_id: int) -> str:
    """The code a device puts in the numbers it makes: unique per device session."""
    return base36(session_id)


def device_number(store_id: str, day: date, code: str, counter: int) -> str:
    """The device's `counter`-th order number, from `store_id` on `day`. Raises
    `order.number_space` when the code and counter no longer fit in a suffix."""
    suffix = f"{code}-{base36(counter).rjust(2, '0')}"
    if not SUFFIX.match(suffix):
        raise DomainError("order.number_space", "this device cannot number more orders: sign "
                          "in again", code=code, counter=counter)
    return f"{store_part(store_id)}-{day:%y%m%d}-{suffix}"


def new_pickup_code() -> str:
    """A pickup code a device makes: random (the QR is the proof of the order), unambiguous."""
    return "".join(secrets.choice(PICKUP_ALPHABET) for _ in range(DEVICE_PICKUP_LENGTH))


def number_problem(number: str, origin_store_id: str) -> str | None:
    """Why `number` is not a valid order number for an order from `origin_store_id`, or None."""
    found = _NUMBER.match(number)
    if found is None or len(number) > MAX_LENGTH:
        return "an order number is <STORE>-<yymmdd>-<4 to 16 of 0-9 A-Z ->"
    if found["store"] != store_part(origin_store_id):
        return f"an order from {origin_store_id} starts with {store_part(origin_store_id)}-"
    try:
        datetime.strptime(found["day"], "%y%m%d")
    except ValueError:
        return "yymmdd is not a date"
    return None
