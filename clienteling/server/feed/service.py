"""Recording changes for the feed, and reading a device's feed without ever skipping one.

Every writer calls `record` in the same transaction as its change. Rows are compacted (a new
change of an entity for an audience replaces the older one), so a first download is as long as
the scope, not as long as history.

Gap-freedom on PostgreSQL: positions come from a sequence, so a transaction that took position
10 can commit after one that took 11. Each row also carries its transaction id; the feed is read
in (txid, position) order and only up to the oldest transaction still running
(`pg_snapshot_xmin`). Rows below that horizon are final: no transaction can add one any more, so
a cursor that passed them never needs to look back. SQLite serialises writers (BEGIN IMMEDIATE),
so there position order is commit order and txid is 0.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Table, and_, delete, func, or_, select, text, tuple_
from sqlalchemy.orm import Session

from clienteling.domain.errors import DomainError, Gone
from clienteling.domain.geo import by_distance
from clienteling.domain.orders import OPEN_PICKUP, FulfillmentType
from clienteling.server import bulk, wire
from clienteling.server.customers.models import CustomerRow, InteractionRow, WishlistRow
from clienteling.server.feed.models import ChangeRow
from clienteling.server.orders.models import OrderRow
from clienteling.server.products.models import ProductRow
from clienteling.server.stores.models import StoreRow

ALL = "all"
STOCK = "stock"
CUSTOMER = "customer"
# ASCII digits only (\d would take "١-٢"), and values a BIGINT holds.
_CURSOR = re.compile(r"^([0-9]{1,19})-([0-9]{1,19})$")
_BIGINT_MAX = 2**63 - 1
_CHANGES: Table = ChangeRow.metadata.tables["changes"]


@dataclass(frozen=True)
class PendingChange:
    entity: str
    key: str
    op: str  # upsert | delete
    scope: str
    store_id: str | None
    data: str | None  # JSON text of the wire model, None for a delete


def as_json(model: BaseModel | dict[str, Any]) -> str:
    if isinstance(model, BaseModel):
        return model.model_dump_json()
    return json.dumps(model, separators=(",", ":"), default=str)


def _txid(session: Session) -> int:
    if session.get_bind().dialect.name != "postgresql":
        return 0
    transaction = session.get_transaction()
    cached = session.info.get("txid")
    if cached and cached[0] is transaction:
        return int(cached[1])
    value = int(session.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())
    session.info["txid"] = (transaction, value)
    return value


def record_many(session: Session, changes: Sequence[PendingChange]) -> None:
    """Append `changes` to the feed, replacing older rows of the same entity and audience."""
    if not changes:
        return
    # A change superseded within the list itself is dropped, as compaction drops older rows
    # (an order whose two lines reserve on one shelf: that shelf's last level is what counts).
    last = {(c.entity, c.key, c.scope, c.store_id): i for i, c in enumerate(changes)}
    if len(last) < len(changes):
        changes = [c for i, c in enumerate(changes)
                   if last[(c.entity, c.key, c.scope, c.store_id)] == i]
    if session.get_bind().dialect.name == "postgresql":
        # Compaction in one statement, whatever the batch: the keys travel as four arrays
        # (a short text to parse and plan), each (entity, key) found through its index.
        session.execute(_COMPACT, {
            "entities": [c.entity for c in changes], "keys": [c.key for c in changes],
            "scopes": [c.scope for c in changes], "stores": [c.store_id for c in changes]})
    else:
        _compact(session, changes)
    txid = _txid(session)
    # In list order: positions come from the table's sequence as the rows arrive.
    bulk.insert_rows(session, _CHANGES, [
        {"txid": txid, "entity": c.entity, "key": c.key, "op": c.op, "scope": c.scope,
         "store_id": c.store_id, "data": c.data}
        for c in changes
    ])


_COMPACT = text(
    "DELETE FROM changes AS c USING unnest(CAST(:entities AS text[]), CAST(:keys AS text[]), "
    "CAST(:scopes AS text[]), CAST(:stores AS text[])) AS u(entity, key, scope, store_id) "
    "WHERE c.entity = u.entity AND c.key = u.key AND c.scope = u.scope "
    "AND c.store_id IS NOT DISTINCT FROM u.store_id")


def _compact(session: Session, changes: Sequence[PendingChange]) -> None:
    """Compaction on SQLite: one bulk delete per (entity, scope, store) group."""
    groups: dict[tuple[str, str, str | None], list[str]] = {}
    for change in changes:
        groups.setdefault((change.entity, change.scope, change.store_id), []).append(change.key)
    for (entity, scope, store_id), keys in groups.items():
        store_match = ChangeRow.store_id.is_(None) if store_id is None else (
            ChangeRow.store_id == store_id)
        for start in range(0, len(keys), 500):
            session.execute(
                delete(ChangeRow).where(
                    ChangeRow.entity == entity, ChangeRow.scope == scope, store_match,
                    ChangeRow.key.in_(keys[start:start + 500]),
                ).execution_options(synchronize_session=False)
            )


def record(session: Session, *, entity: str, key: str, data: BaseModel | None,
           scope: str = ALL, store_ids: Iterable[str | None] = (None,)) -> None:
    """Record an upsert (with `data`) or a delete (`data=None`) for each audience store."""
    payload = as_json(data) if data is not None else None
    op = "upsert" if data is not None else "delete"
    record_many(session, [PendingChange(entity, key, op, scope, sid, payload)
                          for sid in store_ids])


# --- customer scope -----------------------------------------------------------------------


def wishlist_key(customer_id: str, sku: str) -> str:
    return f"{customer_id}/{sku}"


def customer_audience(session: Session, customer_id: str,
                      home_store_id: str | None = None) -> set[str]:
    """The stores whose devices hold this customer: the home store and every store where the
    customer has a click-and-collect order still to collect."""
    if home_store_id is None:
        home_store_id = session.scalar(
            select(CustomerRow.home_store_id).where(CustomerRow.customer_id == customer_id))
    pickup_stores = session.scalars(
        select(OrderRow.fulfillment_store_id).where(
            OrderRow.customer_id == customer_id,
            OrderRow.fulfillment_type == FulfillmentType.CLICK_AND_COLLECT.value,
            OrderRow.status.in_([s.value for s in OPEN_PICKUP]),
        ).distinct()
    ).all()
    audience = {s for s in pickup_stores if s}
    if home_store_id:
        audience.add(home_store_id)
    return audience


def customer_audiences(session: Session, customer_ids: Collection[str]) -> dict[str, set[str]]:
    """`customer_audience` of many customers in two queries (the importer's batches)."""
    audiences: dict[str, set[str]] = {}
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), 1000):
        chunk = ids[start:start + 1000]
        for customer_id, home in session.execute(
                select(CustomerRow.customer_id, CustomerRow.home_store_id)
                .where(CustomerRow.customer_id.in_(chunk))):
            audiences[customer_id] = {home} if home else set()
        for customer_id, store_id in session.execute(
                select(OrderRow.customer_id, OrderRow.fulfillment_store_id).where(
                    OrderRow.customer_id.in_(chunk),
                    OrderRow.fulfillment_type == FulfillmentType.CLICK_AND_COLLECT.value,
                    OrderRow.status.in_([s.value for s in OPEN_PICKUP]),
                ).distinct()):
            if store_id:
                audiences.setdefault(customer_id, set()).add(store_id)
    return audiences


def record_for_customer(session: Session, *, customer_id: str, entity: str, key: str,
                        data: BaseModel | None, audience: set[str] | None = None) -> None:
    """Record a change of a customer or of something of theirs for every store holding them."""
    stores = audience if audience is not None else customer_audience(session, customer_id)
    if stores:
        record(session, entity=entity, key=key, data=data, scope=CUSTOMER, store_ids=sorted(stores))


def customer_bundle(session: Session, customer_id: str) -> list[tuple[str, str, BaseModel]]:
    """Everything a device holds about one customer, as (entity, key, wire model)."""
    row = session.get(CustomerRow, customer_id)
    if row is None:
        return []
    bundle: list[tuple[str, str, BaseModel]] = [("customer", customer_id, wire.customer(row))]
    orders = session.scalars(select(OrderRow).where(OrderRow.customer_id == customer_id)).all()
    # Orders carry their products' names, as the orders API answers them.
    skus = {line.sku for order in orders for line in order.lines}
    names = dict(session.execute(
        select(ProductRow.sku, ProductRow.name).where(ProductRow.sku.in_(skus))).all()
    ) if skus else {}
    for order in orders:
        bundle.append(("order", order.order_number, wire.order(order, names)))
    for item in session.scalars(select(WishlistRow).where(WishlistRow.customer_id == customer_id)):
        bundle.append(("wishlist_item", wishlist_key(customer_id, item.sku),
                       wire.wishlist_item(item)))
    for entry in session.scalars(
        select(InteractionRow).where(InteractionRow.customer_id == customer_id)
    ):
        bundle.append(("interaction", entry.interaction_id, wire.interaction(entry)))
    return bundle


def for_customer(entity: str, key: str, data: BaseModel,
                 audience: Collection[str]) -> list[PendingChange]:
    """The upserts of something of a customer's for the stores of `audience`."""
    payload = as_json(data)
    return [PendingChange(entity, key, "upsert", CUSTOMER, store_id, payload)
            for store_id in sorted(audience)]


def rescope_customer(session: Session, customer_id: str, before: set[str], *,
                     after: set[str] | None = None,
                     into: list[PendingChange] | None = None) -> set[str]:
    """After a change that may move a customer between stores (home store, pickup orders), send
    the whole customer to the stores that now hold them and deletes to the stores that no
    longer do. Returns the audience after the change. `after`, when the caller knows it (a new
    order only adds its pickup store), spares the query; with `into`, the changes are added to
    that list for the caller's one `record_many` instead of being recorded here."""
    if after is None:
        after = customer_audience(session, customer_id)
    entered, left = after - before, before - after
    if entered or left:
        bundle = customer_bundle(session, customer_id)
        pending: list[PendingChange] = []
        for store_id in sorted(entered):
            pending += [PendingChange(e, k, "upsert", CUSTOMER, store_id, as_json(m))
                        for e, k, m in bundle]
        for store_id in sorted(left):
            # Children first, so a device never holds an order whose customer it deleted.
            pending += [PendingChange(e, k, "delete", CUSTOMER, store_id, None)
                        for e, k, _ in reversed(bundle)]
        if into is not None:
            into += pending
        else:
            record_many(session, pending)
    return after


# --- reading the feed ---------------------------------------------------------------------


def stores_by_distance(session: Session, store_id: str) -> list[str]:
    """Every store, the given one first, then nearest first (`domain.geo.by_distance`)."""
    return [s.store_id for s, _ in by_distance(session.scalars(select(StoreRow)).all(),
                                               store_id)]


def stock_scope(session: Session, store_id: str, nearest: int) -> list[str]:
    """The device's store and the `nearest` stores closest to it."""
    return stores_by_distance(session, store_id)[: nearest + 1]


def parse_cursor(cursor: str | None) -> tuple[int, int]:
    if cursor is None or cursor == "":
        return (0, 0)
    match = _CURSOR.match(cursor)
    if not match or max(int(match.group(1)), int(match.group(2))) > _BIGINT_MAX:
        raise _unknown_cursor()
    return int(match.group(1)), int(match.group(2))


def _unknown_cursor() -> DomainError:
    return Gone("sync.cursor_unknown", "This sync cursor is unknown: download everything again.")


def format_cursor(txid: int, position: int) -> str:
    return f"{txid}-{position}"


def _horizon(session: Session) -> int | None:
    """Transactions below this id are all finished (PostgreSQL); None means no limit (SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return int(session.execute(
        text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")).scalar_one())


def read_feed(session: Session, *, store_id: str | None, cursor: str | None, limit: int,
              nearest: int) -> tuple[list[tuple[str, str, str, str | None]], str, bool]:
    """One page of the feed of a device of `store_id`: ([(entity, op, key, data_json)],
    next_cursor, has_more)."""
    after = parse_cursor(cursor)
    horizon = _horizon(session)
    if after != (0, 0):
        head = session.scalar(select(func.max(ChangeRow.position))) or 0
        # A cursor names a row served earlier: its position exists, and its txid was below the
        # horizon then (the horizon never goes back; on SQLite every txid is 0). Anything else
        # was not made here, and reading after it could skip changes forever.
        if after[1] > head or after[0] >= (horizon if horizon is not None else 1):
            raise _unknown_cursor()
    audience = [ChangeRow.scope == ALL]
    if store_id is not None:
        audience.append(and_(ChangeRow.scope == STOCK,
                             ChangeRow.store_id.in_(stock_scope(session, store_id, nearest))))
        audience.append(and_(ChangeRow.scope == CUSTOMER, ChangeRow.store_id == store_id))
    query = (
        select(ChangeRow.txid, ChangeRow.position, ChangeRow.entity, ChangeRow.op, ChangeRow.key,
               ChangeRow.data)
        .where(tuple_(ChangeRow.txid, ChangeRow.position) > tuple_(*after), or_(*audience))
        .order_by(ChangeRow.txid, ChangeRow.position)
        .limit(limit + 1)
    )
    if horizon is not None:
        query = query.where(ChangeRow.txid < horizon)
    rows = session.execute(query).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = format_cursor(rows[-1].txid, rows[-1].position) if rows else format_cursor(*after)
    return [(r.entity, r.op, r.key, r.data) for r in rows], next_cursor, has_more


def feed_json(changes: list[tuple[str, str, str, str | None]], next_cursor: str,
              has_more: bool) -> bytes:
    """The page as JSON text, splicing the stored JSON of each change instead of re-parsing it."""
    parts = [
        f'{{"entity":{json.dumps(entity)},"op":{json.dumps(op)},"key":{json.dumps(key)},'
        f'"data":{data if data else "null"}}}'
        for entity, op, key, data in changes
    ]
    more = "true" if has_more else "false"
    return (f'{{"changes":[{",".join(parts)}],"next_cursor":{json.dumps(next_cursor)},'
            f'"has_more":{more}}}').encode()
