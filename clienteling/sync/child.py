"""The sync in a child process: the app's UI never waits for the GIL while pages are decoded
and applied.

The app (`device.sync.start_sync(in_child=True)`) runs `ChildSync`: a supervisor thread
starts `python -m clienteling.device.sync_child` (in a bundle, `clienteling sync --child`),
which opens the same replica through the same device services (`Device(data_dir)`: one way to
open a replica) and runs the usual `SyncEngine` there. Both processes share the replica
(SQLite in WAL mode: the app reads while the child writes, and the app's own writes, the
outbox, go in their own short transactions). This module is transport: it never imports the
device services (the child's side does).

The protocol is JSON lines, one object a line, no Qt:

- the app to the child, on its standard input: `{"op": "hello", "tokens": pair,
  "replica_key": hex}` first (the key the app's replica opens with: the child opens the same
  file with it and never looks for, makes or forgets a key of its own), then
  `{"op": "kick"}` (a local write: sync soon), `{"op": "cycle", "id": n}` (sync now),
  `{"op": "tokens", "tokens": pair}` (the pair it asked for). End of input: stop.
- the child to the app, on its standard output: `{"ev": "changes", "changes": …, "state": …}`
  for every change notification (what the replica, the outbox or the sync state did, and the
  engine's state then), `{"ev": "cycle_done", "id": n}`, `{"ev": "tokens", "tokens": pair}`
  (it refreshed them: the app keeps them), `{"ev": "tokens_wanted"}` (before refreshing:
  the app may have refreshed already), `{"ev": "wiped", "reason": "revoked" | "no_contact",
  "days": n | null}` (the device is lost: the child, which owns the replica, wiped it and
  stops; the app finishes the wipe and signs out), `{"ev": "fatal", "code": …, "detail": …}`.

The child stops when its input ends, so it stops with the app whichever way the app ends. A
child that dies is started again with exponential backoff, and the header says so meanwhile
(state "error", reason `sync.child_stopped`).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from clienteling.api.client import ApiClient
from clienteling.domain.errors import DomainError
from clienteling.replica.database import Replica
from clienteling.replica.key import ReplicaKeys
from clienteling.replica.views import ChangeSet
from clienteling.settings import Paths, TokenPair
from clienteling.sync.engine import ERROR, NEEDS_SIGN_IN, OFFLINE, EngineState, compose_status
from clienteling.sync.status import PullProgress, SyncStatus

log = logging.getLogger(__name__)

STOPPED = "sync.child_stopped"
# A child that lived this long before dying starts again at once (the first backoff step).
HEALTHY_RUN_SECONDS = 60.0
TOKENS_WAIT_SECONDS = 5.0


# --- the protocol's values ----------------------------------------------------------------

def encode_tokens(pair: TokenPair | None) -> dict[str, str] | None:
    return None if pair is None else {"access_token": pair.access_token,
                                      "refresh_token": pair.refresh_token}


def decode_tokens(raw: Any) -> TokenPair | None:
    if not isinstance(raw, dict):
        return None
    return TokenPair(str(raw["access_token"]), str(raw["refresh_token"]))


def encode_changes(changes: ChangeSet) -> dict[str, Any]:
    return {"entities": {name: sorted(keys) for name, keys in changes.entities.items()},
            "customers": sorted(changes.customers), "reset": changes.reset,
            "outbox": changes.outbox, "status": changes.status}


def decode_changes(raw: dict[str, Any]) -> ChangeSet:
    return ChangeSet(
        entities={str(name): frozenset(map(str, keys))
                  for name, keys in dict(raw.get("entities") or {}).items()},
        customers=frozenset(map(str, raw.get("customers") or ())),
        reset=bool(raw.get("reset")), outbox=bool(raw.get("outbox")),
        status=bool(raw.get("status")))


def encode_state(state: EngineState) -> dict[str, Any]:
    progress = state.progress
    return {"connection": state.connection, "reason": state.reason, "detail": state.detail,
            "busy": state.busy,
            "progress": None if progress is None else {
                "changes": progress.changes, "has_more": progress.has_more,
                "first_sync": progress.first_sync}}


def decode_state(raw: dict[str, Any]) -> EngineState:
    progress = raw.get("progress")
    return EngineState(
        connection=str(raw.get("connection") or OFFLINE), reason=raw.get("reason"),
        detail=raw.get("detail"), busy=bool(raw.get("busy")),
        progress=None if not isinstance(progress, dict) else PullProgress(
            changes=int(progress["changes"]), has_more=bool(progress["has_more"]),
            first_sync=bool(progress["first_sync"])))


class Lines:
    """JSON lines out, one writer at a time (several threads report)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> bool:
        """False when the other end is gone."""
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode()
        with self._lock:
            try:
                self._stream.write(data)
                self._stream.flush()
            except (BrokenPipeError, OSError, ValueError):
                return False
        return True

    def close(self) -> None:
        with self._lock, contextlib.suppress(OSError, ValueError):
            self._stream.close()


def read_message(line: bytes) -> dict[str, Any] | None:
    try:
        message = json.loads(line)
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


# --- the app's side --------------------------------------------------------------------------

def child_command(paths: Paths) -> list[str]:
    """How to start the child: this interpreter with this package (or the bundle itself)."""
    if getattr(sys, "frozen", False):
        command = [sys.executable, "sync", "--child"]
    else:
        command = [sys.executable, "-m", "clienteling.device.sync_child"]
    if paths.config_dir == paths.data_dir:
        command += ["--data-dir", str(paths.data_dir)]
    return command


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        import clienteling

        # The child imports this very package, wherever it was imported from.
        root = str(Path(clienteling.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (root, env.get("PYTHONPATH", "")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def restart_delay(failures: int, base: float, cap: float) -> float:
    """How long to wait before starting a child again after `failures` deaths in a row:
    base, 2·base, 4·base… up to `cap` (a child that had run a while counts as one)."""
    return min(cap, base * 2 ** min(max(failures, 1) - 1, 16))


@dataclass
class _Cycle:
    done: threading.Event = field(default_factory=threading.Event)
    progress: Callable[[PullProgress], None] | None = None


class ChildSync:
    """The app's handle on the sync child, with the `SyncEngine` methods the device uses
    (`status`, `snapshot`, `kick`, `start`, `stop`, `run_cycle`, `signed_in_again`,
    `running`). Notifications come from its reader thread, never from the caller's."""

    def __init__(self, replica: Replica, client: ApiClient, *, command: Sequence[str],
                 keys: ReplicaKeys, notify: Callable[[ChangeSet], None],
                 tokens_persistent: bool = True,
                 on_wiped: Callable[[str, int | None], None] | None = None,
                 restart_base: float = 0.5, restart_cap: float = 30.0,
                 env: dict[str, str] | None = None) -> None:
        self.replica = replica
        self.client = client
        self.command = list(command)
        self._keys = keys
        self.tokens_persistent = tokens_persistent
        self._notify = notify
        self._on_wiped = on_wiped
        # The child said the device wiped itself because the server revoked it.
        self.revoked = False
        self._wiped: str | None = None  # the status's reason once the child wiped the replica
        self._env = env if env is not None else _child_env()
        self._restart = (restart_base, restart_cap)
        self._state = EngineState()
        if client.tokens is None:
            self._state = EngineState(NEEDS_SIGN_IN, "auth.sign_in_again")
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._input: Lines | None = None
        self._cycles: dict[int, _Cycle] = {}
        self._ids = itertools.count(1)
        self.restarts = 0  # children started again after one died

    # --- what the device calls --------------------------------------------------------------

    def snapshot(self) -> EngineState:
        with self._lock:
            return self._state

    def status(self) -> SyncStatus:
        wiped = self._wiped
        if wiped is not None:  # the replica is gone (the app closed it): nothing to read
            return SyncStatus(state=NEEDS_SIGN_IN, reason=wiped, detail=None,  # type: ignore[arg-type]
                              last_sync_at=None, waiting=0, failed=0, partial=True,
                              progress=None, tokens_persistent=self.tokens_persistent)
        return compose_status(self.replica, self.snapshot(),
                              tokens_persistent=self.tokens_persistent)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None else None

    def kick(self) -> None:
        self._send({"op": "kick"})

    def signed_in_again(self) -> None:
        self._set_state(EngineState())
        self._send({"op": "tokens", "tokens": encode_tokens(self.client.tokens)})
        self.kick()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._supervise, name="clienteling-sync-child",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """End the child (its input closes: it stops between two pages) and wait for it;
        killed if it has not ended after `timeout` seconds."""
        self._stop.set()
        with self._lock:
            proc, lines = self._proc, self._input
        if lines is not None:
            lines.close()
        if proc is not None:
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning("the sync child did not stop in %.0f s: killed", timeout)
                proc.kill()
                proc.wait()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    def run_cycle(self, *, ignore_schedule: bool = True,
                  progress: Callable[[PullProgress], None] | None = None,
                  pull_too: bool = True, timeout: float = 3600.0) -> SyncStatus:
        """Ask the child for a cycle now and wait for it (or for the child's end)."""
        del ignore_schedule, pull_too  # the child's cycle now always ignores the schedule
        if not self.running:
            self.start()
        cycle_id = next(self._ids)
        pending = _Cycle(progress=progress)
        with self._lock:
            self._cycles[cycle_id] = pending
        deadline = time.monotonic() + timeout
        # The child may be starting: the request waits for its input to exist.
        while not self._send({"op": "cycle", "id": cycle_id}):
            if self._stop.is_set() or time.monotonic() > deadline:
                break
            self._stop.wait(0.05)
        else:
            pending.done.wait(max(deadline - time.monotonic(), 0.0))
        with self._lock:
            self._cycles.pop(cycle_id, None)
        return self.status()

    # --- the supervisor ---------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> bool:
        with self._lock:
            lines = self._input
        return lines is not None and lines.send(message)

    def _set_state(self, state: EngineState) -> None:
        with self._lock:
            changed = (state.connection, state.reason) != (self._state.connection,
                                                           self._state.reason)
            self._state = state
        if changed:
            self._emit(ChangeSet(status=True))

    def _emit(self, changes: ChangeSet) -> None:
        try:
            self._notify(changes)
        except Exception:  # a subscriber's bug must not stop the sync
            log.exception("a change subscriber failed")

    def _supervise(self) -> None:
        failures = 0
        while not self._stop.is_set():
            started = time.monotonic()
            code = self._run_once()
            if self._stop.is_set():
                break
            failures = 1 if time.monotonic() - started > HEALTHY_RUN_SECONDS else failures + 1
            delay = restart_delay(failures, *self._restart)
            log.warning("the sync child ended (exit code %s); starting it again in %.1f s",
                        code, delay)
            self._set_state(EngineState(ERROR, STOPPED,
                                        f"the sync process ended (exit code {code})"))
            if self._stop.wait(delay):
                break
            self.restarts += 1

    def _run_once(self) -> int | None:
        try:  # read here, in the supervisor's thread: a keyring may be slow
            key = self._keys.load(self.replica.path)
        except DomainError as error:
            log.error("the sync child cannot be given the replica's key: %s", error.code)
            return None
        try:
            proc = subprocess.Popen(self.command, stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, env=self._env)
        except OSError as error:
            log.error("the sync child could not start: %s", error)
            return None
        assert proc.stdin is not None and proc.stdout is not None
        lines = Lines(proc.stdin)
        with self._lock:
            self._proc, self._input = proc, lines
        if self._stop.is_set():  # stop() ran while it started
            lines.close()
        else:
            lines.send({"op": "hello", "tokens": encode_tokens(self.client.tokens),
                        "replica_key": key.hex() if key is not None else None})
        try:
            for line in iter(proc.stdout.readline, b""):
                self._handle(line)
        finally:
            code = proc.wait()
            proc.stdout.close()
            lines.close()
            with self._lock:
                self._proc = self._input = None
                cycles = list(self._cycles.values())
            for pending in cycles:  # no answer will come from this child
                pending.done.set()
        return code

    def _handle(self, line: bytes) -> None:
        message = read_message(line)
        if message is None:
            log.warning("the sync child wrote a line that is not JSON: %r", line[:200])
            return
        event = message.get("ev")
        if event == "changes":
            state = decode_state(message.get("state") or {})
            changes = decode_changes(message.get("changes") or {})
            with self._lock:
                self._state = state
                cycles = list(self._cycles.values())
            if state.progress is not None and changes.status:
                for pending in cycles:
                    if pending.progress is not None:
                        pending.progress(state.progress)
            self._emit(changes)
        elif event == "cycle_done":
            with self._lock:
                done = self._cycles.get(message.get("id"))  # type: ignore[arg-type]
            if done is not None:
                done.done.set()
        elif event == "tokens":
            self.client.set_tokens(decode_tokens(message.get("tokens")))
        elif event == "tokens_wanted":
            self._send({"op": "tokens", "tokens": encode_tokens(self.client.tokens)})
        elif event == "wiped":
            reason = str(message.get("reason") or "")
            days = message.get("days")
            log.warning("the sync child wiped this device's replica (%s)", reason)
            self.revoked = reason == "revoked"
            self._stop.set()  # nothing is left to sync
            self._wiped = "auth.device_revoked" if self.revoked else "auth.not_signed_in"
            self._set_state(EngineState(NEEDS_SIGN_IN, self._wiped))
            if self._on_wiped is not None:
                self._on_wiped(reason, days if isinstance(days, int) else None)
        elif event == "fatal":
            log.error("the sync child stopped: %s %s", message.get("code"),
                      message.get("detail"))
            code = str(message.get("code") or STOPPED)
            if code.startswith("auth."):
                self._stop.set()  # nothing to sync until someone signs in
                self._set_state(EngineState(NEEDS_SIGN_IN, "auth.sign_in_again"))
