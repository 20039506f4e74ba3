"""What a customer's contact details must look like: one rule, on the server and the device."""

from __future__ import annotations

import re

# A whole address: something, one @, a domain with a dot; no spaces. Deliverability is the
# mail server's to judge, not ours.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_EMAIL = re.compile(EMAIL_PATTERN)
EMAIL_MAX_LENGTH = 254


def is_email(text: str) -> bool:
    """Whether `text` is a whole email address (not the start of one)."""
    return len(text) <= EMAIL_MAX_LENGTH and _EMAIL.match(text) is not None
