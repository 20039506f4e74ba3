"""The device's report of its unsent work: at each contact it tells the server what its outbox
holds (kind, customer, order number, made when), so that if the device is lost and revoked the
manager sees what went with it. Sent only when it changed since the last report."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection

from clienteling.api.client import ApiClient
from clienteling.outbox import queue
from clienteling.replica.database import Replica

REPORTED = "outbox_reported"  # replica meta: the digest of the last report the server took


def outbox_summary(conn: Connection) -> list[dict[str, Any]]:
    """The unsent entries, oldest first, as the server keeps them (no payload)."""
    summary = []
    for row in queue.rows(conn):
        number = row.payload.get("order_number") if row.kind.startswith("order") else None
        if number is None and row.kind.startswith("order"):
            number = row.target
        summary.append({"kind": row.kind, "customer_id": row.customer_id,
                        "order_number": number if isinstance(number, str) else None,
                        "created_at": row.created_at})
    return summary


def report_outbox(replica: Replica, client: ApiClient) -> bool:
    """Tell the server what is unsent, if that changed since the last report. Whether a report
    was sent. Raises what the client raises (the caller classifies it)."""
    with replica.read() as conn:
        entries = outbox_summary(conn)
        last = Replica.get_meta(conn, REPORTED)
    digest = hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()
    if digest == last:
        return False
    client.report_outbox(entries)
    with replica.write() as conn:
        Replica.set_meta(conn, REPORTED, digest)
    return True
