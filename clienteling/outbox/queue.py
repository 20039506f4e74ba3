"""The outbox queue: a seller's writes waiting to reach the server, in the order they were made.

An entry is written in ONE local transaction with everything it carries (its request body and
the Idempotency-Key made then, once). It leaves the queue only when the server said yes (in
the same transaction as the server's answer lands in the replica) or when a person discards
it; a "no" from the server stops it as `failed` with the server's problem, data kept.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from clienteling.domain.errors import DomainError
from clienteling.outbox.command import Write, command_for
from clienteling.outbox.entry import FAILED, WAITING, Row, dumps, from_mapping
from clienteling.replica import reads, schema
from clienteling.replica.apply import now_ts, parse_ts
from clienteling.replica.reads import fetch_all, fetch_one
from clienteling.replica.views import OutboxEntry, Problem

__all__ = ["FAILED", "WAITING", "Row"]

_t = schema.outbox


def new_key() -> str:
    """An Idempotency-Key: made once, when the write is made; every resend reuses it."""
    return str(uuid.uuid4())


def new_id(prefix: str) -> str:
    """An id the device makes for what it creates (a customer, a note): safe to resend."""
    return f"{prefix}-{uuid.uuid4().hex}"


def enqueue(conn: Connection, *, kind: str, payload: Mapping[str, Any],
            customer_id: str | None = None, target: str | None = None,
            author: str | None = None) -> int:
    """Add an entry in the caller's transaction; returns its id (FIFO position)."""
    command_for(kind)  # an unknown kind is refused here, not when it is sent
    result = conn.execute(_t.insert().values(
        kind=kind, customer_id=customer_id, target=target, payload=dumps(payload),
        idempotency_key=new_key(), created_at=now_ts(), state=WAITING, attempts=0,
        next_attempt_at=0.0, author=author))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def queue(conn: Connection, write: Write, *, author: str | None) -> Row:
    """A seller's write in the caller's transaction: its checks against the replica, then the
    entry (completed by the checks where they say so). Returns the entry."""
    if write.check is not None:
        write = write.check(conn) or write
    entry_id = enqueue(conn, kind=write.kind, payload=write.payload,
                       customer_id=write.customer_id, target=write.target, author=author)
    return get(conn, entry_id)


def rows(conn: Connection, *, customer_id: str | None = None,
         kinds: Sequence[str] | None = None) -> list[Row]:
    """Unsent entries, oldest first (optionally one customer's or some kinds)."""
    where, params = [], []
    if customer_id is not None:
        where.append("customer_id = ?")
        params.append(customer_id)
    if kinds is not None:
        where.append(f"kind IN ({', '.join('?' for _ in kinds)})")
        params.extend(kinds)
    sql = "SELECT * FROM outbox" + (f" WHERE {' AND '.join(where)}" if where else "")
    return [from_mapping(r) for r in fetch_all(conn, sql + " ORDER BY id", params)]


def get(conn: Connection, entry_id: int) -> Row:
    found = fetch_one(conn, "SELECT * FROM outbox WHERE id = ?", (entry_id,))
    if found is None:
        raise DomainError("outbox.not_found", "this entry is not in the outbox any more",
                          entry_id=entry_id)
    return from_mapping(found)


def counts(conn: Connection) -> tuple[int, int]:
    """(waiting, failed)."""
    found = {r[0]: r[1] for r in fetch_all(
        conn, "SELECT state, count(*) FROM outbox GROUP BY state")}
    return int(found.get(WAITING, 0)), int(found.get(FAILED, 0))


def depends_on(later: Row, earlier: Row) -> bool:
    """Whether `later` cannot be sent before `earlier` succeeded (its command decides)."""
    return command_for(later.kind).waits_for(later, earlier)


def blockers(entries: Sequence[Row]) -> dict[int, int]:
    """entry id → the id of the earliest unsent entry it depends on."""
    found: dict[int, int] = {}
    for index, later in enumerate(entries):
        for earlier in entries[:index]:
            if depends_on(later, earlier):
                found[later.id] = earlier.id
                break
    return found


def customer_known(conn: Connection, customer_id: str) -> None:
    """Raises `customer.not_found` unless the replica or an unsent enrolment knows them."""
    if reads.customer_row(conn, customer_id) is not None:
        return
    if any(command_for(r.kind).creates_customer for r in rows(conn, customer_id=customer_id)):
        return
    raise DomainError("customer.not_found", "this customer is not on this device",
                      customer_id=customer_id)


def _problem(row: Row) -> Problem | None:
    if row.error_code is None:
        return None
    problem = row.problem or {}
    extra = {k: v for k, v in problem.items()
             if k not in ("type", "title", "status", "detail", "code")}
    status = problem.get("status")
    return Problem(code=row.error_code, detail=row.error_detail,
                   status=status if isinstance(status, int) else None, extra=extra)


def as_view(row: Row, blocked_by: int | None = None) -> OutboxEntry:
    return OutboxEntry(
        id=row.id, kind=row.kind, customer_id=row.customer_id, target=row.target,
        payload=row.payload, idempotency_key=row.idempotency_key,
        created_at=parse_ts(row.created_at) or datetime.now(UTC),
        state=WAITING if row.state == WAITING else FAILED, attempts=row.attempts,
        next_attempt_at=(datetime.fromtimestamp(row.next_attempt_at, UTC)
                         if row.next_attempt_at else None),
        problem=_problem(row), author=row.author, blocked_by=blocked_by,
        label=command_for(row.kind).label)


def views(entries: Sequence[Row]) -> list[OutboxEntry]:
    blocked = blockers(entries)
    return [as_view(e, blocked.get(e.id)) for e in entries]


# --- state changes --------------------------------------------------------------------------


def note_attempt(conn: Connection, entry_id: int) -> None:
    """Count an attempt before the request leaves (a kill mid-request still counts it)."""
    conn.execute(_t.update().where(_t.c.id == entry_id).values(attempts=_t.c.attempts + 1))


def schedule_retry(conn: Connection, entry_id: int, *, at: float, code: str,
                   detail: str | None) -> None:
    """A transient failure: same entry, same key, tried again at `at` (epoch seconds)."""
    conn.execute(_t.update().where(_t.c.id == entry_id).values(
        next_attempt_at=at, error_code=code, error_detail=detail, problem=None))


def mark_failed(conn: Connection, entry_id: int, *, code: str, detail: str | None,
                problem: Mapping[str, Any] | None) -> None:
    """The server said no: the entry stops, keeps its data, and waits for a person."""
    conn.execute(_t.update().where(_t.c.id == entry_id).values(
        state=FAILED, error_code=code, error_detail=detail,
        problem=json.dumps(dict(problem or {}), default=str)))


def rewrite(conn: Connection, entry_id: int, *, payload: Mapping[str, Any],
            target: str | None) -> None:
    """The device itself changed what an unsent entry says (a new order number after the
    server refused the first): same entry, same place in the queue, same key."""
    conn.execute(_t.update().where(_t.c.id == entry_id).values(
        payload=dumps(payload), target=target, state=WAITING, next_attempt_at=0.0,
        error_code=None, error_detail=None, problem=None))


def set_payload(conn: Connection, entry_id: int, payload: Mapping[str, Any]) -> None:
    """Change what an unsent entry will send, nothing else (an edit moved onto the version our
    own earlier write made)."""
    conn.execute(_t.update().where(_t.c.id == entry_id).values(payload=dumps(payload)))


def retarget(conn: Connection, *, kind: str, old: str, new: str) -> None:
    """Entries of `kind` about `old` (an unsent order's status moves) now name `new`."""
    conn.execute(_t.update().where(_t.c.kind == kind, _t.c.target == old).values(target=new))


def remove(conn: Connection, entry_id: int) -> bool:
    """Take the entry out of the queue (sent, or discarded by a person)."""
    return bool(conn.execute(_t.delete().where(_t.c.id == entry_id)).rowcount)


def retry(conn: Connection, entry_id: int) -> Row:
    """A person's decision: send a failed entry again, now, with the same key."""
    get(conn, entry_id)
    conn.execute(_t.update().where(_t.c.id == entry_id).values(
        state=WAITING, next_attempt_at=0.0, error_code=None, error_detail=None, problem=None))
    return get(conn, entry_id)


def amend(conn: Connection, entry_id: int, payload: Mapping[str, Any]) -> Row:
    """A person changed what a refused entry asks (an order short of stock, resolved): it goes
    again in its place in the queue with a NEW key, since the server may keep its refusal
    under the old one and would see the same key with another body."""
    get(conn, entry_id)
    conn.execute(_t.update().where(_t.c.id == entry_id).values(
        payload=dumps(payload), idempotency_key=new_key(), state=WAITING, attempts=0,
        next_attempt_at=0.0, error_code=None, error_detail=None, problem=None))
    return get(conn, entry_id)


def wake_all(conn: Connection) -> None:
    """The server is back: every waiting entry may go now, whatever its backoff said."""
    conn.execute(_t.update().where(_t.c.state == WAITING).values(next_attempt_at=0.0))


def now() -> float:
    return time.time()
