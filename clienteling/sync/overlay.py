"""The device's unsent work laid over the server state, at read time.

Pulls write server state freely; what a seller did and the server has not confirmed yet lives
only in the outbox and is added here: an order "waiting to be sent" in the customer's orders
and taken off the stock shown, a note in the timeline, a wishlist change, a profile edit or a
consent, an enrolled customer. When an entry is sent, the server's answer replaces it in the
same transaction, so nothing flickers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from clienteling.domain.orders import DELIVERY_FEES, OrderStatus
from clienteling.domain.text import fold
from clienteling.replica import reads
from clienteling.replica.apply import parse_ts
from clienteling.replica.search import customer_terms, query_words
from clienteling.replica.views import (
    Consent,
    Customer360,
    CustomerProfile,
    CustomerStats,
    CustomerSummary,
    OrderLineView,
    OrderView,
    Problem,
    StockFigure,
    SyncMark,
    TimelineEntry,
    WishlistEntry,
)
from clienteling.sync import outbox
from clienteling.sync.outbox import (
    CONSENT,
    EDIT,
    ENROL,
    NOTE,
    ORDER,
    ORDER_STATUS,
    WISHLIST_ADD,
    WISHLIST_REMOVE,
    Row,
)

PROFILE_FIELDS = ("first_name", "last_name", "email", "phone", "birth_date", "home_store_id",
                  "tier", "assigned_seller_id")


def mark(row: Row) -> SyncMark:
    return "failed" if row.state == outbox.FAILED else "waiting"


def _created(row: Row) -> datetime:
    return parse_ts(row.created_at) or datetime.now(UTC)


def _problem(row: Row) -> Problem | None:
    return outbox.as_view(row).problem


# --- profile --------------------------------------------------------------------------------


def _enrolled_profile(row: Row) -> CustomerProfile:
    p = row.payload
    at = _created(row)
    birth = p.get("birth_date")
    return CustomerProfile(
        customer_id=row.customer_id or p.get("customer_id", ""), first_name=p["first_name"],
        last_name=p["last_name"], email=p.get("email"), phone=p.get("phone"),
        birth_date=date.fromisoformat(birth) if birth else None,
        home_store_id=p.get("home_store_id"), card=None, tier="member", points=0,
        consent_email=Consent(bool(p.get("consent_email")), at if p.get("consent_email") else None,
                              "store", mark(row)),
        consent_sms=Consent(bool(p.get("consent_sms")), at if p.get("consent_sms") else None,
                            "store", mark(row)),
        assigned_seller_id=None, version=0, created_at=at, updated_at=at, sync=mark(row),
        pending_fields=frozenset(k for k in p if k != "customer_id"))


def apply_profile(profile: CustomerProfile, entries: Iterable[Row]) -> CustomerProfile:
    """The profile with this customer's unsent edits and consents, in the order made."""
    pending = set(profile.pending_fields)
    sync = profile.sync
    for row in entries:
        if row.kind == EDIT:
            changes: dict[str, Any] = {}
            for name in PROFILE_FIELDS:
                if name in row.payload:
                    value = row.payload[name]
                    if name == "birth_date" and value:
                        value = date.fromisoformat(value)
                    changes[name] = value
                    pending.add(name)
            profile = replace(profile, **changes)
            for channel, change in (row.payload.get("consents") or {}).items():
                if change is not None:
                    profile = _with_consent(profile, channel, change["granted"],
                                            change.get("source"), row)
                    pending.add(f"consent_{channel}")
        elif row.kind == CONSENT:
            profile = _with_consent(profile, row.payload["channel"], row.payload["granted"],
                                    row.payload.get("source"), row)
            pending.add(f"consent_{row.payload['channel']}")
        else:
            continue
        sync = "failed" if "failed" in (sync, mark(row)) else "waiting"
    return replace(profile, pending_fields=frozenset(pending), sync=sync)


def _with_consent(profile: CustomerProfile, channel: str, granted: bool, source: str | None,
                  row: Row) -> CustomerProfile:
    consent = Consent(bool(granted), _created(row), source or "store", mark(row))
    if channel == "email":
        return replace(profile, consent_email=consent)
    if channel == "sms":
        return replace(profile, consent_sms=consent)
    return profile


# --- orders ---------------------------------------------------------------------------------


def pending_order(row: Row, products: Mapping[str, Any]) -> OrderView:
    """An unsent order as the seller made it, priced from the replica's products (the server
    prices it for real when it arrives)."""
    p = row.payload
    fulfillment = p.get("fulfillment") or {}
    lines = []
    total = Decimal("0")
    currency = None
    for line in p.get("lines", []):
        product = products.get(line["sku"])
        price = product.price if product else None
        if price is not None:
            total += price * int(line["quantity"])
            currency = currency or product.currency
        lines.append(OrderLineView(sku=line["sku"], quantity=int(line["quantity"]),
                                   unit_price=price, source_store_id=None,
                                   name=product.name if product else None))
    fee = None
    if fulfillment.get("type") == "home_delivery":
        fee = Decimal(DELIVERY_FEES.get(fulfillment.get("method") or "standard", "0"))
        total += fee
    at = _created(row)
    return OrderView(
        order_number=None, customer_id=p.get("customer_id", row.customer_id or ""),
        channel="store", status=OrderStatus.PENDING.value, created_at=at, updated_at=at,
        fulfillment_type=fulfillment.get("type", ""),
        fulfillment_store_id=fulfillment.get("store_id"), address=fulfillment.get("address"),
        delivery_method=fulfillment.get("method"), delivery_fee=fee,
        payment_mode=(p.get("payment") or {}).get("mode"),
        origin_store_id=p.get("origin_store_id"), pickup_code=None, lines=tuple(lines),
        total=total, currency=currency or "EUR", sync=mark(row), outbox_id=row.id,
        problem=_problem(row))


def with_pending_status(order: OrderView, entries: Iterable[Row]) -> OrderView:
    for row in entries:
        if row.kind == ORDER_STATUS and row.target == order.order_number:
            order = replace(order, pending_status=row.payload.get("status"), sync=mark(row),
                            outbox_id=row.id, problem=_problem(row))
    return order


def stats_of(orders: Sequence[OrderView]) -> CustomerStats:
    """As the server computes them: every order the server holds but cancelled ones."""
    kept = [o for o in orders if o.order_number and o.status != OrderStatus.CANCELLED.value]
    currencies = Counter(o.currency for o in kept)
    return CustomerStats(
        lifetime_value=sum((o.total for o in kept), Decimal("0")),
        currency=currencies.most_common(1)[0][0] if currencies else None,
        orders_count=len(kept),
        last_purchase_at=max((o.created_at for o in kept), default=None),
        channels=tuple(sorted({o.channel for o in kept})))


# --- stock ----------------------------------------------------------------------------------


def pending_allocation(conn: Connection, skus: Iterable[str] | None = None
                       ) -> dict[tuple[str, str], int]:
    """(store_id, sku) → quantity this device's unsent orders will take there: each line from
    the first store, nearest to the pickup (or origin) store, that has enough, as the server
    will source it. Failed orders take nothing: they need a person first."""
    orders = [r for r in outbox.rows(conn, kinds=[ORDER]) if r.state == outbox.WAITING]
    wanted = set(skus) if skus is not None else None
    lines = [(row, line) for row in orders for line in row.payload.get("lines", [])
             if wanted is None or line.get("sku") in wanted]
    if not lines:
        return {}
    all_skus = sorted({line["sku"] for _, line in lines})
    available: dict[tuple[str, str], int] = {}
    for sku in all_skus:
        for store_id, m in reads.stock_rows(conn, sku).items():
            available[(store_id, sku)] = int(m["available"])
    orders_by_origin: dict[str | None, list[str]] = {}
    taken: dict[tuple[str, str], int] = {}
    for row, line in lines:
        fulfillment = row.payload.get("fulfillment") or {}
        origin = fulfillment.get("store_id") or row.payload.get("origin_store_id")
        if origin not in orders_by_origin:
            orders_by_origin[origin] = [s.store_id for s, _ in
                                        reads.stores_by_distance(conn, origin)]
        quantity = int(line["quantity"])
        for store_id in orders_by_origin[origin]:
            key = (store_id, line["sku"])
            if available.get(key, 0) - taken.get(key, 0) >= quantity:
                taken[key] = taken.get(key, 0) + quantity
                break
    return taken


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


def customer_360(conn: Connection, customer_id: str, *, store_id: str | None,
                 source: str = "replica") -> Customer360 | None:
    """Everything about one customer with the unsent work on top; None if neither the
    replica nor the outbox knows them."""
    base = reads.customer_row(conn, customer_id)
    entries = outbox.rows(conn, customer_id=customer_id)
    enrolment = next((r for r in entries if r.kind == ENROL), None)
    if base is None and enrolment is None:
        return None
    profile = reads.profile_view(base) if base is not None else _enrolled_profile(enrolment)  # type: ignore[arg-type]
    profile = apply_profile(profile, entries)

    order_rows = reads.orders_of(conn, customer_id)
    wish_rows = reads.wishlist_of(conn, customer_id)
    skus = {line["sku"] for r in entries if r.kind == ORDER
            for line in r.payload.get("lines", [])}
    skus |= {m["sku"] for m in wish_rows}
    skus |= {r.target for r in entries if r.kind == WISHLIST_ADD and r.target}
    products = reads.products(conn, skus)

    orders = [with_pending_status(reads.order_view(m), entries) for m in order_rows]
    stats = stats_of(orders)
    unsent = [pending_order(r, products) for r in entries if r.kind == ORDER]
    unsent.sort(key=lambda o: o.created_at, reverse=True)

    # Wishlist: server items, then unsent adds and removes in the order they were made.
    wishlist: dict[str, tuple[str, datetime, SyncMark]] = {
        m["sku"]: (m["sku"], parse_ts(m["added_at"]), "synced")  # type: ignore[misc]
        for m in wish_rows}
    for row in entries:
        if row.kind == WISHLIST_ADD and row.target:
            current = wishlist.get(row.target)
            wishlist[row.target] = (row.target, current[1] if current else _created(row),
                                    mark(row))
        elif row.kind == WISHLIST_REMOVE and row.target:
            wishlist.pop(row.target, None)
    here = reads.stock_in(conn, store_id, wishlist)
    taken = pending_allocation(conn, wishlist) if wishlist else {}
    wish = [WishlistEntry(customer_id=customer_id, sku=sku, added_at=added,
                          product=products.get(sku),
                          available_here=(max(here[sku] - taken.get((store_id, sku), 0), 0)
                                          if sku in here and store_id else None),
                          sync=sync)
            for sku, added, sync in wishlist.values()]
    wish.sort(key=lambda e: e.added_at, reverse=True)

    timeline = [reads.timeline_view(m) for m in reads.timeline_of(conn, customer_id)]
    known = {t.interaction_id for t in timeline}
    for row in entries:
        if row.kind == NOTE and row.payload.get("interaction_id") not in known:
            timeline.append(TimelineEntry(
                interaction_id=row.payload.get("interaction_id") or f"outbox-{row.id}",
                customer_id=customer_id, occurred_at=_created(row), channel="store",
                kind="note", summary=row.payload.get("text", ""), store_id=store_id,
                author=row.author, sync=mark(row)))
        elif row.kind == CONSENT and row.payload.get("interaction_id") not in known:
            # Worded as the server words it, so the entry does not change when it is sent.
            label = "Email" if row.payload.get("channel") == "email" else "SMS"
            state = "granted" if row.payload.get("granted") else "withdrawn"
            summary = f"{label} consent {state} ({row.payload.get('source') or 'store'})"
            timeline.append(TimelineEntry(
                interaction_id=row.payload.get("interaction_id") or f"outbox-{row.id}",
                customer_id=customer_id, occurred_at=_created(row), channel="store",
                kind="consent", summary=summary,
                store_id=store_id, author=row.author, sync=mark(row)))
    timeline.sort(key=lambda t: t.occurred_at, reverse=True)

    return Customer360(profile=profile, stats=stats, orders=tuple(unsent + orders),
                       wishlist=tuple(wish), timeline=tuple(timeline),
                       pending=tuple(outbox.views(entries)),
                       source="server" if source == "server" else "replica")


# --- search ----------------------------------------------------------------------------------


def _matches(words: Sequence[str], terms: str) -> bool:
    tokens = fold(terms).split()
    return all(any(t.startswith(w) for t in tokens) for w in words)


def search_customers(conn: Connection, text: str, limit: int) -> list[CustomerSummary]:
    """The replica's matches plus customers enrolled offline, with unsent edits shown."""
    found = reads.search_customers(conn, text, limit)
    pending = outbox.rows(conn, kinds=[ENROL, EDIT])
    if not pending:
        return found
    words = query_words(text)
    by_customer: dict[str, list[Row]] = {}
    for row in pending:
        by_customer.setdefault(row.customer_id or "", []).append(row)
    result: list[CustomerSummary] = []
    for summary in found:
        rows = by_customer.get(summary.customer_id)
        result.append(_edited_summary(summary, rows) if rows else summary)
    seen = {s.customer_id for s in result}
    for row in pending:
        if row.kind != ENROL or row.customer_id in seen:
            continue
        p = row.payload
        terms = customer_terms(p["first_name"], p["last_name"], p.get("email"), p.get("phone"),
                               None)
        if words and _matches(words, terms):
            result.append(_edited_summary(CustomerSummary(
                customer_id=row.customer_id or "", first_name=p["first_name"],
                last_name=p["last_name"], email=p.get("email"), phone=p.get("phone"),
                card=None, tier="member", home_store_id=p.get("home_store_id"),
                sync=mark(row)), by_customer.get(row.customer_id or "", [])))
    return result[:limit]


def summary_with_edits(conn: Connection, found: CustomerSummary) -> CustomerSummary:
    """One customer's summary with their unsent profile edits."""
    rows = outbox.rows(conn, customer_id=found.customer_id, kinds=[EDIT])
    return _edited_summary(found, rows) if rows else found


def _edited_summary(summary: CustomerSummary, rows: Sequence[Row]) -> CustomerSummary:
    changes: dict[str, Any] = {}
    sync = summary.sync
    for row in rows:
        if row.kind == EDIT:
            for name in ("first_name", "last_name", "email", "phone", "home_store_id", "tier"):
                if name in row.payload:
                    changes[name] = row.payload[name]
            sync = "failed" if "failed" in (sync, mark(row)) else "waiting"
    return replace(summary, **changes, sync=sync) if changes else summary


# --- orders by number and the pickup queue ---------------------------------------------------


def order(conn: Connection, order_number: str) -> OrderView | None:
    m = reads.order_row(conn, order_number)
    if m is None:
        return None
    entries = [r for r in outbox.rows(conn, kinds=[ORDER_STATUS]) if r.target == order_number]
    return with_pending_status(_named(conn, [reads.order_view(m)])[0], entries)


def _named(conn: Connection, orders: list[OrderView]) -> list[OrderView]:
    missing = {line.sku for o in orders for line in o.lines if line.name is None}
    if not missing:
        return orders
    names = reads.products(conn, missing)
    return [replace(o, lines=tuple(
        replace(line, name=names[line.sku].name) if line.name is None and line.sku in names
        else line for line in o.lines)) for o in orders]


def pickup_queue(conn: Connection, store_id: str | None, statuses: Sequence[str],
                 limit: int) -> list[OrderView]:
    if not store_id:
        return []
    rows = reads.pickup_rows(conn, store_id, statuses, limit)
    entries = outbox.rows(conn, kinds=[ORDER_STATUS])
    orders = _named(conn, [reads.order_view(m) for m in rows])
    rank = {status: i for i, status in enumerate(statuses)}
    orders.sort(key=lambda o: (rank.get(o.status, len(rank)), o.created_at))
    return [with_pending_status(o, entries) for o in orders]
