"""`order.create`: an order placed for a customer. Stock is reserved by the server when it
arrives; until then the order shows in the customer's orders as waiting to be sent, and the
stock shown is net of it.

The device names the order: its number (`<STORE>-<yymmdd>-<device code>-<counter>`, the
counter kept in the replica and taken in the same transaction as the entry) and, for click and
collect, its pickup code, so an order placed offline has its final number and pickup QR at
once, and can be cancelled (taken out of the queue) before it is ever sent. If the server
says another order holds the number (a device restored from a backup), the entry takes the
next counter value and goes again: the order is never lost, and never renamed by the server.

The entry also keeps, never sent, what the seller told the customer at checkout
(`ESTIMATE`: the fee, `ready_by`, `delivery_by`, from the quote or the device's offline
estimate), so the unsent order shows the same figures as the confirmation did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.api.client import ApiError
from clienteling.domain.errors import DomainError
from clienteling.domain.order_numbers import device_number, new_pickup_code
from clienteling.domain.orders import OrderStatus, initial_payment_status
from clienteling.outbox import queue
from clienteling.outbox.command import Command, Request, Write, payload_of, register, validated
from clienteling.outbox.entry import FAILED, Row
from clienteling.outbox.kinds import order_status
from clienteling.outbox.overlay import created, mark, problem_of
from clienteling.replica import reads, terms
from clienteling.replica.database import Replica
from clienteling.replica.views import OrderLineView, OrderView, PaymentView, ProductView

KIND = "order.create"
COUNTER = "order_counter"  # replica meta: the last counter value this device used
ESTIMATE = "device_estimate"  # payload key kept on the device, never sent: {fee, currency, …}


def next_counter(conn: Connection) -> int:
    """The device's next order counter, in the caller's transaction (the entry's own)."""
    value = int(Replica.get_meta(conn, COUNTER) or 0) + 1
    Replica.set_meta(conn, COUNTER, str(value))
    return value


def _renumbered(number: str, counter: int) -> str | None:
    """`number` with the device's next counter value, same store, day and device code; None
    for a number this device did not make."""
    parts = number.split("-")
    if len(parts) < 4:
        return None
    try:
        day = datetime.strptime(parts[1], "%y%m%d").date()
    except ValueError:
        return None
    return device_number(parts[0], day, "-".join(parts[2:-1]), counter)


def cancel_unsent(conn: Connection, order_number: str) -> Row | None:
    """Cancel an order made here that the server cannot have: take it (and its unsent status
    moves) out of the queue, in the caller's transaction. Returns its entry, or None when the
    order may have reached the server (an attempt left and no refusal came back): that cancel
    must go through the server."""
    made = [r for r in queue.rows(conn, kinds=[KIND]) if r.target == order_number]
    if not made:
        return None
    row = made[0]
    if row.attempts and row.state != FAILED:
        return None
    for entry in queue.rows(conn, kinds=[order_status.KIND]):
        if entry.target == order_number:
            queue.remove(conn, entry.id)
    queue.remove(conn, row.id)
    return row


class OrderCreate(Command):
    kind = KIND
    label = "outbox.order.create"
    entity = "order"

    def request(self, row: Row) -> Request:
        body = {k: v for k, v in row.payload.items() if k != ESTIMATE}
        return Request("POST", "/orders", body)

    def already_done(self, row: Row, error: ApiError) -> Mapping[str, Any] | bool:
        # The server holds this very order under its number (sent before by another user of
        # this tablet, whose answer was lost): settle with it, never renumber it into a twin.
        order = error.problem.get("order")
        if (error.code == "order.number_taken" and error.problem.get("same_order") is True
                and isinstance(order, dict)
                and order.get("order_number") == row.payload.get("order_number")):
            return order
        return False

    def recover(self, conn: Connection, row: Row, error: ApiError) -> bool:
        number = row.payload.get("order_number")
        if error.code != "order.number_taken" or not isinstance(number, str):
            return False
        renumbered = _renumbered(number, next_counter(conn))
        if renumbered is None:
            return False
        # Same entry, same place in the queue, same key (the refusal recorded nothing under
        # it); what waits for the order follows it to its new number.
        queue.rewrite(conn, row.id, payload={**row.payload, "order_number": renumbered},
                      target=renumbered)
        queue.retarget(conn, kind=order_status.KIND, old=number, new=renumbered)
        return True

    def skus(self, row: Row) -> set[str]:
        return {line["sku"] for line in row.payload.get("lines", [])}

    def stock_taken(self, row: Row) -> tuple[str | None, list[tuple[str, int]]]:
        fulfillment = row.payload.get("fulfillment") or {}
        origin = fulfillment.get("store_id") or row.payload.get("origin_store_id")
        return origin, [(line["sku"], int(line["quantity"]))
                        for line in row.payload.get("lines", [])]

    def unsent_order(self, row: Row, products: Mapping[str, ProductView]) -> OrderView | None:
        """The order as the seller made it, priced from the replica's products (the server
        prices it for real when it arrives)."""
        p = row.payload
        fulfillment = p.get("fulfillment") or {}
        lines = []
        total = Decimal("0")
        currency = None
        for line in p.get("lines", []):
            product = products.get(line["sku"])
            price = product.price if product else None
            if product is not None and price is not None:
                total += price * int(line["quantity"])
                currency = currency or product.currency
            lines.append(OrderLineView(sku=line["sku"], quantity=int(line["quantity"]),
                                       unit_price=price, source_store_id=None,
                                       name=product.name if product else None))
        fee = None
        estimate = p.get(ESTIMATE) or {}
        if fulfillment.get("type") == "home_delivery" and estimate.get("fee") is not None:
            fee = Decimal(str(estimate["fee"]))
            total += fee
        at = created(row)
        mode = (p.get("payment") or {}).get("mode")
        # Not paid yet, unless at the till; the server says when the order is ready.
        payment = PaymentView(mode=mode, status=initial_payment_status(mode).value,
                              receipt=(p.get("payment") or {}).get("receipt")) if mode else None
        return OrderView(
            order_number=p.get("order_number"),
            customer_id=p.get("customer_id", row.customer_id or ""), channel="store",
            status=OrderStatus.PENDING.value, created_at=at, updated_at=at,
            fulfillment_type=fulfillment.get("type", ""),
            fulfillment_store_id=fulfillment.get("store_id"),
            address=fulfillment.get("address"), delivery_method=fulfillment.get("method"),
            delivery_fee=fee, payment_mode=(p.get("payment") or {}).get("mode"),
            origin_store_id=p.get("origin_store_id"), pickup_code=p.get("pickup_code"),
            lines=tuple(lines), total=total, currency=currency or "EUR", sync=mark(row),
            outbox_id=row.id, problem=problem_of(row), payment=payment,
            # What the checkout told the customer, until the server's own dates come back.
            ready_by=_day(estimate.get("ready_by")), delivery_by=_day(estimate.get("delivery_by")))


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def write(*, customer_id: str, lines: Sequence[tuple[str, int]], fulfillment: str,
          payment_mode: str, origin: str | None, store_id: str | None = None,
          address: Mapping[str, Any] | None = None, delivery_method: str = "standard",
          device_code: str | None = None, today: date | None = None,
          receipt: str | None = None, estimate: Mapping[str, Any] | None = None) -> Write:
    """An order from the store `origin`. With the `device_code` issued at sign-in, the device
    names it (number, and pickup code for click and collect) when it is queued; without one
    the server does. `receipt`: the till's receipt number of a paid_in_store order;
    `estimate`: what the checkout showed ({fee, currency, ready_by, delivery_by}, kept on the
    device); a home delivery without one is priced with the delivery methods the device kept
    from its last online answer. Raises `order.invalid` (with `errors`); when queued
    `product.not_found`, `customer.not_found`, `delivery.unknown_method`."""
    if not origin:
        raise DomainError("order.invalid", "an order is placed from a store",
                          errors=[{"field": "origin_store_id", "message": "no store"}])
    if fulfillment == "click_and_collect":
        how: dict[str, Any] = {"type": fulfillment, "store_id": store_id or origin}
    elif fulfillment == "home_delivery":
        how = {"type": fulfillment, "address": dict(address or {}), "method": delivery_method}
    else:
        raise DomainError("order.invalid", "unknown fulfillment", errors=[
            {"field": "fulfillment.type", "message": f"unknown: {fulfillment}"}])
    body = validated(
        w.OrderCreate, "order.invalid", customer_id=customer_id, fulfillment=how,
        lines=[{"sku": sku, "quantity": quantity} for sku, quantity in lines],
        payment={"mode": payment_mode, **({"receipt": receipt} if receipt else {})},
        origin_store_id=origin)

    payload = payload_of(body)
    if estimate:
        payload[ESTIMATE] = dict(estimate)

    def check(conn: Connection) -> Write | None:
        queue.customer_known(conn, customer_id)
        known = reads.products(conn, [sku for sku, _ in lines])
        missing = sorted({sku for sku, _ in lines} - set(known))
        if missing:
            raise DomainError("product.not_found", "unknown products", skus=missing)
        priced = payload
        if how["type"] == "home_delivery" and ESTIMATE not in payload:
            kept = terms.delivery_methods(conn)
            method = terms.delivery_method(conn, delivery_method)
            if kept and method is None:
                raise DomainError("delivery.unknown_method", "not a delivery method",
                                  method=delivery_method)
            if method is not None:
                priced = {**payload, ESTIMATE: {"fee": method["fee"]["amount"],
                                                "currency": method["fee"]["currency"]}}
        if not device_code:
            return None if priced is payload else Write(KIND, priced, customer_id=customer_id)
        number = device_number(origin, today or date.today(), device_code, next_counter(conn))
        named = {**priced, "order_number": number}
        if how["type"] == "click_and_collect":
            named["pickup_code"] = new_pickup_code()
        return Write(KIND, named, customer_id=customer_id, target=number)

    return Write(KIND, payload, customer_id=customer_id, check=check)


register(OrderCreate())
