"""Writing server state into the replica: a feed page, or one answer of the server.

The feed's `data` is exactly the wire models of `clienteling.api.models` dumped as JSON; each
is turned into one row tuple and written with `executemany` upserts and deletes. A page is
applied with its cursor in the caller's transaction, so it lands whole or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection

from clienteling.replica import schema
from clienteling.replica.search import customer_terms, product_terms

_JSON = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


class BadChange(ValueError):
    """A change whose data does not have the wire model's shape (a damaged answer)."""


def ts(value: Any) -> str | None:
    """A wire timestamp as fixed-width UTC text (`2026-01-05T09:00:00.000000Z`), so that text
    order is time order in SQLite."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadChange(f"not a timestamp: {value!r}")
    if len(value) == 20 and value[19] == "Z" and value[10] == "T":
        return value[:19] + ".000000Z"
    if len(value) == 27 and value[26] == "Z" and value[19] == ".":
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadChange(f"not a timestamp: {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_ts(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def now_ts() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _money(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    raise BadChange(f"not an amount: {value!r}")


def _day(value: Any) -> str | None:
    """A wire date as ISO text (`2026-01-05`)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise BadChange(f"not a date: {value!r}") from None


# --- wire data → row tuples ----------------------------------------------------------------
# Each converter returns the values in the order of its table's columns.


def store_row(d: Mapping[str, Any]) -> tuple[Any, ...]:
    return (d["store_id"], d["name"], d["address"], d["postcode"], d["city"], d["country"],
            d.get("latitude"), d.get("longitude"), 1 if d["click_and_collect"] else 0)


def product_row(d: Mapping[str, Any]) -> tuple[Any, ...]:
    terms = product_terms(d["name"], d["brand"], d["category"], d["sku"], d.get("ean"))
    return (d["sku"], d.get("ean"), d["name"], d["brand"], d["category"], _money(d["price"]),
            d["currency"], terms)


def stock_row(d: Mapping[str, Any]) -> tuple[Any, ...]:
    return (d["store_id"], d["sku"], int(d["on_hand"]), int(d["reserved"]),
            int(d["available"]), ts(d["updated_at"]))


def customer_row(d: Mapping[str, Any], in_scope: int = 1) -> tuple[Any, ...]:
    loyalty = d["loyalty"]
    consents = d.get("consents") or {}
    email = consents.get("email") or {}
    sms = consents.get("sms") or {}
    card = loyalty.get("card")
    terms = customer_terms(d["first_name"], d["last_name"], d.get("email"), d.get("phone"), card)
    return (d["customer_id"], card, d["first_name"], d["last_name"], d.get("email"),
            d.get("phone"), d.get("birth_date"), d.get("home_store_id"), loyalty["tier"],
            int(loyalty["points"]), 1 if email.get("granted") else 0, ts(email.get("at")),
            email.get("source"), 1 if sms.get("granted") else 0, ts(sms.get("at")),
            sms.get("source"), d.get("assigned_seller_id"), int(d["version"]),
            ts(d["created_at"]), ts(d["updated_at"]), terms, in_scope)


def order_row(d: Mapping[str, Any]) -> tuple[Any, ...]:
    fulfillment = d["fulfillment"]
    address = fulfillment.get("address")
    fee = fulfillment.get("fee")
    lines = d["lines"]
    if not isinstance(lines, list):
        raise BadChange("order lines are not a list")
    # The order's `fee` (any fulfilment) is newer than the fulfilment's; either is the fee.
    order_fee = d.get("fee")
    if isinstance(order_fee, Mapping) and order_fee.get("amount") is not None:
        fee = order_fee["amount"]
    payment = d.get("payment") or {}
    if not isinstance(payment, Mapping):
        raise BadChange("order payment is not an object")
    return (d["order_number"], d["customer_id"], d["channel"], d["status"], ts(d["created_at"]),
            ts(d.get("updated_at")), fulfillment["type"], fulfillment.get("store_id"),
            _JSON(address) if address is not None else None, fulfillment.get("method"),
            _money(fee) if fee is not None else None,
            payment.get("mode") or d.get("payment_mode"), payment.get("status"),
            payment.get("payment_url"), payment.get("receipt"), _day(d.get("ready_by")),
            _day(d.get("delivery_by")), d.get("origin_store_id"), d.get("pickup_code"),
            _money(d["total"]), d["currency"], _JSON(lines))


def wishlist_row(d: Mapping[str, Any]) -> tuple[Any, ...]:
    return (d["customer_id"], d["sku"], ts(d["added_at"]))


def interaction_row(d: Mapping[str, Any]) -> tuple[Any, ...]:
    params = d.get("params")
    return (d["interaction_id"], d["customer_id"], ts(d["occurred_at"]), d["channel"], d["kind"],
            d["summary"], d.get("store_id"), d.get("author"), d.get("code"),
            json.dumps(params, separators=(",", ":")) if params is not None else None)


def task_row(d: Mapping[str, Any]) -> tuple[Any, ...]:
    return (d["task_id"], d["store_id"], d["customer_id"], int(d["assignee_id"]), d["channel"],
            str(d["due_on"]), d["reason"], d["status"], d.get("snoozed_until"),
            ts(d["updated_at"]))


@dataclass(frozen=True)
class EntityTable:
    entity: str
    table: Any
    keys: tuple[str, ...]
    to_row: Any
    upsert_sql: str
    delete_sql: str

    def split_key(self, key: str) -> tuple[str, ...]:
        if len(self.keys) == 1:
            return (key,)
        # Only the last part (a SKU) may hold a slash: store and customer ids never do.
        head, sep, tail = key.partition("/")
        if not sep:
            raise BadChange(f"{self.entity} key without '/': {key!r}")
        return (head, tail)


def _entity(entity: str, table: Any, to_row: Any) -> EntityTable:
    columns = [c.name for c in table.columns]
    keys = tuple(c.name for c in table.primary_key.columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
    upsert = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
              f"VALUES ({', '.join('?' for _ in columns)}) "
              f"ON CONFLICT({', '.join(keys)}) DO UPDATE SET {updates}")
    delete = f"DELETE FROM {table.name} WHERE " + " AND ".join(f"{k} = ?" for k in keys)
    return EntityTable(entity, table, keys, to_row, upsert, delete)


ENTITY_TABLES: dict[str, EntityTable] = {
    "store": _entity("store", schema.stores, store_row),
    "product": _entity("product", schema.products, product_row),
    "stock": _entity("stock", schema.stock, stock_row),
    "customer": _entity("customer", schema.customers, customer_row),
    "order": _entity("order", schema.orders, order_row),
    "wishlist_item": _entity("wishlist_item", schema.wishlist_items, wishlist_row),
    "interaction": _entity("interaction", schema.interactions, interaction_row),
    "task": _entity("task", schema.tasks, task_row),
}
# Entities with a search index: (table, key column, FTS table). New rows are indexed set-wise.
INDEXED = {"customer": ("customers", "customer_id", "customer_fts"),
           "product": ("products", "sku", "product_fts")}


def _chunks(values: Sequence[Any], size: int = 500) -> list[Sequence[Any]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def _upsert(cursor: Any, entity: str, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """executemany the upserts; for searchable entities also index the rows that are new
    (rows that existed are re-indexed by their update trigger when their terms change)."""
    if entity not in INDEXED:
        cursor.executemany(sql, rows)
        return
    table, key, fts = INDEXED[entity]
    keys = list(dict.fromkeys(row[0] for row in rows))
    existing: set[str] = set()
    for chunk in _chunks(keys):
        marks = ", ".join("?" for _ in chunk)
        existing.update(r[0] for r in cursor.execute(
            f"SELECT {key} FROM {table} WHERE {key} IN ({marks})", tuple(chunk)))
    cursor.executemany(sql, rows)
    for chunk in _chunks([k for k in keys if k not in existing]):
        marks = ", ".join("?" for _ in chunk)
        cursor.execute(f"INSERT INTO {fts}(rowid, search_terms) SELECT rowid, search_terms "
                       f"FROM {table} WHERE {key} IN ({marks})", tuple(chunk))


# Upserts in this order, deletes in the reverse one: parents before children and back.
APPLY_ORDER = ("store", "product", "stock", "customer", "order", "wishlist_item", "interaction",
               "task")
CUSTOMER_CHILDREN = ("orders", "wishlist_items", "interactions", "tasks")


@dataclass
class Applied:
    """What a write changed: keys per entity and the customers touched."""

    entities: dict[str, set[str]] = field(default_factory=dict)
    customers: set[str] = field(default_factory=set)
    count: int = 0

    def add(self, entity: str, key: str, customer_id: str | None = None) -> None:
        self.entities.setdefault(entity, set()).add(key)
        if customer_id:
            self.customers.add(customer_id)

    def merge(self, other: Applied) -> None:
        for entity, keys in other.entities.items():
            self.entities.setdefault(entity, set()).update(keys)
        self.customers |= other.customers
        self.count += other.count


def _customer_of(entity: str, key: str, data: Mapping[str, Any] | None) -> str | None:
    if data is not None:
        value = data.get("customer_id")
        return value if isinstance(value, str) else None
    if entity == "customer":
        return key
    if entity == "wishlist_item":
        return key.partition("/")[0]
    return None


def apply_changes(conn: Connection, changes: Sequence[Mapping[str, Any]]) -> Applied:
    """Apply feed changes in the caller's transaction. Within a page the last change of a key
    wins (the feed is ordered), so the page reduces to one upsert or delete per key; deleting a
    customer also deletes what the replica holds of them (a scope exit).

    Raises `BadChange` when a change does not have its wire model's shape.
    """
    last = {(change["entity"], change["key"]): change for change in changes}
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for (entity, _key), change in last.items():
        grouped.setdefault(entity, []).append(change)
    upserts: dict[str, list[tuple[Any, ...]]] = {}
    deletes: dict[str, list[tuple[str, ...]]] = {}
    applied = Applied(count=len(changes))
    try:
        for entity, group in grouped.items():
            table = ENTITY_TABLES[entity]
            up = [c["data"] for c in group if c["op"] == "upsert"]
            gone = [c["key"] for c in group if c["op"] != "upsert"]
            if up:
                upserts[entity] = [table.to_row(data) for data in up]
            if gone:
                deletes[entity] = [table.split_key(key) for key in gone]
            applied.entities[entity] = {c["key"] for c in group}
            if entity == "customer":
                applied.customers.update(applied.entities[entity])
            elif entity != "wishlist_item":
                applied.customers.update(d["customer_id"] for d in up if "customer_id" in d)
            else:
                applied.customers.update(k.partition("/")[0] for k in applied.entities[entity])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadChange(f"a change does not have the expected shape: {exc!r}") from None

    # Children of deleted orders and interactions: find their customers before they go.
    for entity, pk in (("order", "order_number"), ("interaction", "interaction_id")):
        if entity in deletes:
            table = ENTITY_TABLES[entity].table
            keys = [k[0] for k in deletes[entity]]
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                rows = conn.exec_driver_sql(
                    f"SELECT customer_id FROM {table.name} WHERE {pk} IN "
                    f"({', '.join('?' for _ in chunk)})", tuple(chunk)).scalars().all()
                applied.customers.update(rows)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for entity in reversed(APPLY_ORDER):
            if entity in deletes:
                cursor.executemany(ENTITY_TABLES[entity].delete_sql, deletes[entity])
                if entity == "customer":
                    for child in CUSTOMER_CHILDREN:
                        cursor.executemany(f"DELETE FROM {child} WHERE customer_id = ?",
                                           deletes[entity])
        for entity in APPLY_ORDER:
            if entity in upserts:
                _upsert(cursor, entity, ENTITY_TABLES[entity].upsert_sql, upserts[entity])
    finally:
        cursor.close()
    return applied


def write_entity(conn: Connection, entity: str, data: Mapping[str, Any], *,
                 in_scope: bool = True) -> Applied:
    """Upsert one server answer (the order the server created, the note it recorded…)."""
    table = ENTITY_TABLES[entity]
    try:
        row = customer_row(data, 1 if in_scope else 0) if entity == "customer" else (
            table.to_row(data))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadChange(f"the server's {entity} does not have the expected shape: {exc!r}"
                        ) from None
    sql = table.upsert_sql
    if entity == "customer":
        if not in_scope:
            # Not (yet) delivered by the feed: never demote a customer the feed holds.
            sql = sql.replace("in_scope = excluded.in_scope", "in_scope = customers.in_scope")
        # An answer may arrive after a pull brought something newer: never go back.
        sql += " WHERE excluded.version >= customers.version"
    elif entity == "order":
        sql += (" WHERE orders.updated_at IS NULL OR excluded.updated_at IS NULL"
                " OR excluded.updated_at >= orders.updated_at")
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        _upsert(cursor, entity, sql, [row])
    finally:
        cursor.close()
    applied = Applied(count=1)
    key = "/".join(str(row[i]) for i in range(len(table.keys)))
    applied.add(entity, key, _customer_of(entity, key, data))
    return applied


def delete_entity(conn: Connection, entity: str, key: str) -> Applied:
    table = ENTITY_TABLES[entity]
    conn.exec_driver_sql(table.delete_sql, table.split_key(key))
    applied = Applied(count=1)
    applied.add(entity, key, _customer_of(entity, key, None))
    return applied


def clear_server_state(conn: Connection) -> None:
    """Empty every table the feed fills and forget the cursor; the outbox is not touched."""
    for table in schema.SERVER_TABLES:
        conn.exec_driver_sql(f"DELETE FROM {table.name}")  # triggers empty the FTS indexes
    conn.exec_driver_sql("DELETE FROM meta WHERE key IN ('cursor', 'complete')")
