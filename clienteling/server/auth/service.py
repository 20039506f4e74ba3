"""Staff accounts, password checks and device sessions with opaque, rotating tokens."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session, sessionmaker

from clienteling.api import models as w
from clienteling.domain.errors import Busy, Conflict, DomainError, TooMany, Unauthorized
from clienteling.domain.order_numbers import device_code
from clienteling.server.auth import throttle
from clienteling.server.auth.models import DeviceSession, RetiredRefreshToken, StaffUser
from clienteling.server.auth.staff import Staff
from clienteling.server.config import ServerConfig
from clienteling.server.db import utcnow
from clienteling.server.devices import service as devices
from clienteling.server.stores.models import StoreRow

# Tests swap in a cheaper hasher (argon2.profiles.CHEAPEST); production keeps the default
# (RFC 9106 low-memory profile).
HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    return HASHER.hash(password)


@cache
def _dummy_hash(parameters: object) -> str:
    return HASHER.hash("no such user: this hash only spends the same time")


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; with no hash (unknown user) it still spends the time of a
    real check, so the answer time does not tell who has an account."""
    try:
        return HASHER.verify(password_hash or _dummy_hash(HASHER), password) and (
            password_hash is not None)
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def user_wire(user: StaffUser) -> w.User:
    return w.User(id=user.id, username=user.username, display_name=user.display_name,
                  role=w.Role(user.role), store_id=user.store_id)


# --- accounts -----------------------------------------------------------------------------


def create_user(session: Session, *, username: str, password: str, role: str,
                store_id: str | None, display_name: str | None = None) -> StaffUser:
    """Create a staff account. Raises `user.role`, `user.username`, `user.password_short`,
    `user.store_unknown` or `user.username_taken`."""
    username = username.strip()
    if role not in {r.value for r in w.Role}:
        raise DomainError("user.role", "the role is seller, manager or admin", role=role)
    if not username or len(username) > 150 or not username.isprintable():
        raise DomainError("user.username", "a username has 1 to 150 printable characters")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError("user.password_short", "the password is too short",
                          minimum=MIN_PASSWORD_LENGTH)
    if store_id is not None and session.get(StoreRow, store_id) is None:
        raise DomainError("user.store_unknown", "there is no such store", store_id=store_id)
    taken = session.scalar(select(StaffUser.id).where(StaffUser.username == username))
    if taken is not None:
        raise Conflict("user.username_taken", "this username is taken", username=username)
    user = StaffUser(username=username, display_name=(display_name or "").strip() or username,
                     password_hash=hash_password(password), role=role, store_id=store_id,
                     active=True, created_at=utcnow())
    try:
        with session.begin_nested():
            session.add(user)
    except IntegrityError as error:  # the same username created at the same instant
        raise Conflict("user.username_taken", "this username is taken",
                          username=username) from error
    return user


# --- device sessions ----------------------------------------------------------------------


def _issue(device: DeviceSession, config: ServerConfig, now: datetime) -> tuple[str, str]:
    """New access and refresh tokens for `device`; only their hashes are kept."""
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    device.access_hash = token_hash(access)
    device.access_expires_at = now + timedelta(seconds=config.access_token_ttl)
    device.refresh_hash = token_hash(refresh)
    device.refresh_expires_at = now + timedelta(seconds=config.refresh_token_ttl)
    return access, refresh


def _tokens(access: str, refresh: str, user: StaffUser, config: ServerConfig) -> w.Tokens:
    return w.Tokens(access_token=access, refresh_token=refresh,
                    expires_in=config.access_token_ttl, user=user_wire(user),
                    device_code=_device_code(user, access),
                    device_lock_days=config.device_lock_days)


def _device_code(user: StaffUser, access: str) -> str | None:
    """The code of the device session `access` was just issued to (login and refresh flush
    it first): unique per session, the device puts it in the order numbers it makes."""
    session = object_session(user)
    found = session.scalar(select(DeviceSession.id).where(
        DeviceSession.access_hash == token_hash(access))) if session is not None else None
    return device_code(found) if found is not None else None


_BAD_LOGIN = "The username or the password is wrong."

RefusalReason = Literal["bad_credentials", "inactive", "throttled", "busy"]


class LoginRefused(Exception):
    """A sign-in the server refused. The router turns it into the answer; it is also the one
    place to record failed sign-ins (who tried which username, why it was refused)."""

    def __init__(self, reason: RefusalReason, username: str, *,
                 retry_after: int | None = None) -> None:
        super().__init__(reason)
        self.reason: RefusalReason = reason
        self.username = username
        self.retry_after = retry_after

    def problem(self) -> DomainError:
        if self.reason == "throttled":
            wait = self.retry_after or 1
            return TooMany("auth.throttled",
                           "Too many failed sign-ins for this username: try again in "
                f"{_minutes(wait)}.", retry_after=wait)
        if self.reason == "busy":
            return Busy("auth.busy", "The server is checking too many passwords at once; try "
                              "again shortly.", retry_after=self.retry_after or 2)
        if self.reason == "inactive":
            return Unauthorized("auth.inactive", "This account is disabled.")
        return Unauthorized("auth.bad_credentials", _BAD_LOGIN)


def _minutes(seconds: int) -> str:
    minutes = -(-seconds // 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def login(factory: sessionmaker[Session], *, username: str, password: str, device_name: str,
          config: ServerConfig, password_slots: threading.Semaphore,
          clock: Callable[[], datetime] = utcnow) -> w.Tokens:
    """Sign in: three steps so that no transaction is open while the password is checked.

    argon2 takes ~0.3 s; inside a transaction it would hold a pooled connection that long, and on
    SQLite the database's write lock, stalling every other request. So: a short transaction
    charges the attempt to the username and reads the account; the password is checked with
    nothing held (at most `password_slots` checks at once: each takes 64 MiB); a second short
    transaction opens the device session. Raises `LoginRefused`.
    """
    username = username.strip()
    now = clock()
    with factory() as session, session.begin():
        # Charged for known and unknown usernames alike: the answers never tell them apart.
        wait = throttle.claim_attempt(session, username, now=now, config=config)
        account = None if wait is not None else session.execute(
            select(StaffUser.id, StaffUser.password_hash, StaffUser.active)
            .where(StaffUser.username == username)).one_or_none()
    if wait is not None:
        raise LoginRefused("throttled", username, retry_after=wait)

    if not password_slots.acquire(timeout=config.login_hash_wait):
        # Overloaded, not wrong: the password was never looked at, so the attempt is not counted.
        with factory() as session, session.begin():
            throttle.refund_attempt(session, username)
        raise LoginRefused("busy", username)
    try:
        matches = verify_password(account.password_hash if account else None, password)
    finally:
        password_slots.release()
    if account is None or not matches:
        raise LoginRefused("bad_credentials", username)
    if not account.active:
        raise LoginRefused("inactive", username)

    with factory() as session, session.begin():
        user = session.get(StaffUser, account.id)
        if user is None or user.password_hash != account.password_hash:
            # The password changed while it was being checked: the old one no longer signs in.
            raise LoginRefused("bad_credentials", username)
        if not user.active:
            raise LoginRefused("inactive", username)
        now = clock()
        throttle.forget(session, username)
        device = DeviceSession(user_id=user.id,
                               device_name=device_name.strip() or "unnamed device",
                               created_at=now)
        access, refresh_token = _issue(device, config, now)
        devices.mark_seen(device)
        session.add(device)
        session.flush()
        return _tokens(access, refresh_token, user, config)


def refresh(session: Session, *, refresh_token: str, config: ServerConfig,
            now: datetime | None = None) -> w.Tokens | None:
    """Exchange a refresh token for new tokens; the old one stops working.

    Returns None when the token was already exchanged more than `config.refresh_grace` seconds
    ago (a copy is in use): the device session is then revoked and the caller must answer 401
    while still committing.

    Within the grace, the old token is exchanged again: a tablet whose answer was lost (Wi-Fi
    dropped after the server committed) resends the only token it has, and must not be signed
    out for it. The trade-off: a thief replaying a copied token within those seconds gets tokens
    instead of revoking the session at once. It is bounded: the replay retires the tokens the
    device holds, and the device's next refresh (an access token lives `access_token_ttl`, far
    longer than the grace) presents one retired more than the grace ago, which revokes the
    session, the thief's tokens with it. Detection is delayed by at most one access-token
    lifetime, never lost; and the grace counts from the token's first exchange, so an old
    stolen token is worth nothing.
    """
    digest = token_hash(refresh_token)
    now = now or utcnow()
    device = session.scalar(
        select(DeviceSession).where(DeviceSession.refresh_hash == digest).with_for_update())
    if device is None:
        retired = session.get(RetiredRefreshToken, digest)
        if retired is None:
            raise Unauthorized("auth.invalid_refresh", "The refresh token is invalid.")
        if now - retired.retired_at <= timedelta(seconds=config.refresh_grace):
            # Same device session, lost answer: rotate again (the lost tokens stop working).
            device = session.scalar(select(DeviceSession).where(
                DeviceSession.id == retired.session_id).with_for_update())
        else:
            session.execute(update(DeviceSession).where(
                DeviceSession.id == retired.session_id, DeviceSession.revoked_at.is_(None),
            ).values(revoked_at=now))
            return None
    else:
        session.add(RetiredRefreshToken(refresh_hash=digest, session_id=device.id,
                                        retired_at=now))
    if device is not None:
        devices.check_not_revoked(device)  # a lost tablet's refresh is told it was revoked
    user = session.get(StaffUser, device.user_id) if device is not None else None
    if device is None or device.revoked_at is not None or device.refresh_expires_at <= now or (
            user is None or not user.active):
        raise Unauthorized("auth.session_ended", "This session has ended: sign in again.")
    if device.refresh_hash != digest:
        # The grace path: the tokens of the lost answer are retired from now on.
        session.add(RetiredRefreshToken(refresh_hash=device.refresh_hash, session_id=device.id,
                                        retired_at=now))
    access, new_refresh = _issue(device, config, now)
    devices.mark_seen(device)
    session.flush()
    return _tokens(access, new_refresh, user, config)


def logout(session: Session, *, staff: Staff) -> None:
    """Revoke the device session the access token belongs to (access and refresh alike)."""
    session.execute(update(DeviceSession).where(
        DeviceSession.id == staff.session_id, DeviceSession.revoked_at.is_(None),
    ).values(revoked_at=utcnow()))
    # A revoked session's retired tokens can no longer revoke anything: forget them.
    session.execute(delete(RetiredRefreshToken).where(
        RetiredRefreshToken.session_id == staff.session_id))


def staff_for_access_token(session: Session, token: str) -> Staff | None:
    """The staff member a still-valid access token belongs to, or None."""
    if not token or len(token) > 512:
        return None
    row = session.execute(
        select(StaffUser, DeviceSession.id)
        .join(DeviceSession, DeviceSession.user_id == StaffUser.id)
        .where(DeviceSession.access_hash == token_hash(token),
               DeviceSession.revoked_at.is_(None),
               DeviceSession.access_expires_at > utcnow(),
               StaffUser.active.is_(True))
    ).first()
    if row is None:
        return None
    user, session_id = row
    return Staff(id=user.id, username=user.username, display_name=user.display_name,
                 role=w.Role(user.role), store_id=user.store_id, session_id=session_id)
