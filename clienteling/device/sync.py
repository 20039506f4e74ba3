"""The sync as the app sees it: its status, the outbox (unsent writes, retry, discard), the
background engine (start, stop, sync now) and change notifications to subscribers."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from clienteling.device.context import DeviceContext, Session
from clienteling.device_guard import REVOKED
from clienteling.outbox import queue
from clienteling.outbox.command import Write
from clienteling.replica import reads
from clienteling.replica.database import Replica
from clienteling.replica.views import ChangeSet, OutboxEntry
from clienteling.sync.engine import EngineState
from clienteling.sync.status import PullProgress, SyncStatus

__all__ = ["SyncService"]

log = logging.getLogger(__name__)


class SyncService:
    """The outbox, the background sync and change notifications.

    Callbacks given to `subscribe` run on the thread that made the change (usually the sync
    thread): hand the work to the UI thread there."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context
        self._subscribers: list[Callable[[ChangeSet], None]] = []
        self._subscribers_lock = threading.Lock()
        context.publish = self._publish

    # The engine's methods below kept the façade's names for the session (`_session`,
    # `_need`), so changes made to them there carry over line for line.
    @property
    def _session(self) -> Session | None:
        return self._ctx.session

    def _need(self) -> Session:
        return self._ctx.need()

    def submit(self, write: Write) -> OutboxEntry:
        """Queue any write a command module made (`clienteling.outbox.kinds`): checked and
        stored with its optimistic effect in one local transaction, then sent by the sync."""
        return self._ctx.submit(write)

    def sync_status(self) -> SyncStatus:
        """The header's state: online / offline / syncing / error / needs_sign_in, with the
        reason, last sync time and outbox counts. Cheap; thread-safe. A device past its lock
        delay without contact wipes itself here (then: needs_sign_in)."""
        session = self._ctx.session
        if session is not None and self._ctx.wipe_if_out_of_contact(push_first=False):
            session = None
        if session is None:
            return SyncStatus(state="needs_sign_in", reason="auth.not_signed_in", detail=None,
                              last_sync_at=None, waiting=0, failed=0, partial=True,
                              progress=None, tokens_persistent=self._ctx.tokens.persistent)
        return session.engine.status()

    def replica_info(self) -> dict[str, Any]:
        """What the replica holds: {"counts": {entity: rows}, "cursor", "path"}."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            return {"counts": reads.counts(conn),
                    "cursor": Replica.get_meta(conn, "cursor"),
                    "path": str(session.replica.path)}

    def outbox_entries(self) -> list[OutboxEntry]:
        """Every unsent write, oldest first, failed ones with their problem."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            return queue.views(queue.rows(conn))

    def retry(self, entry_id: int) -> OutboxEntry:
        """A person's decision: send a failed entry again (same Idempotency-Key). Raises
        `outbox.not_found`."""
        session = self._ctx.need()
        with session.replica.write() as conn:
            row = queue.retry(conn, entry_id)
        self._publish(ChangeSet(customers=frozenset({row.customer_id} if row.customer_id
                                                    else ()), outbox=True, status=True))
        session.engine.kick()
        return queue.as_view(row)

    def discard(self, entry_id: int) -> None:
        """A person's decision: drop an unsent entry for good. Raises `outbox.not_found`."""
        session = self._ctx.need()
        with session.replica.write() as conn:
            row = queue.get(conn, entry_id)
            queue.remove(conn, entry_id)
        log.info("outbox entry %s (%s) discarded by a person", row.id, row.kind)
        self._publish(ChangeSet(customers=frozenset({row.customer_id} if row.customer_id
                                                    else ()), outbox=True, status=True))

    # --- the engine and notifications: moved as they were in the façade ----------------------

    def sync_now(self, progress: Callable[[PullProgress], None] | None = None) -> SyncStatus:
        """Online. Push then pull now, in this thread (waits for a cycle the background sync
        may be running). Returns the status after it; network trouble is reported in the
        status, not raised. A device the server says is revoked wipes itself here (the
        session's `wipe_notice` then says so)."""
        session = self._need()
        status = session.engine.run_cycle(ignore_schedule=True, progress=progress)
        if session.engine.revoked:
            self._ctx.wipe(REVOKED)
        return status

    def subscribe(self, callback: Callable[[ChangeSet], None]) -> Callable[[], None]:
        """Call `callback(ChangeSet)` after every change of the replica, the outbox or the
        sync status. Returns a function that unsubscribes. A callback that raises is logged
        and does not stop the others."""
        with self._subscribers_lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._subscribers_lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def _publish(self, changes: ChangeSet) -> None:
        with self._subscribers_lock:
            callbacks = list(self._subscribers)
        for callback in callbacks:
            try:
                callback(changes)
            except Exception:
                log.exception("a change subscriber failed")

    def start_sync(self, *, in_child: bool = False) -> None:
        """Start the background sync (health checks, push then pull, on a timer and after
        each write). Idempotent. `in_child`: run it in a child process
        (`clienteling.sync.child`) so that decoding and applying pages never holds this
        process's GIL (the app's UI); notifications and the status work the same."""
        self._ctx.start_sync(in_child=in_child)

    def sync_state(self) -> EngineState:
        """The sync engine's own state (connection, reason, pull under way): what a sync child
        process reports to the app."""
        return self._need().engine.snapshot()

    def kick_sync(self) -> None:
        """Sync soon (something was written to the replica by another process)."""
        self._need().engine.kick()

    def stop_sync(self, timeout: float = 10.0) -> None:
        """Stop the background sync thread, waiting at most `timeout` seconds. Idempotent."""
        session = self._session
        if session is not None:
            session.engine.stop(timeout)
