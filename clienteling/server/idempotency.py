"""Idempotency-Key handling for every write a device may resend: same key, same answer.

The key's record is inserted first, in a savepoint with the whole effect, so a second request
with the same key waits on the unique key (PostgreSQL) or behind the write lock (SQLite) and
then answers what the first one recorded. Only successes are recorded: a refused request
(stock short, version conflict) changed nothing, so sending it again, edited or not, is simply
asking again. Keys are per user: another user's same key is another request.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from clienteling.domain.errors import BadRequest, Busy, DomainError
from clienteling.server.db import utcnow
from clienteling.server.orders.models import IdempotencyRecord

log = logging.getLogger(__name__)

MAX_KEY_LENGTH = 255
HEADER_HELP = ("Made once by the device when the write is made; 1 to 255 visible ASCII "
               "characters. The same key with the same request answers the first answer "
               "again; with another request, 422.")
_RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
_PURGE_BATCH = 200


@dataclass(frozen=True)
class Answer:
    """An HTTP answer as recorded for an Idempotency-Key: status and the exact JSON text."""

    status: int
    body: str
    replayed: bool = False

    @property
    def headers(self) -> dict[str, str] | None:
        return {"Idempotent-Replayed": "true"} if self.replayed else None


def check_key(key: str | None, *, required: bool = True) -> str | None:
    if key is None or not key.strip():
        if not required:
            return None
        raise BadRequest("idempotency.missing",
                         "Send an Idempotency-Key header, made once per write by the device.")
    if len(key) > MAX_KEY_LENGTH or not all(33 <= ord(ch) < 127 for ch in key):
        raise BadRequest("idempotency.invalid",
                         f"The Idempotency-Key must be 1 to {MAX_KEY_LENGTH} visible ASCII "
                              "characters.")
    return key


def required_key(key: str | None) -> str:
    """The checked key of a write that must carry one (400 without)."""
    checked = check_key(key)
    assert checked is not None  # check_key raised otherwise
    return checked


def fingerprint(purpose: str, body: Any) -> str:
    """sha256 of what the request asks (its route and canonical JSON body)."""
    canonical = json.dumps([purpose, body], sort_keys=True, separators=(",", ":"),
                           ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(record: IdempotencyRecord, print_: str) -> Answer:
    if not hmac.compare_digest(record.fingerprint, print_):
        raise DomainError("idempotency.mismatch",
                          "This Idempotency-Key was already used for a different request.")
    return Answer(record.status_code, record.response_body, replayed=True)


def _purge(session: Session, now: datetime, ttl_days: int) -> None:
    """Forget keys older than the TTL, a batch at a time, skipping rows another request purges."""
    cutoff = now - timedelta(days=ttl_days)
    old = (select(IdempotencyRecord.user_id, IdempotencyRecord.key)
           .where(IdempotencyRecord.created_at < cutoff)
           .limit(_PURGE_BATCH).with_for_update(skip_locked=True))
    session.execute(delete(IdempotencyRecord)
                    .where(tuple_(IdempotencyRecord.user_id, IdempotencyRecord.key).in_(old))
                    .execution_options(synchronize_session=False))


def _retryable(exc: DBAPIError) -> bool:
    return getattr(exc.orig, "sqlstate", None) in _RETRYABLE_SQLSTATES


class _KeyTaken(Exception):
    """Another request recorded this key while we waited for it."""


def once(session: Session, *, key: str, print_: str, user_id: int, ttl_days: int,
         perform: Callable[[datetime], tuple[int, str]], attempts: int = 1,
         busy_code: str = "write.busy", now: datetime | None = None) -> Answer:
    """Run `perform(now) -> (status, json)` once per `key`; a repeat answers what the first did.

    With `attempts` > 1, a PostgreSQL deadlock victim or a unique clash inside `perform` (e.g. a
    fresh order number) is tried again: its savepoint is gone, so nothing of it remains.
    """
    existing = session.get(IdempotencyRecord, (user_id, key))
    if existing is not None:
        return _replay(existing, print_)
    for attempt in range(1, attempts + 1):
        at = now or utcnow()
        try:
            with session.begin_nested():
                record = IdempotencyRecord(key=key, user_id=user_id, fingerprint=print_,
                                           status_code=0, response_body="", created_at=at)
                session.add(record)
                try:
                    session.flush()
                except IntegrityError as exc:
                    raise _KeyTaken from exc
                record.status_code, record.response_body = perform(at)
                session.flush()
                _purge(session, at, ttl_days)
            return Answer(record.status_code, record.response_body)
        except _KeyTaken:
            existing = session.get(IdempotencyRecord, (user_id, key),
                                   populate_existing=True)
            if existing is None:  # the other request rolled back after all: ask again
                continue
            return _replay(existing, print_)
        except DBAPIError as exc:
            if (_retryable(exc) or isinstance(exc, IntegrityError)) and attempt < attempts:
                log.info("write %s: attempt %d lost a lock race, retrying", key, attempt)
                continue
            raise
    raise Busy(busy_code, "The write could not be done now: send it again.", retry_after=1)


def once_if_keyed(session: Session, *, key: str | None, purpose: str, body: Any, user_id: int,
                  ttl_days: int, perform: Callable[[datetime], tuple[int, str]]) -> Answer:
    """For writes where the key is optional: without one, just perform; with one, `once`."""
    checked = check_key(key, required=False)
    if checked is None:
        return Answer(*perform(utcnow()))
    return once(session, key=checked, print_=fingerprint(purpose, body), user_id=user_id,
                ttl_days=ttl_days, perform=perform)
