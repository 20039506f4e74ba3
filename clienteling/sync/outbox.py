"""The outbox: a seller's writes waiting to reach the server, in the order they were made.

An entry is written in ONE local transaction with everything it carries (its request body and
the Idempotency-Key made then, once). It leaves the queue only when the server said yes (in
the same transaction as the server's answer lands in the replica) or when a person discards
it; a "no" from the server stops it as `failed` with the server's problem, data kept.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from clienteling.domain.errors import DomainError
from clienteling.replica import schema
from clienteling.replica.apply import now_ts, parse_ts
from clienteling.replica.reads import fetch_all, fetch_one
from clienteling.replica.views import OutboxEntry, Problem

WAITING = "waiting"
FAILED = "failed"

ENROL = "customer.enrol"
EDIT = "customer.edit"
CONSENT = "consent.record"
NOTE = "note.add"
WISHLIST_ADD = "wishlist.add"
WISHLIST_REMOVE = "wishlist.remove"
ORDER = "order.create"
ORDER_STATUS = "order.status"
KINDS = (ENROL, EDIT, CONSENT, NOTE, WISHLIST_ADD, WISHLIST_REMOVE, ORDER, ORDER_STATUS)

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
    if kind not in KINDS:
        raise DomainError("outbox.kind", kind=kind)
    result = conn.execute(_t.insert().values(
        kind=kind, customer_id=customer_id, target=target,
        payload=json.dumps(payload, separators=(",", ":"), ensure_ascii=False),
        idempotency_key=new_key(), created_at=now_ts(), state=WAITING, attempts=0,
        next_attempt_at=0.0, author=author))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


@dataclass(frozen=True)
class Row:
    """An outbox row as stored."""

    id: int
    kind: str
    customer_id: str | None
    target: str | None
    payload: dict[str, Any]
    idempotency_key: str
    created_at: str
    state: str
    attempts: int
    next_attempt_at: float
    error_code: str | None
    error_detail: str | None
    problem: dict[str, Any] | None
    author: str | None


def _row(m: Any) -> Row:
    return Row(id=m["id"], kind=m["kind"], customer_id=m["customer_id"], target=m["target"],
               payload=json.loads(m["payload"]), idempotency_key=m["idempotency_key"],
               created_at=m["created_at"], state=m["state"], attempts=m["attempts"],
               next_attempt_at=m["next_attempt_at"], error_code=m["error_code"],
               error_detail=m["error_detail"],
               problem=json.loads(m["problem"]) if m["problem"] else None, author=m["author"])


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
    return [_row(r) for r in fetch_all(conn, sql + " ORDER BY id", params)]


def get(conn: Connection, entry_id: int) -> Row:
    found = fetch_one(conn, "SELECT * FROM outbox WHERE id = ?", (entry_id,))
    if found is None:
        raise DomainError("outbox.not_found", "this entry is not in the outbox any more",
                          entry_id=entry_id)
    return _row(found)


def counts(conn: Connection) -> tuple[int, int]:
    """(waiting, failed)."""
    found = {r[0]: r[1] for r in fetch_all(
        conn, "SELECT state, count(*) FROM outbox GROUP BY state")}
    return int(found.get(WAITING, 0)), int(found.get(FAILED, 0))


def depends_on(later: Row, earlier: Row) -> bool:
    """Whether `later` cannot be sent before `earlier` succeeded: anything about a customer
    whose enrolment is unsent; successive edits of one customer (each builds on the last);
    wishlist changes of one product; status moves of one order."""
    if earlier.kind == ENROL and later.customer_id == earlier.customer_id:
        return True
    if later.kind == ORDER_STATUS and earlier.kind == ORDER_STATUS:
        return later.target == earlier.target
    if later.customer_id != earlier.customer_id:
        return False
    if later.kind == EDIT and earlier.kind == EDIT:
        return True
    wishlist = (WISHLIST_ADD, WISHLIST_REMOVE)
    return later.kind in wishlist and earlier.kind in wishlist and later.target == earlier.target


def blockers(entries: Sequence[Row]) -> dict[int, int]:
    """entry id → the id of the earliest unsent entry it depends on."""
    found: dict[int, int] = {}
    for index, later in enumerate(entries):
        for earlier in entries[:index]:
            if depends_on(later, earlier):
                found[later.id] = earlier.id
                break
    return found


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
        problem=_problem(row), author=row.author, blocked_by=blocked_by)


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


def remove(conn: Connection, entry_id: int) -> bool:
    """Take the entry out of the queue (sent, or discarded by a person)."""
    return bool(conn.execute(_t.delete().where(_t.c.id == entry_id)).rowcount)


def retry(conn: Connection, entry_id: int) -> Row:
    """A person's decision: send a failed entry again, now, with the same key."""
    get(conn, entry_id)
    conn.execute(_t.update().where(_t.c.id == entry_id).values(
        state=WAITING, next_attempt_at=0.0, error_code=None, error_detail=None, problem=None))
    return get(conn, entry_id)


def rebase_edits(conn: Connection, *, customer_id: str, from_version: int,
                 to_version: int) -> None:
    """After this device's own edit or consent went through (the server moved the customer
    from `from_version` to `to_version`), the next unsent edits of that customer were built on
    it: move their base version along, so they do not conflict with ourselves."""
    for row in rows(conn, customer_id=customer_id, kinds=[EDIT]):
        if row.payload.get("version") == from_version:
            payload = {**row.payload, "version": to_version}
            conn.execute(_t.update().where(_t.c.id == row.id).values(
                payload=json.dumps(payload, separators=(",", ":"), ensure_ascii=False)))


def wake_all(conn: Connection) -> None:
    """The server is back: every waiting entry may go now, whatever its backoff said."""
    conn.execute(_t.update().where(_t.c.state == WAITING).values(next_attempt_at=0.0))


def due_at(entries: Iterable[Row]) -> float | None:
    """When the first waiting entry may be sent (epoch seconds), None if nothing waits."""
    times = [e.next_attempt_at for e in entries if e.state == WAITING]
    return min(times) if times else None


def now() -> float:
    return time.time()
