"""Scanned text and QR payloads: what a code is, and making and decoding QR images."""

from clienteling.codes.parse import (
    CardCode,
    PickupCode,
    ProductCode,
    ScannedCode,
    parse_customer_code,
    parse_pickup_code,
    parse_scan,
    pickup_payload,
)

__all__ = [
    "CardCode",
    "PickupCode",
    "ProductCode",
    "ScannedCode",
    "parse_customer_code",
    "parse_pickup_code",
    "parse_scan",
    "pickup_payload",
]
