"""`consent.record`: a consent given or withdrawn (email or SMS) as a fact at this time."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.domain import timeline
from clienteling.outbox import queue
from clienteling.outbox.command import Command, Request, Write, payload_of, register, validated
from clienteling.outbox.entry import Row
from clienteling.outbox.kinds.customer_edit import settle_customer, with_consent
from clienteling.outbox.overlay import created, mark, path_segment
from clienteling.replica.apply import Applied
from clienteling.replica.views import CustomerProfile, TimelineEntry

KIND = "consent.record"


class ConsentRecord(Command):
    kind = KIND
    label = "outbox.consent.record"
    entity = "customer"

    def request(self, row: Row) -> Request:
        return Request("POST", f"/customers/{path_segment(row.customer_id)}/consents",
                       row.payload)

    def settle(self, conn: Connection, row: Row, answer: Any) -> Applied:
        return settle_customer(conn, self.kind, answer, None)

    def on_profile(self, profile: CustomerProfile, row: Row) -> CustomerProfile | None:
        channel = row.payload["channel"]
        profile = with_consent(profile, channel, row.payload["granted"],
                               row.payload.get("source"), row)
        return replace(profile, pending_fields=profile.pending_fields | {f"consent_{channel}"})

    def timeline_entry(self, row: Row, store_id: str | None) -> TimelineEntry | None:
        # Said as the server says it (domain.timeline), so the entry does not change when sent.
        said = timeline.consent(channel=str(row.payload.get("channel")),
                                granted=bool(row.payload.get("granted")),
                                source=row.payload.get("source") or "store")
        return TimelineEntry(
            interaction_id=row.payload.get("interaction_id") or f"outbox-{row.id}",
            customer_id=row.customer_id or "", occurred_at=created(row), channel="store",
            kind="consent", summary=said.summary, code=said.code, params=said.params,
            store_id=store_id, author=row.author, sync=mark(row))


def write(customer_id: str, channel: str, granted: bool, source: str = "store") -> Write:
    """Raises `consent.invalid`; `customer.not_found` when queued."""
    record = validated(w.ConsentRecord, "consent.invalid", channel=channel, granted=granted,
                       source=source, interaction_id=queue.new_id("k"))
    return Write(KIND, payload_of(record), customer_id=customer_id,
                 check=lambda conn: queue.customer_known(conn, customer_id))


register(ConsentRecord())
