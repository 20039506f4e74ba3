"""Orders: one order, placing an order (device-made number), moving it along its states."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from clienteling.api.client import ApiError
from clienteling.device.context import NETWORK_ERRORS, DeviceContext
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay, queue, shortages
from clienteling.outbox.kinds import order_create, order_status
from clienteling.replica.apply import Applied, write_entity
from clienteling.replica.views import ChangeSet, OrderView, OutboxEntry, Shortage
from clienteling.sync.engine import change_set

__all__ = ["OrderService"]

log = logging.getLogger(__name__)


class OrderService:
    """Reading and writing orders (writes go through the outbox)."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    def order(self, order_number: str) -> OrderView:
        """One order (replica, then the server online). Raises `order.not_found`."""
        ctx = self._ctx
        session = ctx.need()
        with session.replica.read() as conn:
            found = overlay.order(conn, order_number)
        if found is not None:
            return found
        order = ctx.online(lambda: session.client.order(order_number),
                           "order.not_found", order_number=order_number)
        ctx.cache(session, "order", order.model_dump(mode="json"))
        with session.replica.read() as conn:
            cached = overlay.order(conn, order.order_number)
        if cached is None:
            raise DomainError("order.not_found", "not found", order_number=order_number)
        return cached

    def place_order(self, *, customer_id: str, lines: Sequence[tuple[str, int]],
                    fulfillment: str, payment_mode: str, store_id: str | None = None,
                    address: Mapping[str, Any] | None = None,
                    delivery_method: str = "standard") -> OutboxEntry:
        """An order for the customer: `lines` are (sku, quantity); `fulfillment`
        "click_and_collect" (with `store_id`, default this store) or "home_delivery" (with
        `address` {line1, line2, postcode, city, country} and `delivery_method` standard,
        express or store_courier); `payment_mode` paid_in_store, pay_at_pickup or
        payment_link. Stock is reserved by the server when the entry is sent; a shortage then
        is a failed entry with problem `stock.short` and `extra["lines"]`. Raises
        `order.invalid` (with `errors`), `product.not_found`, `customer.not_found`."""
        self._ctx.need()
        settings = self._ctx.settings
        return self._ctx.submit(order_create.write(
            customer_id=customer_id, lines=lines, fulfillment=fulfillment,
            payment_mode=payment_mode, origin=settings.store_id, store_id=store_id,
            address=address, delivery_method=delivery_method,
            device_code=settings.device_code, today=date.today()))

    def set_order_status(self, order_number: str, status: str) -> OutboxEntry:
        """Move an order along its allowed transitions (ready_for_pickup, collected, shipped,
        delivered, cancelled). Cancelling an order made here that never left the device takes
        it out of the queue (nothing reaches the server; the returned entry is the order's,
        now gone). Raises `order.not_found`, `order.transition` (with `current`, `target`)."""
        session = self._ctx.need()
        if status == "cancelled":
            with session.replica.write() as conn:
                dropped = order_create.cancel_unsent(conn, order_number)
            if dropped is not None:
                log.info("unsent order %s cancelled on the device", order_number)
                self._ctx.publish(ChangeSet(customers=frozenset(
                    {dropped.customer_id} if dropped.customer_id else ()), outbox=True,
                    status=True))
                return queue.as_view(dropped)
        return self._ctx.submit(order_status.write(order_number, status))

    # --- orders the server refused for want of stock ----------------------------------------

    def shortages(self, *, refresh: bool = False) -> list[Shortage]:
        """Orders made on this device that the server refused with `stock.short`: tasks for a
        seller, oldest first, each with where the short products are now. `refresh=True`
        (online) asks the server for every store's figure of those products first; without
        the network the replica's figures are used (`Shortage.live` says which)."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            rows = shortages.entries(conn)
        live = False
        if refresh and rows:
            skus = sorted({line["sku"] for row in rows for line in
                           (row.problem or {}).get("lines") or [] if isinstance(line, dict)})
            live = self._refresh_stock(skus)
        with session.replica.read() as conn:
            return [shortages.view(conn, row, store_id=self._ctx.settings.store_id, live=live)
                    for row in shortages.entries(conn)]

    def shortage(self, order_number: str, *, refresh: bool = False) -> Shortage:
        """One short order (see `shortages`). Raises `order.not_short`."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            row = shortages.entry(conn, order_number)
        live = False
        if refresh:
            skus = sorted({line["sku"] for line in (row.problem or {}).get("lines") or []
                           if isinstance(line, dict)})
            live = self._refresh_stock(skus)
        with session.replica.read() as conn:
            return shortages.view(conn, shortages.entry(conn, order_number),
                                  store_id=self._ctx.settings.store_id, live=live)

    def resolve_shortage(self, order_number: str, *,
                         lines: Sequence[tuple[str, int]] | None = None,
                         fulfillment: str | None = None, store_id: str | None = None,
                         address: Mapping[str, Any] | None = None,
                         delivery_method: str | None = None,
                         payment_mode: str | None = None) -> OutboxEntry:
        """A seller's decision on a short order: other `lines` (a line split over the stores
        that have it, or fewer units), home delivery (`fulfillment`="home_delivery" with
        `address` and `delivery_method`; `payment_mode` when it was pay at pickup) or another
        pickup store. The order goes again under the SAME number (and pickup code), once.
        Raises `order.not_short`, `order.invalid` (with `errors`)."""
        session = self._ctx.need()
        with session.replica.write() as conn:
            row = shortages.resolve(conn, order_number, lines=lines, fulfillment=fulfillment,
                                    store_id=store_id, address=address,
                                    delivery_method=delivery_method, payment_mode=payment_mode)
        log.info("short order %s amended by a person and queued again", order_number)
        self._ctx.publish(ChangeSet(customers=frozenset(
            {row.customer_id} if row.customer_id else ()), outbox=True, status=True))
        session.engine.kick()
        return queue.as_view(row)

    def cancel_shortage(self, order_number: str) -> OutboxEntry:
        """Cancel a short order (the server never had it; the seller tells the customer).
        Raises `order.not_short`."""
        session = self._ctx.need()
        with session.replica.write() as conn:
            row = shortages.cancel(conn, order_number)
        log.info("short order %s cancelled by a person", order_number)
        self._ctx.publish(ChangeSet(customers=frozenset(
            {row.customer_id} if row.customer_id else ()), outbox=True, status=True))
        return queue.as_view(row)

    def _refresh_stock(self, skus: Sequence[str]) -> bool:
        """Every store's figure of `skus` from the server into the replica; False offline."""
        if not skus:
            return True
        session = self._ctx.need()
        try:
            levels = session.client.stock(skus)
        except (ApiError, *NETWORK_ERRORS) as error:
            log.info("stock refresh for a shortage failed: %s", getattr(error, "code", error))
            return False
        applied = Applied()
        with session.replica.write() as conn:
            for level in levels:
                applied.merge(write_entity(conn, "stock", level.model_dump(mode="json")))
        self._ctx.publish(change_set(applied))
        return True
