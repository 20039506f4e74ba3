"""The payment webhook's signature: `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>`
with the shared secret (`CLIENTELING_PAYMENT_WEBHOOK_SECRET`)."""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    """The header value a provider sends with `body`."""
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str | None, body: bytes, header: str | None) -> bool:
    """Whether `header` signs `body` with `secret` (compared in constant time). Without a
    secret set up nothing verifies: every call is refused."""
    if not secret or not header or not header.startswith(PREFIX):
        return False
    return hmac.compare_digest(sign(secret, body).encode(), header.strip().encode())
