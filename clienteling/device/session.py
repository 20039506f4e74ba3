"""Who is signed in: sign-in and sign-out, the settings, where tokens are kept, the user and
their store; and why the device forgot everything when it wiped itself (revoked, or out of
contact too long: the wipe notice)."""

from __future__ import annotations

import dataclasses
from typing import Any

from clienteling.device.context import DeviceContext
from clienteling.device_guard import ContactLog, Reason, WipeNotice, clear_notice, read_notice
from clienteling.domain.errors import DomainError
from clienteling.replica import reads
from clienteling.replica.views import ChangeSet, CurrentUser, StoreView
from clienteling.settings import TOKEN_STORES, Paths, Settings, TokenPair, normalize_server_url

__all__ = ["SessionService"]


class SessionService:
    """Sign-in, settings and the signed-in user."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    @property
    def paths(self) -> Paths:
        """Where settings and replicas live."""
        return self._ctx.paths

    @property
    def settings(self) -> Settings:
        """A copy of the current settings."""
        with self._ctx.lock:
            return dataclasses.replace(self._ctx.settings)

    def update_settings(self, **changes: Any) -> Settings:
        """Change and save settings (`language`, `lock_delay_minutes`, …); returns them.
        Raises `settings.unknown` for a name that is not a setting, `settings.invalid` for a
        value of the wrong type."""
        names = {f.name for f in dataclasses.fields(Settings)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise DomainError("settings.unknown", "no such setting", names=unknown)
        with self._ctx.lock:
            updated = Settings.from_dict({**dataclasses.asdict(self._ctx.settings), **changes})
            updated.save(self._ctx.paths)
            self._ctx.settings = updated
            return dataclasses.replace(updated)

    @property
    def signed_in(self) -> bool:
        """True when settings name a server and user and their replica is open (the token may
        still be missing: `sync_status().state` is then "needs_sign_in")."""
        return self._ctx.session is not None

    @property
    def tokens_persistent(self) -> bool:
        """False when the system has no keyring: the sign-in is kept in memory only, for this
        process (show it: the next start will ask for the password again)."""
        return self._ctx.tokens.persistent

    @property
    def keyring_available(self) -> bool:
        """False on a system without an OS keyring: offer `choose_token_store("file")`."""
        return self._ctx.tokens.keyring_available

    def choose_token_store(self, choice: str) -> None:
        """Keep sign-in tokens in "keyring" (the OS keyring) or "file" (encrypted for this
        device and user), from the next sign-in on; saved in the settings."""
        if choice not in TOKEN_STORES:
            raise DomainError("settings.invalid", "the token store is keyring or file",
                              name="token_store")
        with self._ctx.lock:
            if choice == "file":
                self._ctx.tokens.use_file(self._ctx.paths)
            self._ctx.settings = dataclasses.replace(self._ctx.settings, token_store=choice)
            self._ctx.settings.save(self._ctx.paths)

    def sign_in(self, server_url: str, username: str, password: str) -> CurrentUser:
        """Online. Sign in, keep the tokens (keyring), save the server, user and store in the
        settings and open this user's replica (created on first use; its outbox is kept from
        any earlier session). Raises `auth.bad_credentials` (or the server's code) on a 401,
        `network.*` when the server cannot be reached, `settings.server_url` for a bad URL."""
        ctx = self._ctx
        url = normalize_server_url(server_url)
        username = username.strip()
        if not username or not password:
            raise DomainError("auth.missing", "give a username and a password")
        probe = ctx.client(url)
        try:
            tokens = probe.login(username, password, ctx.settings.device_name)
        finally:
            probe.close()
        user = tokens.user
        with ctx.lock:
            old, ctx.session = ctx.session, None
        running = old.engine.running if old is not None else False
        if old is not None:
            old.close()  # stops its sync: not while holding the lock others read through
        with ctx.lock:
            ctx.tokens.save(url, username, TokenPair(tokens.access_token, tokens.refresh_token))
            ctx.settings = dataclasses.replace(
                ctx.settings, server_url=url, username=username, user_id=user.id,
                display_name=user.display_name, role=user.role.value, store_id=user.store_id,
                device_code=tokens.device_code)
            ctx.settings.save(ctx.paths)
            ctx.session = ctx.open_session()
            ContactLog(ctx.session.replica.path, clock=ctx.clock).record(
                tokens.device_lock_days)
            clear_notice(ctx.paths.config_dir)
            ctx.session.engine.signed_in_again()
        if running:
            ctx.start_sync(in_child=ctx.sync_in_child)
        ctx.publish(ChangeSet(reset=True, outbox=True, status=True))
        current = self.current_user()
        assert current is not None
        return current

    def sign_out(self) -> None:
        """Revoke the tokens (best effort), forget them, stop the sync and close the replica.
        The replica file and its unsent outbox stay: signing in again resumes them."""
        ctx = self._ctx
        with ctx.lock:
            session, ctx.session = ctx.session, None
            s = ctx.settings
            ctx.settings = dataclasses.replace(
                s, username=None, user_id=None, display_name=None, role=None, store_id=None)
            ctx.settings.save(ctx.paths)
        # The network and the sync's end outside the lock: the UI reads settings through it.
        if session is not None:
            session.engine.stop()
            session.client.logout()
            session.close()
        if s.server_url and s.username:
            ctx.tokens.delete(s.server_url, s.username)
        ctx.publish(ChangeSet(reset=True, outbox=True, status=True))

    def current_user(self) -> CurrentUser | None:
        """The signed-in staff member and their store, or None."""
        s = self._ctx.settings
        session = self._ctx.session
        if session is None or not s.username or not s.server_url:
            return None
        with session.replica.read() as conn:
            store = reads.store(conn, s.store_id)
        return CurrentUser(user_id=s.user_id, username=s.username,
                           display_name=s.display_name or s.username, role=s.role or "seller",
                           store_id=s.store_id, store=store, server_url=s.server_url)

    def current_store(self) -> StoreView | None:
        """The device's store (the signed-in user's), once the replica holds it."""
        session = self._ctx.session
        if session is None:
            return None
        with session.replica.read() as conn:
            return reads.store(conn, self._ctx.settings.store_id)

    # --- a lost device ------------------------------------------------------------------

    def wipe(self, reason: Reason, *, days: int | None = None) -> WipeNotice | None:
        """Forget everything of the signed-in user on this device: stop the sync, delete the
        replica (file, -wal, -shm), the tokens and the unlock PIN, sign out, and keep a notice
        saying why (`wipe_notice`). Nothing more is sent. Idempotent (None when nobody was
        signed in). The device does it by itself when revoked or out of contact too long."""
        return self._ctx.wipe(reason, days=days)

    def wipe_notice(self) -> WipeNotice | None:
        """Why this device forgot its data, until `dismiss_wipe_notice` (or a sign-in)."""
        return read_notice(self._ctx.paths.config_dir)

    def dismiss_wipe_notice(self) -> None:
        clear_notice(self._ctx.paths.config_dir)
