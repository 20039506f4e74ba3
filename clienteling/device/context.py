"""What every device service shares: the paths and settings, the token store, the lock, and
the open session (replica, HTTP client, sync engine) of whoever is signed in; and its end when
the device is lost: a revoked device, or one out of contact past its lock delay, wipes the
session's replica, tokens and PIN (`wipe`, `wipe_if_out_of_contact`; `clienteling.device_guard`
keeps the contact log and the notice)."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from clienteling.api.client import ApiClient, ApiError, SignInRequired, TransportError
from clienteling.device_guard import (
    NO_CONTACT,
    REVOKED,
    ContactLog,
    Reason,
    WipeNotice,
    save_notice,
    wipe_replica,
)
from clienteling.domain.errors import DomainError
from clienteling.outbox import queue
from clienteling.outbox.command import Write
from clienteling.replica.apply import BadChange, clear_server_state, write_entity
from clienteling.replica.database import Replica
from clienteling.replica.key import ReplicaKeys
from clienteling.replica.views import ChangeSet, OutboxEntry
from clienteling.settings import Paths, Settings, TokenPair, TokenStore
from clienteling.sync.child import ChildSync, child_command
from clienteling.sync.engine import EngineTuning, SyncEngine, change_set
from clienteling.sync.push import Backoff

__all__ = ["NETWORK_ERRORS", "DeviceContext", "Session"]

log = logging.getLogger(__name__)

STORE_META = "store_id"
NETWORK_ERRORS = (TransportError, SignInRequired)
T = TypeVar("T")


class Session:
    """What exists while someone is signed in: their replica, client and sync engine (in this
    process, or its handle on the sync child process)."""

    def __init__(self, replica: Replica, client: ApiClient,
                 engine: SyncEngine | ChildSync) -> None:
        self.replica = replica
        self.client = client
        self.engine = engine

    def close(self) -> None:
        self.engine.stop()
        self.client.close()
        self.replica.close()


class DeviceContext:
    """The state the services share, for one settings + data directory.

    `publish` tells subscribers about a change; the sync service (which owns the
    subscribers) sets it before the first session opens. `clock` is the device's time (the
    lock delay is counted with it; tests move it)."""

    def __init__(self, data_dir: str | Path | None = None, *,
                 token_store: TokenStore | None = None,
                 replica_keys: ReplicaKeys | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.paths = Paths.for_user(data_dir)
        self.settings = Settings.load(self.paths)
        self.tokens = token_store if token_store is not None else TokenStore.for_device(
            self.paths, self.settings.token_store)
        # None: the device's own store (`ReplicaKeys.for_device`); the sync child process is
        # given the key the app opened the replica with (`clienteling.device.sync_child`).
        self._replica_keys = replica_keys
        self.lock = threading.RLock()
        self.session: Session | None = None
        self.publish: Callable[[ChangeSet], None] = lambda changes: None
        # Where the last `start_sync` ran the sync (a sign-in restarts it the same way).
        self.sync_in_child = False

    def open_if_signed_in(self) -> None:
        """Open the signed-in user's session, when settings name one.

        A device out of contact with the server for longer than its lock delay sends what it
        can (if the server still answers) and wipes its replica and tokens here: the caller
        finds it signed out, with the wipe notice saying why. May take a few seconds then:
        call it off the UI thread."""
        if self.settings.signed_in:
            self.session = self.open_session()
            self.wipe_if_out_of_contact(push_first=True)

    def need(self) -> Session:
        """The open session; raises `auth.not_signed_in` when nobody is signed in."""
        session = self.session
        if session is None:
            raise DomainError("auth.not_signed_in", "sign in first")
        return session

    def tuning(self) -> EngineTuning:
        s = self.settings
        return EngineTuning(
            pull_interval=s.pull_interval_seconds, health_interval=s.health_interval_seconds,
            page_size=s.page_size,
            backoff=Backoff(base=s.backoff_base_seconds, cap=s.backoff_cap_seconds),
            probe_backoff=Backoff(base=s.backoff_base_seconds,
                                  cap=min(s.backoff_cap_seconds, 30.0)))

    def client(self, server_url: str, tokens: TokenPair | None = None,
               username: str | None = None) -> ApiClient:
        s = self.settings
        store = self.tokens

        def keep(pair: TokenPair | None) -> None:
            if username is None:
                return
            if pair is None:
                store.delete(server_url, username)
            else:
                store.save(server_url, username, pair)

        def reload() -> TokenPair | None:
            return store.load(server_url, username, fresh=True) if username else None

        return ApiClient(server_url, tokens=tokens, on_tokens=keep, reload_tokens=reload,
                         connect_timeout=s.connect_timeout_seconds,
                         read_timeout=s.read_timeout_seconds, verify=s.ca_bundle or True)

    def open_session(self) -> Session:
        s = self.settings
        assert s.server_url and s.username
        replica = Replica.open(self.paths.replica_file(s.server_url, s.username),
                               self.replica_keys())
        try:
            with replica.write() as conn:
                held = Replica.get_meta(conn, STORE_META)
                if held is not None and held != (s.store_id or ""):
                    # The user now works in another store: another scope, another feed.
                    clear_server_state(conn)
                Replica.set_meta(conn, STORE_META, s.store_id or "")
            tokens = self.tokens.load(s.server_url, s.username)
            client = self.client(s.server_url, tokens, s.username)
            contact = ContactLog(replica.path, clock=self.clock)

            def revoked() -> None:  # the engine's thread, after the cycle that learnt it
                self.wipe(REVOKED)

            engine = SyncEngine(replica, client, tuning=self.tuning(),
                                notify=lambda changes: self.publish(changes),
                                tokens_persistent=self.tokens.persistent,
                                on_contact=contact.record,
                                on_revoked=revoked)
        except BaseException:
            replica.close()
            raise
        return Session(replica, client, engine)

    def replica_keys(self) -> ReplicaKeys:
        """Where the replicas' keys are kept (`clienteling.replica.key`)."""
        if self._replica_keys is not None:
            return self._replica_keys
        return ReplicaKeys.for_device(self.paths, self.tokens)

    def start_sync(self, *, in_child: bool = False) -> None:
        """Start the background sync; `in_child`: in a child process (`clienteling.sync.child`)
        so that decoding and applying pages never holds this process's GIL (the app's UI).
        Idempotent. The engine starts outside the lock others read settings through."""
        with self.lock:
            session = self.need()
            self.sync_in_child = in_child
            engine = session.engine
            if in_child and isinstance(engine, SyncEngine) and not engine.running:
                session.engine = ChildSync(
                    session.replica, session.client, command=child_command(self.paths),
                    keys=self.replica_keys(), notify=lambda changes: self.publish(changes),
                    tokens_persistent=self.tokens.persistent, on_wiped=self._child_wiped)
            engine = session.engine
        engine.start()

    def online(self, call: Callable[[], T], not_found: str, **params: Any) -> T:
        """Ask the server; a 404 is `not_found`, no network is `not_found` with offline."""
        try:
            return call()
        except ApiError as error:
            if error.status == 404:
                raise DomainError(not_found, "not found", **params) from None
            if error.status == 422:
                raise
            raise DomainError(not_found, "the server could not answer", offline=True,
                              reason=error.code, **params) from None
        except NETWORK_ERRORS as error:
            raise DomainError(not_found, "not in this device and the server cannot be asked",
                              offline=True, reason=error.code, **params) from None

    def cache(self, session: Session, entity: str, data: Mapping[str, Any]) -> None:
        """Keep what the server answered about something outside the device's scope."""
        try:
            with session.replica.write() as conn:
                applied = write_entity(conn, entity, data, in_scope=False)
        except BadChange:
            log.warning("the server's %s could not be cached", entity)
            return
        self.publish(change_set(applied))

    def submit(self, write: Write) -> OutboxEntry:
        """Queue a write a command module made (`clienteling.outbox.kinds`): checked and
        stored with its optimistic effect in one local transaction, then sent by the sync."""
        session = self.need()
        with session.replica.write() as conn:
            row = queue.queue(conn, write, author=self.settings.username)
        self.publish(ChangeSet(customers=frozenset({row.customer_id} if row.customer_id
                                                   else ()), outbox=True, status=True))
        session.engine.kick()
        return queue.as_view(row)

    # --- a lost device: revoked, or out of contact too long ------------------------------

    def wipe_if_out_of_contact(self, *, push_first: bool) -> bool:
        """Past the lock delay without reaching the server: send the outbox if the server
        still takes it (`push_first`), then wipe. Whether the device was wiped."""
        session = self.session
        if session is None:
            return False
        contact = ContactLog(session.replica.path, clock=self.clock)
        if not contact.expired():
            return False
        days = contact.lock_days()
        if push_first:
            session.engine.run_cycle(ignore_schedule=True, pull_too=False)
        self.wipe(REVOKED if session.engine.revoked else NO_CONTACT, days=days)
        return True

    def _child_wiped(self, reason: str, days: int | None) -> None:
        """The sync child (which owns the replica while it runs) wiped it: revoked, or out of
        contact. This process closes its own handles and finishes the wipe the same way
        (whatever the child left, the replica's key, tokens, PIN, settings, the notice): the
        app then shows the sign-in page with the reason."""
        self.wipe(REVOKED if reason == REVOKED else NO_CONTACT, days=days)

    def wipe(self, reason: Reason, *, days: int | None = None) -> WipeNotice | None:
        """Forget everything of the signed-in user on this device: stop the sync, delete the
        replica (file, -wal, -shm) and the tokens and PIN, sign out, and keep a notice saying
        why. Nothing more is sent. Idempotent (None when nobody was signed in)."""
        with self.lock:
            session, self.session = self.session, None
            s = self.settings
            if session is None:
                return None
            session.close()  # the engine's stop from its own thread does not wait for itself
            # The app's own store forgets the key; the sync child's given key is not its own
            # to forget (the app, told on the child's lines, wipes again and forgets it).
            removed = wipe_replica(session.replica.path, self.replica_keys())
            if s.server_url and s.username:
                self.tokens.delete(s.server_url, s.username)
                from clienteling.unlock import PinStore  # argon2: off the start's path

                PinStore(self.paths).clear_pin(s.server_url, s.username)
            notice = WipeNotice(reason=reason, at=self.clock(), username=s.username,
                                server_url=s.server_url, days=days, removed=len(removed))
            save_notice(self.paths.config_dir, notice)
            self.settings = dataclasses.replace(
                s, username=None, user_id=None, display_name=None, role=None, store_id=None)
            self.settings.save(self.paths)
        log.warning("this device wiped its data (%s): %d files removed", reason, len(removed))
        self.publish(ChangeSet(reset=True, outbox=True, status=True))
        return notice
