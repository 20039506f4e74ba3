"""Queries on the server state held in the replica, as views (the outbox overlay is added by
`clienteling.outbox.overlay`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from clienteling.domain.geo import by_distance
from clienteling.domain.text import fold
from clienteling.replica.apply import parse_ts
from clienteling.replica.database import Row
from clienteling.replica.search import customer_match, product_match
from clienteling.replica.views import (
    Consent,
    CustomerProfile,
    CustomerSummary,
    OrderLineView,
    OrderView,
    PaymentView,
    ProductView,
    StoreView,
    TimelineEntry,
    WishlistEntry,
)

TIMELINE_LIMIT = 200
ORDERS_LIMIT = 500


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


# Reads go straight to the SQLCipher connection under SQLAlchemy's transaction: a statement costs
# about 30 µs there against 150 µs through SQLAlchemy's result machinery, which matters for a
# scan that must answer in a couple of milliseconds.
def fetch_all(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.row_factory = Row
        return cursor.execute(sql, tuple(params)).fetchall()
    finally:
        cursor.close()


def fetch_one(conn: Connection, sql: str, params: Sequence[Any] = ()) -> Row | None:
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.row_factory = Row
        row: Row | None = cursor.execute(sql, tuple(params)).fetchone()
        return row
    finally:
        cursor.close()


def scalar(conn: Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    row = fetch_one(conn, sql, params)
    return row[0] if row is not None else None


# --- stores ---------------------------------------------------------------------------------


def store_view(m: Any) -> StoreView:
    return StoreView(store_id=m["store_id"], name=m["name"], address=m["address"],
                     postcode=m["postcode"], city=m["city"], country=m["country"],
                     latitude=m["latitude"], longitude=m["longitude"],
                     click_and_collect=bool(m["click_and_collect"]))


def stores_by_distance(conn: Connection, store_id: str | None
                       ) -> list[tuple[StoreView, float | None]]:
    """Every store with its distance from `store_id`, in the server's sourcing order
    (`domain.geo.by_distance`)."""
    return by_distance((store_view(r) for r in fetch_all(conn, "SELECT * FROM stores")),
                       store_id)


def store(conn: Connection, store_id: str | None) -> StoreView | None:
    if not store_id:
        return None
    row = fetch_one(conn, "SELECT * FROM stores WHERE store_id = ?", (store_id,))
    return store_view(row) if row else None


# --- products and stock ---------------------------------------------------------------------


def product_view(m: Any) -> ProductView:
    return ProductView(sku=m["sku"], ean=m["ean"], name=m["name"], brand=m["brand"],
                       category=m["category"], price=Decimal(m["price"]),
                       currency=m["currency"])


def product(conn: Connection, *, sku: str | None = None, ean: str | None = None
            ) -> ProductView | None:
    if sku is not None:
        found = fetch_one(conn, "SELECT * FROM products WHERE sku = ?", (sku,))
    else:
        found = fetch_one(conn, "SELECT * FROM products WHERE ean = ?", (ean,))
    return product_view(found) if found else None


def products(conn: Connection, skus: Iterable[str]) -> dict[str, ProductView]:
    wanted = sorted(set(skus))
    found: dict[str, ProductView] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for m in fetch_all(conn, f"SELECT * FROM products WHERE sku IN ({_placeholders(chunk)})",
                           chunk):
            found[m["sku"]] = product_view(m)
    return found


def search_products(conn: Connection, text: str, limit: int) -> list[ProductView]:
    match = product_match(text)
    if match is None:
        return []
    rows = fetch_all(conn, "SELECT p.* FROM products p WHERE p.rowid IN "
                     "(SELECT rowid FROM product_fts WHERE product_fts MATCH ? LIMIT ?)",
                     (match, limit))
    found = [product_view(m) for m in rows]
    found.sort(key=lambda p: (fold(p.name), p.sku))
    return found


def stock_rows(conn: Connection, sku: str) -> dict[str, Any]:
    """store_id → stock row of `sku`."""
    return {m["store_id"]: m for m in fetch_all(conn, "SELECT * FROM stock WHERE sku = ?",
                                                  (sku,))}


def stock_in(conn: Connection, store_id: str | None, skus: Iterable[str]) -> dict[str, int]:
    """sku → available in one store, for the skus the replica knows there."""
    wanted = sorted(set(skus))
    if not store_id or not wanted:
        return {}
    return {r[0]: r[1] for r in fetch_all(
        conn, f"SELECT sku, available FROM stock WHERE store_id = ? AND sku IN "
        f"({_placeholders(wanted)})", (store_id, *wanted))}


# --- customers ------------------------------------------------------------------------------


def summary_view(m: Any) -> CustomerSummary:
    return CustomerSummary(customer_id=m["customer_id"], first_name=m["first_name"],
                           last_name=m["last_name"], email=m["email"], phone=m["phone"],
                           card=m["card"], tier=m["tier"], home_store_id=m["home_store_id"])


def profile_view(m: Any) -> CustomerProfile:
    return CustomerProfile(
        customer_id=m["customer_id"], first_name=m["first_name"], last_name=m["last_name"],
        email=m["email"], phone=m["phone"],
        birth_date=date.fromisoformat(m["birth_date"]) if m["birth_date"] else None,
        home_store_id=m["home_store_id"], card=m["card"], tier=m["tier"], points=m["points"],
        consent_email=Consent(bool(m["consent_email"]), parse_ts(m["consent_email_at"]),
                              m["consent_email_source"]),
        consent_sms=Consent(bool(m["consent_sms"]), parse_ts(m["consent_sms_at"]),
                            m["consent_sms_source"]),
        assigned_seller_id=m["assigned_seller_id"], version=m["version"],
        created_at=parse_ts(m["created_at"]),  # type: ignore[arg-type]
        updated_at=parse_ts(m["updated_at"]),  # type: ignore[arg-type]
    )


def customer_row(conn: Connection, customer_id: str) -> Any:
    return fetch_one(conn, "SELECT * FROM customers WHERE customer_id = ?", (customer_id,))


def customer_by_card(conn: Connection, card: str) -> Any:
    return fetch_one(conn, "SELECT * FROM customers WHERE card = ?", (card,))


def search_customers(conn: Connection, text: str, limit: int) -> list[CustomerSummary]:
    """Up to `limit` customers matching `text` (FTS5, every word a prefix), by name."""
    match = customer_match(text)
    if match is None:
        return []
    rows = fetch_all(
        conn, "SELECT customer_id, first_name, last_name, email, phone, card, tier, "
        "home_store_id FROM customers WHERE rowid IN "
        "(SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?)", (match, limit))
    found = [summary_view(m) for m in rows]
    found.sort(key=lambda c: (fold(c.last_name), fold(c.first_name), c.customer_id))
    return found


# --- orders, wishlist, timeline --------------------------------------------------------------


def order_view(m: Any, names: dict[str, str] | None = None) -> OrderView:
    names = names or {}
    lines = tuple(
        OrderLineView(sku=line["sku"], quantity=int(line["quantity"]),
                      unit_price=(Decimal(str(line["unit_price"]))
                                  if line.get("unit_price") is not None else None),
                      source_store_id=line.get("source_store_id"),
                      name=line.get("name") or names.get(line["sku"]))
        for line in json.loads(m["lines"]))
    return OrderView(
        order_number=m["order_number"], customer_id=m["customer_id"], channel=m["channel"],
        status=m["status"], created_at=parse_ts(m["created_at"]),  # type: ignore[arg-type]
        updated_at=parse_ts(m["updated_at"]), fulfillment_type=m["fulfillment_type"],
        fulfillment_store_id=m["fulfillment_store_id"],
        address=json.loads(m["address"]) if m["address"] else None,
        delivery_method=m["delivery_method"],
        delivery_fee=Decimal(m["delivery_fee"]) if m["delivery_fee"] is not None else None,
        payment_mode=m["payment_mode"], origin_store_id=m["origin_store_id"],
        pickup_code=m["pickup_code"], lines=lines, total=Decimal(m["total"]),
        currency=m["currency"],
        payment=(PaymentView(mode=m["payment_mode"], status=m["payment_status"],
                             payment_url=m["payment_url"], receipt=m["payment_receipt"])
                 if m["payment_mode"] and m["payment_status"] else None),
        ready_by=date.fromisoformat(m["ready_by"]) if m["ready_by"] else None,
        delivery_by=date.fromisoformat(m["delivery_by"]) if m["delivery_by"] else None)


def orders_of(conn: Connection, customer_id: str, limit: int = ORDERS_LIMIT) -> list[Any]:
    return fetch_all(conn, "SELECT * FROM orders WHERE customer_id = ? "
                     "ORDER BY created_at DESC LIMIT ?", (customer_id, limit))


def order_row(conn: Connection, order_number: str) -> Any:
    return fetch_one(conn, "SELECT * FROM orders WHERE order_number = ?", (order_number,))


def collected_rows(conn: Connection, store_id: str, since: str, limit: int) -> list[Any]:
    """The store's click-and-collect orders collected since `since` (a replica timestamp),
    latest first."""
    return fetch_all(
        conn, "SELECT * FROM orders WHERE fulfillment_store_id = ? AND fulfillment_type = "
        "'click_and_collect' AND status = 'collected' AND updated_at >= ? "
        "ORDER BY updated_at DESC LIMIT ?", (store_id, since, limit))


def pickup_rows(conn: Connection, store_id: str, statuses: Sequence[str], limit: int
                ) -> list[Any]:
    if not statuses:
        return []
    return fetch_all(
        conn, f"SELECT * FROM orders WHERE fulfillment_store_id = ? AND fulfillment_type = "
        f"'click_and_collect' AND status IN ({_placeholders(statuses)}) "
        f"ORDER BY created_at LIMIT ?", (store_id, *statuses, limit))


def wishlist_of(conn: Connection, customer_id: str) -> list[Any]:
    return fetch_all(conn, "SELECT * FROM wishlist_items WHERE customer_id = ? "
                     "ORDER BY added_at DESC", (customer_id,))


def wishlist_view(m: Any, product_: ProductView | None, available: int | None
                  ) -> WishlistEntry:
    return WishlistEntry(customer_id=m["customer_id"], sku=m["sku"],
                         added_at=parse_ts(m["added_at"]),  # type: ignore[arg-type]
                         product=product_, available_here=available)


def timeline_of(conn: Connection, customer_id: str, limit: int = TIMELINE_LIMIT) -> list[Any]:
    return fetch_all(conn, "SELECT * FROM interactions WHERE customer_id = ? "
                     "ORDER BY occurred_at DESC LIMIT ?", (customer_id, limit))


def timeline_view(m: Any) -> TimelineEntry:
    return TimelineEntry(interaction_id=m["interaction_id"], customer_id=m["customer_id"],
                         occurred_at=parse_ts(m["occurred_at"]),  # type: ignore[arg-type]
                         channel=m["channel"], kind=m["kind"], summary=m["summary"],
                         store_id=m["store_id"], author=m["author"], code=m["code"],
                         params=json.loads(m["params"]) if m["params"] else {})


def counts(conn: Connection) -> dict[str, int]:
    """Rows per entity (the names of the feed)."""
    tables = {"store": "stores", "product": "products", "stock": "stock",
              "customer": "customers", "order": "orders", "wishlist_item": "wishlist_items",
              "interaction": "interactions"}
    return {entity: int(scalar(conn, f"SELECT count(*) FROM {table}"))
            for entity, table in tables.items()}
