"""The client book read from the replica: a store's clients under the filters and sorts of
`GET /clients`, in keyset pages over the customers' stored figures (`replica.figures`), with one
index per sort (`schema.customers`).

The same meaning as the server's book: a store's clients are the customers whose home store it
is; `q` is the customer search's match; dates are inclusive, in UTC; `name` sorts by folded last
name then first name; never-bought customers come first ascending by last purchase and last
descending; the segment is `domain.segments`' rule said in SQL, so a filter by segment finds
exactly the customers `segment_of` names. Unsent assignments (outbox) are laid over the stored
ones by the caller's `pending` map.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.domain import exports, segments
from clienteling.domain.errors import DomainError
from clienteling.replica.reads import fetch_all, scalar
from clienteling.replica.search import customer_match

# sort name → (columns of the keyset, in order); customer_id always closes the key.
SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("last_name_key", "first_name_key"),
    "lifetime_value": ("lifetime_value",),
    "last_purchase_at": ("last_purchase_at",),
    "orders_count": ("orders_count",),
    "channels": ("channels_count",),
}
ROW_COLUMNS = ("customer_id, first_name, last_name, email, phone, tier, lifetime_value, "
               "orders_count, last_purchase_at, channels, consent_email, consent_sms, "
               "assigned_seller_id, last_name_key, first_name_key, channels_count")
CENT = Decimal("0.01")


class ClientRow(NamedTuple):
    """A row of the client book (the wire's `Client`, plus the contact details an export
    shows where the client consented, and whether the assignment shown is still unsent).

    A named tuple of plain values: quick to make a page of, and a table keeping thousands can
    keep them as plain tuples (`tuple(row)`), which the garbage collector stops tracking."""

    customer_id: str
    first_name: str
    last_name: str
    tier: str
    lifetime_value: Decimal
    orders_count: int
    last_purchase_at: datetime | None
    channels: tuple[str, ...]
    consent_email: bool
    consent_sms: bool
    assigned_seller_id: int | None
    segment: str
    email: str | None = None
    phone: str | None = None
    assignment_unsent: bool = False


@dataclass(frozen=True)
class ClientPage:
    items: list[ClientRow]
    next_cursor: str | None


def ts_of(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _day_start(day: date) -> str:
    return ts_of(datetime.combine(day, time(), tzinfo=UTC))


def bad_cursor() -> DomainError:
    return DomainError("clients.cursor", "This page cursor is not valid for this list: "
                       "start again.")


# --- the filters in SQL ------------------------------------------------------------------------


def _rule_sql(rule: segments.Rule, now: datetime, params: list[Any]) -> str:
    """`rule.meets` over the stored figures ('' is never bought); never NULL."""
    parts = ["1"]
    since = rule.since(now)
    if since is not None:
        params.append(ts_of(since))
        bought = "(last_purchase_at <> '' AND last_purchase_at >= ?)"
        parts.append(f"(last_purchase_at = '' OR {bought})" if rule.never_ok else bought)
    if rule.min_orders is not None:
        parts.append("orders_count >= ?")
        params.append(rule.min_orders)
    if rule.max_orders is not None:
        parts.append("orders_count <= ?")
        params.append(rule.max_orders)
    if rule.min_value is not None:
        parts.append("lifetime_value >= ?")
        params.append(float(rule.min_value))
    return "(" + " AND ".join(parts) + ")"


def segment_sql(segment: str, now: datetime, params: list[Any]) -> str:
    earlier, own = segments.rules_until(segments.Segment(segment))
    parts = [_rule_sql(own, now, params)]
    parts += [f"NOT {_rule_sql(r, now, params)}" for r in earlier]
    return "(" + " AND ".join(parts) + ")"


def conditions(f: w.ClientFilters, *, now: datetime, pending: Mapping[str, int | None],
               params: list[Any]) -> list[str] | None:
    """The WHERE parts every row of the book under `f` meets (their parameters appended to
    `params`), or None when nothing can match (a text with nothing to search)."""
    # Every customer of the store the replica holds (a cached one too: a client all the same),
    # so a count with no other filter reads the home store's index alone.
    found = ["home_store_id = ?"]
    params.append(f.store_id)
    if f.q.strip():
        match = customer_match(f.q)
        if match is None:
            return None
        found.append("rowid IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)")
        params.append(match)
    if f.segment is not None:
        found.append(segment_sql(f.segment.value, now, params))
    if f.tier is not None:
        found.append("tier = ?")
        params.append(f.tier)
    if f.last_purchase_from is not None:
        found.append("last_purchase_at >= ?")
        params.append(_day_start(f.last_purchase_from))
    if f.last_purchase_to is not None:
        found.append("last_purchase_at <> ''")
        if f.last_purchase_to != date.max:
            found.append("last_purchase_at < ?")
            params.append(_day_start(f.last_purchase_to + timedelta(days=1)))
    if f.min_value is not None:
        found.append("lifetime_value >= ?")
        params.append(float(f.min_value))
    if f.max_value is not None:
        found.append("lifetime_value <= ?")
        params.append(float(f.max_value))
    if f.min_channels is not None:
        found.append("channels_count >= ?")
        params.append(f.min_channels)
    if f.consent == w.ConsentChannel.EMAIL:
        found.append("consent_email = 1")
    elif f.consent == w.ConsentChannel.SMS:
        found.append("consent_sms = 1")
    if f.assigned_seller_id is not None:
        # The stored assignment, unless an unsent one says otherwise.
        seller = f.assigned_seller_id
        gained = [c for c, s in pending.items() if s == seller]
        lost = [c for c, s in pending.items() if s != seller]
        stored = "assigned_seller_id = ?"
        params.append(seller)
        if lost:
            stored += f" AND customer_id NOT IN ({', '.join('?' for _ in lost)})"
            params.extend(lost)
        if gained:
            found.append(f"(({stored}) OR customer_id IN ({', '.join('?' for _ in gained)}))")
            params.extend(gained)
        else:
            found.append(f"({stored})")
    return found


# --- cursors ------------------------------------------------------------------------------------


def encode_cursor(sort: str, values: Sequence[Any], customer_id: str) -> str:
    raw = json.dumps([sort, list(values), customer_id], separators=(",", ":"),
                     ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str, sort: str) -> tuple[list[Any], str]:
    try:
        value = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise bad_cursor() from error
    columns = SORT_COLUMNS[sort.lstrip("-")]
    if not (isinstance(value, list) and len(value) == 3 and value[0] == sort
            and isinstance(value[1], list) and len(value[1]) == len(columns)
            and isinstance(value[2], str)):
        raise bad_cursor()
    for v in value[1]:
        if not isinstance(v, str | int | float) or isinstance(v, bool):
            raise bad_cursor()
    return value[1], value[2]


# --- reads --------------------------------------------------------------------------------------


def _row(m: Any, pending: Mapping[str, int | None]) -> ClientRow:
    value = Decimal(repr(m["lifetime_value"])).quantize(CENT)
    last = m["last_purchase_at"]
    last_at = datetime.fromisoformat(last.replace("Z", "+00:00")) if last else None
    seller = m["assigned_seller_id"]
    unsent = m["customer_id"] in pending
    if unsent:
        seller = pending[m["customer_id"]]
    return ClientRow(
        customer_id=m["customer_id"], first_name=m["first_name"], last_name=m["last_name"],
        tier=m["tier"], lifetime_value=value, orders_count=m["orders_count"],
        last_purchase_at=last_at,
        channels=tuple(c for c in m["channels"].split(",") if c),
        consent_email=bool(m["consent_email"]), consent_sms=bool(m["consent_sms"]),
        assigned_seller_id=seller,
        segment=m["segment"],
        email=m["email"], phone=m["phone"], assignment_unsent=unsent)


# The sort's own index (`schema.customers`), named so that SQLite walks it even when a range
# filter's index looks cheaper to its planner (which has no statistics of the ranges: it chose
# `channels_count >= 2`, met by every client, then sorted 166,000 rows: 2.5 s on 500,000).
SORT_INDEX = {
    "name": "ix_customers_book_name",
    "lifetime_value": "ix_customers_book_value",
    "last_purchase_at": "ix_customers_book_last",
    "orders_count": "ix_customers_book_orders",
    "channels": "ix_customers_book_channels",
}
# How many entries of the sort's index a filtered page reads, in pages' worth, before it asks
# the filter's own index instead: a filter most clients meet fills its page well within it; a
# filter few meet (a rare segment) would make the walk read the whole index.
WINDOW_PAGES = 20


def _has_own_index(f: w.ClientFilters) -> bool:
    """Whether a filter narrows through an index of its own (the text's FTS, or a range of a
    stored figure: every segment bounds the last purchase or the orders); consent, tier and
    seller alone do not, and then a scan of the table in its order beats a walk of an index
    with a lookup a row."""
    return bool(f.q.strip() or f.segment is not None or f.min_value is not None
                or f.max_value is not None or f.min_channels is not None
                or f.last_purchase_from is not None or f.last_purchase_to is not None)


def page(conn: Connection, f: w.ClientFilters, *, now: datetime, limit: int,
         after: str | None = None, pending: Mapping[str, int | None] | None = None
         ) -> ClientPage:
    """One page of the book under `f` in its sort, after the row `after` (a `next_cursor`).
    Raises `clients.cursor` for a cursor this list did not make.

    Plan: a filtered page first walks a window of the sort's index (WINDOW_PAGES pages'
    worth); when the filter's matches do not fill the page there, the rest is read by the
    filter's own index (or the table) and sorted, which is cheap exactly when matches are
    few. Both give the rows in the same order, so the page is the same."""
    pending = pending or {}
    sort = f.sort.value
    descending = sort.startswith("-")
    index = SORT_INDEX[sort.lstrip("-")]
    keys = (*SORT_COLUMNS[sort.lstrip("-")], "customer_id")
    key_list = ", ".join(keys)
    marks = ", ".join("?" for _ in keys)
    later = "<" if descending else ">"
    params: list[Any] = []
    where = conditions(f, now=now, pending=pending, params=params)
    if where is None:
        return ClientPage([], None)
    keyset: list[str] = []
    keyset_params: list[Any] = []
    if after:
        values, customer_id = decode_cursor(after, sort)
        keyset.append(f"({key_list}) {later} ({marks})")
        keyset_params.extend([*values, customer_id])
    direction = " DESC" if descending else ""
    order = ", ".join(k + direction for k in keys)

    # The segment said by SQLite (`segments.RULES` as a CASE), not by Python a row at a time.
    segment_params: list[Any] = []
    segment = segment_case_sql(now, segment_params)

    def read(source: str, parts: list[str], values: list[Any], order_by: str,
             wanted: int) -> list[Any]:
        return fetch_all(conn, f"SELECT {ROW_COLUMNS}, {segment} AS segment FROM customers "
                               f"{source} WHERE {' AND '.join(parts)} ORDER BY {order_by} "
                               f"LIMIT ?", (*segment_params, *values, wanted))

    wanted = limit + 1
    if len(where) == 1:  # the store's clients, unfiltered: the sort's index is the plan
        rows = read(f"INDEXED BY {index}", where + keyset, params + keyset_params, order,
                    wanted)
    elif f.q.strip():  # the text's matches are few: found by FTS, then sorted
        rows = read("", where + keyset, params + keyset_params, order, wanted)
    else:
        # The key of the window's last entry (index only: no row is read for it).
        edge = fetch_all(conn, f"SELECT {key_list} FROM customers INDEXED BY {index} "
                               f"WHERE {' AND '.join([where[0], *keyset])} ORDER BY {order} "
                               f"LIMIT 1 OFFSET ?",
                         (params[0], *keyset_params, WINDOW_PAGES * wanted - 1))
        window = list(keyset)
        window_params = list(keyset_params)
        if edge:
            window.append(f"({key_list}) {'>=' if descending else '<='} ({marks})")
            window_params.extend(edge[0][k] for k in keys)
        rows = read(f"INDEXED BY {index}", where + window, params + window_params, order,
                    wanted)
        if edge and len(rows) < wanted:
            # Few matches: the rest after the window, found by the filter and then sorted
            # (`+` keeps the planner from walking the sort's index again).
            rest = [f"({', '.join('+' + k for k in keys)}) {later} ({marks})"]
            rest_order = ", ".join(f"+{k}{direction}" for k in keys)
            rows += read("" if _has_own_index(f) else "NOT INDEXED", where + rest,
                         params + [edge[0][k] for k in keys], rest_order, wanted - len(rows))
    items = [_row(m, pending) for m in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(sort, [last[k] for k in keys[:-1]], last["customer_id"])
    return ClientPage(items, next_cursor)


COUNT_CHECK_STEPS = 20_000  # SQLite steps between two looks at a count's `cancelled`


class Interrupted(Exception):
    """A count stopped because its caller no longer wants it (`count`'s `cancelled`)."""


def count(conn: Connection, f: w.ClientFilters, *, now: datetime,
          pending: Mapping[str, int | None] | None = None,
          cancelled: Callable[[], bool] | None = None) -> int:
    """How many clients the book holds under `f`. `cancelled`: asked every few thousand
    SQLite steps; when it turns true the count stops (raises `Interrupted`): a list the
    manager has already left must not keep a worker scanning the table."""
    params: list[Any] = []
    where = conditions(f, now=now, pending=pending or {}, params=params)
    if where is None:
        return 0
    # Consent, tier or seller alone: the table in its order (0.9 s on 500,000 clients) rather
    # than a store's index with a lookup a row (10 s).
    source = "NOT INDEXED" if len(where) > 1 and not _has_own_index(f) else ""
    raw = conn.connection.driver_connection
    if cancelled is not None:
        raw.set_progress_handler(lambda: 1 if cancelled() else 0, COUNT_CHECK_STEPS)  # type: ignore[union-attr]
    try:
        return int(scalar(conn, f"SELECT count(*) FROM customers {source} "
                                f"WHERE {' AND '.join(where)}", params) or 0)
    except Exception as error:
        if cancelled is not None and cancelled():
            raise Interrupted from error
        raise
    finally:
        if cancelled is not None:
            raw.set_progress_handler(None, 0)  # type: ignore[union-attr]


def segment_case_sql(now: datetime, params: list[Any]) -> str:
    """`segments.segment_of` over the stored figures, as a CASE: the rules in their order."""
    *tried, last = segments.RULES
    whens = " ".join(f"WHEN {_rule_sql(r, now, params)} THEN '{r.segment.value}'"
                     for r in tried)
    return f"CASE {whens} ELSE '{last.segment.value}' END"


# The stored last purchase (fixed-width `…T09:00:00.000000Z`) as `datetime.isoformat()` writes
# it: `+00:00`, and no fraction when it is zero.
_ISO_LAST = ("CASE WHEN last_purchase_at = '' THEN '' "
             "WHEN substr(last_purchase_at, 20, 7) = '.000000' "
             "THEN substr(last_purchase_at, 1, 19) || '+00:00' "
             "ELSE substr(last_purchase_at, 1, 26) || '+00:00' END")


def export_rows(conn: Connection, f: w.ClientFilters, *, now: datetime,
                pending: Mapping[str, int | None] | None = None,
                chunk: int = 2000) -> Generator[list[list[str]]]:
    """The book under `f`, in its sort, as the export's cells (`exports.COLUMNS`), in chunks
    of `chunk` rows: one query, the masking, segment and date said in SQL
    (`exports.contact_sql`, `segments.RULES`), only the money formatted in Python (as
    `exports.money`, from the stored float as `page` reads it). Read inside the caller's
    transaction: the chunks are one consistent list."""
    sort = f.sort.value
    descending = sort.startswith("-")
    keys = (*SORT_COLUMNS[sort.lstrip("-")], "customer_id")
    select_params: list[Any] = []
    segment = segment_case_sql(now, select_params)
    params: list[Any] = []
    where = conditions(f, now=now, pending=pending or {}, params=params)
    if where is None:
        return
    # The whole list is read: the sort's index walked in order (no sort of half a million
    # rows), unless a text narrows it to its FTS matches.
    source = "" if f.q.strip() else f"INDEXED BY {SORT_INDEX[sort.lstrip('-')]}"
    direction = " DESC" if descending else ""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            f"SELECT customer_id, first_name, last_name, "
            f"{exports.contact_sql('email', 'consent_email')}, "
            f"{exports.contact_sql('phone', 'consent_sms')}, tier, lifetime_value, "
            f"{_ISO_LAST}, {segment} FROM customers {source} WHERE {' AND '.join(where)} "
            f"ORDER BY {', '.join(k + direction for k in keys)}",
            (*select_params, *params))
        while found := cursor.fetchmany(chunk):
            yield [[c, first, last, email, phone, tier,
                    exports.money(Decimal(repr(value))), bought, seg]
                   for c, first, last, email, phone, tier, value, bought, seg in found]
    finally:
        cursor.close()


def sellers_seen(conn: Connection, store_id: str) -> list[int]:
    """The sellers the store's clients are assigned to (ids), for when the staff list could
    not be fetched."""
    return [r[0] for r in fetch_all(
        conn, "SELECT DISTINCT assigned_seller_id FROM customers WHERE home_store_id = ? "
              "AND assigned_seller_id IS NOT NULL ORDER BY 1", (store_id,))]
