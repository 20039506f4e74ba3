"""Writing and reading the audit log.

Entries are written in the transaction of the act they record, so an act and its entry
commit or vanish together; the API has no way to change or delete one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.audit.models import AuditEntry
from clienteling.server.auth.staff import Staff
from clienteling.server.db import utcnow


class Action(StrEnum):
    """What an entry records. Reads of a store's own customers are not audited: they are the
    seller's daily work; a customer of another store is."""

    CUSTOMER_LOOKUP = "customer.lookup"  # found by an exact identifier (card, email, phone)
    CUSTOMER_READ = "customer.read"  # another store's customer read
    CUSTOMER_ASSIGN = "customer.assign"
    CUSTOMER_TIER = "customer.tier"
    CUSTOMER_HOME_STORE = "customer.home_store"
    ORDER_MOVE = "order.move"
    STAFF_CREATE = "staff.create"
    LOGIN_FAILED = "auth.login_failed"
    EXPORT = "export"
    GDPR_EXPORT = "gdpr.export"  # everything held on a customer, given to them
    GDPR_ERASE = "gdpr.erase"  # an erasure asked for (pending) or carried out (done)
    GDPR_PURGE = "gdpr.purge"  # a retention run: who was past it, who was erased
    DEVICE_REVOKE = "device.revoke"


def entry(*, action: Action, staff: Staff | None, customer_id: str | None = None,
          detail: dict[str, Any] | None = None, username: str | None = None,
          at: datetime | None = None) -> AuditEntry:
    """An entry to keep (see `keep`): who, when, what, about which customer."""
    return AuditEntry(
        at=at or utcnow(), action=action.value,
        staff_id=staff.id if staff else None,
        username=staff.username if staff else username,
        store_id=staff.store_id if staff else None,
        customer_id=customer_id, detail=detail or None,
    )


def record(session: Session, **what: Any) -> None:
    """Add an entry to the transaction of the act it records (a write's own session)."""
    session.add(entry(**what))


def keep(trail: Session, entries: list[AuditEntry], *, reader: Session | None = None) -> None:
    """Write the entries a read produced. `reader`, the request's read session, ends first:
    a request holds one connection at a time (the API admits requests by connections), and
    the entries commit with `trail` when the endpoint returns, or not at all if it fails."""
    if not entries:
        return
    if reader is not None and reader is not trail:
        reader.commit()
    trail.add_all(entries)


def looked_up_since(session: Session, *, staff_id: int, customer_id: str,
                    since: datetime) -> bool:
    """Whether this staff member found this customer by an exact identifier since `since`."""
    return bool(session.scalar(select(exists().where(
        AuditEntry.customer_id == customer_id, AuditEntry.staff_id == staff_id,
        AuditEntry.action == Action.CUSTOMER_LOOKUP.value, AuditEntry.at >= since))))


def lookup_window(hours: int) -> datetime:
    return utcnow() - timedelta(hours=hours)


def entries(session: Session, *, customer_id: str | None = None, staff_id: int | None = None,
            username: str | None = None, action: str | None = None, since: datetime | None = None,
            until: datetime | None = None, before_id: int | None = None,
            limit: int = 100) -> tuple[list[w.AuditEntry], int | None]:
    """Newest first; the id to continue from (the `cursor` of the next page), or None."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit + 1)
    if customer_id is not None:
        query = query.where(AuditEntry.customer_id == customer_id)
    if staff_id is not None:
        query = query.where(AuditEntry.staff_id == staff_id)
    if username is not None:
        query = query.where(AuditEntry.username == username)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    rows = session.scalars(query).all()
    items = [w.AuditEntry(id=r.id, at=r.at, action=r.action, staff_id=r.staff_id,
                          username=r.username, store_id=r.store_id, customer_id=r.customer_id,
                          detail=r.detail) for r in rows[:limit]]
    more = len(rows) > limit
    return items, (items[-1].id if more and items else None)
