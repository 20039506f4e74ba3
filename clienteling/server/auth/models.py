"""Staff accounts and their device sessions (opaque tokens, stored hashed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clienteling.server.db import Base, UTCDateTime


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    store_id: Mapped[str | None] = mapped_column(String(64), ForeignKey("stores.store_id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeviceSession(Base):
    """One signed-in device. Tokens are random; only their SHA-256 is stored."""

    __tablename__ = "device_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    device_name: Mapped[str] = mapped_column(String(200))
    access_hash: Mapped[str] = mapped_column(String(64), unique=True)
    access_expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    refresh_hash: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last sign-in or token refresh: when a lost device was last heard of.
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why it was revoked when an admin or manager did it (`admin`): the device is told so and
    # wipes itself, unlike after a sign-out or an expired token.
    revoked_reason: Mapped[str | None] = mapped_column(String(40))


class RetiredRefreshToken(Base):
    """A refresh token already exchanged. Presenting it again more than the grace after
    `retired_at` means it was copied: the thief or the device is using a stale one, so the whole
    device session is revoked. Within the grace it is a device resending after a lost answer."""

    __tablename__ = "retired_refresh_tokens"

    refresh_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("device_sessions.id"), index=True)
    retired_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LoginThrottle(Base):
    """Sign-in attempts per username, shared by every API process (hence a table, not memory).

    A row exists for any username tried, known or not, so the answer never tells which usernames
    have an account. `window_ends_at` is when the count starts again; once `failures` reaches the
    limit it is pushed one whole window past the attempt that reached it (the lockout).
    """

    __tablename__ = "login_throttle"

    # SHA-256 of the username as typed: fixed length, and a password typed into the username box
    # by mistake is not kept readable.
    username_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Attempts charged in the current window, the one in progress included.
    failures: Mapped[int] = mapped_column(Integer)
    window_ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
