"""Who may read and change which customer (api-contract.md, "Who may do what").

A seller and a manager work the customers whose home store is theirs. A customer of another
store is read only once found by an exact identifier (card, customer QR, whole email address
or phone number; see `search.classify`), or while they have an open order at the staff's
store; each such read is audited. Writes stay with the home store. An admin works the chain.
Routers call these before the service runs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.domain.access import works_customer
from clienteling.domain.errors import DomainError, Forbidden, NotFound
from clienteling.domain.orders import OPEN_PICKUP, RESERVING
from clienteling.server.audit import service as audit
from clienteling.server.audit.models import AuditEntry
from clienteling.server.auth.models import StaffUser
from clienteling.server.auth.staff import Staff
from clienteling.server.config import ServerConfig
from clienteling.server.customers.models import CustomerRow
from clienteling.server.orders.models import OrderRow

_OPEN = sorted(s.value for s in OPEN_PICKUP | RESERVING)


def _forbidden(detail: str, code: str = "customer.other_store", **extra: Any) -> DomainError:
    return Forbidden(code, detail, **extra)


def home_store(session: Session, customer_id: str) -> str | None:
    """The customer's home store; 404 when there is no such customer."""
    found = session.execute(select(CustomerRow.home_store_id).where(
        CustomerRow.customer_id == customer_id, CustomerRow.erased_at.is_(None))).first()
    if found is None:
        raise NotFound("customer.not_found", "No customer has this id.",
                         customer_id=customer_id)
    return found[0]


def is_own(staff: Staff, home_store_id: str | None) -> bool:
    return works_customer(staff.role.value, staff.store_id, home_store_id)


def _open_order_here(session: Session, customer_id: str, store_id: str | None) -> bool:
    if store_id is None:
        return False
    return bool(session.scalar(select(exists().where(
        OrderRow.customer_id == customer_id, OrderRow.status.in_(_OPEN),
        or_(OrderRow.fulfillment_store_id == store_id, OrderRow.origin_store_id == store_id)))))


def check_read(session: Session, staff: Staff, customer_id: str, config: ServerConfig,
               *, what: str) -> list[AuditEntry]:
    """Let `staff` read the customer (`what`: profile, orders, …) or answer 403. Returns the
    audit entries to keep (`audit.keep`): a read of another store's customer is one."""
    home = home_store(session, customer_id)
    if is_own(staff, home):
        return []  # an admin's reads are the chain's administration, not another store's
    if not (
            _open_order_here(session, customer_id, staff.store_id)
            or audit.looked_up_since(session, staff_id=staff.id, customer_id=customer_id,
                                     since=audit.lookup_window(config.lookup_grant_hours))):
        raise _forbidden("This customer belongs to another store: find them by their card, "
                         "email address or phone number first.", home_store_id=home)
    return [audit.entry(action=audit.Action.CUSTOMER_READ, staff=staff,
                        customer_id=customer_id, detail={"read": what, "home_store_id": home})]


def found(staff: Staff, customers: list[tuple[str, str | None]],
          *, how: str) -> list[AuditEntry]:
    """The audit entries of the customers of other stores that `staff` found by an exact
    identifier (they may read them for a while after); `customers` are (id, home store)."""
    if staff.role == w.Role.ADMIN:
        return []
    return [audit.entry(action=audit.Action.CUSTOMER_LOOKUP, staff=staff,
                        customer_id=customer_id, detail={"by": how, "home_store_id": home})
            for customer_id, home in customers if home != staff.store_id]


def check_write(session: Session, staff: Staff, customer_id: str) -> None:
    """Only the home store's staff (or an admin) change a customer, their notes and wishlist."""
    if not is_own(staff, home_store(session, customer_id)):
        raise _forbidden("Only the staff of this customer's home store may change them.")


def check_enrol(staff: Staff, home_store_id: str | None) -> str | None:
    """The home store of a customer `staff` enrols: their own (an admin chooses any)."""
    home = home_store_id or staff.store_id
    if staff.role != w.Role.ADMIN and home != staff.store_id:
        raise _forbidden("A customer is enrolled in the seller's own store.",
                         home_store_id=home)
    return home


def check_patch(session: Session, staff: Staff, row: CustomerRow, patch: w.CustomerPatch,
                config: ServerConfig) -> None:
    """The fields of an edit that need a manager, a known tier, or a seller of the store."""
    if not is_own(staff, row.home_store_id):
        raise _forbidden("Only the staff of this customer's home store may change them.")
    sent = patch.model_fields_set
    managed = [name for name in ("tier", "home_store_id", "assigned_seller_id")
               if name in sent and getattr(patch, name) != getattr(row, name)]
    if managed and staff.role == w.Role.SELLER:
        raise _forbidden(f"Only a manager changes {', '.join(managed)}.",
                         code="auth.forbidden", fields=managed)
    if "tier" in managed and patch.tier is not None and patch.tier not in config.tiers:
        raise DomainError("customer.tier_unknown",
                          "This is not one of the chain's loyalty tiers.", tiers=list(config.tiers),
                         errors=[{"field": "tier",
                                  "message": f"one of {', '.join(config.tiers)}"}])
    if "assigned_seller_id" in managed and patch.assigned_seller_id is not None:
        home = patch.home_store_id if "home_store_id" in sent else row.home_store_id
        check_assignee(session, patch.assigned_seller_id, home)


def check_assignee(session: Session, staff_id: int, store_id: str | None) -> None:
    """A customer is assigned to active staff (seller or manager) of their home store only."""
    member = session.get(StaffUser, staff_id)
    if member is None or not member.active:
        raise DomainError("staff.unknown", "There is no such staff member.",
                         assigned_seller_id=staff_id,
                         errors=[{"field": "assigned_seller_id", "message": "no such staff"}])
    if member.store_id is None or member.store_id != store_id or member.role == w.Role.ADMIN:
        raise DomainError("staff.other_store",
                          "A customer is assigned to a seller of their home store.",
                          assigned_seller_id=staff_id,
                          errors=[{"field": "assigned_seller_id",
                                   "message": "not a seller of the customer's store"}])
