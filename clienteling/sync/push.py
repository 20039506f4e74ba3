"""Sending the outbox: in order, each entry with its Idempotency-Key, until the queue is empty
or the server cannot be reached. What each entry sends and how its answer settles is its
command's business (`clienteling.outbox`); this module is the transport.

- 2xx: the entry leaves the queue in the same local transaction as the server's answer lands
  in the replica (the order it created, the note it recorded), so nothing flickers.
- network error, timeout, 5xx, 408, 429: the entry stays, is tried again later with the same
  key (exponential backoff with full jitter), and the round stops: the queue is FIFO.
- 401: the client refreshed once already; if that failed, a person must sign in again.
- a 4xx the entry's command can fix alone (its `recover`: a taken order number gets a new
  one): the entry is rewritten and sent again at once.
- any other 4xx: a business answer. The entry stops as `failed` with the server's problem and
  its data; entries behind it that do not depend on it go on.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clienteling.api.client import ApiClient, ApiError, SignInRequired, TransportError
from clienteling.domain.errors import DomainError
from clienteling.outbox import queue
from clienteling.outbox.command import command_for
from clienteling.outbox.entry import FAILED, WAITING, Row
from clienteling.replica.apply import Applied, BadChange
from clienteling.replica.database import Replica

log = logging.getLogger(__name__)

# Refusals the commands fix alone in one round (a taken order number, renumbered): bounded, so
# a server that keeps refusing cannot hold the round forever.
MAX_RECOVERIES = 20


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


def settle(conn: Any, row: Row, answer: Any) -> Applied:
    """In the caller's transaction: the server's answer into the replica (as the entry's
    command says), the entry out of the queue."""
    applied = command_for(row.kind).settle(conn, row, answer)
    if row.customer_id:
        applied.customers.add(row.customer_id)
    queue.remove(conn, row.id)
    return applied


def push(replica: Replica, client: ApiClient, *, backoff: Backoff,
         ignore_schedule: bool = False, clock: Callable[[], float] = queue.now,
         on_entry: Callable[[Applied], None] | None = None, max_entries: int = 100_000,
         ) -> PushReport:
    """Send what can be sent now. `ignore_schedule` sends the head even before its backoff
    time (the server just came back, or a person asked). `on_entry` is called after each
    entry left the queue or failed (to refresh screens as it goes)."""
    report = PushReport()
    tried: set[int] = set()
    recoveries = 0
    while len(tried) < max_entries:
        with replica.read() as conn:
            entries = queue.rows(conn)
        blocked = queue.blockers(entries)
        failed_ids = {e.id for e in entries if e.state == FAILED}
        candidates = [e for e in entries if e.state == WAITING and e.id not in tried
                      and blocked.get(e.id) not in failed_ids]
        if not candidates:
            return report
        row = candidates[0]
        if not ignore_schedule and row.next_attempt_at > clock():
            return report  # FIFO: nothing overtakes the head while it waits for its retry
        tried.add(row.id)
        with replica.write() as conn:
            try:
                current = queue.get(conn, row.id)
            except DomainError:
                continue  # discarded, or sent by another process, meanwhile
            if current.state != WAITING:
                continue
            queue.note_attempt(conn, row.id)
        row = current
        command = command_for(row.kind)
        request = command.request(row)
        try:
            answer: Any = client.request(request.method, request.path, body=request.body,
                                         idempotency_key=row.idempotency_key)
        except SignInRequired as error:
            report.stopped_by = error
            return report
        except (TransportError, ApiError) as error:
            done = command.already_done(row, error) if isinstance(error, ApiError) else False
            if done is not False:
                answer = done
            elif isinstance(error, TransportError) or error.retryable:
                _retry_later(replica, row, error, backoff, clock)
                report.stopped_by = error
                return report
            elif recoveries < MAX_RECOVERIES and _recovered(replica, row, error):
                recoveries += 1
                tried.discard(row.id)  # rewritten by its command: send it again now
                continue
            else:
                with replica.write() as conn:
                    queue.mark_failed(conn, row.id, code=error.code, detail=error.detail,
                                       problem=error.problem)
                log.info("outbox entry %s (%s) refused: %s", row.id, row.kind, error.code)
                report.failed += 1
                if on_entry:
                    on_entry(Applied(customers={row.customer_id} if row.customer_id else set()))
                continue
        try:
            with replica.write() as conn:
                applied = settle(conn, row, answer)
        except BadChange as exc:
            # A 2xx whose body is not what the API sends: treat as a damaged answer and ask
            # again with the same key (the server answers the same).
            damaged = TransportError("network.bad_response", str(exc))
            _retry_later(replica, row, damaged, backoff, clock)
            report.stopped_by = damaged
            return report
        report.sent += 1
        report.applied.merge(applied)
        if on_entry:
            on_entry(applied)
    return report


def _recovered(replica: Replica, row: Row, error: ApiError) -> bool:
    """Let the entry's command fix a refusal it knows how to (in one local transaction)."""
    with replica.write() as conn:
        try:
            current = queue.get(conn, row.id)
        except DomainError:
            return False
        return command_for(row.kind).recover(conn, current, error)


def _retry_later(replica: Replica, row: Row, error: DomainError, backoff: Backoff,
                 clock: Callable[[], float]) -> None:
    at = clock() + backoff.delay(row.attempts)
    with replica.write() as conn:
        try:
            queue.get(conn, row.id)
        except DomainError:
            return
        queue.schedule_retry(conn, row.id, at=at, code=error.code, detail=str(error))
