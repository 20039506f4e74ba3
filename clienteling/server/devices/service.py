"""Devices (device sessions): when each was last heard of, and revoking a lost one.

A device revoked here (`revoked_reason` = `admin`) is told so at its next request, with its
access or its refresh token: 401 `auth.device_revoked`, unlike an expired token or a sign-out
(`auth.invalid_token`, `auth.session_ended`), so it wipes its replica and tokens.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.domain.errors import DomainError, NotFound, Unauthorized
from clienteling.server.audit import service as audit
from clienteling.server.auth.models import DeviceSession, StaffUser
from clienteling.server.auth.staff import Staff
from clienteling.server.db import utcnow

REVOKED_BY_ADMIN = "admin"


def revoked_problem() -> DomainError:
    return Unauthorized("auth.device_revoked",
                        "This device was revoked: it must forget its data and be signed in "
                      "again by its store.")


def mark_seen(device: DeviceSession) -> None:
    """At sign-in and token refresh: the device is alive now."""
    device.last_seen_at = utcnow()


def check_not_revoked(device: DeviceSession) -> None:
    """401 `auth.device_revoked` if an admin or manager revoked the device."""
    if device.revoked_reason == REVOKED_BY_ADMIN:
        raise revoked_problem()


def revoked_by_admin(session: Session, *, token_hash: str) -> bool:
    """Whether this access token belongs to a device an admin or manager revoked."""
    return session.scalar(select(DeviceSession.revoked_reason).where(
        DeviceSession.access_hash == token_hash)) == REVOKED_BY_ADMIN


def _wire(device: DeviceSession, user: StaffUser) -> w.Device:
    return w.Device(device_id=device.id, username=user.username, store_id=user.store_id,
                    name=device.device_name,
                    # A device that never refreshed was last seen when it signed in.
                    last_seen_at=device.last_seen_at or device.created_at,
                    revoked=device.revoked_at is not None)


def list_devices(session: Session, *, store_id: str | None = None,
                 include_revoked: bool = True) -> list[w.Device]:
    """Devices, most recently seen first; with `store_id`, those of that store's staff."""
    query = select(DeviceSession, StaffUser).join(StaffUser, StaffUser.id == DeviceSession.user_id)
    if store_id is not None:
        query = query.where(StaffUser.store_id == store_id)
    if not include_revoked:
        query = query.where(DeviceSession.revoked_at.is_(None))
    rows = session.execute(query.order_by(DeviceSession.id)).all()
    devices = [_wire(device, user) for device, user in rows]
    devices.sort(key=lambda d: d.last_seen_at or utcnow(), reverse=True)
    return devices


def device_store(session: Session, *, device_id: int) -> str | None:
    """The store of the device's staff member; `device.not_found` if there is no such device."""
    found = session.execute(select(StaffUser.store_id).join(
        DeviceSession, DeviceSession.user_id == StaffUser.id).where(
        DeviceSession.id == device_id)).first()
    if found is None:
        raise NotFound("device.not_found", f"no device has the id {device_id}",
                          device_id=device_id)
    return found[0]


def revoke_device(session: Session, *, device_id: int, staff: Staff | None,
                  username: str | None = None) -> w.Device:
    """Revoke the device: its tokens stop working at once and its next request is told so.
    Audited (device.revoke). Raises `device.not_found`."""
    device = session.get(DeviceSession, device_id, with_for_update=True) if (
        0 < device_id < 2**31) else None
    if device is None:
        raise NotFound("device.not_found", f"no device has the id {device_id}",
                          device_id=device_id)
    user = session.get(StaffUser, device.user_id)
    assert user is not None  # a foreign key holds it
    was = device.revoked_at
    device.revoked_at = was or utcnow()
    device.revoked_reason = REVOKED_BY_ADMIN
    audit.record(session, action=audit.Action.DEVICE_REVOKE, staff=staff, username=username,
                 detail={"device_id": device.id, "device_name": device.device_name,
                         "user": user.username, "store_id": user.store_id,
                         "already_revoked": was is not None})
    session.flush()
    return _wire(device, user)
