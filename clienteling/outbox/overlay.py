"""The device's unsent work laid over the server state, at read time.

Pulls write server state freely; what a seller did and the server has not confirmed yet lives
only in the outbox and is added here, each entry by its own command (an order "waiting to be
sent" in the customer's orders and taken off the stock shown, a note in the timeline, a
wishlist change, a profile edit or a consent, an enrolled customer). When an entry is sent,
the server's answer replaces it in the same transaction, so nothing flickers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import quote

from sqlalchemy import Connection

from clienteling.domain import sourcing, stats
from clienteling.domain.text import fold
from clienteling.outbox import queue
from clienteling.outbox.command import Wishlist, command_for
from clienteling.outbox.entry import FAILED, WAITING, Row
from clienteling.replica import reads
from clienteling.replica.apply import parse_ts
from clienteling.replica.search import customer_terms, query_words
from clienteling.replica.views import (
    Customer360,
    CustomerProfile,
    CustomerStats,
    CustomerSummary,
    OrderView,
    Problem,
    StockFigure,
    SyncMark,
    WishlistEntry,
)

# --- what the command modules share ------------------------------------------------------------


def mark(row: Row) -> SyncMark:
    return "failed" if row.state == FAILED else "waiting"


def created(row: Row) -> datetime:
    return parse_ts(row.created_at) or datetime.now(UTC)


def problem_of(row: Row) -> Problem | None:
    return queue.as_view(row).problem


def path_segment(value: str | None) -> str:
    """One path segment of a request (a customer id, an order number), quoted."""
    return quote(value or "", safe="")


def _worse(current: SyncMark, row: Row) -> SyncMark:
    return "failed" if "failed" in (current, mark(row)) else "waiting"


# --- profile --------------------------------------------------------------------------------


def apply_profile(profile: CustomerProfile, entries: Iterable[Row]) -> CustomerProfile:
    """The profile with this customer's unsent edits and consents, in the order made."""
    sync = profile.sync
    for row in entries:
        changed = command_for(row.kind).on_profile(profile, row)
        if changed is not None:
            profile = changed
            sync = _worse(sync, row)
    return replace(profile, sync=sync)


# --- orders ---------------------------------------------------------------------------------


def with_pending(order: OrderView, entries: Iterable[Row]) -> OrderView:
    """An order with the unsent writes about it (a status move) on top."""
    for row in entries:
        order = command_for(row.kind).on_order(order, row)
    return order


def stats_of(orders: Sequence[OrderView]) -> CustomerStats:
    """As the server computes them (`domain.stats`), from the orders the server holds."""
    found = stats.figures([o for o in orders if o.order_number])
    return CustomerStats(
        lifetime_value=found.lifetime_value, currency=found.currency,
        orders_count=found.orders_count, last_purchase_at=found.last_purchase_at,
        channels=found.channels)


# --- stock ----------------------------------------------------------------------------------


def pending_allocation(conn: Connection, skus: Iterable[str] | None = None
                       ) -> dict[tuple[str, str], int]:
    """(store_id, sku) → quantity this device's unsent writes will take there: each line from
    the first store, nearest to the pickup (or origin) store, that has enough, as the server
    will source it. Failed entries take nothing: they need a person first."""
    wanted = set(skus) if skus is not None else None
    lines: list[tuple[str | None, str, int]] = []
    for row in queue.rows(conn):
        if row.state != WAITING:
            continue
        origin, taken_lines = command_for(row.kind).stock_taken(row)
        lines.extend((origin, sku, quantity) for sku, quantity in taken_lines
                     if wanted is None or sku in wanted)
    if not lines:
        return {}
    available: dict[tuple[str, str], int] = {}
    for sku in sorted({sku for _, sku, _ in lines}):
        for store_id, m in reads.stock_rows(conn, sku).items():
            available[(store_id, sku)] = int(m["available"])
    stores_around: dict[str | None, list[str]] = {}
    for origin, _, _ in lines:
        if origin not in stores_around:
            stores_around[origin] = [s.store_id for s, _ in
                                     reads.stores_by_distance(conn, origin)]
    return sourcing.allocate(((stores_around[origin], sku, quantity)
                              for origin, sku, quantity in lines), available)


def stock_for(conn: Connection, sku: str, store_id: str | None) -> list[StockFigure]:
    rows = reads.stock_rows(conn, sku)
    taken = pending_allocation(conn, [sku])
    figures = []
    for store, distance in reads.stores_by_distance(conn, store_id):
        m = rows.get(store.store_id)
        pending = taken.get((store.store_id, sku), 0)
        if m is None:
            figures.append(StockFigure(store=store, is_this_store=store.store_id == store_id,
                                       distance_km=distance, known=False, on_hand=None,
                                       reserved=None, available=None, pending_out=pending,
                                       updated_at=None))
            continue
        figures.append(StockFigure(
            store=store, is_this_store=store.store_id == store_id, distance_km=distance,
            known=True, on_hand=m["on_hand"], reserved=m["reserved"],
            available=max(int(m["available"]) - pending, 0), pending_out=pending,
            updated_at=parse_ts(m["updated_at"])))
    return figures


# --- the customer 360 ------------------------------------------------------------------------


def customer_profile(conn: Connection, customer_id: str,
                     entries: list[Row] | None = None) -> CustomerProfile | None:
    """The customer's profile with their unsent edits and consents (or as enrolled here);
    None if neither the replica nor the outbox knows them. `entries`: the customer's queued
    rows, when the caller has read them already."""
    if entries is None:
        entries = queue.rows(conn, customer_id=customer_id)
    base = reads.customer_row(conn, customer_id)
    if base is not None:
        found: CustomerProfile | None = reads.profile_view(base)
    else:
        found = next((p for p in (command_for(r.kind).enrolled(r) for r in entries)
                      if p is not None), None)
    return apply_profile(found, entries) if found is not None else None


def customer_360(conn: Connection, customer_id: str, *, store_id: str | None,
                 source: str = "replica") -> Customer360 | None:
    """Everything about one customer with the unsent work on top; None if neither the
    replica nor the outbox knows them."""
    entries = queue.rows(conn, customer_id=customer_id)
    commands = [(row, command_for(row.kind)) for row in entries]
    profile = customer_profile(conn, customer_id, entries)
    if profile is None:
        return None

    order_rows = reads.orders_of(conn, customer_id)
    wish_rows = reads.wishlist_of(conn, customer_id)
    skus = {sku for r, c in commands for sku in c.skus(r)}
    skus |= {m["sku"] for m in wish_rows}
    products = reads.products(conn, skus)

    orders = [with_pending(reads.order_view(m), entries) for m in order_rows]
    stats = stats_of(orders)
    unsent = [with_pending(o, entries) for o in
              (c.unsent_order(r, products) for r, c in commands) if o is not None]
    unsent.sort(key=lambda o: o.created_at, reverse=True)

    # Wishlist: server items, then unsent adds and removes in the order they were made.
    wishlist: Wishlist = {m["sku"]: (m["sku"], parse_ts(m["added_at"]), "synced")
                          for m in wish_rows}
    for row, command in commands:
        command.on_wishlist(wishlist, row)
    here = reads.stock_in(conn, store_id, wishlist)
    taken = pending_allocation(conn, wishlist) if wishlist else {}
    wish = [WishlistEntry(customer_id=customer_id, sku=sku, added_at=added,
                          product=products.get(sku),
                          available_here=(max(here[sku] - taken.get((store_id, sku), 0), 0)
                                          if sku in here and store_id else None),
                          sync=sync)  # type: ignore[arg-type]
            for sku, added, sync in wishlist.values()]
    wish.sort(key=lambda e: e.added_at, reverse=True)

    timeline = [reads.timeline_view(m) for m in reads.timeline_of(conn, customer_id)]
    known = {t.interaction_id for t in timeline}
    for row, command in commands:
        entry = command.timeline_entry(row, store_id)
        if entry is not None and entry.interaction_id not in known:
            timeline.append(replace(entry, customer_id=customer_id))
    timeline.sort(key=lambda t: t.occurred_at, reverse=True)

    return Customer360(profile=profile, stats=stats, orders=tuple(unsent + orders),
                       wishlist=tuple(wish), timeline=tuple(timeline),
                       pending=tuple(queue.views(entries)),
                       source="server" if source == "server" else "replica")


# --- search ----------------------------------------------------------------------------------


def _matches(words: Sequence[str], terms: str) -> bool:
    tokens = fold(terms).split()
    return all(any(t.startswith(w) for t in tokens) for w in words)


def _edited_summary(summary: CustomerSummary, rows: Sequence[Row]) -> CustomerSummary:
    sync = summary.sync
    changed = False
    for row in rows:
        edited = command_for(row.kind).on_summary(summary, row)
        if edited is not None:
            summary, changed = edited, True
            sync = _worse(sync, row)
    return replace(summary, sync=sync) if changed else summary


def search_customers(conn: Connection, text: str, limit: int) -> list[CustomerSummary]:
    """The replica's matches plus customers enrolled offline, with unsent edits shown."""
    found = reads.search_customers(conn, text, limit)
    pending = queue.rows(conn)
    if not pending:
        return found
    words = query_words(text)
    by_customer: dict[str, list[Row]] = {}
    for row in pending:
        by_customer.setdefault(row.customer_id or "", []).append(row)
    result = [_edited_summary(s, by_customer.get(s.customer_id, [])) for s in found]
    seen = {s.customer_id for s in result}
    for row in pending:
        if row.customer_id in seen:
            continue
        enrolled = command_for(row.kind).enrolled_summary(row)
        if enrolled is None:
            continue
        terms = customer_terms(enrolled.first_name, enrolled.last_name, enrolled.email,
                               enrolled.phone, None)
        if words and _matches(words, terms):
            result.append(_edited_summary(enrolled, by_customer.get(row.customer_id or "", [])))
            seen.add(enrolled.customer_id)
    return result[:limit]


def summary_with_edits(conn: Connection, found: CustomerSummary) -> CustomerSummary:
    """One customer's summary with their unsent profile edits."""
    rows = queue.rows(conn, customer_id=found.customer_id)
    return _edited_summary(found, rows) if rows else found


# --- orders by number and the pickup queue ---------------------------------------------------


def _named(conn: Connection, orders: list[OrderView]) -> list[OrderView]:
    missing = {line.sku for o in orders for line in o.lines if line.name is None}
    if not missing:
        return orders
    names = reads.products(conn, missing)
    return [replace(o, lines=tuple(
        replace(line, name=names[line.sku].name) if line.name is None and line.sku in names
        else line for line in o.lines)) for o in orders]


def unsent_order(conn: Connection, order_number: str) -> OrderView | None:
    """An order made on this device and not sent yet, by the number the device gave it."""
    entries = [r for r in queue.rows(conn) if r.target == order_number]
    for row in entries:
        skus = command_for(row.kind).skus(row)
        made = command_for(row.kind).unsent_order(row, reads.products(conn, skus))
        if made is not None and made.order_number == order_number:
            return with_pending(made, entries)
    return None


def order(conn: Connection, order_number: str) -> OrderView | None:
    """An order by number: the replica's with unsent writes about it on top, else one made on
    this device and not sent yet."""
    m = reads.order_row(conn, order_number)
    if m is None:
        return unsent_order(conn, order_number)
    entries = [r for r in queue.rows(conn) if r.target == order_number]
    return with_pending(_named(conn, [reads.order_view(m)])[0], entries)


def pickup_queue(conn: Connection, store_id: str | None, statuses: Sequence[str],
                 limit: int) -> list[OrderView]:
    if not store_id:
        return []
    rows = reads.pickup_rows(conn, store_id, statuses, limit)
    entries = queue.rows(conn)
    orders = _named(conn, [reads.order_view(m) for m in rows])
    rank = {status: i for i, status in enumerate(statuses)}
    orders.sort(key=lambda o: (rank.get(o.status, len(rank)), o.created_at))
    return [with_pending(o, entries) for o in orders]


def collected_since(conn: Connection, store_id: str | None, since: str, limit: int
                    ) -> list[OrderView]:
    if not store_id:
        return []
    entries = queue.rows(conn)
    orders = _named(conn, [reads.order_view(m) for m in
                           reads.collected_rows(conn, store_id, since, limit)])
    return [with_pending(o, entries) for o in orders]


def unsent_pickups(conn: Connection, store_id: str | None) -> list[OrderView]:
    """Click-and-collect orders for `store_id` made on this device and waiting to be sent
    (refused ones are tasks elsewhere), oldest first, their unsent moves on top."""
    if not store_id:
        return []
    entries = queue.rows(conn)
    made = []
    for row in entries:
        if row.state != WAITING:
            continue
        command = command_for(row.kind)
        order = command.unsent_order(row, reads.products(conn, command.skus(row)))
        if (order is not None and order.fulfillment_type == "click_and_collect"
                and order.fulfillment_store_id == store_id):
            made.append(with_pending(order, [r for r in entries if r.target == order.order_number
                                             and r.id != row.id]))
    made.sort(key=lambda o: o.created_at)
    return made
