"""Sign-in throttling per username, kept in the database so every API process shares it.

An attempt is charged *before* its password is checked: the check happens outside any
transaction, so counting failures afterwards would let 40 parallel guessers all pass the check
"fewer than 5 failures so far" at once. A successful sign-in then forgets the username's count.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from clienteling.server.auth.models import LoginThrottle
from clienteling.server.config import ServerConfig

# Rows of usernames whose window has passed are worth nothing. Every attempt adds at most one
# row and deletes up to this many such rows: guessed usernames cannot pile up, and no attempt
# pays for a big sweep (100 a time cost a normal sign-in ~10 ms on SQLite in login_bench).
PURGE_BATCH = 10


def username_key(username: str) -> str:
    return hashlib.sha256(username.encode("utf-8", "surrogatepass")).hexdigest()


def _insert_if_missing(session: Session, key: str, now: datetime) -> None:
    """The username's row, created already expired so the first attempt starts a window."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(LoginThrottle).values(
        username_key=key, failures=0, window_ends_at=now,
    ).on_conflict_do_nothing(index_elements=[LoginThrottle.username_key]))


def claim_attempt(session: Session, username: str, *, now: datetime,
                  config: ServerConfig) -> int | None:
    """Charge one sign-in attempt to `username`. None when it may go ahead; else the username is
    locked out and the answer is the seconds until it may try again (at least 1).

    Atomic on both databases: the row is locked (PostgreSQL `FOR UPDATE`; SQLite's
    `BEGIN IMMEDIATE` holds the whole database) from the read to the commit.
    """
    key = username_key(username)
    window = timedelta(seconds=config.login_window)
    _purge(session, now, keep=key)
    row: LoginThrottle | None = None
    # A purge may delete an expired row between the insert and the lock: insert again.
    for _ in range(3):
        _insert_if_missing(session, key, now)
        row = session.scalars(select(LoginThrottle).where(LoginThrottle.username_key == key)
                              .with_for_update().execution_options(populate_existing=True)
                              ).one_or_none()
        if row is not None:
            break
    if row is None:
        raise RuntimeError("the login throttle row vanished three times in a row")
    if row.window_ends_at <= now:
        row.failures, row.window_ends_at = 0, now + window
    row.failures += 1
    if row.failures > config.login_max_failures:
        return max(1, math.ceil((row.window_ends_at - now).total_seconds()))
    if row.failures == config.login_max_failures:
        # The last attempt allowed: should it fail, the lockout lasts one whole window from it
        # (anchoring it to the first failure would let four early failures and a fifth late
        # one cost the guesser almost nothing).
        row.window_ends_at = now + window
    return None


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
    expired = (select(LoginThrottle.username_key)
               .where(LoginThrottle.window_ends_at <= now, LoginThrottle.username_key != keep)
               .limit(PURGE_BATCH).with_for_update(skip_locked=True))
    session.execute(delete(LoginThrottle).where(LoginThrottle.username_key.in_(expired))
                    .execution_options(synchronize_session=False))
