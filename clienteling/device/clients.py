"""The managers' client book: the store's clients read from the replica in keyset pages
(the filters and sorts of `GET /clients`), or the same list online; assignments to a seller
through the outbox (offline they queue); named lists (saved filter states, kept on the
device); the store's sellers to assign to; the record of an export."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from clienteling.api import models as w
from clienteling.api.client import ApiError
from clienteling.device.context import NETWORK_ERRORS, DeviceContext
from clienteling.domain import exports as exports_rule
from clienteling.domain.errors import DomainError
from clienteling.outbox.kinds import client_assign, export_record
from clienteling.replica import book
from clienteling.replica.apply import now_ts
from clienteling.replica.book import ClientPage, ClientRow
from clienteling.replica.reads import fetch_all
from clienteling.replica.views import OutboxEntry

__all__ = ["ClientBookService", "ClientPage", "ClientRow", "NamedList", "StaffMember"]

MAX_LIMIT = 500
MAX_LIST_NAME = 80


@dataclass(frozen=True)
class NamedList:
    name: str
    filters: w.ClientFilters
    saved_at: str


@dataclass(frozen=True)
class StaffMember:
    staff_id: int
    display_name: str
    role: str


def filters_from(data: dict[str, Any], store_id: str) -> w.ClientFilters:
    """Saved filters (JSON) as the book's filters for this store. Raises `clients.invalid`."""
    try:
        return w.ClientFilters.model_validate({**data, "store_id": store_id})
    except ValueError as error:
        raise DomainError("clients.invalid", "these filters are not valid",
                          reason=str(error)[:200]) from None


def filters_json(f: w.ClientFilters) -> dict[str, Any]:
    """The filters as saved and as recorded with an export (defaults left out)."""
    data = f.model_dump(mode="json", exclude_defaults=True)
    data.pop("store_id", None)
    return data


class ClientBookService:
    """Reads run on the replica (never the network) unless `source="server"`; writes go
    through the outbox. For managers and admins of the device's store (the server refuses a
    seller; the app shows the book to managers only)."""

    def __init__(self, context: DeviceContext,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._ctx = context
        self._now = now

    def store_id(self) -> str:
        store_id = self._ctx.settings.store_id
        if not store_id:
            raise DomainError("clients.no_store", "this account works in no store")
        return store_id

    def filters(self, **values: Any) -> w.ClientFilters:
        """The book's filters for this device's store. Raises `clients.invalid`."""
        return filters_from(values, self.store_id())

    # --- reads ---------------------------------------------------------------------------

    def page(self, filters: w.ClientFilters, after: str | None = None, limit: int = 100, *,
             source: Literal["replica", "server"] = "replica") -> ClientPage:
        """One page of the book under `filters` in their sort, after the row `after` (the
        previous page's `next_cursor`). `source="server"`: the same list from `GET /clients`
        (online; raises `clients.offline` without the server). Raises `clients.cursor`."""
        limit = max(1, min(int(limit), MAX_LIMIT))
        session = self._ctx.need()
        if source == "server":
            answer = self._online(lambda: session.client.request(
                "GET", "/clients", params={**filters.model_dump(
                    mode="json", exclude_none=True), "limit": limit,
                    **({"cursor": after} if after else {})}))
            found = w.ClientPage.model_validate(answer)
            return ClientPage([_from_wire(c) for c in found.items], found.next_cursor)
        with session.replica.read() as conn:
            pending = client_assign.pending_assignments(conn)
            return book.page(conn, filters, now=self._now(), limit=limit, after=after,
                             pending=pending)

    def count(self, filters: w.ClientFilters, *,
              cancelled: Callable[[], bool] | None = None) -> int:
        """How many clients the book holds under `filters` (the replica). `cancelled`: when
        it turns true the count stops and raises `book.Interrupted` (the list was left)."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            return book.count(conn, filters, now=self._now(),
                              pending=client_assign.pending_assignments(conn),
                              cancelled=cancelled)

    def server_total(self, filters: w.ClientFilters) -> int:
        """Online: `GET /clients`' total for these filters."""
        session = self._ctx.need()
        answer = self._online(lambda: session.client.request(
            "GET", "/clients", params={**filters.model_dump(mode="json", exclude_none=True),
                                       "limit": 1}))
        return w.ClientPage.model_validate(answer).total

    # --- assignments ---------------------------------------------------------------------

    def assign(self, customer_ids: list[str], seller_id: int) -> OutboxEntry:
        """Assign clients of the store to a seller: queued (sent when online), shown at once.
        Raises `assign.invalid`, `assign.not_a_client`."""
        self._ctx.need()
        return self._ctx.submit(client_assign.write(customer_ids, seller_id,
                                                    self._ctx.settings.store_id))

    def sellers(self) -> list[StaffMember]:
        """The store's sellers to assign to: the server's list when it answers (kept on the
        device), else the last one kept, plus any seller the clients are assigned to."""
        session = self._ctx.need()
        store_id = self.store_id()
        fetched: list[w.StaffMember] | None
        try:
            answer = session.client.request("GET", "/staff", params={"store_id": store_id,
                                                                     "role": "seller"})
            fetched = [w.StaffMember.model_validate(m) for m in answer or []]
        except (*NETWORK_ERRORS, ApiError, ValueError):
            fetched = None  # offline, or refused: the list kept from the last time
        with session.replica.write() as conn:
            if fetched is not None:
                conn.exec_driver_sql("DELETE FROM store_staff WHERE store_id = ?", (store_id,))
                for m in fetched:
                    conn.exec_driver_sql(
                        "INSERT OR REPLACE INTO store_staff(staff_id, store_id, display_name, "
                        "role) VALUES (?, ?, ?, ?)",
                        (m.staff_id, store_id, m.display_name, m.role.value))
            kept = fetch_all(conn, "SELECT staff_id, display_name, role FROM store_staff "
                                   "WHERE store_id = ? ORDER BY display_name, staff_id",
                             (store_id,))
            seen = book.sellers_seen(conn, store_id)
        found = [StaffMember(r["staff_id"], r["display_name"], r["role"]) for r in kept]
        known = {m.staff_id for m in found}
        # A seller the clients are assigned to but the list does not name (not fetched yet):
        # still assignable and filterable; the UI names them by number.
        found += [StaffMember(s, "", "seller") for s in seen if s not in known]
        return found

    # --- named lists -----------------------------------------------------------------------

    def save_list(self, name: str, filters: w.ClientFilters) -> NamedList:
        """Keep the filters and sort under `name` (replacing a list of that name). Raises
        `clients.list_name`."""
        name = " ".join(name.split())
        if not name or len(name) > MAX_LIST_NAME:
            raise DomainError("clients.list_name", "a list needs a name of 1 to 80 characters",
                              max=MAX_LIST_NAME)
        saved = NamedList(name, filters, now_ts())
        session = self._ctx.need()
        with session.replica.write() as conn:
            conn.exec_driver_sql(
                "INSERT INTO client_lists(name, filters, saved_at) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET filters = excluded.filters, "
                "saved_at = excluded.saved_at",
                (name, json.dumps(filters_json(filters), separators=(",", ":")),
                 saved.saved_at))
        return saved

    def lists(self) -> list[NamedList]:
        """The saved lists by name (a list whose filters no longer read is left out)."""
        session = self._ctx.need()
        store_id = self.store_id()
        with session.replica.read() as conn:
            rows = fetch_all(conn, "SELECT name, filters, saved_at FROM client_lists "
                                   "ORDER BY name COLLATE NOCASE")
        found = []
        for r in rows:
            try:
                found.append(NamedList(r["name"], filters_from(json.loads(r["filters"]),
                                                               store_id), r["saved_at"]))
            except (DomainError, ValueError):
                continue
        return found

    def delete_list(self, name: str) -> bool:
        session = self._ctx.need()
        with session.replica.write() as conn:
            gone = conn.exec_driver_sql("DELETE FROM client_lists WHERE name = ?", (name,))
            return bool(gone.rowcount)

    # --- exports ---------------------------------------------------------------------------

    def export_csv(self, filters: w.ClientFilters, path: str | Path, *, separator: str = ",",
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None,
                   total: int | None = None) -> int | None:
        """Write the book under `filters` to a CSV file at `path` (UTF-8 with a BOM, so Excel
        reads the accents; `separator` "," or ";" as the locale's spreadsheet expects), the
        columns of `POST /exports`, contact details only where the client consented
        (`domain.exports`), then record the export on the server (queued: an export made
        offline is recorded when the device syncs). `progress(done, total)` after each page;
        when `cancelled()` turns true the file is removed and nothing is recorded (None).
        `total`: the list's size when the caller knows it already. Returns the number of
        rows. Raises `export.separator`, `export.write`."""
        if separator not in (",", ";"):
            raise DomainError("export.separator", "the separator is a comma or a semicolon",
                              separator=separator)
        target = Path(path)
        partial = target.with_name(target.name + ".part")
        # The list's size for the progress (the caller's count when it has one).
        total = self.count(filters) if total is None else total
        done = 0
        try:
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=separator, lineterminator="\r\n")
                writer.writerow(exports_rule.COLUMNS)
                # One query in one read transaction, written a chunk at a time: the rows'
                # cells come from SQL (`book.export_rows`), not a row object each.
                session = self._ctx.need()
                with session.replica.read() as conn, closing(book.export_rows(
                        conn, filters, now=self._now(),
                        pending=client_assign.pending_assignments(conn))) as chunks:
                    for chunk in chunks:
                        if cancelled is not None and cancelled():
                            raise _Cancelled
                        writer.writerows(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, max(total, done))
                if cancelled is not None and cancelled():
                    raise _Cancelled
                if progress is not None and done == 0:
                    progress(0, total)
            partial.replace(target)
        except _Cancelled:
            partial.unlink(missing_ok=True)
            return None
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise DomainError("export.write", "the file could not be written",
                              path=str(target), reason=error.strerror or str(error)) from None
        self.record_export(filters, done)
        return done

    def record_export(self, filters: w.ClientFilters, rows: int) -> OutboxEntry:
        """Record an export made on the device (who, when, which filters, how many rows) on
        the server: queued, sent when online."""
        self._ctx.need()
        return self._ctx.submit(export_record.write(filters, rows, at=self._now()))

    def _online(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except NETWORK_ERRORS as error:
            raise DomainError("clients.offline", "the server cannot be reached",
                              offline=True, reason=error.code) from None


class _Cancelled(Exception):
    """The person cancelled the export."""


def _from_wire(c: w.Client) -> ClientRow:
    return ClientRow(
        customer_id=c.customer_id, first_name=c.first_name, last_name=c.last_name, tier=c.tier,
        lifetime_value=c.lifetime_value.quantize(book.CENT), orders_count=c.orders_count,
        last_purchase_at=c.last_purchase_at, channels=tuple(c.channels),
        consent_email=c.consents.email, consent_sms=c.consents.sms,
        assigned_seller_id=c.assigned_seller_id, segment=c.segment.value)
