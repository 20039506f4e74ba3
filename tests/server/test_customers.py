"""Customers: enrolment and cards, search, lookup, profile and stats, edits with versions,
consents, notes, wishlist, orders, timeline, roles, and the feed changes every write records."""

from __future__ import annotations

import base64
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from clienteling.api import models as w
from clienteling.domain.gtin import is_valid_gtin
from clienteling.server.auth.deps import Staff
from clienteling.server.customers import search, service
from clienteling.server.customers.models import CustomerRow, InteractionRow
from clienteling.server.feed.models import ChangeRow
from clienteling.server.orders.models import OrderLineRow, OrderRow
from tests.server.conftest import World

API = "/api/v1"


def enrol(client: TestClient, world: World, role: str = "seller", **fields: Any) -> dict:
    body = {"first_name": "Marie", "last_name": "Lefèvre"}
    body.update(fields)
    answer = client.post(f"{API}/customers", json=body, headers=world.auth(role))
    assert answer.status_code == 201, answer.text
    return answer.json()


def changes(sessions: sessionmaker[Session], entity: str, key: str) -> list[tuple[str, str]]:
    """(op, store_id) of the feed rows of one entity in customer scope, in feed order."""
    with sessions() as session:
        rows = session.execute(
            select(ChangeRow.op, ChangeRow.store_id)
            .where(ChangeRow.entity == entity, ChangeRow.key == key,
                   ChangeRow.scope == "customer")
            .order_by(ChangeRow.position)).all()
    return [(r.op, r.store_id) for r in rows]


def feed_data(sessions: sessionmaker[Session], entity: str, key: str, store_id: str) -> dict:
    with sessions() as session:
        data = session.scalar(select(ChangeRow.data).where(
            ChangeRow.entity == entity, ChangeRow.key == key, ChangeRow.store_id == store_id))
    assert data is not None
    return json.loads(data)


def add_order(sessions: sessionmaker[Session], customer_id: str, number: str, *,
              status: str = "collected", channel: str = "store", total: str = "100.00",
              created_at: datetime, sku: str = "SKU-1001") -> None:
    with sessions() as session, session.begin():
        session.add(OrderRow(
            order_number=number, customer_id=customer_id, channel=channel, status=status,
            fulfillment_type="in_store", fulfillment_store_id="PAR01", address=None,
            delivery_method=None, delivery_fee=None, payment_mode="paid_in_store",
            origin_store_id="PAR01", pickup_code=None, total=Decimal(total), currency="EUR",
            created_at=created_at, updated_at=created_at,
            lines=[OrderLineRow(line_no=1, sku=sku, quantity=1, unit_price=Decimal(total),
                                source_store_id="PAR01")]))


# --- enrolment ----------------------------------------------------------------------------


def test_enrolment_issues_a_card_and_records_it(client: TestClient, world: World,
                                                sessions: sessionmaker[Session]) -> None:
    customer = enrol(client, world, email="Marie.Lefevre@Example.com", phone="06 12 34 56 78",
                     birth_date="1985-04-12", consent_email=True)
    card = customer["loyalty"]["card"]
    assert card.startswith("29") and len(card) == 13 and is_valid_gtin(card)
    assert customer["loyalty"] == {"card": card, "tier": "member", "points": 0}
    assert customer["home_store_id"] == "PAR01"  # the seller's store
    assert customer["version"] == 1
    assert customer["consents"]["email"]["granted"] is True
    assert customer["consents"]["email"]["source"] == "store"
    assert customer["consents"]["email"]["at"] is not None
    assert customer["consents"]["sms"] == {"granted": False, "at": None, "source": None}
    assert customer["stats"] == {"lifetime_value": "0.00", "orders_count": 0,
                                 "last_purchase_at": None, "channels": []}
    customer_id = customer["customer_id"]
    timeline = client.get(f"{API}/customers/{customer_id}/timeline",
                          headers=world.auth()).json()
    assert [(e["kind"], e["author"], e["store_id"]) for e in timeline] == [
        ("enrolled", "seller1", "PAR01")]
    assert card in timeline[0]["summary"]
    assert changes(sessions, "customer", customer_id) == [("upsert", "PAR01")]
    assert changes(sessions, "interaction", timeline[0]["interaction_id"]) == [
        ("upsert", "PAR01")]
    assert feed_data(sessions, "customer", customer_id, "PAR01")["loyalty"]["card"] == card
    with sessions() as session:
        row = session.get(CustomerRow, customer_id)
        assert row is not None
        assert (row.last_name_key, row.first_name_key, row.email_key, row.phone_e164) == (
            "lefevre", "marie", "marie.lefevre@example.com", "+33612345678")


def test_cards_follow_each_other_and_never_repeat(client: TestClient, world: World) -> None:
    cards = [enrol(client, world, first_name=f"Client{i}")["loyalty"]["card"] for i in range(3)]
    serials = [int(card[2:12]) for card in cards]
    assert serials == [serials[0], serials[0] + 1, serials[0] + 2]


def test_concurrent_enrolments_get_distinct_cards(world: World,
                                                  sessions: sessionmaker[Session]) -> None:
    staff = Staff(id=1, username="seller1", display_name="Seller One", role=w.Role.SELLER,
                  store_id="PAR01", session_id=1)

    def enrol_one(index: int) -> str:
        with sessions() as session, session.begin():
            customer, created = service.enrol_customer(
                session, data=w.CustomerCreate(first_name=f"Client{index}", last_name="Concurrent"),
                staff=staff, region="FR")
            assert created
            assert customer.loyalty.card is not None
            return customer.loyalty.card

    with ThreadPoolExecutor(max_workers=6) as pool:
        cards = list(pool.map(enrol_one, range(18), timeout=120))
    assert len(set(cards)) == 18


def test_an_offline_enrolment_resent_is_the_same_customer(client: TestClient,
                                                          world: World) -> None:
    body = {"customer_id": "tablet3-0001", "first_name": "Jean", "last_name": "Dupont",
            "phone": "0611223344"}
    first = client.post(f"{API}/customers", json=body, headers=world.auth())
    assert first.status_code == 201, first.text
    again = client.post(f"{API}/customers", json=body, headers=world.auth())
    assert again.status_code == 200, again.text
    assert again.json()["loyalty"]["card"] == first.json()["loyalty"]["card"]
    other = client.post(f"{API}/customers", json={**body, "first_name": "Paul"},
                        headers=world.auth())
    assert other.status_code == 409
    assert other.json()["code"] == "customer.id_conflict"
    timeline = client.get(f"{API}/customers/tablet3-0001/timeline", headers=world.auth())
    assert len(timeline.json()) == 1


@pytest.mark.parametrize(("fields", "status", "code"), [
    ({"email": "not-an-email"}, 422, "validation"),
    ({"phone": "12"}, 422, "customer.phone_invalid"),
    ({"phone": "not a phone"}, 422, "customer.phone_invalid"),
    ({"home_store_id": "NOPE"}, 422, "store.unknown"),
    ({"first_name": "   "}, 422, "validation"),
    ({"first_name": "x" * 101}, 422, "validation"),
    ({"birth_date": "1985-13-45"}, 422, "validation"),
    ({"customer_id": "../etc"}, 422, "validation"),
    ({"loyalty_card": "2900000000017"}, 422, "validation"),
    ({"consent_email": "maybe"}, 422, "validation"),
])
def test_enrolment_refuses_bad_data(client: TestClient, world: World, fields: dict,
                                    status: int, code: str) -> None:
    body = {"first_name": "Marie", "last_name": "Lefèvre", **fields}
    # An admin, who may enrol in any store (staff enrol in their own: the access tests).
    answer = client.post(f"{API}/customers", json=body, headers=world.auth("admin"))
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == code


# --- profile ------------------------------------------------------------------------------


def test_profile_stats_come_from_the_orders(client: TestClient, world: World,
                                           sessions: sessionmaker[Session]) -> None:
    customer_id = enrol(client, world)["customer_id"]
    day = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    add_order(sessions, customer_id, "WEB-1", channel="web", total="120.50", created_at=day)
    add_order(sessions, customer_id, "STO-2", channel="store", total="79.50",
              created_at=day + timedelta(days=3))
    add_order(sessions, customer_id, "APP-3", channel="app", total="500.00", status="cancelled",
              created_at=day + timedelta(days=9))
    answer = client.get(f"{API}/customers/{customer_id}", headers=world.auth())
    assert answer.status_code == 200
    assert answer.json()["stats"] == {"lifetime_value": "200.00", "orders_count": 2,
                                      "last_purchase_at": "2025-06-04T10:00:00Z",
                                      "channels": ["store", "web"]}


def test_an_unknown_customer_is_404_everywhere(client: TestClient, world: World) -> None:
    for method, path, body in (
        ("GET", "/customers/nobody", None),
        ("PATCH", "/customers/nobody", {"version": 1, "first_name": "X"}),
        ("POST", "/customers/nobody/consents", {"channel": "sms", "granted": True}),
        ("POST", "/customers/nobody/notes", {"text": "hello"}),
        ("GET", "/customers/nobody/orders", None),
        ("GET", "/customers/nobody/wishlist", None),
        ("POST", "/customers/nobody/wishlist", {"sku": "SKU-1001"}),
        ("DELETE", "/customers/nobody/wishlist/SKU-1001", None),
        ("GET", "/customers/nobody/timeline", None),
    ):
        answer = client.request(method, API + path, json=body, headers=world.auth())
        assert answer.status_code == 404, (method, path, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == "customer.not_found"


# --- search -------------------------------------------------------------------------------


@pytest.fixture
def people(client: TestClient, world: World) -> dict[str, dict]:
    """A few customers whose names, emails and phones the search tests look for."""
    made = {}
    for key, fields in {
        "marie": {"first_name": "Marie", "last_name": "Lefèvre", "phone": "06 12 34 56 78",
                  "email": "marie.lefevre@example.com"},
        "jean": {"first_name": "Jean-Pierre", "last_name": "Martin", "phone": "+33 7 11 22 33 44",
                 "email": "jp.martin@example.org"},
        "anne": {"first_name": "Anne", "last_name": "Saint-Éloi", "email": "anne@example.com"},
        "marc": {"first_name": "Marc", "last_name": "Lefebvre", "phone": "0145678901"},
        "zoe": {"first_name": "Zoé", "last_name": "Marais"},
    }.items():
        made[key] = enrol(client, world, **fields)
    return made


def found(client: TestClient, world: World, q: str, **params: Any) -> list[str]:
    answer = client.get(f"{API}/customers", params={"q": q, **params}, headers=world.auth())
    assert answer.status_code == 200, answer.text
    return [item["first_name"] for item in answer.json()["items"]]


@pytest.mark.parametrize(("q", "expected"), [
    ("lefevre", ["Marie"]),
    ("LEFÈVRE", ["Marie"]),
    ("Lefèvre", ["Marie"]),
    ("lef", ["Marc", "Marie"]),              # lefebvre < lefevre
    ("marie lefevre", ["Marie"]),
    ("lefevre marie", ["Marie"]),
    ("lefevre marc", []),
    ("mar", ["Zoé", "Jean-Pierre", "Marc", "Marie"]),  # last names first, then first names
    ("jean", ["Jean-Pierre"]),
    ("jean-pierre", ["Jean-Pierre"]),
    ("pierre martin", ["Jean-Pierre"]),      # a later word filters
    ("jean pierre martin", ["Jean-Pierre"]),
    ("martin jean", ["Jean-Pierre"]),
    ("saint-eloi", ["Anne"]),
    ("saint eloi anne", ["Anne"]),
    ("zoe", ["Zoé"]),
    ("0612345678", ["Marie"]),
    ("06 12 34 56 78", ["Marie"]),
    ("06.12.34.56.78", ["Marie"]),
    ("+33612345678", ["Marie"]),
    ("+33 6 12 34 56 78", ["Marie"]),
    ("0711223344", ["Jean-Pierre"]),
    ("01 45 67 89 01", ["Marc"]),
    ("0612345670", []),
    ("marie.lefevre@example.com", ["Marie"]),
    ("MARIE.LEFEVRE@EXAMPLE.COM", ["Marie"]),
    ("marie.lef@", []),                      # an email prefix only matches its start
    ("jp.martin@", ["Jean-Pierre"]),
    ("anne@", ["Anne"]),
    ("nobody", []),
    ("ève", []),
])
def test_customer_search(client: TestClient, world: World, people: dict, q: str,
                         expected: list[str]) -> None:
    assert found(client, world, q) == expected


def test_search_by_card_number_and_prefix(client: TestClient, world: World,
                                          people: dict) -> None:
    card = people["anne"]["loyalty"]["card"]
    assert found(client, world, card) == ["Anne"]
    assert found(client, world, f"{card[:4]} {card[4:8]} {card[8:]}") == ["Anne"]
    # Every demo card starts with 29: a short prefix lists them in card order.
    assert found(client, world, "29", limit=2) == ["Marie", "Jean-Pierre"]
    items = client.get(f"{API}/customers", params={"q": card},
                       headers=world.auth()).json()["items"]
    assert items == [{"customer_id": people["anne"]["customer_id"], "first_name": "Anne",
                      "last_name": "Saint-Éloi", "email": "anne@example.com", "phone": None,
                      "card": card, "tier": "member", "home_store_id": "PAR01"}]


def test_search_pages_with_a_cursor_and_never_repeats(client: TestClient,
                                                      world: World) -> None:
    # Matches of both branches: last names starting with "ro", first names starting with "ro".
    for i in range(9):
        enrol(client, world, first_name=f"Client{i}", last_name="Roux")
    for i in range(6):
        enrol(client, world, first_name=f"Rose{i}", last_name=f"Alpha{i}")
    enrol(client, world, first_name="Romain", last_name="Robert")  # matches both, listed once
    enrol(client, world, first_name="Other", last_name="Person")
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"q": "ro", "limit": 4}
        if cursor:
            params["cursor"] = cursor
        page = client.get(f"{API}/customers", params=params, headers=world.auth()).json()
        seen += [f"{i['first_name']} {i['last_name']}" for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 16 == len(set(seen))
    assert seen[0] == "Romain Robert"
    # Then the other last names in key order (robert < roux), then the first-name matches.
    assert sorted(seen[1:10]) == [f"Client{i} Roux" for i in range(9)]
    assert sorted(seen[10:]) == [f"Rose{i} Alpha{i}" for i in range(6)]


@pytest.mark.parametrize("cursor", [
    "garbage!", "", base64.urlsafe_b64encode(b"[9, \"x\", \"y\"]").decode(),
    base64.urlsafe_b64encode(b"{\"a\": 1}").decode(), base64.urlsafe_b64encode(b"\xff").decode(),
    base64.urlsafe_b64encode(b"[0, 1, 2]").decode(), "A" * 3000,
])
def test_a_bad_cursor_is_422(client: TestClient, world: World, people: dict,
                             cursor: str) -> None:
    answer = client.get(f"{API}/customers", params={"q": "mar", "cursor": cursor},
                        headers=world.auth())
    if cursor == "":
        assert answer.status_code == 200  # an empty cursor is the first page
        return
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("q", [
    "'; DROP TABLE customers; --", "\" OR \"\"=\"", "%", "_", "\\", "😀", "مرحبا",
    "👨‍👩‍👧‍👦 lefevre",
    "\u202e lefevre", "ﬁ", "Ⅻ", "x" * 200, "٠٦١٢٣٤٥٦٧٨", "+", "@", "--", "0", "2" * 40,
])
def test_odd_searches_answer_without_error(client: TestClient, world: World, people: dict,
                                           q: str) -> None:
    answer = client.get(f"{API}/customers", params={"q": q}, headers=world.auth())
    assert answer.status_code == 200, answer.text
    assert isinstance(answer.json()["items"], list)
    assert client.get(f"{API}/customers/{people['marie']['customer_id']}",
                      headers=world.auth()).status_code == 200


@pytest.mark.parametrize("params", [{"q": "a\x00b"}, {"q": "lef\x07"}, {"q": "x" * 201},
                                    {"q": "a", "limit": 0}, {"q": "a", "limit": 201}])
def test_bad_searches_are_422(client: TestClient, world: World, params: dict) -> None:
    answer = client.get(f"{API}/customers", params=params, headers=world.auth())
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"


def test_search_keys() -> None:
    assert search.search_keys("Jean-Pierre", " Lefèvre ", " Marie@Example.COM ",
                              "06 12 34 56 78", "FR") == {
        "first_name_key": "jean pierre", "last_name_key": "lefevre",
        "email_key": "marie@example.com", "phone_e164": "+33612345678"}
    assert search.search_keys("Ann", "Œuvre", None, "not a phone", "FR") == {
        "first_name_key": "ann", "last_name_key": "oeuvre", "email_key": None,
        "phone_e164": None}
    assert service.search_keys is search.search_keys


def test_the_rarest_name_drives_the_search(client: TestClient, world: World,
                                           sessions: sessionmaker[Session]) -> None:
    for i in range(4):
        enrol(client, world, first_name="Marie", last_name=f"Durand{i}")
    enrol(client, world, first_name="Marie", last_name="Zola")
    with sessions() as session:
        assert search.choose_driver(session, ["marie", "zola"]) == "zola"
        assert search.choose_driver(session, ["zola", "marie"]) == "zola"
        # A token no name starts with only filters ("pierre" of "Jean-Pierre").
        assert search.choose_driver(session, ["durand", "pierre"]) == "durand"
        # A tie goes to the longest, then to the last typed.
        assert search.choose_driver(session, ["noone", "nobody"]) == "nobody"
        assert search.choose_driver(session, ["abc", "xyz"]) == "xyz"
    assert found(client, world, "marie zola") == ["Marie"]


def test_next_prefix_bounds_every_string_with_the_prefix() -> None:
    assert search.next_prefix("lef") == "leg"
    assert search.next_prefix("a\uffff") == "a\U00010000"
    assert search.next_prefix("\ud7ff") == "\ue000"


@pytest.mark.parametrize(("q", "index"), [
    ("lefevre", "ix_customers_last_name_key"),
    ("lefevre marie", "ix_customers_first_name_key"),
    ("marie@example.com", "ix_customers_email_key"),
    ("0612345678", "ix_customers_phone_e164"),
])
def test_search_is_served_by_the_key_indexes(world: World, sessions: sessionmaker[Session],
                                             q: str, index: str) -> None:
    """The predicates are plain ranges on the key columns: the B-trees serve them (no LIKE
    '%x%', no function of the column), which is what keeps a million customers fast."""
    statements: list[tuple[str, Any]] = []
    with sessions() as session:
        def capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
            if not statement.lstrip().upper().startswith("SET "):  # the transaction's settings
                statements.append((statement, parameters))

        from sqlalchemy import event
        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", capture)
        try:
            search.find(session, q, region="FR", limit=10, cursor=None)
        finally:
            event.remove(engine, "before_cursor_execute", capture)
        postgres = engine.dialect.name == "postgresql"
        plans = []
        for statement, parameters in statements:
            if postgres:
                session.execute(text("SET LOCAL enable_seqscan = off"))
                plan = session.connection().exec_driver_sql(
                    "EXPLAIN " + statement, parameters).scalars().all()
            else:
                plan = [row[-1] for row in session.connection().exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, parameters).all()]
            plans.append("\n".join(plan))
        session.rollback()
    assert statements
    assert any(index in plan for plan in plans), plans
    for plan in plans:
        assert "SCAN customers\n" not in plan + "\n" and "Seq Scan on customers" not in plan, plan


# --- lookup -------------------------------------------------------------------------------


def test_lookup_by_card_or_customer_qr(client: TestClient, world: World, people: dict) -> None:
    card = people["marie"]["loyalty"]["card"]
    for code in (card, f"{card[:3]}-{card[3:]}", f"clienteling:card/{card}",
                 f"https://brand.example/c/{card}", f"\x1d{card}\r"):
        answer = client.get(f"{API}/customers/lookup", params={"code": code},
                            headers=world.auth())
        assert answer.status_code == 200, (code, answer.text)
        assert answer.json()["customer_id"] == people["marie"]["customer_id"]
        assert answer.json()["stats"]["orders_count"] == 0


def test_lookup_errors(client: TestClient, world: World, people: dict) -> None:
    card = people["marie"]["loyalty"]["card"]
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)

    def lookup(code: str):  # type: ignore[no-untyped-def]
        return client.get(f"{API}/customers/lookup", params={"code": code}, headers=world.auth())

    answer = lookup(wrong)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "card.check_digit"
    assert answer.json()["detail"] == "check digit does not match, scan again"
    assert lookup("hello world").json()["code"] == "code.unknown"
    assert lookup("1234").json()["code"] == "card.format"
    assert lookup("https://").json()["code"] == "code.unknown"
    unknown = "2999999999990"
    from clienteling.domain.gtin import with_check_digit
    unknown = with_check_digit("299999999999")
    missing = lookup(unknown)
    assert missing.status_code == 404
    assert missing.json()["code"] == "customer.not_found"
    assert lookup("x" * 513).status_code == 422


# --- edits --------------------------------------------------------------------------------


def patch(client: TestClient, world: World, customer_id: str, role: str = "seller",
          **body: Any):  # type: ignore[no-untyped-def]
    return client.patch(f"{API}/customers/{customer_id}", json=body, headers=world.auth(role))


def test_an_edit_with_the_current_version_applies(client: TestClient, world: World,
                                                  sessions: sessionmaker[Session]) -> None:
    customer = enrol(client, world, phone="0612345678")
    answer = patch(client, world, customer["customer_id"], version=1, last_name="Dubois",
                   phone="07 00 00 00 01", email="new@example.com")
    assert answer.status_code == 200, answer.text
    edited = answer.json()
    assert (edited["version"], edited["last_name"], edited["email"]) == (2, "Dubois",
                                                                         "new@example.com")
    assert edited["loyalty"]["card"] == customer["loyalty"]["card"]
    # The search keys follow the edit.
    assert found(client, world, "dubois") == ["Marie"]
    assert found(client, world, "lefevre") == []
    assert found(client, world, "+33700000001") == ["Marie"]
    assert found(client, world, "0612345678") == []
    assert feed_data(sessions, "customer", customer["customer_id"], "PAR01")["version"] == 2
    # Nothing sent but the version: nothing changes.
    same = patch(client, world, customer["customer_id"], version=2)
    assert same.status_code == 200 and same.json()["version"] == 2


def test_a_stale_edit_is_409_with_the_servers_version(client: TestClient,
                                                      world: World) -> None:
    customer_id = enrol(client, world)["customer_id"]
    assert patch(client, world, customer_id, version=1, first_name="Maria").status_code == 200
    answer = patch(client, world, customer_id, version=1, first_name="Marion")
    assert answer.status_code == 409
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert body["code"] == "customer.version_conflict"
    assert body["current"]["first_name"] == "Maria"
    assert body["current"]["version"] == 2
    assert w.Customer.model_validate(body["current"]).customer_id == customer_id


def test_an_edit_resent_with_its_key_answers_the_first_answer(client: TestClient,
                                                              world: World) -> None:
    customer_id = enrol(client, world)["customer_id"]
    headers = {**world.auth(), "Idempotency-Key": "edit-" + customer_id}
    path = f"{API}/customers/{customer_id}"
    first = client.patch(path, json={"version": 1, "first_name": "Maria"}, headers=headers)
    assert first.status_code == 200, first.text
    # The answer was lost; the device's outbox sends the same edit again.
    again = client.patch(path, json={"version": 1, "first_name": "Maria"}, headers=headers)
    assert (again.status_code, again.json()) == (200, first.json())
    assert again.json()["version"] == 2
    other = client.patch(path, json={"version": 1, "first_name": "Marion"}, headers=headers)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency.mismatch"
    # Without the key, the same stale edit is the usual conflict.
    stale = client.patch(path, json={"version": 1, "first_name": "Maria"}, headers=world.auth())
    assert stale.status_code == 409


@pytest.mark.parametrize(("body", "code"), [
    ({"first_name": None}, "validation"),
    ({"tier": None}, "validation"),
    ({"phone": "abc"}, "customer.phone_invalid"),
    ({"home_store_id": "NOPE"}, "store.unknown"),
    ({"email": "nope"}, "validation"),
    ({"loyalty_card": "x"}, "validation"),
])
def test_an_edit_refuses_bad_fields(client: TestClient, world: World, body: dict,
                                    code: str) -> None:
    customer_id = enrol(client, world)["customer_id"]
    # The store's manager, who may change every field (tier and home store included).
    answer = patch(client, world, customer_id, "manager", version=1, **body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == code


def test_only_managers_assign_sellers(client: TestClient, world: World,
                                      sessions: sessionmaker[Session]) -> None:
    customer_id = enrol(client, world)["customer_id"]
    seller_id = client.get(f"{API}/auth/me", headers=world.auth("seller")).json()["id"]
    refused = patch(client, world, customer_id, version=1, assigned_seller_id=seller_id)
    assert refused.status_code == 403
    assert refused.json()["code"] == "auth.forbidden"
    unknown = patch(client, world, customer_id, "manager", version=1, assigned_seller_id=99999)
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "staff.unknown"
    assigned = patch(client, world, customer_id, "manager", version=1,
                     assigned_seller_id=seller_id)
    assert assigned.status_code == 200
    assert assigned.json()["assigned_seller_id"] == seller_id
    by_admin = patch(client, world, customer_id, "admin", version=2, assigned_seller_id=None)
    assert by_admin.json()["assigned_seller_id"] is None


def test_a_consent_change_is_stamped_and_on_the_timeline(client: TestClient,
                                                        world: World) -> None:
    customer_id = enrol(client, world)["customer_id"]
    answer = patch(client, world, customer_id, version=1,
                   consents={"sms": {"granted": True, "source": "paper form"}})
    assert answer.status_code == 200, answer.text
    sms = answer.json()["consents"]["sms"]
    assert sms["granted"] is True and sms["source"] == "paper form"
    assert datetime.fromisoformat(sms["at"]) > datetime.now(UTC) - timedelta(minutes=5)
    entries = client.get(f"{API}/customers/{customer_id}/timeline", headers=world.auth()).json()
    assert [e["kind"] for e in entries][:1] == ["consent"]
    assert "SMS consent granted" in entries[0]["summary"]


def test_moving_the_home_store_moves_the_customer_between_devices(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    customer = enrol(client, world)
    customer_id = customer["customer_id"]
    client.post(f"{API}/customers/{customer_id}/wishlist", json={"sku": "SKU-1002"},
                headers=world.auth())
    answer = patch(client, world, customer_id, "manager", version=1, home_store_id="PAR02")
    assert answer.status_code == 200, answer.text
    assert sorted(changes(sessions, "customer", customer_id)) == [("delete", "PAR01"),
                                                                 ("upsert", "PAR02")]
    key = f"{customer_id}/SKU-1002"
    assert sorted(changes(sessions, "wishlist_item", key)) == [("delete", "PAR01"),
                                                              ("upsert", "PAR02")]
    assert feed_data(sessions, "customer", customer_id, "PAR02")["home_store_id"] == "PAR02"


def test_recording_a_consent_needs_no_version(client: TestClient, world: World) -> None:
    customer_id = enrol(client, world)["customer_id"]
    assert patch(client, world, customer_id, version=1, first_name="Maria").status_code == 200
    body = {"channel": "email", "granted": True, "source": "store", "interaction_id": "c-1"}
    answer = client.post(f"{API}/customers/{customer_id}/consents", json=body,
                         headers=world.auth())
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] == 3
    assert answer.json()["consents"]["email"]["granted"] is True
    again = client.post(f"{API}/customers/{customer_id}/consents", json=body,
                        headers=world.auth())
    assert again.status_code == 200 and again.json()["version"] == 3
    withdrawn = client.post(f"{API}/customers/{customer_id}/consents",
                            json={"channel": "email", "granted": False}, headers=world.auth())
    assert withdrawn.json()["consents"]["email"]["granted"] is False
    assert withdrawn.json()["version"] == 4
    kinds = [e["kind"] for e in client.get(f"{API}/customers/{customer_id}/timeline",
                                           headers=world.auth()).json()]
    assert kinds == ["consent", "consent", "enrolled"]
    bad = client.post(f"{API}/customers/{customer_id}/consents",
                      json={"channel": "post", "granted": True}, headers=world.auth())
    assert bad.status_code == 422


# --- notes, wishlist, orders, timeline ----------------------------------------------------


def test_a_note_is_recorded_once(client: TestClient, world: World,
                                 sessions: sessionmaker[Session]) -> None:
    customer_id = enrol(client, world)["customer_id"]
    body = {"text": "  Prefers size 38, call after 6pm  ", "interaction_id": "note-1"}
    first = client.post(f"{API}/customers/{customer_id}/notes", json=body, headers=world.auth())
    assert first.status_code == 201, first.text
    note = first.json()
    assert (note["kind"], note["channel"], note["author"], note["store_id"], note["summary"]) == (
        "note", "store", "seller1", "PAR01", "Prefers size 38, call after 6pm")
    again = client.post(f"{API}/customers/{customer_id}/notes", json=body, headers=world.auth())
    assert again.status_code == 200
    assert again.json() == note
    clash = client.post(f"{API}/customers/{customer_id}/notes",
                        json={"text": "another", "interaction_id": "note-1"},
                        headers=world.auth())
    assert clash.status_code == 409
    with sessions() as session:
        assert session.scalar(select(InteractionRow.summary).where(
            InteractionRow.interaction_id == "note-1")) == note["summary"]
    assert changes(sessions, "interaction", "note-1") == [("upsert", "PAR01")]
    empty = client.post(f"{API}/customers/{customer_id}/notes", json={"text": "   "},
                        headers=world.auth())
    assert empty.status_code == 422


def test_the_wishlist(client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    customer_id = enrol(client, world)["customer_id"]
    url = f"{API}/customers/{customer_id}/wishlist"
    added = client.post(url, json={"sku": "SKU-1003"}, headers=world.auth())
    assert added.status_code == 201, added.text
    item = added.json()
    assert item["sku"] == "SKU-1003"
    assert item["product"]["name"] == "Parfum Éclat 50 ml"
    again = client.post(url, json={"sku": "SKU-1003"}, headers=world.auth())
    assert again.status_code == 200 and again.json() == item
    assert client.post(url, json={"sku": "SKU-1001"}, headers=world.auth()).status_code == 201
    unknown = client.post(url, json={"sku": "SKU-9999"}, headers=world.auth())
    assert unknown.status_code == 422 and unknown.json()["code"] == "product.unknown"
    listed = client.get(url, headers=world.auth()).json()
    assert sorted(i["sku"] for i in listed) == ["SKU-1001", "SKU-1003"]
    assert all(i["product"] and i["added_at"] for i in listed)
    key = f"{customer_id}/SKU-1003"
    assert changes(sessions, "wishlist_item", key) == [("upsert", "PAR01")]
    removed = client.delete(f"{url}/SKU-1003", headers=world.auth())
    assert removed.status_code == 204
    assert changes(sessions, "wishlist_item", key) == [("delete", "PAR01")]
    missing = client.delete(f"{url}/SKU-1003", headers=world.auth())
    assert missing.status_code == 404 and missing.json()["code"] == "wishlist.not_found"
    assert [i["sku"] for i in client.get(url, headers=world.auth()).json()] == ["SKU-1001"]


def test_the_customers_orders_newest_first(client: TestClient, world: World,
                                           sessions: sessionmaker[Session]) -> None:
    customer_id = enrol(client, world)["customer_id"]
    day = datetime(2025, 6, 1, tzinfo=UTC)
    add_order(sessions, customer_id, "A-1", created_at=day, sku="SKU-1002")
    add_order(sessions, customer_id, "A-2", created_at=day + timedelta(days=1), channel="web")
    orders = client.get(f"{API}/customers/{customer_id}/orders", headers=world.auth()).json()
    assert [o["order_number"] for o in orders] == ["A-2", "A-1"]
    assert orders[1]["lines"][0]["name"] == "Sac cabas cuir"
    assert orders[0]["channel"] == "web" and orders[0]["total"] == "100.00"
    one = client.get(f"{API}/customers/{customer_id}/orders", params={"limit": 1},
                     headers=world.auth()).json()
    assert [o["order_number"] for o in one] == ["A-2"]


def test_the_timeline_pages_back_in_time(client: TestClient, world: World,
                                         sessions: sessionmaker[Session]) -> None:
    customer_id = enrol(client, world)["customer_id"]
    base = datetime(2025, 1, 1, tzinfo=UTC)
    with sessions() as session, session.begin():
        for i in range(5):
            session.add(InteractionRow(
                interaction_id=f"i-{i}", customer_id=customer_id,
                occurred_at=base + timedelta(days=i), channel="web", kind="purchase",
                summary=f"purchase {i}"))
    url = f"{API}/customers/{customer_id}/timeline"
    everything = client.get(url, headers=world.auth()).json()
    assert [e["interaction_id"] for e in everything][1:] == ["i-4", "i-3", "i-2", "i-1", "i-0"]
    assert everything[0]["kind"] == "enrolled"
    page = client.get(url, params={"before": "2025-01-04T00:00:00Z", "limit": 2},
                      headers=world.auth()).json()
    assert [e["interaction_id"] for e in page] == ["i-2", "i-1"]
    naive = client.get(url, params={"before": "2025-01-02T00:00:00", "limit": 5},
                       headers=world.auth()).json()
    assert [e["interaction_id"] for e in naive] == ["i-0"]
    for params in ({"limit": 0}, {"limit": 201}, {"before": "yesterday"}):
        assert client.get(url, params=params, headers=world.auth()).status_code == 422


# --- the store's client list --------------------------------------------------------------


def test_the_store_client_list_is_for_managers(client: TestClient, world: World) -> None:
    enrol(client, world, first_name="Paul", last_name="Zola")
    enrol(client, world, first_name="Alice", last_name="Adam")
    enrol(client, world, role="admin", first_name="Other", last_name="Store",
          home_store_id="PAR02")
    seller = client.get(f"{API}/customers", headers=world.auth("seller"))
    assert seller.status_code == 403
    manager = client.get(f"{API}/customers", headers=world.auth("manager"))
    assert manager.status_code == 200
    assert [i["last_name"] for i in manager.json()["items"]] == ["Adam", "Zola"]
    other = client.get(f"{API}/customers", params={"store_id": "PAR02"},
                       headers=world.auth("manager"))
    assert other.status_code == 403
    admin = client.get(f"{API}/customers", params={"store_id": "PAR02"},
                       headers=world.auth("admin"))
    assert [i["last_name"] for i in admin.json()["items"]] == ["Store"]
    first = client.get(f"{API}/customers", params={"limit": 1},
                       headers=world.auth("manager")).json()
    second = client.get(f"{API}/customers", params={"limit": 1, "cursor": first["next_cursor"]},
                        headers=world.auth("manager")).json()
    assert [i["last_name"] for i in first["items"] + second["items"]] == ["Adam", "Zola"]
    assert second["next_cursor"] is None
