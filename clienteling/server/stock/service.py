"""Stock across the chain (available = on hand − reserved), and the only module that writes it.

Every change of `on_hand` or `reserved` goes through here, with its feed change in the same
transaction: an order reserves a line (`reserve`), a cancelled order gives it back (`release`),
a collected or shipped one takes it off the shelf (`consume`), a stock file sets what is on
hand (`set_on_hand`) and imported open orders hold or free their lines (`adjust_reserved`).
Reservations are conditional updates (`on_hand − reserved >= quantity` in the statement), so
two tablets can never both get the last unit. (A test reads the sources to check that no other
module writes these columns.)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, case, func, select, tuple_, update
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.domain import sourcing
from clienteling.server import wire
from clienteling.server.feed import service as feed
from clienteling.server.stock.models import StockRow

Shelf = tuple[str, str]  # (store_id, sku)
_IN_CHUNK = 1000
_RETURNING = (StockRow.store_id, StockRow.sku, StockRow.on_hand, StockRow.reserved,
              StockRow.updated_at)


def _table() -> Table:
    table: Table = StockRow.__table__  # type: ignore[assignment]
    return table


# --- reading ------------------------------------------------------------------------------


def stock_levels(session: Session, *, skus: Sequence[str],
                 store_ids: Sequence[str] = ()) -> list[w.StockLevel]:
    """The stock of `skus` in every store (or only in `store_ids`), by SKU then store."""
    query = select(StockRow).where(StockRow.sku.in_(sorted(set(skus))))
    if store_ids:
        query = query.where(StockRow.store_id.in_(sorted(set(store_ids))))
    rows = session.scalars(query.order_by(StockRow.sku, StockRow.store_id))
    return [wire.stock(row) for row in rows]


def available(session: Session, sku: str) -> dict[str, int]:
    """store_id → what `sku` has available there."""
    return {store_id: int(level) for store_id, level in session.execute(
        select(StockRow.store_id, StockRow.on_hand - StockRow.reserved)
        .where(StockRow.sku == sku)).all()}


def best_available(session: Session, sku: str) -> int:
    """The most of `sku` any single store has available (what a short line is told)."""
    best = session.scalar(select(func.max(StockRow.on_hand - StockRow.reserved))
                          .where(StockRow.sku == sku))
    return max(int(best or 0), 0)


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start:start + _IN_CHUNK]


def _stored(session: Session, shelves: Sequence[Shelf]) -> dict[Shelf, dict[str, Any]]:
    found: dict[Shelf, dict[str, Any]] = {}
    for chunk in _chunks(list(shelves)):
        for m in session.execute(select(*_table().columns).where(
                tuple_(StockRow.store_id, StockRow.sku).in_(chunk))).mappings():
            found[(m["store_id"], m["sku"])] = dict(m)
    return found


# --- the feed -----------------------------------------------------------------------------


def _record(session: Session, row: Any, into: list[feed.PendingChange] | None = None) -> None:
    level = StockRow(store_id=row.store_id, sku=row.sku, on_hand=row.on_hand,
                     reserved=row.reserved, updated_at=row.updated_at)
    change = feed.PendingChange("stock", f"{level.store_id}/{level.sku}", "upsert", feed.STOCK,
                                level.store_id, feed.as_json(wire.stock(level)))
    if into is not None:
        into.append(change)
    else:
        feed.record_many(session, [change])


def _record_shelves(session: Session, shelves: Sequence[Shelf]) -> None:
    """Feed changes for these shelves, read back as they now are (bulk writes)."""
    fresh = _stored(session, shelves)
    feed.record_many(session, [
        feed.PendingChange("stock", f"{shelf[0]}/{shelf[1]}", "upsert", feed.STOCK, shelf[0],
                           feed.as_json(wire.stock(StockRow(**fresh[shelf]))))
        for shelf in shelves if shelf in fresh])


# --- orders -------------------------------------------------------------------------------


def reserve(session: Session, *, sku: str, quantity: int, stores: Sequence[str],
            now: datetime, into: list[feed.PendingChange] | None = None) -> str | None:
    """Reserve `quantity` of `sku` at the store that sources it (`domain.sourcing`, `stores`
    nearest first); the store, or None when no single store has enough. With `into`, the
    shelf's feed change is added to that list, for the caller to record with its own."""
    for store_id in sourcing.candidates(stores, available(session, sku), quantity):
        # The read above only skips stores that cannot help; the conditional update decides.
        row = session.execute(
            update(StockRow)
            .where(StockRow.store_id == store_id, StockRow.sku == sku,
                   StockRow.on_hand - StockRow.reserved >= quantity)
            .values(reserved=StockRow.reserved + quantity, updated_at=now)
            .returning(*_RETURNING)
            .execution_options(synchronize_session=False)
        ).one_or_none()
        if row is not None:
            _record(session, row, into)
            return store_id
    return None


def _give_back(session: Session, *, store_id: str, sku: str, quantity: int, consume: bool,
               now: datetime) -> None:
    values: dict[str, Any] = {
        # Clamped at zero: a stock count imported since may already have taken them off.
        "reserved": case((StockRow.reserved >= quantity, StockRow.reserved - quantity),
                         else_=0),
        "updated_at": now,
    }
    if consume:
        values["on_hand"] = case((StockRow.on_hand >= quantity, StockRow.on_hand - quantity),
                                 else_=0)
    row = session.execute(
        update(StockRow)
        .where(StockRow.store_id == store_id, StockRow.sku == sku)
        .values(**values)
        .returning(*_RETURNING)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if row is not None:
        _record(session, row)


def release(session: Session, *, store_id: str, sku: str, quantity: int,
            now: datetime) -> None:
    """A reservation given back (a cancelled order): the goods stay on the shelf."""
    _give_back(session, store_id=store_id, sku=sku, quantity=quantity, consume=False, now=now)


def consume(session: Session, *, store_id: str, sku: str, quantity: int,
            now: datetime) -> None:
    """A reservation that left with the customer (collected, shipped): off the shelf too."""
    _give_back(session, store_id=store_id, sku=sku, quantity=quantity, consume=True, now=now)


# --- imports and the demo -----------------------------------------------------------------


def set_on_hand(session: Session, levels: Mapping[Shelf, int], *,
                now: datetime) -> tuple[int, int]:
    """What a stock file says is on hand; `reserved` stays the orders' (a new shelf holds
    nothing). Unchanged shelves are left alone. (inserted, updated)."""
    shelves = list(levels)
    stored = _stored(session, shelves)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for shelf in shelves:
        old = stored.get(shelf)
        if old is None:
            inserts.append({"store_id": shelf[0], "sku": shelf[1], "on_hand": levels[shelf],
                            "reserved": 0, "updated_at": now})
        elif old["on_hand"] != levels[shelf]:
            updates.append({"b_store": shelf[0], "b_sku": shelf[1],
                            "on_hand": levels[shelf], "updated_at": now})
    connection = session.connection()
    if inserts:
        connection.execute(_table().insert(), inserts)
    if updates:
        connection.execute(
            update(_table())
            .where(StockRow.store_id == bindparam("b_store"), StockRow.sku == bindparam("b_sku"))
            .values(on_hand=bindparam("on_hand"), updated_at=bindparam("updated_at")),
            updates)
    _record_shelves(session, [(str(r["store_id"]), str(r["sku"])) for r in inserts]
                    + [(u["b_store"], u["b_sku"]) for u in updates])
    return len(inserts), len(updates)


def adjust_reserved(session: Session, deltas: Mapping[Shelf, int], *, now: datetime) -> None:
    """Add what imported open orders now hold (or no longer hold) to `reserved`, as atomic
    increments, so an order placed meanwhile through the API is never lost from it; a shelf
    no stock file mentioned gets a row with nothing on hand."""
    moved = {shelf: delta for shelf, delta in deltas.items() if delta}
    if not moved:
        return
    shelves = sorted(moved)
    stored = _stored(session, shelves)
    existing = [shelf for shelf in shelves if shelf in stored]
    connection = session.connection()
    if existing:
        held = StockRow.reserved + bindparam("b_delta")
        connection.execute(
            update(_table())
            .where(StockRow.store_id == bindparam("b_store"), StockRow.sku == bindparam("b_sku"))
            .values(reserved=case((held >= 0, held), else_=0), updated_at=bindparam("b_now")),
            [{"b_store": s, "b_sku": k, "b_delta": moved[(s, k)], "b_now": now}
             for s, k in existing])
    missing = [{"store_id": s, "sku": k, "on_hand": 0, "reserved": moved[(s, k)],
                "updated_at": now}
               for s, k in shelves if (s, k) not in stored and moved[(s, k)] > 0]
    if missing:
        connection.execute(_table().insert(), missing)
    _record_shelves(session, existing + [(str(m["store_id"]), str(m["sku"])) for m in missing])
