"""`order.status`: an order moved along its allowed transitions (ready for pickup, collected,
shipped, delivered, cancelled)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.api.client import ApiError
from clienteling.domain.errors import DomainError
from clienteling.domain.orders import OrderStatus, can_move
from clienteling.outbox import overlay
from clienteling.outbox.command import Command, Request, Write, payload_of, register, validated
from clienteling.outbox.entry import Row
from clienteling.outbox.overlay import mark, path_segment, problem_of
from clienteling.replica.views import OrderView

KIND = "order.status"
CREATE = "order.create"


class OrderStatusChange(Command):
    kind = KIND
    label = "outbox.order.status"
    entity = "order"

    def request(self, row: Row) -> Request:
        return Request("POST", f"/orders/{path_segment(row.target)}/status", row.payload)

    def already_done(self, row: Row, error: ApiError) -> Mapping[str, Any] | bool:
        return (error.code == "order.transition"
                and error.problem.get("current") == row.payload.get("status"))

    def waits_for(self, row: Row, earlier: Row) -> bool:
        # Status moves of one order go in the order made, after the order itself when it was
        # made on this device and is not sent yet.
        return super().waits_for(row, earlier) or (
            earlier.kind in (KIND, CREATE) and earlier.target == row.target)

    def on_order(self, order: OrderView, row: Row) -> OrderView:
        if row.target != order.order_number:
            return order
        return replace(order, pending_status=row.payload.get("status"), sync=mark(row),
                       outbox_id=row.id, problem=problem_of(row))


def write(order_number: str, status: str) -> Write:
    """Raises `order.invalid`; when queued `order.not_found`, `order.transition` (with
    `current`, `target`)."""
    change = validated(w.StatusChange, "order.invalid", status=status)

    def check(conn: Connection) -> Write:
        order = overlay.order(conn, order_number)
        if order is None:
            raise DomainError("order.not_found", "no such order on this device",
                              order_number=order_number)
        # An order not sent yet will be confirmed when it arrives: moves start from there.
        current = order.pending_status or (
            OrderStatus.CONFIRMED.value if order.sync != "synced" else order.status)
        if not can_move(current, status, order.fulfillment_type):
            raise DomainError("order.transition", f"an order that is {current} cannot "
                              f"become {status}", current=current, target=status)
        return Write(KIND, payload_of(change), customer_id=order.customer_id,
                     target=order_number)

    return Write(KIND, payload_of(change), target=order_number, check=check)


register(OrderStatusChange())
