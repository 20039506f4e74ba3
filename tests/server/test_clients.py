"""The managers' endpoints (api-contract.md "Managers") on SQLite and PostgreSQL: the client
book against a brute-force reference on generated data (every filter, every sort, keyset pages
without gaps or repeats, totals), the stored figures kept by the order writers, assignment,
tasks and the consent refusal, export content, masking and its record, KPIs."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from clienteling.domain import segments, stats
from clienteling.domain.text import fold
from clienteling.server.customers import figures
from clienteling.server.customers.models import CustomerRow
from clienteling.server.customers.search import search_keys
from clienteling.server.orders.models import OrderRow
from tests.server.conftest import World, settle

API = "/api/v1"
LAST = ["Lefèvre", "lefevre", "Martin", "MARTIN", "Éloi", "Dupont", "du Pont", "Zoé", "Ångström",
        "Bernard", "Petit", "Saint-Éloi", "Nguyen", "O'Brien", "Durand"]
FIRST = ["Marie", "marie", "Jean", "Élodie", "Zoë", "Anne", "Luc", "Jean-Pierre", "Chloé"]
CHANNELS = ["web", "app", "store", "phone"]
STATUSES = ["pending", "ready_for_pickup", "collected", "cancelled", "shipped"]
TIERS = ["member", "silver", "gold"]


@dataclass
class Person:
    customer_id: str
    first_name: str
    last_name: str
    email: str
    phone: str
    home_store_id: str
    tier: str
    consent_email: bool
    consent_sms: bool
    assigned_seller_id: int | None
    erased: bool
    orders: list[Any]


@dataclass(frozen=True)
class Order:
    status: str
    total: Decimal
    currency: str
    channel: str
    created_at: datetime


def _generate(session: Session, seller_id: int, now: datetime, count: int = 160) -> list[Person]:
    rng = random.Random(10)
    people = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        person = Person(
            customer_id=f"c{i:04d}", first_name=first, last_name=last,
            email=f"client{i}@example.fr", phone=f"06{i:08d}",
            home_store_id="PAR01" if i % 9 else "PAR02", tier=rng.choice(TIERS),
            consent_email=rng.random() < 0.5, consent_sms=rng.random() < 0.4,
            assigned_seller_id=seller_id if rng.random() < 0.3 else None,
            erased=i % 31 == 5, orders=[])
        shape = rng.random()
        n = 0 if shape < 0.15 else 1 if shape < 0.35 else rng.randint(2, 8)
        for _ in range(n):
            # Some on whole days and equal totals, so ties in every sort are exercised.
            days = rng.choice([rng.randint(0, 900), 30, 200])
            person.orders.append(Order(
                status=rng.choice(STATUSES), total=rng.choice(
                    [Decimal("99.90"), Decimal(rng.randint(1, 90000)) / 100, Decimal("450")]),
                currency="EUR", channel=rng.choice(CHANNELS),
                created_at=(now - timedelta(days=days, hours=rng.randint(1, 20))).replace(
                    microsecond=0)))
        people.append(person)
        session.add(CustomerRow(
            customer_id=person.customer_id, first_name=first, last_name=last,
            email=person.email, phone=person.phone, home_store_id=person.home_store_id,
            tier=person.tier, consent_email=person.consent_email,
            consent_sms=person.consent_sms, assigned_seller_id=person.assigned_seller_id,
            version=1, created_at=now, updated_at=now,
            erased_at=now if person.erased else None,
            **search_keys(first, last, person.email, person.phone, "FR")))
        session.flush()
        for j, order in enumerate(person.orders):
            session.add(OrderRow(
                order_number=f"N-{i:04d}-{j}", customer_id=person.customer_id,
                channel=order.channel, status=order.status, fulfillment_type="in_store",
                fulfillment_store_id=person.home_store_id, total=order.total,
                currency=order.currency, created_at=order.created_at,
                updated_at=order.created_at))
    session.flush()
    figures.refresh(session, [p.customer_id for p in people])
    return people


@pytest.fixture
def book(client: TestClient, world: World,
         sessions: sessionmaker[Session]) -> tuple[list[Person], int]:
    seller_id = client.get(f"{API}/auth/me", headers=world.auth("seller")).json()["id"]
    with sessions() as session, session.begin():
        people = _generate(session, seller_id, datetime.now(UTC))
    return people, seller_id


# --- the reference ------------------------------------------------------------------------


def _facts(person: Person) -> stats.CustomerFigures:
    return stats.figures(person.orders)


def _segment(person: Person, now: datetime) -> str:
    found = _facts(person)
    return segments.segment_of(found.last_purchase_at, found.orders_count,
                               found.lifetime_value, now).value


def _matches(person: Person, params: dict[str, Any], now: datetime,
             found_by_q: set[str]) -> bool:
    found = _facts(person)
    if person.home_store_id != params["store_id"] or person.erased:
        return False
    if "q" in params and person.customer_id not in found_by_q:
        return False
    checks: list[tuple[str, Callable[[Any], bool]]] = [
        ("segment", lambda v: _segment(person, now) == v),
        ("tier", lambda v: person.tier == v),
        ("last_purchase_from", lambda v: found.last_purchase_at is not None
         and found.last_purchase_at.date() >= date.fromisoformat(v)),
        ("last_purchase_to", lambda v: found.last_purchase_at is not None
         and found.last_purchase_at.date() <= date.fromisoformat(v)),
        ("min_value", lambda v: found.lifetime_value >= Decimal(v)),
        ("max_value", lambda v: found.lifetime_value <= Decimal(v)),
        ("min_channels", lambda v: len(found.channels) >= int(v)),
        ("consent", lambda v: person.consent_email if v == "email" else person.consent_sms),
        ("assigned_seller_id", lambda v: person.assigned_seller_id == int(v)),
    ]
    return all(check(params[name]) for name, check in checks if name in params)


def _sort_key(person: Person, sort: str) -> tuple[Any, ...]:
    found = _facts(person)
    field = sort.lstrip("-")
    if field == "name":
        return (fold(person.last_name), fold(person.first_name), person.customer_id)
    if field == "last_purchase_at":
        # Never bought: before every purchase ascending (after them descending).
        at = found.last_purchase_at
        return (at is not None, at or datetime.min.replace(tzinfo=UTC), person.customer_id)
    value = {"lifetime_value": found.lifetime_value, "orders_count": found.orders_count,
             "channels": len(found.channels)}[field]
    return (value, person.customer_id)


def _searched(client: TestClient, auth: dict[str, str], q: str) -> set[str]:
    """What GET /customers finds for `q` (the book's `q` matches as it does)."""
    found: set[str] = set()
    cursor = None
    while True:
        answer = client.get(f"{API}/customers", headers=auth, params={
            "q": q, "limit": 200, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        found |= {c["customer_id"] for c in answer.json()["items"]}
        cursor = answer.json()["next_cursor"]
        if cursor is None:
            return found


def _expected(people: list[Person], params: dict[str, Any], now: datetime,
              found_by_q: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    sort = params.get("sort", "name")
    chosen = [p for p in people if _matches(p, params, now, found_by_q)]
    chosen.sort(key=lambda p: _sort_key(p, sort), reverse=sort.startswith("-"))
    return [p.customer_id for p in chosen]


def _all_pages(client: TestClient, auth: dict[str, str], params: dict[str, Any],
               limit: int) -> tuple[list[dict[str, Any]], set[int]]:
    items: list[dict[str, Any]] = []
    totals = set()
    cursor = None
    for _ in range(500):
        answer = client.get(f"{API}/clients", headers=auth, params={
            **params, "limit": limit, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        totals.add(body["total"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items, totals
    raise AssertionError("the pages never end")


SORTS = ["name", "lifetime_value", "last_purchase_at", "orders_count", "channels"]
FILTERS: list[dict[str, Any]] = [
    {},
    {"q": "lefevre"},
    {"q": "MARIE martin"},
    {"q": "eloi"},
    {"q": "du pont"},
    {"q": "0600000018"},
    {"q": "client27@example.fr"},
    {"tier": "gold"},
    {"last_purchase_from": "2026-01-01"},
    {"min_value": "100", "max_value": "999.99"},
    {"min_channels": 2},
    {"consent": "email"},
    {"consent": "sms", "min_channels": 1},
    *[{"segment": s.value} for s in segments.Segment],
]


@pytest.mark.parametrize("sort", [s for name in SORTS for s in (name, "-" + name)])
def test_every_sort_pages_without_gaps_or_repeats(client: TestClient, world: World,
                                                   book: tuple[list[Person], int],
                                                   sort: str) -> None:
    people, _ = book
    params = {"store_id": "PAR01", "sort": sort}
    items, totals = _all_pages(client, world.auth("manager"), params, limit=7)
    expected = _expected(people, params, datetime.now(UTC))
    assert [i["customer_id"] for i in items] == expected
    assert totals == {len(expected)}


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}"
                                                                     for k, v in f.items()))
def test_every_filter_matches_the_reference(client: TestClient, world: World,
                                            book: tuple[list[Person], int],
                                            filters: dict[str, Any]) -> None:
    people, _ = book
    now = datetime.now(UTC)
    for sort in ("name", "-lifetime_value", "last_purchase_at"):
        params = {"store_id": "PAR01", "sort": sort, **filters}
        items, totals = _all_pages(client, world.auth("admin"), params, limit=11)
        by_q = _searched(client, world.auth("manager"), params["q"]) if "q" in params else set()
        expected = _expected(people, params, now, by_q)
        assert [i["customer_id"] for i in items] == expected, params
        assert totals == {len(expected)}


def test_items_carry_the_profile_stats_and_the_segment(client: TestClient, world: World,
                                                       book: tuple[list[Person], int]) -> None:
    people, seller_id = book
    by_id = {p.customer_id: p for p in people}
    items, _ = _all_pages(client, world.auth("manager"), {"store_id": "PAR01",
                                                         "assigned_seller_id": seller_id}, 500)
    assert items
    now = datetime.now(UTC)
    for item in items:
        person = by_id[item["customer_id"]]
        found = _facts(person)
        profile = client.get(f"{API}/customers/{item['customer_id']}",
                             headers=world.auth("manager")).json()["stats"]
        assert Decimal(item["lifetime_value"]) == Decimal(profile["lifetime_value"])
        assert item["orders_count"] == profile["orders_count"] == found.orders_count
        assert item["channels"] == profile["channels"] == list(found.channels)
        assert item["last_purchase_at"] == profile["last_purchase_at"]
        assert item["segment"] == _segment(person, now)
        assert item["consents"] == {"email": person.consent_email, "sms": person.consent_sms}
        assert item["assigned_seller_id"] == seller_id
        assert item["tier"] == person.tier


@pytest.mark.parametrize("params", [
    {"limit": 501}, {"limit": 0}, {"sort": "age"}, {"segment": "vip"}, {"consent": "post"},
    {"min_value": "-1"}, {"last_purchase_from": "yesterday"}, {"cursor": "garbage"},
    {"stor_id": "PAR01"}, {"min_channels": "many"}, {"tier": "gold\x00"},
    {"q": "mar\x00tin"},
])
def test_bad_requests_are_422(client: TestClient, world: World, params: dict[str, Any]) -> None:
    answer = client.get(f"{API}/clients", headers=world.auth("manager"),
                        params={"store_id": "PAR01", **params})
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"


def test_the_calendar_edges_are_answered(client: TestClient, world: World) -> None:
    answer = client.get(f"{API}/clients", headers=world.auth("manager"), params={
        "store_id": "PAR01", "last_purchase_from": "0001-01-01",
        "last_purchase_to": "9999-12-31"})
    assert answer.status_code == 200, answer.text
    exported = client.post(f"{API}/exports", headers=world.auth("manager"), json={
        "store_id": "PAR01", "last_purchase_to": "9999-12-31"})
    assert exported.status_code == 200, exported.text


def test_a_cursor_of_another_sort_is_refused(client: TestClient, world: World,
                                             book: tuple[list[Person], int]) -> None:
    first = client.get(f"{API}/clients", headers=world.auth("manager"),
                       params={"store_id": "PAR01", "limit": 3, "sort": "name"}).json()
    answer = client.get(f"{API}/clients", headers=world.auth("manager"), params={
        "store_id": "PAR01", "limit": 3, "sort": "-name", "cursor": first["next_cursor"]})
    assert answer.status_code == 422, answer.text


def test_sellers_and_other_stores_are_refused(client: TestClient, world: World) -> None:
    for who, store in (("seller", "PAR01"), ("manager", "PAR02"), ("seller2", "PAR02")):
        for path in ("/clients", "/exports", "/kpis"):
            answer = client.get(f"{API}{path}", headers=world.auth(who),
                                params={"store_id": store})
            assert answer.status_code == 403, (who, path, answer.text)
        answer = client.post(f"{API}/exports", headers=world.auth(who), json={"store_id": store})
        assert answer.status_code == 403, answer.text


# --- stored figures follow the order writers ----------------------------------------------


def _order(customer_id: str) -> dict[str, Any]:
    return {"customer_id": customer_id,
            "fulfillment": {"type": "click_and_collect", "store_id": "PAR01"},
            "lines": [{"sku": "SKU-1003", "quantity": 2}],
            "payment": {"mode": "pay_at_pickup"}, "origin_store_id": "PAR01"}


def test_placing_and_cancelling_orders_keeps_the_book_current(client: TestClient,
                                                             world: World) -> None:
    seller = world.auth("seller")
    customer = client.post(f"{API}/customers", headers=seller, json={
        "first_name": "Inès", "last_name": "Roux"}).json()
    book = {"store_id": "PAR01", "q": "roux"}
    item = client.get(f"{API}/clients", headers=world.auth("manager"), params=book).json()
    assert item["items"][0]["orders_count"] == 0
    assert item["items"][0]["segment"] == "new"
    numbers = []
    for _ in range(2):
        placed = client.post(f"{API}/orders", headers={**seller, "Idempotency-Key": str(
            random.random())}, json=_order(customer["customer_id"]))
        assert placed.status_code == 201, placed.text
        numbers.append(placed.json()["order_number"])
    item = client.get(f"{API}/clients", headers=world.auth("manager"),
                      params=book).json()["items"][0]
    assert (item["orders_count"], item["lifetime_value"]) == (2, "318.00")
    assert item["segment"] == "promising"
    moved = client.post(f"{API}/orders/{numbers[0]}/status", headers=seller,
                        json={"status": "cancelled"})
    assert moved.status_code == 200, moved.text
    item = client.get(f"{API}/clients", headers=world.auth("manager"),
                      params=book).json()["items"][0]
    profile = client.get(f"{API}/customers/{customer['customer_id']}", headers=seller).json()
    assert (item["orders_count"], item["lifetime_value"]) == (1, "159.00")
    assert profile["stats"]["lifetime_value"] == "159.00"
    kpis = client.get(f"{API}/kpis", headers=world.auth("manager"),
                      params={"store_id": "PAR01"}).json()
    assert kpis["pickups_waiting"] == 1
    assert kpis["active_clients"] == kpis["new_clients"] == 1
    assert kpis["revenue_by_channel"]["store"] == "159.00"
    assert kpis["average_value_by_channels"] == {"1": "159.00", "2": "0.00", "3": "0.00",
                                                 "4": "0.00"}
    assert kpis["consent_share"] == {"email": 0.0, "sms": 0.0}


# --- assignment ---------------------------------------------------------------------------


def test_assign_to_a_seller_of_the_store(client: TestClient, world: World,
                                         book: tuple[list[Person], int],
                                         sessions: sessionmaker[Session]) -> None:
    people, seller_id = book
    mine = [p.customer_id for p in people if p.home_store_id == "PAR01" and not p.erased][:5]
    other = next(p.customer_id for p in people if p.home_store_id == "PAR02" and not p.erased)
    manager = world.auth("manager")
    answer = client.post(f"{API}/clients/assign", headers=manager,
                         json={"customer_ids": mine, "seller_id": seller_id})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"assigned": 5}
    for customer_id in mine:
        profile = client.get(f"{API}/customers/{customer_id}", headers=manager).json()
        assert profile["assigned_seller_id"] == seller_id
    # Someone else's client, a manager, a seller of another store: 422, nothing changed.
    seller2 = client.get(f"{API}/auth/me", headers=world.auth("seller2")).json()["id"]
    manager_id = client.get(f"{API}/auth/me", headers=manager).json()["id"]
    for body in ({"customer_ids": [*mine, other], "seller_id": seller_id},
                 {"customer_ids": mine, "seller_id": manager_id},
                 {"customer_ids": mine, "seller_id": seller2},
                 {"customer_ids": ["nobody"], "seller_id": seller_id}):
        refused = client.post(f"{API}/clients/assign", headers=manager, json=body)
        assert refused.status_code == 422, refused.text
    assert client.post(f"{API}/clients/assign", headers=world.auth("seller"), json={
        "customer_ids": mine, "seller_id": seller_id}).status_code == 403
    audit = client.get(f"{API}/audit", headers=world.auth("admin"),
                       params={"customer_id": mine[0]}).json()["items"]
    assert any(e["action"] == "customer.assign" for e in audit), audit
    # The devices hear of it: the customer's feed entry carries the seller.
    settle(sessions)
    changes = client.get(f"{API}/sync/changes", headers=world.auth("seller"),
                         params={"limit": 1000}).json()["changes"]
    fed = [c for c in changes if c["entity"] == "customer" and c["key"] == mine[0]]
    assert fed and fed[-1]["data"]["assigned_seller_id"] == seller_id


# --- tasks --------------------------------------------------------------------------------


def test_tasks_consent_status_and_who_sees_them(client: TestClient, world: World,
                                                book: tuple[list[Person], int],
                                                sessions: sessionmaker[Session]) -> None:
    people, seller_id = book
    manager, seller = world.auth("manager"), world.auth("seller")
    silent = next(p for p in people if p.home_store_id == "PAR01" and not p.erased
                  and not p.consent_email and not p.consent_sms)
    willing = next(p for p in people if p.home_store_id == "PAR01" and not p.erased
                   and p.consent_email and p.consent_sms)
    for channel in ("email", "sms"):
        refused = client.post(f"{API}/tasks", headers=manager, json={
            "customer_id": silent.customer_id, "assignee_id": seller_id, "channel": channel,
            "due_on": "2026-03-01", "reason": "Relance"})
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "task.no_consent"
    made = {}
    for customer, channel in ((silent, "call"), (silent, "visit"), (willing, "email"),
                              (willing, "sms")):
        answer = client.post(f"{API}/tasks", headers=manager, json={
            "customer_id": customer.customer_id, "assignee_id": seller_id, "channel": channel,
            "due_on": "2026-03-01", "reason": "Nouvelle collection"})
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["status"] == "open" and body["channel"] == channel
        made[channel] = body["task_id"]
    assert client.post(f"{API}/tasks", headers=seller, json={
        "customer_id": willing.customer_id, "assignee_id": seller_id, "channel": "call",
        "due_on": "2026-03-01", "reason": "x"}).status_code == 403
    mine = client.get(f"{API}/tasks", headers=seller, params={"status": "open"}).json()
    assert {t["task_id"] for t in mine} == set(made.values())
    assert client.get(f"{API}/tasks", headers=world.auth("seller2")).json() == []
    done = client.post(f"{API}/tasks/{made['call']}", headers=seller, json={"status": "done"})
    assert done.status_code == 200 and done.json()["status"] == "done"
    snoozed = client.post(f"{API}/tasks/{made['sms']}", headers=seller,
                          json={"snoozed_until": "2026-03-05"})
    assert snoozed.json()["snoozed_until"] == "2026-03-05"
    assert client.post(f"{API}/tasks/{made['sms']}", headers=world.auth("seller2"),
                       json={"status": "done"}).status_code == 403
    assert client.post(f"{API}/tasks/{made['sms']}", headers=seller,
                       json={}).status_code == 422
    assert client.post(f"{API}/tasks/nope", headers=seller,
                       json={"status": "done"}).status_code == 404
    still_open = client.get(f"{API}/tasks", headers=manager,
                            params={"status": "open", "assignee_id": seller_id}).json()
    assert {t["task_id"] for t in still_open} == {made["visit"], made["email"], made["sms"]}
    # The store's devices receive the tasks (entity `task`), the other store's do not.
    settle(sessions)
    changes = client.get(f"{API}/sync/changes", headers=seller,
                         params={"limit": 1000}).json()["changes"]
    fed = {c["key"]: c["data"] for c in changes if c["entity"] == "task"}
    assert fed[made["call"]]["status"] == "done"
    other = client.get(f"{API}/sync/changes", headers=world.auth("seller2"),
                       params={"limit": 1000}).json()["changes"]
    assert not [c for c in other if c["entity"] == "task"]


# --- exports ------------------------------------------------------------------------------


def test_export_masks_unconsented_contacts_and_is_recorded(client: TestClient, world: World,
                                                          book: tuple[list[Person], int]
                                                          ) -> None:
    people, _ = book
    manager = world.auth("manager")
    filters = {"store_id": "PAR01", "min_channels": 1, "sort": "-lifetime_value"}
    answer = client.post(f"{API}/exports", headers=manager, json=filters)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == ["customer_id", "first_name", "last_name", "email", "phone", "tier",
                             "lifetime_value", "last_purchase_at", "segment"]
    expected = _expected(people, filters, datetime.now(UTC))
    assert [r["customer_id"] for r in rows] == expected
    by_id = {p.customer_id: p for p in people}
    for row in rows:
        person = by_id[row["customer_id"]]
        assert row["email"] == (person.email if person.consent_email else "")
        assert row["phone"] == (person.phone if person.consent_sms else "")
        assert row["first_name"] == person.first_name and row["last_name"] == person.last_name
        assert Decimal(row["lifetime_value"]) == _facts(person).lifetime_value
    record = client.get(f"{API}/exports", headers=manager, params={"store_id": "PAR01"}).json()
    assert len(record) == 1
    assert record[0]["rows"] == len(rows)
    assert record[0]["filters"] == {"store_id": "PAR01", "min_channels": 1,
                                    "sort": "-lifetime_value"}
    me = client.get(f"{API}/auth/me", headers=manager).json()["id"]
    assert record[0]["staff_id"] == me
    assert client.get(f"{API}/exports", headers=manager,
                      params={"store_id": "PAR02"}).status_code == 403
    audit = client.get(f"{API}/audit", headers=world.auth("admin"),
                       params={"action": "export"}).json()["items"]
    assert [e["detail"]["rows"] for e in audit] == [len(rows)]


def test_kpis_match_the_reference(client: TestClient, world: World,
                                  book: tuple[list[Person], int],
                                  sessions: sessionmaker[Session]) -> None:
    people, _ = book
    now = datetime.now(UTC)
    mine = [p for p in people if p.home_store_id == "PAR01" and not p.erased]
    kpis = client.get(f"{API}/kpis", headers=world.auth("admin"),
                      params={"store_id": "PAR01"}).json()
    since = now - timedelta(days=90)
    kept = {p.customer_id: [o for o in p.orders if stats.counts(o.status)] for p in mine}
    assert kpis["active_clients"] == sum(
        1 for p in mine if any(o.created_at >= since for o in kept[p.customer_id]))
    assert kpis["new_clients"] == sum(
        1 for p in mine if kept[p.customer_id]
        and min(o.created_at for o in kept[p.customer_id]) >= since)
    assert kpis["consent_share"]["email"] == pytest.approx(
        sum(p.consent_email for p in mine) / len(mine))
    for channel in CHANNELS:
        assert Decimal(kpis["revenue_by_channel"][channel]) == sum(
            (o.total for p in mine for o in kept[p.customer_id] if o.channel == channel),
            Decimal("0"))
    for n in range(1, 5):
        values = [_facts(p).lifetime_value for p in mine if len(_facts(p).channels) == n]
        average = (sum(values, Decimal("0")) / len(values)) if values else Decimal("0")
        assert Decimal(kpis["average_value_by_channels"][str(n)]) == average.quantize(
            Decimal("0.01"))
    with sessions() as session:
        stored = session.scalars(select(CustomerRow).where(
            CustomerRow.customer_id.in_([p.customer_id for p in mine]))).all()
        assert all(r.orders_count == _facts(next(p for p in mine if p.customer_id
                                                 == r.customer_id)).orders_count
                   for r in stored)


def test_erasing_a_client_takes_their_tasks_from_the_server_and_the_devices(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    from clienteling.server.privacy import erasure

    seller_id = client.get(f"{API}/auth/me", headers=world.auth("seller")).json()["id"]
    customer = client.post(f"{API}/customers", headers=world.auth("seller"), json={
        "first_name": "Aude", "last_name": "Vidal"}).json()
    task = client.post(f"{API}/tasks", headers=world.auth("manager"), json={
        "customer_id": customer["customer_id"], "assignee_id": seller_id, "channel": "call",
        "due_on": "2026-03-01", "reason": "Aude préfère être appelée le matin"}).json()
    with sessions() as session, session.begin():
        assert erasure.request_erasure(session, customer_id=customer["customer_id"],
                                       requested_by="dpo").done
    assert client.get(f"{API}/tasks", headers=world.auth("manager")).json() == []
    settle(sessions)
    changes = client.get(f"{API}/sync/changes", headers=world.auth("seller"),
                         params={"limit": 1000}).json()["changes"]
    fed = [c for c in changes if c["entity"] == "task" and c["key"] == task["task_id"]]
    assert [(c["op"], c["data"]) for c in fed] == [("delete", None)]
    assert client.get(f"{API}/clients", headers=world.auth("manager"), params={
        "store_id": "PAR01", "q": "vidal"}).json()["total"] == 0
