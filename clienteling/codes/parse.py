"""What a scanned or typed code is: a loyalty card, a product, or a pickup QR."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from clienteling.domain.cards import looks_like_card, normalize_card
from clienteling.domain.errors import DomainError
from clienteling.domain.gtin import GTIN_LENGTHS, validate_gtin

CARD_URI = "clienteling:card/"
PICKUP_URI = "clienteling:pickup/"
MAX_CODE_LENGTH = 512
_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$")
_ORDER_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]{2,39}$")
_PICKUP_SECRET = re.compile(r"^[A-Za-z0-9]{4,32}$")


@dataclass(frozen=True)
class CardCode:
    card: str


@dataclass(frozen=True)
class ProductCode:
    """`ean` when the code is a well-formed GTIN, else `sku` (the shop's own reference)."""

    ean: str | None = None
    sku: str | None = None

    @property
    def code(self) -> str:
        return self.ean or self.sku or ""


@dataclass(frozen=True)
class PickupCode:
    order_number: str
    pickup_code: str

    @property
    def payload(self) -> str:
        return pickup_payload(self.order_number, self.pickup_code)


ScannedCode = CardCode | ProductCode | PickupCode


def pickup_payload(order_number: str, pickup_code: str) -> str:
    return f"{PICKUP_URI}{order_number}/{pickup_code}"


def _clean(text: str) -> str:
    if len(text) > MAX_CODE_LENGTH:
        raise DomainError("code.too_long", "code too long", length=len(text))
    # Scanners may add control characters (GS, CR) around the payload.
    return "".join(ch for ch in text if ch.isprintable()).strip()


def parse_customer_code(text: str) -> str:
    """The card number inside a card scan or a customer QR (bare, `clienteling:card/…`, https URL).

    Raises `card.*` when it is a card with a wrong check digit, `code.unknown` when it is not a
    customer code at all.
    """
    raw = _clean(text)
    if raw.lower().startswith(CARD_URI):
        return normalize_card(unquote(raw[len(CARD_URI):]))
    if raw.lower().startswith("https://"):
        parts = urlsplit(raw)
        segments = [s for s in parts.path.split("/") if s]
        if not parts.hostname or not segments:
            raise DomainError("code.unknown", "not a customer code", code=raw[:80])
        return normalize_card(unquote(segments[-1]))
    if looks_like_card(raw) or (raw.replace(" ", "").replace("-", "").isdigit() and raw):
        return normalize_card(raw)
    raise DomainError("code.unknown", "not a customer code", code=raw[:80])


def parse_pickup_code(text: str) -> PickupCode:
    raw = _clean(text)
    if not raw.lower().startswith(PICKUP_URI):
        raise DomainError("pickup.format", "not a pickup code", code=raw[:80])
    parts = raw[len(PICKUP_URI):].split("/")
    if len(parts) != 2 or not _ORDER_NUMBER.match(parts[0]) or not _PICKUP_SECRET.match(parts[1]):
        raise DomainError("pickup.format", "damaged pickup code, scan again", code=raw[:80])
    return PickupCode(order_number=parts[0], pickup_code=parts[1])


def parse_scan(text: str) -> ScannedCode:
    """Route any scanned text: card → CardCode, product code → ProductCode, pickup QR → PickupCode.

    A 13-digit code starting with 29 is a loyalty card (GS1 in-store range), so a bad check digit
    there is `card.check_digit`; any other all-digit code of GTIN length must be a valid GTIN.
    """
    raw = _clean(text)
    if not raw:
        raise DomainError("code.empty", "nothing was scanned")
    low = raw.lower()
    if low.startswith(PICKUP_URI):
        return parse_pickup_code(raw)
    if low.startswith(CARD_URI) or low.startswith("https://") or looks_like_card(raw):
        return CardCode(parse_customer_code(raw))
    compact = raw.replace(" ", "")
    if compact.isascii() and compact.isdigit() and len(compact) in GTIN_LENGTHS:
        return ProductCode(ean=validate_gtin(compact))
    if _SKU.match(raw):
        return ProductCode(sku=raw)
    raise DomainError("code.unknown", "this code is not a card, a product or a pickup code",
                      code=raw[:80])
