"""The device's report of its unsent work: at each contact it tells the server what its outbox
holds (kind, customer, order number, made when), so that if the device is lost and revoked the
manager sees what went with it. Sent only when it changed since the last report."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection

from clienteling.api.client import ApiClient
from clienteling.replica.database import Replica

REPORTED = "outbox_reported"  # replica meta: the digest of the last report the server took


def outbox_summary(conn: Connection) -> list[dict[str, Any]]:
    """The unsent entries, oldest first, as the server keeps them (no payload). One query that
    reads only these columns: it runs at every sync cycle, whatever the outbox holds."""
    rows = conn.exec_driver_sql(
        "SELECT kind, customer_id, created_at, CASE WHEN kind LIKE 'order.%' THEN "
        "coalesce(json_extract(payload, '$.order_number'), target) END "
        "FROM outbox ORDER BY id").all()
    return [{"kind": kind, "customer_id": customer_id,
             "order_number": number if isinstance(number, str) else None,
             "created_at": created_at}
            for kind, customer_id, created_at, number in rows]


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
