"""The right to erasure and retention: a customer's personal data removed from the server and,
through the feed, from every device that held them.

The customer row stays as a tombstone (`erased_at` set, every personal field cleared) so the
orders kept for accounting still reference it; wishlist and interactions (notes, consents,
purchases' timeline) are deleted. While an order is open the law requires keeping the customer:
the request is recorded and carried out by `after_order_closed` when the last one closes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clienteling.domain.errors import NotFound
from clienteling.domain.orders import RESERVING, OrderStatus
from clienteling.server.audit import service as audit
from clienteling.server.auth.staff import Staff
from clienteling.server.clients.models import TaskRow
from clienteling.server.customers.models import CustomerRow, InteractionRow, WishlistRow
from clienteling.server.db import utcnow
from clienteling.server.feed import service as feed
from clienteling.server.feed.models import ChangeRow
from clienteling.server.orders.models import OrderRow
from clienteling.server.privacy.models import DONE, PENDING, ErasureRequest

# Open orders: stock still reserved for the customer, who is still to be served.
OPEN = sorted(s.value for s in RESERVING)
# What the feed carries about a customer; each reaches the devices that held it as a delete.
_CUSTOMER_ENTITIES = ("customer", "order", "wishlist_item", "interaction")


@dataclass(frozen=True)
class Erasure:
    """What an erasure request came to: carried out (`done`) or waiting for `open_orders`."""

    customer_id: str
    done: bool
    open_orders: list[str] = field(default_factory=list)
    already: bool = False  # the customer had been erased before


def live_customer(session: Session, customer_id: str, *, for_update: bool = False) -> CustomerRow:
    """The customer, unless unknown or erased (`customer.not_found` either way)."""
    row = session.get(CustomerRow, customer_id, with_for_update=for_update)
    if row is None or row.erased_at is not None:
        raise NotFound("customer.not_found", f"no customer has the id {customer_id}",
                          customer_id=customer_id)
    return row


def open_orders(session: Session, customer_id: str) -> list[str]:
    return list(session.scalars(
        select(OrderRow.order_number).where(OrderRow.customer_id == customer_id,
                                            OrderRow.status.in_(OPEN))
        .order_by(OrderRow.created_at, OrderRow.order_number)))


def request_erasure(session: Session, *, customer_id: str, requested_by: str,
                    reason: str | None = None, now: datetime | None = None,
                    staff: Staff | None = None) -> Erasure:
    """Record an erasure request and carry it out now, or when the last open order closes.
    `staff`: who asked through the API (recorded in the audit entry)."""
    now = now or utcnow()
    row = session.get(CustomerRow, customer_id, with_for_update=True)
    if row is not None and row.erased_at is not None:
        return Erasure(customer_id, done=True, already=True)
    row = live_customer(session, customer_id)
    waiting = open_orders(session, customer_id)
    request = session.scalar(select(ErasureRequest).where(
        ErasureRequest.customer_id == customer_id, ErasureRequest.status == PENDING))
    if request is None:
        request = ErasureRequest(customer_id=customer_id, requested_at=now,
                                 requested_by=requested_by, status=PENDING, reason=reason)
        session.add(request)
    if waiting:
        audit.record(session, action=audit.Action.GDPR_ERASE, staff=staff, username=requested_by,
                     customer_id=customer_id,
                     detail={"status": PENDING, "open_orders": waiting, "reason": reason})
        return Erasure(customer_id, done=False, open_orders=waiting)
    _carry_out(session, row, now=now)
    _close_requests(session, customer_id, now)
    audit.record(session, action=audit.Action.GDPR_ERASE, staff=staff, username=requested_by,
                 customer_id=customer_id, detail={"status": DONE, "reason": reason})
    return Erasure(customer_id, done=True)


def after_order_closed(session: Session, *, customer_id: str) -> bool:
    """Called when an order leaves the open statuses: carry out a pending erasure once the
    customer has no open order left. Whether the customer was erased."""
    request = session.scalar(select(ErasureRequest).where(
        ErasureRequest.customer_id == customer_id, ErasureRequest.status == PENDING)
        .order_by(ErasureRequest.id).limit(1))
    if request is None or open_orders(session, customer_id):
        return False
    row = session.get(CustomerRow, customer_id, with_for_update=True)
    if row is None:
        return False
    now = utcnow()
    if row.erased_at is None:
        _carry_out(session, row, now=now)
    _close_requests(session, customer_id, now)
    audit.record(session, action=audit.Action.GDPR_ERASE, staff=None,
                 username=request.requested_by, customer_id=customer_id,
                 detail={"status": DONE, "reason": request.reason,
                         "requested_at": request.requested_at.isoformat(),
                         "trigger": "last open order closed"})
    return True


def _close_requests(session: Session, customer_id: str, now: datetime) -> None:
    for request in session.scalars(select(ErasureRequest).where(
            ErasureRequest.customer_id == customer_id, ErasureRequest.status == PENDING)):
        request.status, request.done_at = DONE, now


def _holders(session: Session, customer_id: str, keys: dict[str, list[str]]) -> set[str]:
    """Every store whose devices may hold something of the customer: today's audience, and any
    store the feed still has a change about them for (a device offline since then)."""
    stores = feed.customer_audience(session, customer_id)
    for entity, entity_keys in keys.items():
        for start in range(0, len(entity_keys), 500):
            stores.update(s for s in session.scalars(
                select(ChangeRow.store_id).where(
                    ChangeRow.scope == feed.CUSTOMER, ChangeRow.entity == entity,
                    ChangeRow.key.in_(entity_keys[start:start + 500])).distinct()) if s)
    return stores


def _carry_out(session: Session, row: CustomerRow, *, now: datetime) -> None:
    customer_id = row.customer_id
    bundle = feed.customer_bundle(session, customer_id)
    keys: dict[str, list[str]] = {entity: [] for entity in _CUSTOMER_ENTITIES}
    for entity, key, _ in bundle:
        keys[entity].append(key)
    stores = _holders(session, customer_id, keys)
    # Deletes replace (compact) every earlier change of these entities for these stores, so
    # no copy of the personal data stays in the feed, and a device that was offline when this
    # ran reads the deletes from any older cursor. Children first, the customer last.
    pending = [feed.PendingChange(entity, key, "delete", feed.CUSTOMER, store_id, None)
               for store_id in sorted(stores) for entity, key, _ in reversed(bundle)]
    # The follow-ups about them (their reasons speak of the person) go too, from the feed of
    # the store that held them and from its devices.
    tasks = session.execute(select(TaskRow.task_id, TaskRow.store_id)
                            .where(TaskRow.customer_id == customer_id)).all()
    pending += [feed.PendingChange("task", task_id, "delete", feed.CUSTOMER, store_id, None)
                for task_id, store_id in tasks]
    feed.record_many(session, pending)
    session.execute(delete(TaskRow).where(TaskRow.customer_id == customer_id)
                    .execution_options(synchronize_session=False))
    session.execute(delete(WishlistRow).where(WishlistRow.customer_id == customer_id)
                    .execution_options(synchronize_session=False))
    session.execute(delete(InteractionRow).where(InteractionRow.customer_id == customer_id)
                    .execution_options(synchronize_session=False))
    # Orders are kept for accounting, without the person: a delivery address is theirs (the
    # country stays, for the tax of the sale).
    for order in session.scalars(select(OrderRow).where(OrderRow.customer_id == customer_id)):
        if order.address:
            order.address = {"country": order.address.get("country")}
    _anonymise(row, now)
    session.flush()


def _anonymise(row: CustomerRow, now: datetime) -> None:
    row.first_name = row.last_name = ""
    row.first_name_key = row.last_name_key = ""
    row.email = row.email_key = row.phone = row.phone_e164 = None
    row.birth_date = None
    row.loyalty_card = None
    row.home_store_id = None  # in no store's scope, client book or search any more
    row.assigned_seller_id = None
    row.tier, row.points = "member", 0
    row.consent_email = row.consent_sms = False
    row.consent_email_at = row.consent_sms_at = None
    row.consent_email_source = row.consent_sms_source = None
    row.erased_at = row.updated_at = now
    row.version += 1


# --- retention ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Expired:
    customer_id: str
    last_activity: date  # the last purchase, or the enrolment without one


def past_retention(session: Session, *, retention_days: int,
                   now: datetime | None = None) -> list[Expired]:
    """Customers (not yet erased) whose last purchase, or enrolment if they never bought, is
    older than `retention_days`; oldest first."""
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    last_order = (
        select(OrderRow.customer_id, func.max(OrderRow.created_at).label("last"))
        .where(OrderRow.status != OrderStatus.CANCELLED.value)
        .group_by(OrderRow.customer_id).subquery())
    last = func.coalesce(last_order.c.last, CustomerRow.created_at)
    rows = session.execute(
        select(CustomerRow.customer_id, last.label("last"))
        .outerjoin(last_order, last_order.c.customer_id == CustomerRow.customer_id)
        .where(CustomerRow.erased_at.is_(None), last < cutoff)
        .order_by(last, CustomerRow.customer_id)).all()
    return [Expired(customer_id, _as_date(at)) for customer_id, at in rows]


def _as_date(value: datetime | str) -> date:
    # SQLite's coalesce of two timestamps comes back as text, PostgreSQL's as a datetime.
    if isinstance(value, str):
        return datetime.fromisoformat(value).date()
    return value.date()
