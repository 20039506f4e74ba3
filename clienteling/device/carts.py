"""Carts: one open cart per customer, kept on the device (the replica's device-local
`cart_lines`, encrypted with it) across restarts until the order is placed or the seller
empties it; lines, quantities and totals in Decimal with the currency; whether each line is
short at the pickup store and which stores could send it (`domain.sourcing`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from clienteling.device.context import DeviceContext
from clienteling.domain import sourcing
from clienteling.domain.errors import DomainError
from clienteling.domain.money import Money
from clienteling.outbox import overlay, queue
from clienteling.outbox.command import command_for
from clienteling.replica import reads
from clienteling.replica.views import (
    CartLine,
    CartSummary,
    CartView,
    ChangeSet,
    StockSource,
)

__all__ = ["MAX_QUANTITY", "CartService"]

MAX_QUANTITY = 999  # the wire's limit on an order line


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class CartService:
    """The customers' open carts on this device."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    # --- reads -------------------------------------------------------------------------------

    def carts(self) -> list[CartSummary]:
        """Every open cart on the device, the latest changed first."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            rows = reads.fetch_all(
                conn, "SELECT customer_id, count(*) AS lines, sum(quantity) AS units, "
                "max(updated_at) AS updated_at FROM cart_lines GROUP BY customer_id "
                "ORDER BY max(updated_at) DESC")
            return [CartSummary(customer_id=r["customer_id"],
                                customer_name=_customer_name(conn, r["customer_id"]),
                                lines=int(r["lines"]), units=int(r["units"]),
                                updated_at=_parse(r["updated_at"]) or datetime.now(UTC))
                    for r in rows]

    def cart(self, customer_id: str, pickup_store_id: str | None = None) -> CartView:
        """The customer's cart (empty when they have none), each line's stock at
        `pickup_store_id` (default this store) net of this device's unsent orders."""
        session = self._ctx.need()
        pickup = pickup_store_id or self._ctx.settings.store_id
        with session.replica.read() as conn:
            return cart_view(conn, customer_id, pickup)

    def customer_name(self, customer_id: str) -> str:
        """The customer's name as the seller last wrote it (for the customer in context)."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            return _customer_name(conn, customer_id)

    # --- writes (device-local: nothing is sent) -------------------------------------------

    def add(self, customer_id: str, sku: str, quantity: int = 1) -> CartView:
        """Add `quantity` of a product (added to the line when it is there). Raises
        `product.not_found`, `customer.not_found`, `cart.quantity` (with `max`),
        `cart.currency` (a product priced in another currency than the cart)."""
        self._check_quantity(quantity)
        session = self._ctx.need()
        with session.replica.write() as conn:
            queue.customer_known(conn, customer_id)
            products = reads.products(conn, [sku])
            product = products.get(sku)
            if product is None:
                raise DomainError("product.not_found", "no product has this SKU", sku=sku)
            lines = _rows(conn, customer_id)
            others = reads.products(conn, [r["sku"] for r in lines])
            currencies = {p.currency for p in others.values()}
            if currencies and product.currency not in currencies:
                raise DomainError("cart.currency", "the cart is in another currency",
                                  sku=sku, currency=product.currency,
                                  cart_currency=sorted(currencies)[0])
            current = next((int(r["quantity"]) for r in lines if r["sku"] == sku), 0)
            self._check_quantity(current + quantity)
            now = _now()
            conn.exec_driver_sql(
                "INSERT INTO cart_lines(customer_id, sku, quantity, added_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(customer_id, sku) DO UPDATE SET "
                "quantity = quantity + excluded.quantity, updated_at = excluded.updated_at",
                (customer_id, sku, quantity, now, now))
        self._changed(customer_id)
        return self.cart(customer_id)

    def set_quantity(self, customer_id: str, sku: str, quantity: int) -> CartView:
        """A line's quantity (0 removes the line). Raises `cart.quantity`,
        `cart.line_not_found`."""
        if quantity != 0:
            self._check_quantity(quantity)
        session = self._ctx.need()
        with session.replica.write() as conn:
            if quantity == 0:
                done = conn.exec_driver_sql(
                    "DELETE FROM cart_lines WHERE customer_id = ? AND sku = ?",
                    (customer_id, sku))
            else:
                done = conn.exec_driver_sql(
                    "UPDATE cart_lines SET quantity = ?, updated_at = ? "
                    "WHERE customer_id = ? AND sku = ?", (quantity, _now(), customer_id, sku))
            if done.rowcount == 0:
                raise DomainError("cart.line_not_found", "not in the cart", sku=sku)
        self._changed(customer_id)
        return self.cart(customer_id)

    def remove(self, customer_id: str, sku: str) -> CartView:
        return self.set_quantity(customer_id, sku, 0)

    def clear(self, customer_id: str) -> None:
        """Empty the customer's cart (the order was placed, or the seller gave it up)."""
        session = self._ctx.need()
        with session.replica.write() as conn:
            conn.exec_driver_sql("DELETE FROM cart_lines WHERE customer_id = ?",
                                 (customer_id,))
        self._changed(customer_id)

    @staticmethod
    def _check_quantity(quantity: int) -> None:
        if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
            raise DomainError("cart.quantity", "quantity out of range", max=MAX_QUANTITY,
                              quantity=str(quantity)[:12])

    def _changed(self, customer_id: str) -> None:
        self._ctx.publish(ChangeSet(entities={"cart": frozenset({customer_id})}))


def _rows(conn: Connection, customer_id: str) -> list[Any]:
    return reads.fetch_all(
        conn, "SELECT sku, quantity, added_at, updated_at FROM cart_lines "
        "WHERE customer_id = ? ORDER BY added_at, sku", (customer_id,))


def _customer_name(conn: Connection, customer_id: str) -> str:
    """The name as the seller last wrote it (unsent edits and enrolments included)."""
    row = reads.customer_row(conn, customer_id)
    summary = None
    if row is not None:
        summary = overlay.summary_with_edits(conn, reads.summary_view(row))
    else:
        for entry in queue.rows(conn, customer_id=customer_id):
            summary = command_for(entry.kind).enrolled_summary(entry) or summary
    return f"{summary.first_name} {summary.last_name}".strip() if summary else customer_id


def cart_view(conn: Connection, customer_id: str, pickup: str | None) -> CartView:
    """The cart as the screens show it, in the caller's read transaction."""
    rows = _rows(conn, customer_id)
    products = reads.products(conn, [r["sku"] for r in rows])
    taken = overlay.pending_allocation(conn, [r["sku"] for r in rows]) if rows else {}
    around = reads.stores_by_distance(conn, pickup) if rows else []
    names = {s.store_id: s.name for s, _ in around}
    distances = {s.store_id: d for s, d in around}
    lines: list[CartLine] = []
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        sku, quantity = r["sku"], int(r["quantity"])
        product = products.get(sku)
        available = {store_id: max(int(m["available"]) - taken.get((store_id, sku), 0), 0)
                     for store_id, m in reads.stock_rows(conn, sku).items()}
        here = available.get(pickup) if pickup else None
        short = here is None or here < quantity
        sources: tuple[StockSource, ...] = ()
        if short:
            # One copy of the rule: the stores that could send the whole line, in the order
            # the server asks them.
            order = [s.store_id for s, _ in around if s.store_id != pickup]
            sources = tuple(StockSource(store_id=s, store_name=names.get(s, s),
                                        available=available.get(s, 0),
                                        distance_km=distances.get(s))
                            for s in sourcing.candidates(order, available, quantity))
        price = line_total = None
        if product is not None:
            price = Money(product.price, product.currency)
            line_total = Money(product.price * quantity, product.currency)
            totals[product.currency] += product.price * quantity
        lines.append(CartLine(sku=sku, product=product, quantity=quantity, unit_price=price,
                              line_total=line_total, available=here, short=short,
                              sources=sources))
    total = None
    if totals:
        currency, amount = next(iter(totals.items()))  # one currency a cart (`add` checks)
        total = Money(amount, currency)
    updated = max((r["updated_at"] for r in rows), default=None)
    return CartView(customer_id=customer_id, customer_name=_customer_name(conn, customer_id),
                    pickup_store_id=pickup, lines=tuple(lines), total=total,
                    updated_at=_parse(updated))
