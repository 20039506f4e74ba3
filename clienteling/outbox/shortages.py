"""Orders made on this device that the server refused for want of stock (`stock.short`), and
what a seller decides about them.

An order confirmed offline has its number and pickup QR in the customer's hands already, so a
refusal is never dropped: the entry stays failed, shown as a task, until a seller resolves it.
Every resolution but cancelling amends the same entry (`queue.amend`: same place, same
`order_number` and pickup code, a new Idempotency-Key because the body changed) and sends it
again; the server creates the order once, under that number. Cancelling takes the entry out
(the server never had the order: nothing to return to stock).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.domain import sourcing
from clienteling.domain.address import MESSAGES as POSTCODE_MESSAGES
from clienteling.domain.address import postcode_problem
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay, queue
from clienteling.outbox.command import payload_of, validated
from clienteling.outbox.entry import FAILED, Row
from clienteling.outbox.kinds import order_create
from clienteling.replica import reads
from clienteling.replica.views import Shortage, ShortLine

SHORT = "stock.short"


def is_short(row: Row) -> bool:
    return row.kind == order_create.KIND and row.state == FAILED and row.error_code == SHORT


def entries(conn: Connection) -> list[Row]:
    """The short orders, oldest first."""
    return [row for row in queue.rows(conn, kinds=[order_create.KIND]) if is_short(row)]


def entry(conn: Connection, order_number: str) -> Row:
    """The short order `order_number`. Raises `order.not_short` (resolved meanwhile, or never
    short)."""
    for row in entries(conn):
        if row.target == order_number or row.payload.get("order_number") == order_number:
            return row
    raise DomainError("order.not_short", "this order is not waiting for a shortage decision",
                      order_number=order_number)


def _short_lines(row: Row) -> dict[str, tuple[int, int]]:
    """sku → (requested, best single store's available) as the server said."""
    found: dict[str, tuple[int, int]] = {}
    for line in (row.problem or {}).get("lines") or []:
        if isinstance(line, Mapping) and isinstance(line.get("sku"), str):
            found[line["sku"]] = (int(line.get("requested") or 0),
                                  int(line.get("available") or 0))
    return found


def view(conn: Connection, row: Row, *, store_id: str | None, live: bool) -> Shortage:
    """The task as a seller sees it, with where the short products are now (the replica's
    figures: the server's when `live`, refreshed just before)."""
    products = reads.products(conn, command_skus(row))
    order = order_create.OrderCreate().unsent_order(row, products)
    assert order is not None
    pickup = (row.payload.get("fulfillment") or {}).get("store_id") or store_id
    around = [s.store_id for s, _ in reads.stores_by_distance(conn, pickup)]
    lines = []
    for sku, (requested, available) in _short_lines(row).items():
        levels = {k: int(m["available"]) for k, m in reads.stock_rows(conn, sku).items()}
        stock = tuple((s, levels[s]) for s in around if levels.get(s, 0) > 0)
        split = sourcing.split(around, levels, requested) or []
        product = products.get(sku)
        lines.append(ShortLine(sku=sku, name=product.name if product else None,
                               requested=requested, available=available, stock=stock,
                               split=tuple(split)))
    customer = overlay.customer_360(conn, row.customer_id or "", store_id=store_id)
    profile = customer.profile if customer is not None else None
    name = f"{profile.first_name} {profile.last_name}".strip() if profile else ""
    return Shortage(order=order, lines=tuple(lines), customer_name=name,
                    customer_phone=profile.phone if profile else None,
                    customer_email=profile.email if profile else None, live=live)


def command_skus(row: Row) -> set[str]:
    return {line["sku"] for line in row.payload.get("lines", [])}


def resolve(conn: Connection, order_number: str, *, lines: Sequence[tuple[str, int]] | None,
            fulfillment: str | None = None, store_id: str | None = None,
            address: Mapping[str, Any] | None = None, delivery_method: str | None = None,
            payment_mode: str | None = None) -> Row:
    """Amend the short order and queue it again under its number, in the caller's
    transaction: `lines` (sku, quantity) replace the order's (a line split over stores is
    several lines of one SKU; fewer units is a smaller quantity); `fulfillment`
    "click_and_collect" (at `store_id`, by default the order's) or "home_delivery" (with
    `address`, `delivery_method`); `payment_mode` when the old one does not fit (pay at pickup
    cannot be delivered). Raises `order.not_short`, `order.invalid` (with `errors`)."""
    row = entry(conn, order_number)
    payload = dict(row.payload)
    if lines is not None:
        payload["lines"] = [{"sku": sku, "quantity": int(quantity)}
                            for sku, quantity in lines if int(quantity) > 0]
    old = payload.get("fulfillment") or {}
    kind = fulfillment or old.get("type")
    if kind == "click_and_collect":
        payload["fulfillment"] = {"type": kind, "store_id": store_id or old.get("store_id")
                                  or payload.get("origin_store_id")}
    elif kind == "home_delivery":
        payload["fulfillment"] = {"type": kind,
                                  "address": dict(address or old.get("address") or {}),
                                  "method": delivery_method or old.get("method") or "standard"}
        payload.pop("pickup_code", None)  # a delivered order has none (the number stays)
        address_in = payload["fulfillment"]["address"]
        why = postcode_problem(str(address_in.get("postcode") or ""),
                               str(address_in.get("country") or "FR"))
        if why is not None:  # the server would refuse it (422): say so before it leaves
            raise DomainError("order.invalid", "not a postcode", errors=[
                {"field": "fulfillment.address.postcode", "message": POSTCODE_MESSAGES[why]}])
    if payment_mode is not None:
        payload["payment"] = {"mode": payment_mode}
    body = validated(w.OrderCreate, "order.invalid", **payload)
    amended = payload_of(body)
    if amended["fulfillment"]["type"] == "home_delivery" and (
            amended["payment"]["mode"] == "pay_at_pickup"):
        raise DomainError("order.invalid", "a delivered order cannot be paid at pickup",
                          errors=[{"field": "payment.mode", "message": "pay at pickup"}])
    # The number never changes: the customer holds it.
    assert amended.get("order_number") == row.payload.get("order_number")
    return queue.amend(conn, row.id, amended)


def cancel(conn: Connection, order_number: str) -> Row:
    """Cancel the short order: the server never had it, so it leaves the queue (with any
    status move waiting for it). Raises `order.not_short`."""
    row = entry(conn, order_number)
    dropped = order_create.cancel_unsent(conn, row.target or order_number)
    if dropped is None:  # pragma: no cover - a failed entry is always cancellable here
        raise DomainError("order.not_short", "not cancellable", order_number=order_number)
    return dropped
