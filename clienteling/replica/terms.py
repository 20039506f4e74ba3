"""The selling terms the device keeps from its last online answers (replica meta): the home
delivery methods with their fee and days (GET /delivery-methods) and the store transfer days
a quote showed, so a checkout offline estimates the fee, `ready_by` and `delivery_by` with the
server's last word rather than numbers of its own."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection

from clienteling.domain.sourcing import TRANSFER_DAYS_DEFAULT
from clienteling.replica.database import Replica

DELIVERY_METHODS = "delivery_methods"  # JSON list of {method, fee {amount, currency}, …}
DELIVERY_METHODS_AT = "delivery_methods_at"  # ISO time of the answer
TRANSFER_DAYS = "store_transfer_days"  # learned from a quote sourced from another store


def delivery_methods(conn: Connection) -> list[dict[str, Any]]:
    """The methods of the last online answer, as the wire gave them; [] if never asked."""
    raw = Replica.get_meta(conn, DELIVERY_METHODS)
    if not raw:
        return []
    try:
        methods = json.loads(raw)
    except ValueError:
        return []
    return [m for m in methods if isinstance(m, dict) and isinstance(m.get("method"), str)]


def delivery_method(conn: Connection, name: str) -> dict[str, Any] | None:
    return next((m for m in delivery_methods(conn) if m["method"] == name), None)


def keep_delivery_methods(conn: Connection, methods: Iterable[Mapping[str, Any]],
                          at: str) -> None:
    Replica.set_meta(conn, DELIVERY_METHODS, json.dumps([dict(m) for m in methods]))
    Replica.set_meta(conn, DELIVERY_METHODS_AT, at)


def transfer_days(conn: Connection) -> int:
    raw = Replica.get_meta(conn, TRANSFER_DAYS)
    try:
        return int(raw) if raw is not None else TRANSFER_DAYS_DEFAULT
    except ValueError:
        return TRANSFER_DAYS_DEFAULT


def keep_transfer_days(conn: Connection, days: int) -> None:
    Replica.set_meta(conn, TRANSFER_DAYS, str(max(0, int(days))))
