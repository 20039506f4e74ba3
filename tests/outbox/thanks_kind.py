"""A throwaway kind of write, whole in this one module: a thank-you card sent to a customer.

It rides on the notes endpoint (the server has nothing else for it) and proves that adding a
kind is adding a module: the queue, the push loop, the overlay and the sync screen need no
change to carry it.
"""

from __future__ import annotations

from sqlalchemy import Connection

from clienteling.outbox import queue
from clienteling.outbox.command import Command, Request, Write, register
from clienteling.outbox.entry import Row
from clienteling.outbox.overlay import created, mark, path_segment
from clienteling.replica.views import TimelineEntry

KIND = "test.thanks"
LABEL = "outbox.test.thanks"


class ThankYouCard(Command):
    kind = KIND
    label = LABEL
    entity = "interaction"

    def request(self, row: Row) -> Request:
        return Request("POST", f"/customers/{path_segment(row.customer_id)}/notes",
                       {"text": f"Thank-you card: {row.payload['words']}",
                        "interaction_id": row.payload["interaction_id"]})

    def waits_for(self, row: Row, earlier: Row) -> bool:
        # One card at a time per customer, on top of the rule for enrolments.
        return super().waits_for(row, earlier) or (
            earlier.kind == KIND and earlier.customer_id == row.customer_id)

    def timeline_entry(self, row: Row, store_id: str | None) -> TimelineEntry | None:
        return TimelineEntry(
            interaction_id=row.payload["interaction_id"], customer_id=row.customer_id or "",
            occurred_at=created(row), channel="store", kind="note",
            summary=f"Thank-you card: {row.payload['words']}", store_id=store_id,
            author=row.author, sync=mark(row))


def write(customer_id: str, words: str) -> Write:
    def check(conn: Connection) -> None:
        queue.customer_known(conn, customer_id)

    return Write(KIND, {"words": words, "interaction_id": queue.new_id("t")},
                 customer_id=customer_id, check=check)


COMMAND = register(ThankYouCard())
