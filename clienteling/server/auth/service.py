"""Staff accounts, password checks and device sessions with opaque, rotating tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.domain.errors import DomainError
from clienteling.server.auth.deps import Staff
from clienteling.server.auth.models import DeviceSession, RetiredRefreshToken, StaffUser
from clienteling.server.config import ServerConfig
from clienteling.server.db import utcnow
from clienteling.server.devices import service as devices
from clienteling.server.problems import ApiProblem
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
        raise DomainError("user.username_taken", "this username is taken", username=username)
    user = StaffUser(username=username, display_name=(display_name or "").strip() or username,
                     password_hash=hash_password(password), role=role, store_id=store_id,
                     active=True, created_at=utcnow())
    try:
        with session.begin_nested():
            session.add(user)
    except IntegrityError as error:  # the same username created at the same instant
        raise DomainError("user.username_taken", "this username is taken",
                          username=username) from error
    return user


# --- device sessions ----------------------------------------------------------------------


def _issue(device: DeviceSession, config: ServerConfig) -> tuple[str, str]:
    """New access and refresh tokens for `device`; only their hashes are kept."""
    now = utcnow()
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    device.access_hash = token_hash(access)
    device.access_expires_at = now + timedelta(seconds=config.access_token_ttl)
    device.refresh_hash = token_hash(refresh)
    device.refresh_expires_at = now + timedelta(seconds=config.refresh_token_ttl)
    return access, refresh


def _tokens(access: str, refresh: str, user: StaffUser, config: ServerConfig) -> w.Tokens:
    return w.Tokens(access_token=access, refresh_token=refresh,
                    expires_in=config.access_token_ttl, user=user_wire(user))


_BAD_LOGIN = "The username or the password is wrong."


def login(session: Session, *, username: str, password: str, device_name: str,
          config: ServerConfig) -> w.Tokens:
    user = session.scalar(select(StaffUser).where(StaffUser.username == username.strip()))
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise ApiProblem(401, _BAD_LOGIN, code="auth.bad_credentials")
    if not user.active:
        raise ApiProblem(401, "This account is disabled.", code="auth.inactive")
    device = DeviceSession(user_id=user.id, device_name=device_name.strip() or "unnamed device",
                           created_at=utcnow())
    access, refresh = _issue(device, config)
    session.add(device)
    session.flush()
    return _tokens(access, refresh, user, config)


def refresh(session: Session, *, refresh_token: str, config: ServerConfig) -> w.Tokens | None:
    """Exchange a refresh token for new tokens; the old one stops working.

    Returns None when the token was already exchanged once (a copy is in use): the device
    session is then revoked and the caller must answer 401 while still committing.
    """
    digest = token_hash(refresh_token)
    now = utcnow()
    device = session.scalar(
        select(DeviceSession).where(DeviceSession.refresh_hash == digest).with_for_update())
    if device is None:
        retired = session.get(RetiredRefreshToken, digest)
        if retired is None:
            raise ApiProblem(401, "The refresh token is invalid.", code="auth.invalid_refresh")
        session.execute(update(DeviceSession).where(
            DeviceSession.id == retired.session_id, DeviceSession.revoked_at.is_(None),
        ).values(revoked_at=now))
        return None
    devices.check_not_revoked(device)
    user = session.get(StaffUser, device.user_id)
    if device.revoked_at is not None or device.refresh_expires_at <= now or user is None or (
            not user.active):
        raise ApiProblem(401, "This session has ended: sign in again.",
                         code="auth.session_ended")
    session.add(RetiredRefreshToken(refresh_hash=digest, session_id=device.id, retired_at=now))
    access, new_refresh = _issue(device, config)
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
