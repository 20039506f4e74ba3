"""The sync engine: push then pull in cycles, and a background thread that watches the server.

While the server answers, the thread checks its health every few seconds, pulls on a timer and
runs a cycle right after each local write (`kick`). When the server goes away it probes with
exponential backoff and full jitter, and as soon as it is back it sends the outbox (without
waiting for the entries' own backoff) and pulls. Plain `threading`; callbacks, no Qt.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from clienteling.api.client import (
    ApiClient,
    ApiError,
    DeviceRevoked,
    SignInRequired,
    TransportError,
)
from clienteling.domain.errors import DomainError
from clienteling.outbox import queue
from clienteling.replica.apply import Applied, parse_ts
from clienteling.replica.database import Replica
from clienteling.replica.views import ChangeSet
from clienteling.sync.pull import COMPLETE, LAST_SYNC, pull
from clienteling.sync.push import Backoff, push
from clienteling.sync.report import report_outbox
from clienteling.sync.status import PullProgress, SyncStatus
from clienteling.sync.terms import refresh_terms

log = logging.getLogger(__name__)

ONLINE, OFFLINE, ERROR, NEEDS_SIGN_IN = "online", "offline", "error", "needs_sign_in"
MIN_PROBE_DELAY = 0.2


@dataclass(frozen=True)
class EngineTuning:
    pull_interval: float = 30.0
    health_interval: float = 5.0
    page_size: int = 2000
    backoff: Backoff = field(default_factory=Backoff)
    probe_backoff: Backoff = field(default_factory=lambda: Backoff(base=1.0, cap=30.0))


def change_set(applied: Applied | None = None, *, reset: bool = False, outbox_: bool = False,
               status: bool = False) -> ChangeSet:
    applied = applied or Applied()
    return ChangeSet(entities={k: frozenset(v) for k, v in applied.entities.items()},
                     customers=frozenset(applied.customers), reset=reset, outbox=outbox_,
                     status=status)


@dataclass(frozen=True)
class EngineState:
    """What an engine knows beyond the replica: its connection, why, and the pull under way.
    A sync child process reports it to the app (`clienteling.sync.child`)."""

    connection: str = OFFLINE
    reason: str | None = "sync.not_started"
    detail: str | None = None
    busy: bool = False
    progress: PullProgress | None = None


def compose_status(replica: Replica, engine: EngineState, *,
                   tokens_persistent: bool) -> SyncStatus:
    """The header's status: the engine's state with the outbox and replica as they are now."""
    with replica.read() as conn:
        waiting, failed = queue.counts(conn)
        last = replica.get_meta(conn, LAST_SYNC)
        complete = replica.get_meta(conn, COMPLETE) == "1"
        due = conn.exec_driver_sql(
            "SELECT min(next_attempt_at) FROM outbox WHERE state = 'waiting'").scalar()
    connection, reason, detail = engine.connection, engine.reason, engine.detail
    busy, progress = engine.busy, engine.progress
    if connection == NEEDS_SIGN_IN:
        state = NEEDS_SIGN_IN
    elif connection == OFFLINE:
        state = OFFLINE
    elif connection == ERROR:
        state = ERROR
    elif failed:
        state, reason, detail = ERROR, "outbox.failed", f"{failed} entries need a decision"
    elif busy or waiting:
        state = "syncing"
    else:
        state = ONLINE
    return SyncStatus(
        state=state, reason=reason if state != ONLINE else None,  # type: ignore[arg-type]
        detail=detail if state != ONLINE else None, last_sync_at=parse_ts(last),
        waiting=waiting, failed=failed, partial=not complete,
        progress=progress if busy else None, tokens_persistent=tokens_persistent,
        next_attempt_at=(datetime.fromtimestamp(due, UTC) if waiting and due else None))


class SyncEngine:
    """Cycles of push then pull against one server for one replica. `run_cycle` may be called
    from any thread (cycles never overlap); `start` runs them in a background thread."""

    def __init__(self, replica: Replica, client: ApiClient, *, tuning: EngineTuning,
                 notify: Callable[[ChangeSet], None], tokens_persistent: bool = True,
                 clock: Callable[[], float] = time.time,
                 on_contact: Callable[[], None] | None = None,
                 on_revoked: Callable[[], None] | None = None) -> None:
        """`on_contact`: after each cycle the server answered (the device's last contact).
        `on_revoked`: the store revoked the device; called once, after the cycle that learnt
        it, from the thread that ran it (the background loop then ends)."""
        self.replica = replica
        self._on_contact = on_contact
        self._on_revoked = on_revoked
        # Set when the server said the device is revoked: nothing more is sent.
        self.revoked = False
        self.client = client
        self.tuning = tuning
        self._notify = notify
        self._clock = clock
        self.tokens_persistent = tokens_persistent
        self._cycle_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection = OFFLINE
        self._reason: str | None = "sync.not_started"
        self._detail: str | None = None
        self._busy = False
        self._progress: PullProgress | None = None
        if client.tokens is None:
            self._connection, self._reason = NEEDS_SIGN_IN, "auth.sign_in_again"

    # --- status -----------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        with self._state_lock:
            state = self.snapshot_locked()
        return compose_status(self.replica, state, tokens_persistent=self.tokens_persistent)

    def snapshot(self) -> EngineState:
        """The engine's own state (what the outbox and the replica do not say)."""
        with self._state_lock:
            return self.snapshot_locked()

    def snapshot_locked(self) -> EngineState:
        return EngineState(self._connection, self._reason, self._detail, self._busy,
                           self._progress)

    def _set(self, connection: str, reason: str | None = None, detail: str | None = None,
             ) -> None:
        with self._state_lock:
            changed = (connection, reason) != (self._connection, self._reason)
            self._connection, self._reason, self._detail = connection, reason, detail
        if changed:
            self._emit(change_set(status=True))

    def _emit(self, changes: ChangeSet) -> None:
        try:
            self._notify(changes)
        except Exception:  # a subscriber's bug must not stop the sync
            log.exception("a change subscriber failed")

    def signed_in_again(self) -> None:
        """New tokens are in the client: leave "needs sign-in" and sync now."""
        self._set(OFFLINE, "sync.not_started")
        self.kick()

    # --- one cycle --------------------------------------------------------------------------

    def _classify(self, error: DomainError) -> None:
        if isinstance(error, DeviceRevoked):
            self.revoked = True
            self._stop.set()
            self._set(NEEDS_SIGN_IN, error.code, str(error))
        elif isinstance(error, SignInRequired):
            self._set(NEEDS_SIGN_IN, error.code, str(error))
        elif isinstance(error, TransportError):
            self._set(OFFLINE, error.code, str(error))
        elif isinstance(error, ApiError):
            self._set(ERROR, error.code, error.detail or str(error))
        else:
            self._set(ERROR, error.code, str(error))

    def run_cycle(self, *, ignore_schedule: bool = False,
                  progress: Callable[[PullProgress], None] | None = None,
                  pull_too: bool = True) -> SyncStatus:
        """Push what can go, then pull everything new. Errors end up in the status (and the
        state), never raised. Waits for a cycle another thread is running."""
        with self._cycle_lock:
            with self._state_lock:
                self._busy = True
                self._progress = None
            self._emit(change_set(status=True))
            try:
                self._cycle(ignore_schedule, progress, pull_too)
            except DomainError as error:
                self._classify(error)
            except Exception as error:  # the loop must survive anything
                log.exception("sync cycle failed")
                self._set(ERROR, "sync.internal", repr(error))
            finally:
                with self._state_lock:
                    self._busy = False
                self._emit(change_set(status=True))
        return self.status()

    def _cycle(self, ignore_schedule: bool, progress: Callable[[PullProgress], None] | None,
               pull_too: bool) -> None:
        if self.revoked or (self._connection == NEEDS_SIGN_IN and self.client.tokens is None):
            return
        report = push(self.replica, self.client, backoff=self.tuning.backoff,
                      ignore_schedule=ignore_schedule, clock=self._clock,
                      on_entry=lambda a: self._emit(change_set(a, outbox_=True)))
        error = report.stopped_by
        if isinstance(error, SignInRequired | TransportError):
            raise error
        # What is still unsent, told to the server at each contact (nothing lost silently).
        try:
            report_outbox(self.replica, self.client)
        except ApiError as refused:  # a server without the report: the sync goes on
            log.warning("the server did not take the outbox report: %s", refused)
        if pull_too:
            def on_progress(step: PullProgress) -> None:
                with self._state_lock:
                    self._progress = step
                if progress:
                    progress(step)
                self._emit(change_set(status=True))

            pull(self.replica, self.client, page_size=self.tuning.page_size,
                 progress=on_progress,
                 on_page=lambda a, reset: self._emit(change_set(a, reset=reset)),
                 should_stop=self._stop.is_set)
            refresh_terms(self.replica, self.client)
        if self._on_contact is not None:
            self._on_contact()
        if error is not None:
            raise error  # a 5xx on an entry: the pull went on, the state says what failed
        self._set(ONLINE)

    def probe(self) -> bool:
        """One health check; sets the state offline when it fails."""
        try:
            if self.client.health():
                return True
            self._set(OFFLINE, "network.bad_response", "the health check answered oddly")
        except DomainError as error:
            self._classify(error if not isinstance(error, ApiError) else TransportError(
                f"http.{error.status}", str(error)))
        return False

    # --- the background thread --------------------------------------------------------------

    def kick(self) -> None:
        """Something was written locally: sync as soon as possible."""
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="clienteling-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    def _wait(self, seconds: float) -> bool:
        """Sleep until `seconds` passed, a kick, or stop; True if kicked."""
        woken = self._wake.wait(max(seconds, 0.0))
        self._wake.clear()
        return woken

    def _outbox_due(self) -> float | None:
        with self.replica.read() as conn:
            return conn.exec_driver_sql(
                "SELECT min(next_attempt_at) FROM outbox WHERE state = 'waiting'").scalar()

    def _loop(self) -> None:
        try:
            self._loop_until_stopped()
        finally:
            if self.revoked and self._on_revoked is not None:
                self._on_revoked()

    def _loop_until_stopped(self) -> None:
        failures = 0
        next_pull = 0.0
        next_health = 0.0
        kicked = True
        while not self._stop.is_set():
            try:
                now = self._clock()
                if self._connection == NEEDS_SIGN_IN:
                    kicked = self._wait(3600.0)
                    continue
                if self._connection == OFFLINE:
                    if not self.probe():
                        failures += 1
                        delay = max(self.tuning.probe_backoff.delay(failures), MIN_PROBE_DELAY)
                        kicked = self._wait(delay)
                        continue
                    failures = 0
                    # Back: everything waiting may go now, whatever its own backoff said.
                    with self.replica.write() as conn:
                        queue.wake_all(conn)
                    self.run_cycle(ignore_schedule=True)
                    next_pull = self._clock() + self.tuning.pull_interval
                    next_health = self._clock() + self.tuning.health_interval
                    kicked = False
                    continue
                due = self._outbox_due()
                if kicked or now >= next_pull or (due is not None and due <= now):
                    self.run_cycle()
                    next_pull = self._clock() + self.tuning.pull_interval
                    next_health = self._clock() + self.tuning.health_interval
                    kicked = False
                    continue
                if now >= next_health:
                    if not self.probe():
                        continue
                    next_health = now + self.tuning.health_interval
                wake_at = min(next_pull, next_health, due if due is not None else next_pull)
                kicked = self._wait(wake_at - self._clock())
            except Exception:  # the loop must survive anything
                log.exception("sync loop error")
                kicked = self._wait(1.0)
