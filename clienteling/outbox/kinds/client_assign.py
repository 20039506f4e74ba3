"""`client.assign`: a manager assigns clients of the store to a seller.

Offline it waits in the outbox; the client book shows the new seller at once (its `pending`
map, `pending_assignments`), and once the server took it the replica's rows say so until the
feed brings the customers' new versions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.domain.errors import DomainError
from clienteling.outbox import queue
from clienteling.outbox.command import Command, Request, Write, payload_of, register, validated
from clienteling.outbox.entry import Row
from clienteling.replica.apply import Applied, BadChange
from clienteling.replica.reads import fetch_all

KIND = "client.assign"


class ClientAssign(Command):
    kind = KIND
    label = "outbox.client.assign"

    def request(self, row: Row) -> Request:
        return Request("POST", "/clients/assign", row.payload)

    def settle(self, conn: Connection, row: Row, answer: Any) -> Applied:
        if not isinstance(answer, dict) or not isinstance(answer.get("assigned"), int):
            raise BadChange(f"{self.kind}: the server's answer is not {{assigned}}")
        ids = list(row.payload["customer_ids"])
        applied = Applied(count=len(ids))
        # The server has it: the stored assignment says so until the feed brings the
        # customers' new versions (which say the same).
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            conn.exec_driver_sql(
                f"UPDATE customers SET assigned_seller_id = ? WHERE customer_id IN "
                f"({', '.join('?' for _ in chunk)})", (row.payload["seller_id"], *chunk))
        for customer_id in ids:
            applied.add("customer", customer_id, customer_id)
        return applied


def pending_assignments(conn: Connection) -> dict[str, int | None]:
    """customer → the seller of their latest unsent assignment (sent or failed: both still
    shown until the server takes it or the manager drops it)."""
    found: dict[str, int | None] = {}
    for row in queue.rows(conn, kinds=[KIND]):
        for customer_id in row.payload.get("customer_ids", ()):
            found[customer_id] = row.payload.get("seller_id")
    return found


def write(customer_ids: list[str], seller_id: int, store_id: str | None) -> Write:
    """Raises `assign.invalid` (no client, too many, no seller); when queued
    `assign.not_a_client` for customers that are not the store's clients on this device."""
    ids = list(dict.fromkeys(customer_ids))
    body = validated(w.ClientAssign, "assign.invalid", customer_ids=ids, seller_id=seller_id)

    def check(conn: Connection) -> None:
        known: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            known.update(r[0] for r in fetch_all(
                conn, f"SELECT customer_id FROM customers WHERE home_store_id = ? AND "
                      f"customer_id IN ({', '.join('?' for _ in chunk)})", (store_id, *chunk)))
        strangers = [c for c in ids if c not in known]
        if strangers:
            raise DomainError("assign.not_a_client", "Some of these customers are not clients "
                              "of this store.", customer_ids=strangers[:20],
                              count=len(strangers))

    # One customer names the entry (the outbox lists it with them); the rest are in the body.
    return Write(KIND, payload_of(body), customer_id=ids[0] if len(ids) == 1 else None,
                 target=str(seller_id), check=check)


register(ClientAssign())
