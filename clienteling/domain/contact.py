"""What a customer's contact details must look like: one rule, on the server and the device."""

from __future__ import annotations

import re

# The one email rule: the wire model (its pattern), the importer and the app's contact dialog
# all check with it. A whole address: something, one @, a domain of dot-separated labels (at
# least two, none empty); no spaces; at most 254 characters. Deliverability is the mail
# server's to judge, not ours (see the README on email-validator).
EMAIL_PATTERN = r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$"
_EMAIL = re.compile(EMAIL_PATTERN)
EMAIL_MAX_LENGTH = 254
EMAIL_FORMAT = "email.format"
EMAIL_TOO_LONG = "email.too_long"


def email_problem(text: str) -> str | None:
    """What is wrong with `text` as an email address (a field error code the app translates),
    or None when it is one."""
    if len(text) > EMAIL_MAX_LENGTH:
        return EMAIL_TOO_LONG
    if _EMAIL.match(text) is None:
        return EMAIL_FORMAT
    return None


def is_email(text: str) -> bool:
    """Whether `text` is a whole email address (not the start of one)."""
    return email_problem(text) is None
