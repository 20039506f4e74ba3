"""`order.create`: an order placed for a customer. Stock is reserved by the server when it
arrives; until then the order shows in the customer's orders as waiting to be sent, and the
stock shown is net of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.domain.errors import DomainError
from clienteling.domain.orders import DELIVERY_FEES, OrderStatus
from clienteling.outbox import queue
from clienteling.outbox.command import Command, Request, Write, payload_of, register, validated
from clienteling.outbox.entry import Row
from clienteling.outbox.overlay import created, mark, problem_of
from clienteling.replica import reads
from clienteling.replica.views import OrderLineView, OrderView, ProductView

KIND = "order.create"


class OrderCreate(Command):
    kind = KIND
    label = "outbox.order.create"
    entity = "order"

    def request(self, row: Row) -> Request:
        return Request("POST", "/orders", row.payload)

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
        if fulfillment.get("type") == "home_delivery":
            fee = Decimal(DELIVERY_FEES.get(fulfillment.get("method") or "standard", "0"))
            total += fee
        at = created(row)
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
            outbox_id=row.id, problem=problem_of(row))


def write(*, customer_id: str, lines: Sequence[tuple[str, int]], fulfillment: str,
          payment_mode: str, origin: str | None, store_id: str | None = None,
          address: Mapping[str, Any] | None = None,
          delivery_method: str = "standard") -> Write:
    """An order from the store `origin`. Raises `order.invalid` (with `errors`); when queued
    `product.not_found`, `customer.not_found`."""
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
        payment={"mode": payment_mode}, origin_store_id=origin)

    def check(conn: Connection) -> None:
        queue.customer_known(conn, customer_id)
        known = reads.products(conn, [sku for sku, _ in lines])
        missing = sorted({sku for sku, _ in lines} - set(known))
        if missing:
            raise DomainError("product.not_found", "unknown products", skus=missing)

    return Write(KIND, payload_of(body), customer_id=customer_id, check=check)


register(OrderCreate())
