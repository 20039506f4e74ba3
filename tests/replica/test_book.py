"""The client book in the replica: each customer's stored figures equal a brute-force
recomputation from their orders (`domain.stats`) after any sequence of feed pages, and the
book's filters, sorts and keyset pages equal a brute-force reference over the same rows."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clienteling.api import models as w
from clienteling.domain import exports, segments, stats
from clienteling.domain.text import fold
from clienteling.replica import book
from clienteling.replica.apply import apply_changes, delete_entity, write_entity
from clienteling.replica.database import Replica
from tests.replica.feed_data import T0, change, customer
from tests.replica.keys import memory_keys

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CHANNELS = ("web", "app", "store", "phone")
STATUSES = ("confirmed", "cancelled", "collected", "ready_for_pickup")
FIRST = ("Élodie", "Marc", "anne", "Zoé", "Luc", "Émile", "Inès")
LAST = ("Martin", "Dupont", "Lefèvre", "étienne", "Bernard", "dupont", "Ösel")


def _order(number: str, customer_id: str, *, total: str, channel: str, status: str,
           at: datetime) -> w.Order:
    return w.Order(
        order_number=number, customer_id=customer_id, channel=channel, status=status,
        created_at=at, updated_at=at,
        fulfillment=w.OrderFulfillment(type="click_and_collect", store_id="PAR01"),
        lines=[w.OrderLine(sku="SKU-1", quantity=1, unit_price=Decimal(total),
                           source_store_id="PAR01")],
        total=Decimal(total), currency="EUR", pickup_code="ABCD1234",
        payment_mode="pay_at_pickup", origin_store_id="PAR01")


def _client(customer_id: str, rnd: random.Random, *, home: str = "PAR01") -> w.Customer:
    base = customer(customer_id, rnd.choice(FIRST), rnd.choice(LAST), home=home,
                    email=f"{customer_id.lower()}@example.com", phone="+33612345678")
    return base.model_copy(update={
        "loyalty": base.loyalty.model_copy(update={"tier": rnd.choice(("member", "gold"))}),
        "consents": w.Consents(email=w.Consent(granted=rnd.random() < 0.5),
                               sms=w.Consent(granted=rnd.random() < 0.5)),
        "assigned_seller_id": rnd.choice((None, 3, 4))})


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Replica]:
    opened = Replica.open(tmp_path / "r.sqlite3", memory_keys())
    yield opened
    opened.close()


def _stored(replica: Replica) -> dict[str, tuple[Any, ...]]:
    with replica.read() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.exec_driver_sql(
            "SELECT customer_id, lifetime_value, orders_count, last_purchase_at, "
            "first_purchase_at, channels, channels_count FROM customers").all()}


def _expected(replica: Replica) -> dict[str, tuple[Any, ...]]:
    """Brute force: every customer's orders read back and `domain.stats` applied."""
    with replica.read() as conn:
        customers = [r[0] for r in conn.exec_driver_sql("SELECT customer_id FROM customers")]
        orders = conn.exec_driver_sql(
            "SELECT customer_id, status, total, currency, channel, created_at FROM orders").all()
    found = {}
    for customer_id in customers:
        mine = [o for o in orders if o.customer_id == customer_id]
        facts = [w.Order.model_construct(status=o.status, total=Decimal(o.total),
                                         currency=o.currency, channel=o.channel,
                                         created_at=datetime.fromisoformat(
                                             o.created_at.replace("Z", "+00:00")))
                 for o in mine]
        figures = stats.figures(facts)  # type: ignore[arg-type]
        kept = sorted(o.created_at for o in mine if stats.counts(o.status))
        found[customer_id] = (float(figures.lifetime_value), figures.orders_count,
                              kept[-1] if kept else "", kept[0] if kept else None,
                              ",".join(figures.channels), len(figures.channels))
    return found


operations = st.lists(st.tuples(
    st.sampled_from(("order", "order", "order", "cancel", "delete_order", "customer",
                     "delete_customer", "answer")),
    st.integers(0, 5), st.integers(0, 11), st.integers(1, 99999),
    st.sampled_from(CHANNELS), st.sampled_from(STATUSES), st.integers(0, 800)),
    min_size=1, max_size=40)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations, page_size=st.integers(1, 7))
def test_stored_figures_equal_a_recomputation(tmp_path: Path, ops: list[Any],
                                              page_size: int) -> None:
    path = tmp_path / f"r{uuid.uuid4().hex}.sqlite3"
    replica = Replica.open(path, memory_keys())
    rnd = random.Random(0)
    try:
        changes: list[dict[str, Any]] = []
        for kind, c, o, cents, channel, status, days in ops:
            cid, number = f"C{c}", f"O{o}"
            at = T0 + timedelta(days=days)
            total = f"{cents // 100}.{cents % 100:02d}"
            if kind in ("order", "cancel"):
                changes.append(change("order", number, _order(
                    number, cid, total=total, channel=channel,
                    status="cancelled" if kind == "cancel" else status, at=at)))
            elif kind == "delete_order":
                changes.append(change("order", number, None))
            elif kind == "customer":
                changes.append(change("customer", cid, _client(cid, rnd)))
            elif kind == "delete_customer":
                changes.append(change("customer", cid, None))
            else:  # a server's answer (an order created online), then pages go on
                for start in range(0, len(changes), page_size):
                    with replica.write() as conn:
                        apply_changes(conn, changes[start:start + page_size])
                changes = []
                with replica.write() as conn:
                    write_entity(conn, "order", _order(number, cid, total=total,
                                                       channel=channel, status=status,
                                                       at=at).model_dump(mode="json"))
                    if days % 3 == 0:
                        delete_entity(conn, "order", number)
        for start in range(0, len(changes), page_size):
            with replica.write() as conn:
                apply_changes(conn, changes[start:start + page_size])
        assert _stored(replica) == _expected(replica)
    finally:
        replica.close()


# --- the book's reads against a brute-force reference -------------------------------------


def _fill(replica: Replica, n: int, seed: int) -> None:
    rnd = random.Random(seed)
    changes = []
    number = 0
    for i in range(n):
        cid = f"C{i:04d}"
        changes.append(change("customer", cid, _client(cid, rnd, home=rnd.choice(
            ("PAR01", "PAR01", "PAR01", "LYS01")))))
        for _ in range(rnd.choice((0, 0, 1, 1, 2, 3, 5, 7))):
            number += 1
            at = NOW - timedelta(days=rnd.randint(0, 500), minutes=rnd.randint(0, 1000),
                                 microseconds=rnd.choice((0, 0, 250_000, 123_456)))
            cents = rnd.choice((1000, 2550, 9999, 25000, 40000, 100000))
            changes.append(change("order", f"O{number}", _order(
                f"O{number}", cid, total=f"{cents // 100}.{cents % 100:02d}",
                channel=rnd.choice(CHANNELS), status=rnd.choice(STATUSES), at=at)))
    with replica.write() as conn:
        apply_changes(conn, changes)


def _reference(replica: Replica, f: w.ClientFilters) -> list[str]:
    """Every row read into Python, each filter and the sort applied as the contract says."""
    with replica.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT customer_id, first_name, last_name, home_store_id, tier, lifetime_value, "
            "orders_count, last_purchase_at, channels, consent_email, consent_sms, "
            "assigned_seller_id, search_terms FROM customers").mappings().all()
    kept = []
    for r in rows:
        value = Decimal(repr(r["lifetime_value"])).quantize(Decimal("0.01"))
        last = (datetime.fromisoformat(r["last_purchase_at"].replace("Z", "+00:00"))
                if r["last_purchase_at"] else None)
        channels = [c for c in r["channels"].split(",") if c]
        if r["home_store_id"] != f.store_id:
            continue
        if f.q and not all(any(t.startswith(fold(word)) for t in r["search_terms"].split())
                           for word in f.q.split()):
            continue
        if f.segment and segments.segment_of(last, r["orders_count"], value,
                                             NOW).value != f.segment.value:
            continue
        if f.tier and r["tier"] != f.tier:
            continue
        if f.last_purchase_from and (last is None or last.date() < f.last_purchase_from):
            continue
        if f.last_purchase_to and (last is None or last.date() > f.last_purchase_to):
            continue
        if f.min_value is not None and value < f.min_value:
            continue
        if f.max_value is not None and value > f.max_value:
            continue
        if f.min_channels is not None and len(channels) < f.min_channels:
            continue
        if f.consent == w.ConsentChannel.EMAIL and not r["consent_email"]:
            continue
        if f.consent == w.ConsentChannel.SMS and not r["consent_sms"]:
            continue
        if f.assigned_seller_id is not None and r["assigned_seller_id"] != f.assigned_seller_id:
            continue
        key: tuple[Any, ...] = {
            "name": (fold(r["last_name"]), fold(r["first_name"])),
            "lifetime_value": (value,),
            "last_purchase_at": (last is not None, last or NOW),
            "orders_count": (r["orders_count"],),
            "channels": (len(channels),),
        }[f.sort.value.lstrip("-")]
        kept.append(((*key, r["customer_id"]), r["customer_id"]))
    kept.sort(reverse=f.sort.value.startswith("-"))
    return [c for _, c in kept]


def _all_pages(replica: Replica, f: w.ClientFilters, limit: int) -> list[str]:
    found: list[str] = []
    after = None
    with replica.read() as conn:
        while True:
            page = book.page(conn, f, now=NOW, limit=limit, after=after)
            assert len(page.items) <= limit
            found += [c.customer_id for c in page.items]
            if page.next_cursor is None:
                return found
            assert len(page.items) == limit
            after = page.next_cursor


filter_sets = st.fixed_dictionaries({}, optional={
    "q": st.sampled_from(("mar", "dup", "étien", "zo", "c00", "lef")),
    "segment": st.sampled_from(list(w.SegmentName)),
    "tier": st.sampled_from(("member", "gold")),
    "last_purchase_from": st.dates(date(2025, 1, 1), date(2026, 6, 1)),
    "last_purchase_to": st.dates(date(2025, 1, 1), date(2026, 6, 1)),
    "min_value": st.sampled_from((Decimal("0"), Decimal("25.50"), Decimal("100"),
                                  Decimal("1000"))),
    "max_value": st.sampled_from((Decimal("99.99"), Decimal("400"), Decimal("5000"))),
    "min_channels": st.integers(0, 4),
    "consent": st.sampled_from(list(w.ConsentChannel)),
    "assigned_seller_id": st.sampled_from((3, 4)),
    "sort": st.sampled_from(list(w.ClientSort)),
})


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replica]:
    opened = Replica.open(tmp_path_factory.mktemp("book") / "r.sqlite3", memory_keys())
    _fill(opened, 300, seed=7)
    yield opened
    opened.close()


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=filter_sets, limit=st.sampled_from((1, 7, 50, 500)))
def test_pages_follow_the_reference_without_gaps_or_repeats(
        filled: Replica, values: dict[str, Any], limit: int) -> None:
    f = w.ClientFilters(store_id="PAR01", **values)
    expected = _reference(filled, f)
    assert _all_pages(filled, f, limit) == expected
    with filled.read() as conn:
        assert book.count(conn, f, now=NOW) == len(expected)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=filter_sets, limit=st.sampled_from((1, 7, 50)), window=st.sampled_from((1, 2)))
def test_pages_read_past_the_sort_window_follow_the_reference(
        filled: Replica, values: dict[str, Any], limit: int, window: int) -> None:
    # A window of one or two pages: most filtered pages are finished by the filter's own
    # index (or the table) after the window, and must join it without a gap or a repeat.
    f = w.ClientFilters(store_id="PAR01", **values)
    with patch.object(book, "WINDOW_PAGES", window):
        assert _all_pages(filled, f, limit) == _reference(filled, f)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=filter_sets, chunk=st.sampled_from((1, 7, 1000)))
def test_export_rows_said_in_sql_are_the_rule_over_the_pages(
        filled: Replica, values: dict[str, Any], chunk: int) -> None:
    # The CSV's cells read set-wise (masking, segment, date in SQL) are, row for row, what
    # `domain.exports.row` makes of the book's pages.
    f = w.ClientFilters(store_id="PAR01", **values)
    with filled.read() as conn:
        expected = [exports.row(
            customer_id=c.customer_id, first_name=c.first_name, last_name=c.last_name,
            email=c.email, phone=c.phone, consent_email=c.consent_email,
            consent_sms=c.consent_sms, tier=c.tier, lifetime_value=c.lifetime_value,
            last_purchase_at=c.last_purchase_at, segment=c.segment)
            for c in book.page(conn, f, now=NOW, limit=500).items]
        chunks = list(book.export_rows(conn, f, now=NOW, chunk=chunk))
    assert all(0 < len(c) <= chunk for c in chunks)
    assert [r for c in chunks for r in c] == expected


def test_a_count_no_longer_wanted_stops_and_the_connection_counts_again(
        filled: Replica) -> None:
    f = w.ClientFilters(store_id="PAR01", consent=w.ConsentChannel.EMAIL)
    with filled.read() as conn:
        expected = book.count(conn, f, now=NOW)
        with patch.object(book, "COUNT_CHECK_STEPS", 1), pytest.raises(book.Interrupted):
            book.count(conn, f, now=NOW, cancelled=lambda: True)
        assert book.count(conn, f, now=NOW, cancelled=lambda: False) == expected
        assert book.count(conn, f, now=NOW) == expected == len(_reference(filled, f)) > 0


def test_every_row_shows_its_figures_and_segment(filled: Replica) -> None:
    f = w.ClientFilters(store_id="PAR01", sort=w.ClientSort.LIFETIME_VALUE_DESC)
    with filled.read() as conn:
        rows = book.page(conn, f, now=NOW, limit=500).items
    assert rows and all(r.lifetime_value >= rows[-1].lifetime_value for r in rows)
    for r in rows:
        assert r.segment == segments.segment_of(r.last_purchase_at, r.orders_count,
                                                r.lifetime_value, NOW).value
        assert len(r.channels) <= 4 and list(r.channels) == sorted(r.channels)


def test_a_cursor_of_another_sort_is_refused(filled: Replica) -> None:
    with filled.read() as conn:
        first = book.page(conn, w.ClientFilters(store_id="PAR01"), now=NOW, limit=5)
        assert first.next_cursor
        with pytest.raises(Exception) as raised:
            book.page(conn, w.ClientFilters(store_id="PAR01", sort=w.ClientSort.CHANNELS),
                      now=NOW, limit=5, after=first.next_cursor)
        assert getattr(raised.value, "code", None) == "clients.cursor"
        with pytest.raises(Exception) as raised:
            book.page(conn, w.ClientFilters(store_id="PAR01"), now=NOW, limit=5,
                      after="not a cursor")
        assert getattr(raised.value, "code", None) == "clients.cursor"


def test_unsent_assignments_show_and_filter(filled: Replica) -> None:
    f = w.ClientFilters(store_id="PAR01", assigned_seller_id=3)
    with filled.read() as conn:
        mine = [c.customer_id for c in book.page(conn, f, now=NOW, limit=500).items]
        other = [c.customer_id for c in book.page(
            conn, f.model_copy(update={"assigned_seller_id": 4}), now=NOW, limit=500).items]
        pending: dict[str, int | None] = {mine[0]: 4, other[0]: 3}
        now_mine = [c.customer_id for c in book.page(conn, f, now=NOW, limit=500,
                                                     pending=pending).items]
        assert mine[0] not in now_mine and other[0] in now_mine
        assert book.count(conn, f, now=NOW, pending=pending) == len(now_mine)
        row = next(c for c in book.page(conn, f, now=NOW, limit=500, pending=pending).items
                   if c.customer_id == other[0])
        assert row.assigned_seller_id == 3 and row.assignment_unsent
