"""Checkout: the home delivery methods (the server's, kept for offline), where a click and
collect can be picked up, the quote (the server's online, the device's estimate offline with
the same sourcing and date rules), placing the cart as an order, and an order's payment."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.api.client import ApiError, short_lines
from clienteling.device.carts import cart_view
from clienteling.device.context import NETWORK_ERRORS, DeviceContext, Session
from clienteling.domain import sourcing
from clienteling.domain.address import normalise_postcode, postcode_problem
from clienteling.domain.errors import DomainError
from clienteling.domain.money import Money
from clienteling.outbox import overlay
from clienteling.outbox.command import Write, validated
from clienteling.outbox.kinds import order_create
from clienteling.outbox.kinds.order_create import ESTIMATE
from clienteling.replica import reads, terms
from clienteling.replica.views import (
    ChangeSet,
    DeliveryMethodView,
    OutboxEntry,
    PaymentView,
    PickupOption,
    QuoteLineView,
    QuoteView,
)
from clienteling.sync.engine import OFFLINE

__all__ = ["CheckoutService", "Fulfillment"]

log = logging.getLogger(__name__)

CLICK_AND_COLLECT = "click_and_collect"
HOME_DELIVERY = "home_delivery"


class Fulfillment:
    """How the order reaches the customer: collected at `store_id`, or delivered to
    `address` ({line1, line2, postcode, city, country}) by `method`."""

    def __init__(self, kind: str, *, store_id: str | None = None,
                 address: Mapping[str, Any] | None = None, method: str = "standard") -> None:
        if kind not in (CLICK_AND_COLLECT, HOME_DELIVERY):
            raise DomainError("order.invalid", "unknown fulfillment", errors=[
                {"field": "fulfillment.type", "message": kind}])
        self.kind = kind
        self.store_id = store_id
        self.address = dict(address or {})
        self.method = method

    def wire(self, origin: str) -> dict[str, Any]:
        if self.kind == CLICK_AND_COLLECT:
            return {"type": CLICK_AND_COLLECT, "store_id": self.store_id or origin}
        return {"type": HOME_DELIVERY, "address": self.address, "method": self.method}


def address_problems(address: Mapping[str, Any]) -> dict[str, str]:
    """field → problem code of a delivery address, before anything is sent: the required
    fields, and a French postcode (`domain.address`)."""
    problems: dict[str, str] = {}
    for name in ("line1", "postcode", "city"):
        if not str(address.get(name) or "").strip():
            problems[name] = "address.required"
    country = str(address.get("country") or "").strip().upper()
    if len(country) != 2 or not country.isalpha():
        problems["country"] = "address.country"
    if "postcode" not in problems:
        found = postcode_problem(str(address["postcode"]), country or "FR")
        if found:
            problems["postcode"] = found
    return problems


def _known_offline(session: Session) -> bool:
    """The running sync found the server unreachable: do not make the seller wait for a
    connection timeout to learn it again (a sync not started knows nothing: ask)."""
    state = session.engine.snapshot()
    return state.connection == OFFLINE and state.reason != "sync.not_started"


class CheckoutService:
    """From a customer's cart to an order."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    # --- delivery methods --------------------------------------------------------------------

    def delivery_methods(self, *, refresh: bool = False) -> list[DeliveryMethodView]:
        """The home delivery methods with their fee and days. `refresh=True` asks the server
        (online) and keeps its answer for offline; otherwise (or when the server cannot be
        asked) the last answer kept; [] when the device was never online to ask."""
        session = self._ctx.need()
        if refresh and not _known_offline(session):
            try:
                methods = session.client.delivery_methods()
            except (ApiError, *NETWORK_ERRORS) as error:
                log.info("delivery methods not refreshed: %s", error.code)
            else:
                with session.replica.write() as conn:
                    terms.keep_delivery_methods(
                        conn, [m.model_dump(mode="json") for m in methods],
                        datetime.now(UTC).isoformat())
        with session.replica.read() as conn:
            kept = terms.delivery_methods(conn)
        return [DeliveryMethodView(method=m["method"],
                                   fee=Money(m["fee"]["amount"], m["fee"]["currency"]),
                                   min_days=int(m["min_days"]), max_days=int(m["max_days"]))
                for m in kept]

    # --- where and how -----------------------------------------------------------------------

    def pickup_options(self, customer_id: str) -> list[PickupOption]:
        """The stores offering click and collect, this store first then nearest first, each
        with how many of the customer's cart lines it has on its shelf."""
        session = self._ctx.need()
        here = self._ctx.settings.store_id
        with session.replica.read() as conn:
            rows = reads.fetch_all(conn, "SELECT sku, quantity FROM cart_lines "
                                   "WHERE customer_id = ?", (customer_id,))
            wanted = {r["sku"]: int(r["quantity"]) for r in rows}
            taken = overlay.pending_allocation(conn, wanted) if wanted else {}
            stock = {sku: reads.stock_rows(conn, sku) for sku in wanted}
            options = []
            for store, distance in reads.stores_by_distance(conn, here):
                if not store.click_and_collect and store.store_id != here:
                    continue
                enough = sum(
                    1 for sku, quantity in wanted.items()
                    if sku in stock and store.store_id in stock[sku]
                    and int(stock[sku][store.store_id]["available"])
                    - taken.get((store.store_id, sku), 0) >= quantity)
                options.append(PickupOption(store=store, is_this_store=store.store_id == here,
                                            distance_km=distance, lines_available=enough,
                                            lines=len(wanted)))
        return options

    def proposed_address(self, customer_id: str) -> dict[str, Any] | None:
        """The address of the customer's latest home delivery, if the device knows one."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            for row in reads.orders_of(conn, customer_id, limit=50):
                if row["address"]:
                    try:
                        address = json.loads(row["address"])
                    except ValueError:
                        continue
                    if isinstance(address, dict) and address.get("line1"):
                        return address
        return None

    # --- the quote ---------------------------------------------------------------------------

    def quote(self, customer_id: str, fulfillment: Fulfillment,
              payment_mode: str | None = None) -> QuoteView:
        """What the customer's cart would cost and when it would be there: the server's quote
        (online: POST /orders/quote, nothing reserved), else the device's estimate from the
        replica and the terms it kept (`estimated`). Raises `order.invalid` (with `errors`),
        `cart.empty`, `delivery.unknown_method`, `delivery.methods_unknown`."""
        session = self._ctx.need()
        # The payment does not change a quote; a delivered order cannot be paid at pickup.
        mode = payment_mode or ("pay_at_pickup" if fulfillment.kind == CLICK_AND_COLLECT
                                else "paid_in_store")
        body = self._body(customer_id, fulfillment, mode)
        if _known_offline(session):
            return self.estimate(customer_id, fulfillment)
        try:
            answer = session.client.quote(body)  # type: ignore[arg-type]
        except ApiError as error:
            if error.status == 409 and error.code == "stock.short":
                return QuoteView(lines=(), fee=None, total=None, ready_by=None,
                                 delivery_by=None, estimated=False,
                                 short=tuple(s.model_dump() for s in short_lines(error)))
            if error.status == 422:
                raise DomainError("order.invalid", error.detail or "invalid",
                                  errors=error.problem.get("errors") or []) from None
            if error.status < 500:
                raise
            log.info("quote refused (%s): estimating on the device", error.code)
        except NETWORK_ERRORS as error:
            log.info("no quote (%s): estimating on the device", error.code)
        else:
            return self._from_server(answer, fulfillment)
        return self.estimate(customer_id, fulfillment)

    def _body(self, customer_id: str, fulfillment: Fulfillment,
              payment_mode: str) -> w.OrderCreate:
        session = self._ctx.need()
        origin = self._ctx.settings.store_id or ""
        with session.replica.read() as conn:
            lines = [(r["sku"], int(r["quantity"])) for r in reads.fetch_all(
                conn, "SELECT sku, quantity FROM cart_lines WHERE customer_id = ? "
                "ORDER BY added_at, sku", (customer_id,))]
        if not lines:
            raise DomainError("cart.empty", "the cart is empty", customer_id=customer_id)
        return validated(  # type: ignore[return-value]
            w.OrderCreate, "order.invalid", customer_id=customer_id,
            fulfillment=fulfillment.wire(origin),
            lines=[{"sku": sku, "quantity": quantity} for sku, quantity in lines],
            payment={"mode": payment_mode}, origin_store_id=origin)

    def _from_server(self, answer: w.Quote, fulfillment: Fulfillment) -> QuoteView:
        session = self._ctx.need()
        with session.replica.read() as conn:
            names = {s.store_id: s.name for s, _ in reads.stores_by_distance(conn, None)}
        if (fulfillment.kind == CLICK_AND_COLLECT and answer.ready_by is not None
                and any(line.source_store_id != fulfillment.store_id for line in answer.lines)):
            # The chain's transfer days, for the next estimate made offline.
            with session.replica.write() as conn:
                terms.keep_transfer_days(conn, (answer.ready_by - date.today()).days)
        return QuoteView(
            lines=tuple(QuoteLineView(
                sku=line.sku, name=line.name, quantity=line.quantity,
                unit_price=Money(line.unit_price, answer.currency),
                source_store_id=line.source_store_id,
                source_store_name=names.get(line.source_store_id)) for line in answer.lines),
            fee=Money(answer.fee.amount, answer.fee.currency),
            total=Money(answer.total, answer.currency), ready_by=answer.ready_by,
            delivery_by=answer.delivery_by, estimated=False)

    def estimate(self, customer_id: str, fulfillment: Fulfillment,
                 today: date | None = None) -> QuoteView:
        """The quote made on the device: each line from the nearest store with enough
        available net of unsent orders (`domain.sourcing`, the server's rule), the fee of the
        kept delivery methods, the dates by the same rule with the kept transfer days."""
        session = self._ctx.need()
        today = today or date.today()
        origin = self._ctx.settings.store_id
        with session.replica.read() as conn:
            view = cart_view(conn, customer_id, fulfillment.store_id or origin)
            if not view.lines:
                raise DomainError("cart.empty", "the cart is empty", customer_id=customer_id)
            return self._estimate(conn, view.lines, fulfillment, origin, today)

    def _estimate(self, conn: Connection, cart_lines: Any, fulfillment: Fulfillment,
                  origin: str | None, today: date) -> QuoteView:
        anchor = (fulfillment.store_id or origin) if fulfillment.kind == CLICK_AND_COLLECT \
            else origin
        around = reads.stores_by_distance(conn, anchor)
        order = [s.store_id for s, _ in around]
        names = {s.store_id: s.name for s, _ in around}
        skus = [line.sku for line in cart_lines]
        pending = overlay.pending_allocation(conn, skus)
        available: dict[tuple[str, str], int] = {}
        for sku in skus:
            for store_id, m in reads.stock_rows(conn, sku).items():
                available[(store_id, sku)] = int(m["available"]) - pending.get((store_id, sku),
                                                                               0)
        taken: dict[tuple[str, str], int] = {}
        lines, short, sources = [], [], []
        currency = next((line.unit_price.currency for line in cart_lines
                         if line.unit_price is not None), "EUR")
        subtotal = Decimal("0")
        for line in cart_lines:
            left = {s: available.get((s, line.sku), 0) - taken.get((s, line.sku), 0)
                    for s in order}
            source = sourcing.source(order, left, line.quantity)
            if source is None or line.unit_price is None:
                short.append({"sku": line.sku, "requested": line.quantity,
                              "available": max([0, *left.values()])})
                continue
            taken[(source, line.sku)] = taken.get((source, line.sku), 0) + line.quantity
            sources.append(source)
            subtotal += line.unit_price.amount * line.quantity
            lines.append(QuoteLineView(
                sku=line.sku, name=line.product.name if line.product else None,
                quantity=line.quantity, unit_price=line.unit_price, source_store_id=source,
                source_store_name=names.get(source)))
        if short:
            return QuoteView(lines=(), fee=None, total=None, ready_by=None, delivery_by=None,
                             estimated=True, short=tuple(short))
        if fulfillment.kind == CLICK_AND_COLLECT:
            pickup = fulfillment.store_id or origin or ""
            return QuoteView(
                lines=tuple(lines), fee=Money(Decimal("0"), currency),
                total=Money(subtotal, currency),
                ready_by=sourcing.ready_by(today, pickup, sources, terms.transfer_days(conn)),
                delivery_by=None, estimated=True)
        kept = terms.delivery_methods(conn)
        if not kept:
            raise DomainError("delivery.methods_unknown",
                              "the delivery methods are known once the device was online")
        method = terms.delivery_method(conn, fulfillment.method)
        if method is None:
            raise DomainError("delivery.unknown_method", "not a delivery method",
                              method=fulfillment.method)
        fee = Money(method["fee"]["amount"], method["fee"]["currency"])
        return QuoteView(lines=tuple(lines), fee=fee, total=Money(subtotal + fee.amount, currency),
                         ready_by=None,
                         delivery_by=sourcing.delivery_by(today, int(method["max_days"])),
                         estimated=True)

    # --- placing the order -------------------------------------------------------------------

    def place(self, customer_id: str, fulfillment: Fulfillment, payment_mode: str, *,
              quote: QuoteView | None = None, receipt: str | None = None) -> OutboxEntry:
        """Place the customer's cart as an order (through the outbox: numbered by the device,
        final at once, sent by the sync) and empty the cart. `quote`: what the checkout
        showed, kept with the order. Raises `order.invalid`, `product.not_found`,
        `customer.not_found`, `delivery.unknown_method`, `cart.empty`."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            lines = [(r["sku"], int(r["quantity"])) for r in reads.fetch_all(
                conn, "SELECT sku, quantity FROM cart_lines WHERE customer_id = ? "
                "ORDER BY added_at, sku", (customer_id,))]
        if not lines:
            raise DomainError("cart.empty", "the cart is empty", customer_id=customer_id)
        estimate: dict[str, Any] | None = None
        if quote is not None and quote.total is not None:
            estimate = {"fee": str(quote.fee.amount) if quote.fee else None,
                        "currency": quote.total.currency,
                        "total": str(quote.total.amount),
                        "ready_by": quote.ready_by.isoformat() if quote.ready_by else None,
                        "delivery_by": (quote.delivery_by.isoformat() if quote.delivery_by
                                        else None),
                        "sources": {line.sku: line.source_store_id for line in quote.lines},
                        "estimated": quote.estimated}
        address = None
        if fulfillment.kind == HOME_DELIVERY:
            address = {**fulfillment.address,
                       "postcode": normalise_postcode(str(fulfillment.address.get("postcode")
                                                          or ""))}
        settings = self._ctx.settings
        write = order_create.write(
            customer_id=customer_id, lines=lines, fulfillment=fulfillment.kind,
            payment_mode=payment_mode, origin=settings.store_id,
            store_id=fulfillment.store_id, address=address,
            delivery_method=fulfillment.method, device_code=settings.device_code,
            today=date.today(), receipt=receipt or None, estimate=estimate)
        named = write.check

        def with_cart(conn: Connection) -> Write | None:
            # The order and its emptied cart in one transaction: one commit on disk, and no
            # moment where the order exists and the cart could be ordered again.
            done = named(conn) if named is not None else None
            # Only the lines ordered: one added since they were read stays in the cart.
            conn.exec_driver_sql(
                "DELETE FROM cart_lines WHERE customer_id = ? AND sku = ? AND quantity = ?",
                [(customer_id, sku, quantity) for sku, quantity in lines])
            return done

        entry = self._ctx.submit(dataclasses.replace(write, check=with_cart))
        self._ctx.publish(ChangeSet(entities={"cart": frozenset({customer_id})}))
        return entry

    @staticmethod
    def estimate_of(entry: OutboxEntry) -> Mapping[str, Any]:
        """What the checkout showed for an order placed here (kept with its entry)."""
        return entry.payload.get(ESTIMATE) or {}

    # --- payment -----------------------------------------------------------------------------

    def payment(self, order_number: str) -> PaymentView | None:
        """Online: the order's payment as the server holds it (a payment link's URL, paid or
        not); None while the server does not have the order yet. Raises `order.not_found`
        with `offline=True` when the server cannot be asked."""
        session = self._ctx.need()
        try:
            order = self._ctx.online(lambda: session.client.order(order_number),
                                     "order.not_found", order_number=order_number)
        except DomainError as error:
            if error.code == "order.not_found" and not error.params.get("offline"):
                return None
            raise
        if order.payment is None:
            return None
        return PaymentView(mode=str(order.payment.mode), status=str(order.payment.status),
                           payment_url=order.payment.payment_url,
                           receipt=order.payment.receipt)
