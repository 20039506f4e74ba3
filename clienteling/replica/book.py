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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.domain import segments
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


@dataclass(frozen=True)
class ClientRow:
    """A row of the client book (the wire's `Client`, plus the contact details an export
    shows where the client consented, and whether the assignment shown is still unsent)."""

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


def _row(m: Any, now: datetime, pending: Mapping[str, int | None]) -> ClientRow:
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
        segment=segments.segment_of(last_at, m["orders_count"], value, now).value,
        email=m["email"], phone=m["phone"], assignment_unsent=unsent)


def page(conn: Connection, f: w.ClientFilters, *, now: datetime, limit: int,
         after: str | None = None, pending: Mapping[str, int | None] | None = None
         ) -> ClientPage:
    """One page of the book under `f` in its sort, after the row `after` (a `next_cursor`).
    Raises `clients.cursor` for a cursor this list did not make."""
    pending = pending or {}
    sort = f.sort.value
    descending = sort.startswith("-")
    keys = (*SORT_COLUMNS[sort.lstrip("-")], "customer_id")
    params: list[Any] = []
    where = conditions(f, now=now, pending=pending, params=params)
    if where is None:
        return ClientPage([], None)
    if after:
        values, customer_id = decode_cursor(after, sort)
        where.append(f"({', '.join(keys)}) {'<' if descending else '>'} "
                     f"({', '.join('?' for _ in keys)})")
        params.extend([*values, customer_id])
    direction = " DESC" if descending else ""
    order = ", ".join(k + direction for k in keys)
    rows = fetch_all(conn, f"SELECT {ROW_COLUMNS} FROM customers "
                           f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?",
                     (*params, limit + 1))
    items = [_row(m, now, pending) for m in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(sort, [last[k] for k in keys[:-1]], last["customer_id"])
    return ClientPage(items, next_cursor)


def count(conn: Connection, f: w.ClientFilters, *, now: datetime,
          pending: Mapping[str, int | None] | None = None) -> int:
    params: list[Any] = []
    where = conditions(f, now=now, pending=pending or {}, params=params)
    if where is None:
        return 0
    return int(scalar(conn, f"SELECT count(*) FROM customers WHERE {' AND '.join(where)}",
                      params) or 0)


def sellers_seen(conn: Connection, store_id: str) -> list[int]:
    """The sellers the store's clients are assigned to (ids), for when the staff list could
    not be fetched."""
    return [r[0] for r in fetch_all(
        conn, "SELECT DISTINCT assigned_seller_id FROM customers WHERE home_store_id = ? "
              "AND assigned_seller_id IS NOT NULL ORDER BY 1", (store_id,))]
