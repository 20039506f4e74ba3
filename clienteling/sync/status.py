"""The sync state a header shows: connection, activity, last sync and what is still unsent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

State = Literal["online", "offline", "syncing", "error", "needs_sign_in"]


@dataclass(frozen=True)
class PullProgress:
    """How far the current download is: `changes` applied so far in this pull, `has_more`
    while pages remain, `first_sync` while the replica has never been complete."""

    changes: int
    has_more: bool
    first_sync: bool


@dataclass(frozen=True)
class SyncStatus:
    """`state` is never "online" while something is unsent: with entries waiting and the
    server reachable it says "syncing"; with entries failed it says "error" (`reason`
    "outbox.failed"): a person must decide. `reason` is an error code (`network.unreachable`,
    `http.503`, `auth.sign_in_again`, …) and `detail` its text in English for logs.

    `partial` is True until the first download finished: search and lists may be incomplete.
    `tokens_persistent` is False when the system has no keyring and the sign-in lives only in
    this process's memory.
    """

    state: State
    reason: str | None
    detail: str | None
    last_sync_at: datetime | None
    waiting: int
    failed: int
    partial: bool
    progress: PullProgress | None
    tokens_persistent: bool
    next_attempt_at: datetime | None = None

    @property
    def unsent(self) -> int:
        return self.waiting + self.failed
