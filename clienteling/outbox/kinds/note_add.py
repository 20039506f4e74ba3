"""`note.add`: a seller's note on the customer's timeline."""

from __future__ import annotations

from clienteling.api import models as w
from clienteling.outbox import queue
from clienteling.outbox.command import Command, Request, Write, payload_of, register, validated
from clienteling.outbox.entry import Row
from clienteling.outbox.overlay import created, mark, path_segment
from clienteling.replica.views import TimelineEntry

KIND = "note.add"


class NoteAdd(Command):
    kind = KIND
    label = "outbox.note.add"
    entity = "interaction"

    def request(self, row: Row) -> Request:
        return Request("POST", f"/customers/{path_segment(row.customer_id)}/notes",
                       row.payload)

    def timeline_entry(self, row: Row, store_id: str | None) -> TimelineEntry | None:
        return TimelineEntry(
            interaction_id=row.payload.get("interaction_id") or f"outbox-{row.id}",
            customer_id=row.customer_id or "", occurred_at=created(row), channel="store",
            kind="note", summary=row.payload.get("text", ""), store_id=store_id,
            author=row.author, sync=mark(row))


def write(customer_id: str, text: str) -> Write:
    """Raises `note.invalid`; `customer.not_found` when queued."""
    note = validated(w.NoteCreate, "note.invalid", text=text, interaction_id=queue.new_id("n"))
    return Write(KIND, payload_of(note), customer_id=customer_id,
                 check=lambda conn: queue.customer_known(conn, customer_id))


register(NoteAdd())
