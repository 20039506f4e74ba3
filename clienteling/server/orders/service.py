"""Placing orders (idempotent, with atomic stock reservation), finding them, and moving them along.

Idempotency: the key's record is inserted first, in a savepoint with the whole order, so a
second request with the same key waits on the unique key (PostgreSQL) or behind the write lock
(SQLite) and then answers what the first one recorded. Only an order that was placed is
recorded: a refused request (stock short, unknown SKU) changed nothing, so sending it again,
edited or not, is simply asking again.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.codes.parse import parse_pickup_code
from clienteling.domain import sourcing, timeline
from clienteling.domain.address import MESSAGES as POSTCODE_MESSAGES
from clienteling.domain.address import normalise_postcode, postcode_problem
from clienteling.domain.errors import Busy, Conflict, DomainError, NotFound
from clienteling.domain.order_numbers import could_be_number, number_problem, store_part
from clienteling.domain.orders import (
    OPEN_PICKUP,
    RESERVING,
    Channel,
    FulfillmentType,
    OrderStatus,
    PaymentMode,
    PaymentStatus,
    can_move,
    initial_payment_status,
)
from clienteling.server import idempotency, wire
from clienteling.server.config import DEFAULT_DELIVERY_METHODS, DeliveryMethod, ServerConfig
from clienteling.server.customers import figures
from clienteling.server.customers.models import CustomerRow, InteractionRow
from clienteling.server.db import utcnow
from clienteling.server.feed import service as feed
from clienteling.server.notify import service as notify
from clienteling.server.notify.service import Outbound
from clienteling.server.orders.models import OrderLineRow, OrderRow
from clienteling.server.privacy import erasure
from clienteling.server.products.models import ProductRow
from clienteling.server.stock import service as stock
from clienteling.server.stores.models import StoreRow

log = logging.getLogger(__name__)

# Attempts of one order when PostgreSQL picks it as a deadlock victim or a serialisation loser.
ATTEMPTS = 4
# Crockford's base32: no I, L, O, U, so an order number read aloud or typed is unambiguous.
_ORDER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Pickup codes are read from a screen or a sheet of paper: no 0/O, 1/I/L.
_PICKUP_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PICKUP_CODE_LENGTH = 6


@dataclass(frozen=True)
class Terms:
    """The chain's selling settings an order is placed with (from ServerConfig)."""

    methods: tuple[DeliveryMethod, ...] = DEFAULT_DELIVERY_METHODS
    transfer_days: int = sourcing.TRANSFER_DAYS_DEFAULT
    # The payment provider's page, `{order_number}` replaced; None refuses payment links.
    payment_page: str | None = None

    @classmethod
    def of(cls, config: ServerConfig) -> Terms:
        return cls(methods=config.delivery_methods, transfer_days=config.store_transfer_days,
                   payment_page=config.payment_page)

    def method(self, name: str) -> DeliveryMethod | None:
        return next((m for m in self.methods if m.method == name), None)


def delivery_methods(terms: Terms) -> list[w.DeliveryMethod]:
    return [w.DeliveryMethod(method=m.method, fee=w.Fee(amount=m.fee, currency=m.currency),
                             min_days=m.min_days, max_days=m.max_days) for m in terms.methods]


@dataclass(frozen=True)
class Actor:
    """Who places or moves an order (the signed-in staff member)."""

    user_id: int
    name: str
    store_id: str | None = None


def place_order(session: Session, *, body: w.OrderCreate, key: str, actor: Actor,
                ttl_days: int, terms: Terms | None = None,
                now: datetime | None = None) -> idempotency.Answer:
    """Place the order once per `key`: a repeat of the same body answers what the first did."""

    def perform(at: datetime) -> tuple[int, str]:
        return 201, _create(session, body=body, actor=actor, terms=terms or Terms(),
                            now=at).model_dump_json()

    return idempotency.once(
        session, key=key, print_=idempotency.fingerprint("POST /orders",
                                                         body.model_dump(mode="json")),
        user_id=actor.user_id, ttl_days=ttl_days, perform=perform, attempts=ATTEMPTS,
        busy_code="order.busy", now=now)


# --- placing ------------------------------------------------------------------------------


def _invalid(code: str, detail: str, errors: list[dict[str, str]]) -> DomainError:
    return DomainError(code, detail, errors=errors)


def _order_number(session: Session, store_id: str, now: datetime) -> str:
    """`<store>-<yymmdd>-<6 base32>`: short enough to read over the phone, unique. (A device's
    suffix holds a hyphen, so it never equals one of these.)"""
    prefix = store_part(store_id)
    for _ in range(8):
        tail = "".join(secrets.choice(_ORDER_ALPHABET) for _ in range(6))
        number = f"{prefix}-{now:%y%m%d}-{tail}"
        if session.get(OrderRow, number) is None:
            return number
    raise Busy("order.busy", "No free order number: send the order again.")


def pickup_code() -> str:
    return "".join(secrets.choice(_PICKUP_ALPHABET) for _ in range(PICKUP_CODE_LENGTH))


def _device_number(session: Session, body: w.OrderCreate) -> str:
    """The number the device made, checked: a 422 when it does not fit the order, a 409 when
    another order holds it (the server never renames an order silently)."""
    number = body.order_number or ""
    why = number_problem(number, body.origin_store_id)
    if why is not None:
        raise _invalid("order.number_invalid", "This order number is not valid for this order.",
                       [{"field": "order_number", "message": why}])
    held = session.get(OrderRow, number)
    if held is not None:
        if _same_order(held, body):
            # The device's own order, sent again under another user (the tablet changed hands
            # after an answer was lost; keys are per user): say so, with the order, so the
            # device settles it instead of renumbering it into a second order.
            raise Conflict("order.number_taken", "This order was placed already.",
                             order_number=number, same_order=True,
                             order=wire.order(held, _names(session, [held])).model_dump(
                                 mode="json"))
        raise Conflict("order.number_taken",
                       "Another order already has this number.", order_number=number,
                       same_order=False)
    return number


def _same_order(held: OrderRow, body: w.OrderCreate) -> bool:
    """Whether the order holding a number is the one `body` describes: the device's own
    pickup code when it made one (a new order from a device restored from a backup has a new
    one, whatever it holds), else the same customer, stores and lines."""
    if body.pickup_code or held.pickup_code:
        return bool(body.pickup_code and held.pickup_code) and hmac.compare_digest(
            (held.pickup_code or "").encode(), (body.pickup_code or "").encode()) and (
            held.customer_id == body.customer_id)
    store = getattr(body.fulfillment, "store_id", None)
    return (held.customer_id == body.customer_id
            and held.origin_store_id == body.origin_store_id
            and held.fulfillment_type == body.fulfillment.type
            and (store is None or held.fulfillment_store_id == store)
            and sorted((ln.sku, ln.quantity) for ln in held.lines)
            == sorted((ln.sku, ln.quantity) for ln in body.lines))


def _validate(session: Session, body: w.OrderCreate, terms: Terms
              ) -> tuple[CustomerRow, dict[str, ProductRow], str | None]:
    """The customer, the products by SKU and the pickup store, or a 422 naming the field."""
    _validate_terms(body, terms)
    customer = session.get(CustomerRow, body.customer_id)
    if customer is None or customer.erased_at is not None:
        raise _invalid("order.customer_unknown", "No customer has this id.",
                       [{"field": "customer_id", "message": "unknown customer"}])
    store_ids = {body.origin_store_id}
    pickup_store: str | None = None
    if isinstance(body.fulfillment, w.ClickAndCollect):
        pickup_store = body.fulfillment.store_id
        store_ids.add(pickup_store)
    stores = {s.store_id: s for s in session.scalars(
        select(StoreRow).where(StoreRow.store_id.in_(store_ids)))}
    if body.origin_store_id not in stores:
        raise _invalid("order.store_unknown", "No store has this id.",
                       [{"field": "origin_store_id", "message": "unknown store"}])
    if pickup_store is not None:
        if pickup_store not in stores:
            raise _invalid("order.store_unknown", "No store has this id.",
                           [{"field": "fulfillment.store_id", "message": "unknown store"}])
        if not stores[pickup_store].click_and_collect:
            raise _invalid("order.no_click_and_collect",
                           "This store does not offer click and collect.",
                           [{"field": "fulfillment.store_id",
                             "message": "no click and collect at this store"}])
    elif body.pickup_code is not None:
        raise _invalid("order.pickup_code", "A delivered order has no pickup code.",
                       [{"field": "pickup_code", "message": "only for click and collect"}])
    elif body.payment.mode is PaymentMode.PAY_AT_PICKUP:
        raise _invalid("order.payment_mode", "A delivered order cannot be paid at pickup.",
                       [{"field": "payment.mode", "message": "pay at pickup needs a pickup"}])
    skus = {line.sku for line in body.lines}
    products = {p.sku: p for p in session.scalars(
        select(ProductRow).where(ProductRow.sku.in_(skus)))}
    unknown = [{"field": f"lines.{i}.sku", "message": f"unknown SKU {line.sku}"}
               for i, line in enumerate(body.lines) if line.sku not in products]
    if unknown:
        raise _invalid("order.sku_unknown", "Some products of this order do not exist.", unknown)
    currencies = {p.currency for p in products.values()}
    if len(currencies) > 1:
        raise _invalid("order.mixed_currencies",
                       "The products of one order must share one currency.",
                       [{"field": f"lines.{i}.sku",
                         "message": f"priced in {products[line.sku].currency}"}
                        for i, line in enumerate(body.lines)])
    return customer, products, pickup_store


def _validate_terms(body: w.OrderCreate, terms: Terms) -> None:
    """The address, the delivery method and the payment, against the chain's settings."""
    if isinstance(body.fulfillment, w.HomeDelivery):
        address = body.fulfillment.address
        why = postcode_problem(address.postcode, address.country)
        if why is not None:
            raise _invalid("order.postcode", "This postcode does not exist in France.",
                           [{"field": "fulfillment.address.postcode",
                             "message": POSTCODE_MESSAGES[why]}])
        if terms.method(body.fulfillment.method) is None:
            offered = ", ".join(m.method for m in terms.methods)
            raise _invalid("order.delivery_method", "This delivery method is not offered.",
                           [{"field": "fulfillment.method",
                             "message": f"one of: {offered}"}])
    if body.payment.receipt is not None and body.payment.mode is not PaymentMode.PAID_IN_STORE:
        raise _invalid("order.receipt", "Only an order paid at the till has a receipt.",
                       [{"field": "payment.receipt", "message": "only for paid_in_store"}])
    if body.payment.mode is PaymentMode.PAYMENT_LINK and not terms.payment_page:
        raise _invalid("order.payment_link", "Payment links are not set up on this server.",
                       [{"field": "payment.mode", "message": "no payment provider is set up"}])


def _fee(body: w.OrderCreate, terms: Terms, currency: str) -> tuple[Decimal, DeliveryMethod | None]:
    if isinstance(body.fulfillment, w.HomeDelivery):
        method = terms.method(body.fulfillment.method)
        assert method is not None  # _validate_terms
        return method.fee, method
    return Decimal("0"), None


def _dates(body: w.OrderCreate, terms: Terms, sources: Sequence[str], today: date,
           method: DeliveryMethod | None) -> tuple[date | None, date | None]:
    """(ready_by, delivery_by) of an order whose lines come from `sources`."""
    if isinstance(body.fulfillment, w.ClickAndCollect):
        return sourcing.ready_by(today, body.fulfillment.store_id, sources,
                                 terms.transfer_days), None
    assert method is not None
    return None, sourcing.delivery_by(today, method.max_days)


def _short(session: Session, line: w.OrderLineIn) -> dict[str, Any]:
    return {"sku": line.sku, "requested": line.quantity,
            "available": stock.best_available(session, line.sku)}


def quote(session: Session, *, body: w.OrderCreate, terms: Terms,
          now: datetime | None = None) -> w.Quote:
    """What `body` would cost and when it would be there, sourced as placing it would source it
    now (`domain.sourcing`), reserving nothing; 409 with the lines short."""
    now = now or utcnow()
    _customer, products, pickup_store = _validate(session, body, terms)
    stores = feed.stores_by_distance(session, pickup_store or body.origin_store_id)
    taken: dict[tuple[str, str], int] = {}
    sources: dict[int, str] = {}
    short: list[dict[str, Any]] = []
    free = {sku: stock.available(session, sku) for sku in {line.sku for line in body.lines}}
    for index in sorted(range(len(body.lines)), key=lambda i: (body.lines[i].sku, i)):
        line = body.lines[index]
        left = {store: free[line.sku].get(store, 0) - taken.get((store, line.sku), 0)
                for store in stores}
        found = sourcing.source(stores, left, line.quantity)
        if found is None:
            short.append(_short(session, line))
            continue
        sources[index] = found
        taken[(found, line.sku)] = taken.get((found, line.sku), 0) + line.quantity
    if short:
        raise Conflict("stock.short", "Not enough stock in any single store for some lines.",
                       lines=short)
    currency = next(iter(products.values())).currency
    fee, method = _fee(body, terms, currency)
    ready_by, delivery_by = _dates(body, terms, list(sources.values()), now.date(), method)
    lines = [w.QuoteLine(sku=line.sku, quantity=line.quantity,
                         unit_price=products[line.sku].price, source_store_id=sources[i],
                         name=products[line.sku].name)
             for i, line in enumerate(body.lines)]
    total = sum((ln.unit_price * ln.quantity for ln in lines), fee)
    return w.Quote(lines=lines, fee=w.Fee(amount=fee, currency=method.currency if method
                                            else currency),
                   total=total, currency=currency, ready_by=ready_by, delivery_by=delivery_by)


def _placed(order: OrderRow) -> timeline.Said:
    return timeline.order_placed(
        number=order.order_number, items=sum(line.quantity for line in order.lines),
        total=order.total, currency=order.currency, fulfilment=order.fulfillment_type,
        store_id=order.fulfillment_store_id)


def _entry(*, interaction_id: str, customer_id: str, said: timeline.Said, now: datetime,
           store_id: str | None, author: str | None) -> InteractionRow:
    return InteractionRow(
        interaction_id=interaction_id, customer_id=customer_id, occurred_at=now,
        channel=Channel.STORE.value, kind="order", summary=said.summary, code=said.code,
        params=said.params, store_id=store_id, author=author)


def _create(session: Session, *, body: w.OrderCreate, actor: Actor, terms: Terms,
            now: datetime) -> w.Order:
    customer, products, pickup_store = _validate(session, body, terms)
    number = (_device_number(session, body) if body.order_number is not None
              else _order_number(session, body.origin_store_id, now))
    sourcing_origin = pickup_store or body.origin_store_id
    stores = feed.stores_by_distance(session, sourcing_origin)

    sources: dict[int, str] = {}
    short: list[dict[str, Any]] = []
    # Every feed change of the order, recorded at the end in one go.
    changes: list[feed.PendingChange] = []
    # In SKU order, so two orders reserving the same shelves lock them in the same order.
    for index in sorted(range(len(body.lines)), key=lambda i: (body.lines[i].sku, i)):
        line = body.lines[index]
        source = stock.reserve(session, sku=line.sku, quantity=line.quantity, stores=stores,
                               now=now, into=changes)
        if source is None:
            short.append(_short(session, line))
        else:
            sources[index] = source
    if short:
        # Raised inside the caller's savepoint: the reservations above (and their feed
        # changes) are rolled back with it.
        raise Conflict("stock.short",
                       "Not enough stock in any single store for some lines.", lines=short)

    before = feed.customer_audience(session, customer.customer_id, customer.home_store_id)
    currency = next(iter(products.values())).currency
    order = OrderRow(
        order_number=number,
        customer_id=customer.customer_id, channel=Channel.STORE.value,
        status=OrderStatus.CONFIRMED.value, payment_mode=body.payment.mode.value,
        origin_store_id=body.origin_store_id, currency=currency, created_at=now, updated_at=now,
        total=Decimal("0"),
        payment_status=initial_payment_status(body.payment.mode).value,
        payment_receipt=body.payment.receipt,
    )
    if body.payment.mode is PaymentMode.PAYMENT_LINK and terms.payment_page:
        order.payment_url = terms.payment_page.replace("{order_number}", number)
    fee, method = _fee(body, terms, currency)
    order.ready_by, order.delivery_by = _dates(body, terms, list(sources.values()), now.date(),
                                               method)
    if isinstance(body.fulfillment, w.ClickAndCollect):
        order.fulfillment_type = FulfillmentType.CLICK_AND_COLLECT.value
        order.fulfillment_store_id = body.fulfillment.store_id
        order.pickup_code = body.pickup_code or pickup_code()
    else:
        order.fulfillment_type = FulfillmentType.HOME_DELIVERY.value
        address = body.fulfillment.address.model_dump(mode="json")
        if address["country"] == "FR":
            address["postcode"] = normalise_postcode(address["postcode"])
        order.address = address
        order.delivery_method = body.fulfillment.method
        order.delivery_fee = fee
    order.lines = [
        OrderLineRow(line_no=i + 1, sku=line.sku, quantity=line.quantity,
                     unit_price=products[line.sku].price, source_store_id=sources[i])
        for i, line in enumerate(body.lines)
    ]
    order.total = sum((ln.unit_price * ln.quantity for ln in order.lines), fee)
    session.add(order)

    entry = _entry(interaction_id=f"order-{order.order_number}",
                   customer_id=customer.customer_id, said=_placed(order), now=now,
                   store_id=body.origin_store_id, author=actor.name)
    session.add(entry)
    session.flush()
    figures.refresh(session, [customer.customer_id])  # the client book's stored figures

    answer = wire.order(order, {sku: p.name for sku, p in products.items()})
    # A new order only adds its pickup store to the customer's audience (it is open): no
    # need to ask the database again.
    after = before | {pickup_store} if pickup_store is not None else before
    _record_order(session, order=order, answer=answer, entry=entry, before=before, after=after,
                  changes=changes)
    return answer


def _record_order(session: Session, *, order: OrderRow, answer: w.Order,
                  entry: InteractionRow | None, before: set[str],
                  after: set[str] | None = None,
                  changes: list[feed.PendingChange] | None = None) -> None:
    """Send the order (and its timeline entry) to the stores holding the customer, bring the
    customer into a pickup store's scope or out of it: with `changes` (what the order did to
    stock), all in one `record_many`."""
    pending = changes if changes is not None else []
    after = feed.rescope_customer(session, order.customer_id, before, after=after, into=pending)
    # Stores that just gained the customer got everything with the bundle; the stores that
    # lost them got deletes, which this upsert must not overtake: send to those that stay.
    staying = before & after
    pending += feed.for_customer("order", order.order_number, answer, staying)
    if entry is not None:
        pending += feed.for_customer("interaction", entry.interaction_id,
                                     wire.interaction(entry), staying)
    feed.record_many(session, pending)


# --- reading ------------------------------------------------------------------------------


def _names(session: Session, orders: Sequence[OrderRow]) -> dict[str, str]:
    skus = {line.sku for order in orders for line in order.lines}
    if not skus:
        return {}
    return dict(session.execute(
        select(ProductRow.sku, ProductRow.name).where(ProductRow.sku.in_(skus))).all())


def _not_found(order_number: str) -> DomainError:
    return NotFound("order.not_found", "No order has this number.",
                      order_number=order_number[:40])


def get_order(session: Session, *, order_number: str) -> w.Order:
    row = session.get(OrderRow, order_number) if could_be_number(order_number) else None
    if row is None:
        raise _not_found(order_number)
    return wire.order(row, _names(session, [row]))


def pickup_queue(session: Session, *, store_id: str,
                 statuses: Sequence[OrderStatus] | None = None, limit: int = 100) -> list[w.Order]:
    """Click-and-collect orders to hand over at `store_id`, oldest first (open ones by default)."""
    wanted = [s.value for s in (statuses or sorted(OPEN_PICKUP))]
    rows = session.scalars(
        select(OrderRow)
        .where(OrderRow.fulfillment_store_id == store_id,
               OrderRow.fulfillment_type == FulfillmentType.CLICK_AND_COLLECT.value,
               OrderRow.status.in_(wanted))
        .order_by(OrderRow.created_at, OrderRow.order_number)
        .limit(limit)
    ).all()
    names = _names(session, rows)
    return [wire.order(row, names) for row in rows]


def find_by_pickup_code(session: Session, *, code: str) -> w.Order:
    """The order a pickup QR names, if its secret matches (compared in constant time)."""
    try:
        parsed = parse_pickup_code(code)
    except DomainError as exc:
        raise DomainError("pickup.format", "This is not a readable pickup code: scan it again.",
                         errors=[{"field": "code", "message": str(exc)}]) from None
    row = session.get(OrderRow, parsed.order_number)
    expected = (row.pickup_code or "") if row is not None else ""
    # Compare even when there is no such order, so timing says nothing about which part failed.
    matches = hmac.compare_digest(expected.encode().ljust(32, b"\0"),
                                  parsed.pickup_code.upper().encode().ljust(32, b"\0"))
    if row is None or not expected or not matches:
        raise NotFound("pickup.not_found", "No order has this number and pickup code.")
    return wire.order(row, _names(session, [row]))


# --- telling the customer, payments ------------------------------------------------------


def _tell_ready(session: Session, row: OrderRow, *, now: datetime,
                tell: list[Outbound] | None, author: str | None) -> InteractionRow:
    """The timeline entry of an order made ready, and the message to the customer (if they
    consented to a channel)."""
    customer = session.get(CustomerRow, row.customer_id)
    channel = None
    if customer is not None and customer.erased_at is None:
        channel = notify.channel_for(email=customer.email, consent_email=customer.consent_email,
                                     phone=customer.phone, consent_sms=customer.consent_sms)
    if channel is not None and customer is not None:
        store = session.get(StoreRow, row.fulfillment_store_id) if (
            row.fulfillment_store_id) else None
        to = customer.email if channel == notify.EMAIL else (
            customer.phone_e164 or customer.phone)
        message = notify.ready_message(
            channel=channel, to=to or "", customer_id=customer.customer_id,
            first_name=customer.first_name, order_number=row.order_number,
            store_name=store.name if store is not None else (row.fulfillment_store_id or ""))
        if tell is not None:
            tell.append(message)
    said = timeline.order_ready(number=row.order_number, store_id=row.fulfillment_store_id,
                                channel=channel)
    entry = _entry(interaction_id=f"ready-{row.order_number}", customer_id=row.customer_id,
                   said=said, now=now, store_id=row.fulfillment_store_id, author=author)
    entry.kind = "message"
    entry.channel = channel or Channel.STORE.value
    session.add(entry)
    return entry


def payment_webhook(session: Session, *, body: w.PaymentWebhook,
                    now: datetime | None = None) -> w.PaymentWebhookAnswer:
    """The provider says a payment link was paid (or failed). Paid once: the same call again
    changes nothing; `failed` leaves the order unpaid (the customer may try again)."""
    now = now or utcnow()
    row = session.scalars(
        select(OrderRow).where(OrderRow.order_number == body.order_number).with_for_update()
    ).one_or_none() if could_be_number(body.order_number) else None
    if row is None or row.payment_mode != PaymentMode.PAYMENT_LINK:
        raise _not_found(body.order_number)
    if body.status == "paid" and row.payment_status != PaymentStatus.PAID:
        before = feed.customer_audience(session, row.customer_id)
        row.payment_status = PaymentStatus.PAID.value
        row.payment_reference = body.reference
        row.updated_at = now
        said = timeline.payment_received(number=row.order_number, total=row.total,
                                         currency=row.currency)
        entry = _entry(interaction_id=f"paid-{row.order_number}", customer_id=row.customer_id,
                       said=said, now=now, store_id=row.origin_store_id, author=None)
        entry.kind = "payment"
        session.add(entry)
        session.flush()
        answer = wire.order(row, _names(session, [row]))
        _record_order(session, order=row, answer=answer, entry=entry, before=before)
    elif body.status == "failed" and row.payment_status != PaymentStatus.PAID:
        log.info("payment of order %s failed (%s)", row.order_number, body.reference)
    payment = wire.order_payment(row)
    assert payment is not None  # a payment_link order
    return w.PaymentWebhookAnswer(order_number=row.order_number, payment=payment)


# --- moving along -------------------------------------------------------------------------


def _consume_or_release(session: Session, order: OrderRow, *, consume: bool,
                        now: datetime) -> None:
    """Release the order's reservation; with `consume`, the goods also left the shelf."""
    give_back = stock.consume if consume else stock.release
    for line in sorted(order.lines, key=lambda ln: (ln.sku, ln.source_store_id or "")):
        if line.source_store_id is not None:
            give_back(session, store_id=line.source_store_id, sku=line.sku,
                      quantity=line.quantity, now=now)


def move_order(session: Session, *, order_number: str, status: OrderStatus,
               now: datetime | None = None, tell: list[Outbound] | None = None,
               author: str | None = None) -> w.Order:
    """Move an order along the allowed transitions, releasing or consuming its reservation.

    Ready for pickup: the customer is told by the channel they consented to, recorded in the
    timeline here; the message is appended to `tell`, for the caller to send once committed.
    Collected: an order paid at pickup is paid.
    """
    now = now or utcnow()
    if not could_be_number(order_number):
        raise _not_found(order_number)
    # Locked, so two devices collecting the same order at once see each other's answer.
    row = session.scalars(
        select(OrderRow).where(OrderRow.order_number == order_number).with_for_update()
    ).one_or_none()
    if row is None:
        raise _not_found(order_number)
    current = row.status
    if not can_move(current, status.value, row.fulfillment_type):
        raise Conflict("order.transition",
                       f"An order that is {current} cannot become {status.value}.",
                       current=current, requested=status.value)
    before = feed.customer_audience(session, row.customer_id)
    if OrderStatus(current) in RESERVING and status not in RESERVING:
        consume = status in (OrderStatus.COLLECTED, OrderStatus.SHIPPED)
        _consume_or_release(session, row, consume=consume, now=now)
    row.status = status.value
    row.updated_at = now
    if status is OrderStatus.COLLECTED and row.payment_mode == PaymentMode.PAY_AT_PICKUP:
        row.payment_status = PaymentStatus.PAID.value
    entry = _tell_ready(session, row, now=now, tell=tell, author=author) if (
        status is OrderStatus.READY_FOR_PICKUP) else None
    session.flush()
    figures.refresh(session, [row.customer_id])  # a cancelled order stops counting
    answer = wire.order(row, _names(session, [row]))
    _record_order(session, order=row, answer=answer, entry=entry, before=before)
    if OrderStatus(current) in RESERVING and status not in RESERVING:
        # An erasure waiting for this order to close is carried out now.
        erasure.after_order_closed(session, customer_id=row.customer_id)
    return answer
