"""`export.record`: the record of an export of the client book made on the device (who, when,
which filters, how many rows), sent to the server's export audit when the device syncs."""

from __future__ import annotations

from datetime import datetime

from clienteling.api import models as w
from clienteling.outbox.command import Command, Request, Write, payload_of, register, validated
from clienteling.outbox.entry import Row

KIND = "export.record"


class ExportRecord(Command):
    kind = KIND
    label = "outbox.export.record"

    def request(self, row: Row) -> Request:
        return Request("POST", "/exports/records", row.payload)


def write(filters: w.ClientFilters, rows: int, *, at: datetime) -> Write:
    """Raises `export.invalid`."""
    body = validated(w.ExportRecordCreate, "export.invalid", filters=filters, rows=rows, at=at)
    return Write(KIND, payload_of(body))


register(ExportRecord())
