"""Sending the outbox: in order, each entry with its Idempotency-Key, until the queue is empty
or the server cannot be reached.

- 2xx: the entry leaves the queue in the same local transaction as the server's answer lands
  in the replica (the order it created, the note it recorded), so nothing flickers.
- network error, timeout, 5xx, 408, 429: the entry stays, is tried again later with the same
  key (exponential backoff with full jitter), and the round stops: the queue is FIFO.
- 401: the client refreshed once already; if that failed, a person must sign in again.
- any other 4xx: a business answer. The entry stops as `failed` with the server's problem and
  its data; entries behind it that do not depend on it go on.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from clienteling.api.client import ApiClient, ApiError, SignInRequired, TransportError
from clienteling.domain.errors import DomainError
from clienteling.replica.apply import Applied, BadChange, delete_entity, write_entity
from clienteling.replica.database import Replica
from clienteling.sync import outbox
from clienteling.sync.outbox import (
    CONSENT,
    EDIT,
    ENROL,
    NOTE,
    ORDER,
    ORDER_STATUS,
    WISHLIST_ADD,
    WISHLIST_REMOVE,
    Row,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: a delay drawn in [0, min(cap, base·2^attempt)]."""

    base: float = 1.0
    cap: float = 60.0

    def delay(self, attempt: int) -> float:
        return random.uniform(0.0, min(self.cap, self.base * 2 ** min(max(attempt, 0), 32)))


@dataclass
class PushReport:
    sent: int = 0
    failed: int = 0
    # Why the round stopped early: a transient error (retry later) or SignInRequired.
    stopped_by: DomainError | None = None
    applied: Applied = field(default_factory=Applied)
    outbox_changed: bool = False


def _seg(value: str | None) -> str:
    return quote(value or "", safe="")


def request_for(row: Row) -> tuple[str, str, Any]:
    """(method, path, body) of an entry."""
    cid = _seg(row.customer_id)
    if row.kind == ENROL:
        return "POST", "/customers", row.payload
    if row.kind == EDIT:
        return "PATCH", f"/customers/{cid}", row.payload
    if row.kind == CONSENT:
        return "POST", f"/customers/{cid}/consents", row.payload
    if row.kind == NOTE:
        return "POST", f"/customers/{cid}/notes", row.payload
    if row.kind == WISHLIST_ADD:
        return "POST", f"/customers/{cid}/wishlist", row.payload
    if row.kind == WISHLIST_REMOVE:
        # A SKU may hold '/', which the route takes as part of the path: keep it.
        return "DELETE", f"/customers/{cid}/wishlist/{quote(row.target or '', safe='/')}", None
    if row.kind == ORDER:
        return "POST", "/orders", row.payload
    if row.kind == ORDER_STATUS:
        return "POST", f"/orders/{_seg(row.target)}/status", row.payload
    raise DomainError("outbox.kind", kind=row.kind)


def _already_done(row: Row, error: ApiError) -> Mapping[str, Any] | bool:
    """Some refusals mean the change is already on the server (our own earlier attempt went
    through but its answer was lost). Returns the server's current data when it sent it, True
    when done without data, False when it is a real refusal."""
    if row.kind == WISHLIST_REMOVE and error.status == 404 and error.code == "wishlist.not_found":
        return True
    if row.kind == ORDER_STATUS and error.code == "order.transition" and (
            error.problem.get("current") == row.payload.get("status")):
        return True
    if row.kind == EDIT and error.code == "customer.version_conflict":
        current = error.problem.get("current")
        if isinstance(current, dict) and _edit_applied(row.payload, current):
            return current
    return False


def _edit_applied(patch: Mapping[str, Any], current: Mapping[str, Any]) -> bool:
    """The server's customer is exactly our edit on top of the version we read."""
    if current.get("version") != patch.get("version", 0) + 1:
        return False
    for name, value in patch.items():
        if name == "version":
            continue
        if name == "tier":
            if (current.get("loyalty") or {}).get("tier") != value:
                return False
        elif name == "consents":
            for channel, change in (value or {}).items():
                if change is not None and ((current.get("consents") or {}).get(
                        channel) or {}).get("granted") != change.get("granted"):
                    return False
        elif current.get(name) != value:
            return False
    return True


def settle(conn: Any, row: Row, answer: Any) -> Applied:
    """In the caller's transaction: the server's answer into the replica, the entry out."""
    applied = Applied()
    if row.kind in (ENROL, EDIT, CONSENT) and isinstance(answer, dict):
        applied.merge(write_entity(conn, "customer", answer, in_scope=False))
        version = answer.get("version")
        if isinstance(version, int):
            sent = row.payload.get("version") if row.kind == EDIT else version - 1
            if isinstance(sent, int):
                outbox.rebase_edits(conn, customer_id=answer["customer_id"],
                                    from_version=sent, to_version=version)
    elif row.kind == NOTE and isinstance(answer, dict):
        applied.merge(write_entity(conn, "interaction", answer))
    elif row.kind == WISHLIST_ADD and isinstance(answer, dict):
        applied.merge(write_entity(conn, "wishlist_item", answer))
    elif row.kind == WISHLIST_REMOVE:
        applied.merge(delete_entity(conn, "wishlist_item", f"{row.customer_id}/{row.target}"))
    elif row.kind in (ORDER, ORDER_STATUS) and isinstance(answer, dict):
        applied.merge(write_entity(conn, "order", answer))
    elif row.kind in (ENROL, EDIT, CONSENT, NOTE, WISHLIST_ADD, ORDER) and answer is not True:
        raise BadChange(f"{row.kind}: the server's answer is empty")
    if row.customer_id:
        applied.customers.add(row.customer_id)
    outbox.remove(conn, row.id)
    return applied


def push(replica: Replica, client: ApiClient, *, backoff: Backoff,
         ignore_schedule: bool = False, clock: Callable[[], float] = outbox.now,
         on_entry: Callable[[Applied], None] | None = None, max_entries: int = 100_000,
         ) -> PushReport:
    """Send what can be sent now. `ignore_schedule` sends the head even before its backoff
    time (the server just came back, or a person asked). `on_entry` is called after each
    entry left the queue or failed (to refresh screens as it goes)."""
    report = PushReport()
    tried: set[int] = set()
    while len(tried) < max_entries:
        with replica.read() as conn:
            entries = outbox.rows(conn)
        blocked = outbox.blockers(entries)
        failed_ids = {e.id for e in entries if e.state == outbox.FAILED}
        candidates = [e for e in entries if e.state == outbox.WAITING and e.id not in tried
                      and blocked.get(e.id) not in failed_ids]
        if not candidates:
            return report
        row = candidates[0]
        if not ignore_schedule and row.next_attempt_at > clock():
            return report  # FIFO: nothing overtakes the head while it waits for its retry
        tried.add(row.id)
        with replica.write() as conn:
            try:
                current = outbox.get(conn, row.id)
            except DomainError:
                continue  # discarded, or sent by another process, meanwhile
            if current.state != outbox.WAITING:
                continue
            outbox.note_attempt(conn, row.id)
        row = current
        method, path, body = request_for(row)
        try:
            answer: Any = client.request(method, path, body=body,
                                         idempotency_key=row.idempotency_key)
        except SignInRequired as error:
            report.stopped_by = error
            return report
        except (TransportError, ApiError) as error:
            done = _already_done(row, error) if isinstance(error, ApiError) else False
            if done is not False:
                answer = done
            elif isinstance(error, TransportError) or error.retryable:
                _retry_later(replica, row, error, backoff, clock)
                report.stopped_by = error
                report.outbox_changed = True
                return report
            else:
                with replica.write() as conn:
                    outbox.mark_failed(conn, row.id, code=error.code, detail=error.detail,
                                       problem=error.problem)
                log.info("outbox entry %s (%s) refused: %s", row.id, row.kind, error.code)
                report.failed += 1
                report.outbox_changed = True
                if on_entry:
                    on_entry(Applied(customers={row.customer_id} if row.customer_id else set()))
                continue
        try:
            with replica.write() as conn:
                applied = settle(conn, row, answer)
        except BadChange as exc:
            # A 2xx whose body is not what the API sends: treat as a damaged answer and ask
            # again with the same key (the server answers the same).
            error = TransportError("network.bad_response", str(exc))
            _retry_later(replica, row, error, backoff, clock)
            report.stopped_by = error
            report.outbox_changed = True
            return report
        report.sent += 1
        report.outbox_changed = True
        report.applied.merge(applied)
        if on_entry:
            on_entry(applied)
    return report


def _retry_later(replica: Replica, row: Row, error: DomainError, backoff: Backoff,
                 clock: Callable[[], float]) -> None:
    at = clock() + backoff.delay(row.attempts)
    with replica.write() as conn:
        try:
            outbox.get(conn, row.id)
        except DomainError:
            return
        outbox.schedule_retry(conn, row.id, at=at, code=error.code, detail=str(error))
