"""Sign-in throttling per username, kept in the database so every API process shares it.

An attempt is charged *before* its password is checked: the check happens outside any
transaction, so counting failures afterwards would let 40 parallel guessers all pass the check
"fewer than 5 failures so far" at once. A successful sign-in then forgets the username's count.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from sqlalchemy import case, delete, literal, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from clienteling.server.auth.models import LoginThrottle
from clienteling.server.config import ServerConfig
from clienteling.server.db import UTCDateTime

# Rows of usernames whose window has passed are worth nothing. Every attempt adds at most one
# row and deletes up to this many such rows: guessed usernames cannot pile up, and no attempt
# pays for a big sweep (100 a time cost a normal sign-in ~10 ms on SQLite in login_bench).
PURGE_BATCH = 4


def username_key(username: str) -> str:
    return hashlib.sha256(username.encode("utf-8", "surrogatepass")).hexdigest()


def claim_attempt(session: Session, username: str, *, now: datetime,
                  config: ServerConfig) -> int | None:
    """Charge one sign-in attempt to `username`. None when it may go ahead; else the username is
    locked out and the answer is the seconds until it may try again (at least 1).

    One atomic statement on both databases, INSERT .. ON CONFLICT DO UPDATE .. RETURNING:
    PostgreSQL locks the row for it (concurrent attempts take turns and each sees the count
    the one before left); SQLite runs it under the database lock of `BEGIN IMMEDIATE`.
    """
    key = username_key(username)
    limit = config.login_max_failures
    # `ends` is also the lockout's end when this attempt reaches the limit: should it fail, the
    # lockout lasts one whole window from it (anchoring it to the first failure would let four
    # early failures and a late fifth cost the guesser almost nothing).
    ends = literal(now + timedelta(seconds=config.login_window), UTCDateTime())
    window_passed = LoginThrottle.window_ends_at <= literal(now, UTCDateTime())
    on_postgresql = session.get_bind().dialect.name == "postgresql"
    if on_postgresql:
        # This transaction's commit need not wait for the disk: a database crash could forget
        # the last fraction of a second of attempts, never corrupt anything; waiting would add
        # a WAL flush to every sign-in (its first transaction otherwise only reads).
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    insert = postgresql.insert if on_postgresql else sqlite.insert
    statement = insert(LoginThrottle).values(
        username_key=key, failures=1, window_ends_at=ends,
    ).on_conflict_do_update(index_elements=[LoginThrottle.username_key], set_={
        # Both read the row as it was before this attempt.
        "failures": case((window_passed, 1), else_=LoginThrottle.failures + 1),
        "window_ends_at": case((window_passed, ends),
                               (LoginThrottle.failures + 1 == limit, ends),
                               else_=LoginThrottle.window_ends_at),
    }).returning(LoginThrottle.failures, LoginThrottle.window_ends_at)
    failures, window_ends_at = session.execute(statement).one()
    # After the upsert, not before: a purge locks others' expired rows, and two attempts each
    # holding the other's row before upserting their own would deadlock on PostgreSQL.
    _purge(session, now, keep=key)
    if failures <= limit:
        return None
    return max(1, math.ceil((window_ends_at - now).total_seconds()))


def refund_attempt(session: Session, username: str) -> None:
    """Give back an attempt charged by `claim_attempt` whose password was never checked."""
    session.execute(update(LoginThrottle).where(
        LoginThrottle.username_key == username_key(username), LoginThrottle.failures > 0,
    ).values(failures=LoginThrottle.failures - 1))


def forget(session: Session, username: str) -> None:
    """A successful sign-in: the username's count starts again from nothing."""
    session.execute(delete(LoginThrottle).where(
        LoginThrottle.username_key == username_key(username)))


def _purge(session: Session, now: datetime, *, keep: str) -> None:
    """Delete a few rows whose window has passed (they no longer count for anything), never
    `keep`, the row the caller is about to use."""
    # SKIP LOCKED (PostgreSQL): two attempts purging the same rows in different orders would
    # otherwise deadlock; a row someone holds is left for a later purge.
    # Oldest first, by the index: without ORDER BY, PostgreSQL's planner chose a sequential
    # scan that walked every dead row the previous purges had left (20 ms with 100,000 rows).
    expired = (select(LoginThrottle.username_key)
               .where(LoginThrottle.window_ends_at <= now, LoginThrottle.username_key != keep)
               .order_by(LoginThrottle.window_ends_at)
               .limit(PURGE_BATCH).with_for_update(skip_locked=True))
    session.execute(delete(LoginThrottle).where(LoginThrottle.username_key.in_(expired))
                    .execution_options(synchronize_session=False))
