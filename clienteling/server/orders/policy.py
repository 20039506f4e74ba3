"""Who may place, read and move which order (api-contract.md, "Who may do what").

Staff place orders from their own store (`origin_store_id`) for a customer they may read, and
move the orders their store hands over or took (pickup or origin store). A store's pickup
queue is its own staff's. An admin works the chain. Routers call these before the service.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.domain.errors import Forbidden, NotFound
from clienteling.domain.order_numbers import could_be_number
from clienteling.server.audit.models import AuditEntry
from clienteling.server.auth.staff import Staff
from clienteling.server.config import ServerConfig
from clienteling.server.customers import policy as customers
from clienteling.server.orders.models import OrderRow


def _stores(row: OrderRow) -> set[str | None]:
    return {row.origin_store_id, row.fulfillment_store_id}


def is_ours(staff: Staff, row: OrderRow) -> bool:
    """Whether the order is handed over or was taken at the staff's store."""
    return staff.role == w.Role.ADMIN or (
        staff.store_id is not None and staff.store_id in _stores(row))


def check_place(session: Session, staff: Staff, body: w.OrderCreate,
                config: ServerConfig) -> list[AuditEntry]:
    """An order from the staff's own store, for a customer they may read (the audit entries
    of that read are returned, to keep with the order)."""
    if staff.role != w.Role.ADMIN and body.origin_store_id != staff.store_id:
        raise Forbidden("order.origin_store", "An order is placed from the seller's own store: set "
                         "origin_store_id to it.",
                         origin_store_id=body.origin_store_id, store_id=staff.store_id)
    try:
        return customers.check_read(session, staff, body.customer_id, config, what="order")
    except NotFound:  # an unknown customer is the service's 422, naming the field
        return []


def _order(session: Session, order_number: str) -> OrderRow | None:
    if not could_be_number(order_number):
        return None
    return session.scalar(select(OrderRow).where(OrderRow.order_number == order_number))


def check_move(session: Session, staff: Staff, order_number: str) -> None:
    """Only the pickup or the origin store moves an order (a missing one is the service's 404)."""
    row = _order(session, order_number)
    if row is not None and not is_ours(staff, row):
        raise Forbidden("order.other_store",
                        "This order belongs to another store: only the store that took "
                         "it or hands it over moves it.",
                         store_id=row.fulfillment_store_id or row.origin_store_id)


def check_read(session: Session, staff: Staff, order_number: str,
               config: ServerConfig) -> list[AuditEntry]:
    """An order is read by its stores, or by whoever may read its customer (audited)."""
    row = _order(session, order_number)
    if row is not None and not is_ours(staff, row):
        return customers.check_read(session, staff, row.customer_id, config, what="order")
    return []


def check_found(staff: Staff, order: w.Order) -> None:
    """A pickup QR of another store's order: say where it waits, move nothing."""
    stores = {order.origin_store_id, order.fulfillment.store_id}
    if staff.role != w.Role.ADMIN and (staff.store_id is None or staff.store_id not in stores):
        raise Forbidden("order.other_store",
                        "This order is collected at another store.",
                        store_id=order.fulfillment.store_id)


def check_queue(staff: Staff, store_id: str) -> None:
    if staff.role != w.Role.ADMIN and store_id != staff.store_id:
        raise Forbidden("auth.forbidden",
                        "A store's pickup queue is for its own staff.", store_id=store_id)
