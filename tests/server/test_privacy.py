"""GDPR rights on the central database (SQLite and PostgreSQL): the access export holds every
table about a customer, erasure reaches every device through the feed (even one that was
offline), waits for open orders, retention finds the customers past it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from clienteling.domain.errors import DomainError
from clienteling.server.audit.models import AuditEntry
from clienteling.server.customers.models import CustomerRow, InteractionRow, WishlistRow
from clienteling.server.feed.models import ChangeRow
from clienteling.server.orders.models import OrderRow
from clienteling.server.privacy import erasure
from clienteling.server.privacy.export import (
    KEYS,
    SOURCES,
    customer_tables,
    export_customer,
    export_html,
)
from clienteling.server.privacy.models import ErasureRequest
from tests.server.conftest import World, settle
from tests.server.test_feed import apply, pull
from tests.server.test_import import CUSTOMERS, GOOD, write
from tests.server.test_import import run as run_import

API = "/api/v1"
NAME = ("Marie", "Lefèvre")


def test_every_table_about_a_customer_is_in_the_export() -> None:
    """A new table with a customer_id (or a foreign key to customers) must be given its place
    in the export (`privacy.export.SOURCES`): until then this fails."""
    tables = customer_tables()
    assert {"interactions", "wishlist_items", "orders", "audit_log",
            "erasure_requests"} <= tables.keys()
    unmapped = sorted(tables.keys() - SOURCES.keys())
    assert not unmapped, f"tables about customers missing from the GDPR export: {unmapped}"
    for table, keys in SOURCES.items():
        assert set(keys) <= set(KEYS), (table, keys)


def _enrol(client: TestClient, world: World) -> dict[str, Any]:
    answer = client.post(f"{API}/customers", headers=world.auth("seller"), json={
        "first_name": NAME[0], "last_name": NAME[1], "email": "marie.lefevre@example.fr",
        "phone": "06 12 34 56 78", "birth_date": "1984-03-02", "consent_email": True})
    assert answer.status_code == 201, answer.text
    return answer.json()  # type: ignore[no-any-return]


def _order(client: TestClient, world: World, customer_id: str, pickup: str = "PAR01",
           sku: str = "SKU-1003") -> str:
    answer = client.post(f"{API}/orders", headers={**world.auth("seller"),
                                                   "Idempotency-Key": str(uuid.uuid4())}, json={
        "customer_id": customer_id,
        "fulfillment": {"type": "click_and_collect", "store_id": pickup},
        "lines": [{"sku": sku, "quantity": 1}], "payment": {"mode": "pay_at_pickup"},
        "origin_store_id": "PAR01"})
    assert answer.status_code == 201, answer.text
    return answer.json()["order_number"]  # type: ignore[no-any-return]


def _move(client: TestClient, world: World, order_number: str, *statuses: str) -> None:
    for status in statuses:
        answer = client.post(f"{API}/orders/{order_number}/status", json={"status": status},
                             headers=world.auth("seller"))
        assert answer.status_code == 200, answer.text


@pytest.fixture
def marie(client: TestClient, world: World) -> dict[str, Any]:
    """A PAR01 customer with a wishlist, a note, a consent change and a collected order."""
    customer = _enrol(client, world)
    cid = customer["customer_id"]
    seller = world.auth("seller")
    assert client.post(f"{API}/customers/{cid}/wishlist", headers=seller,
                       json={"sku": "SKU-1005"}).status_code == 201
    assert client.post(f"{API}/customers/{cid}/notes", headers=seller,
                       json={"text": "Aime le bleu marine"}).status_code == 201
    assert client.post(f"{API}/customers/{cid}/consents", headers=seller, json={
        "channel": "sms", "granted": True, "source": "store"}).status_code == 200
    order = _order(client, world, cid)
    _move(client, world, order, "ready_for_pickup", "collected")
    return {**customer, "order_number": order}


def test_the_export_holds_everything_about_the_customer(
        client: TestClient, world: World, marie: dict[str, Any],
        sessions: sessionmaker[Session]) -> None:
    cid = marie["customer_id"]
    # Another store's seller finds her by card: an audit entry about her.
    assert client.get(f"{API}/customers/lookup", params={"code": marie["loyalty"]["card"]},
                      headers=world.auth("seller2")).status_code == 200
    with sessions() as session, session.begin():
        document = export_customer(session, customer_id=cid, requested_by="dpo")
    assert list(document) == list(KEYS)
    profile = client.get(f"{API}/customers/{cid}", headers=world.auth("admin")).json()
    assert document["customer"] == profile
    assert [o["order_number"] for o in document["orders"]] == [marie["order_number"]]
    assert [i["sku"] for i in document["wishlist"]] == ["SKU-1005"]
    assert [n["summary"] for n in document["notes"]] == ["Aime le bleu marine"]
    assert {i["kind"] for i in document["interactions"]} >= {"enrolled", "consent"}
    assert "note" not in {i["kind"] for i in document["interactions"]}
    assert document["tasks"] == []
    consents = document["consents"]
    assert consents["email"]["granted"] and consents["sms"]["granted"]
    assert [(h["channel"], h["granted"], h["source"], h["by"]) for h in consents["history"]] == [
        ("email", True, "enrolment", "seller1"), ("sms", True, "store", "seller1")]
    assert all(h["at"] for h in consents["history"])
    actions = [a["action"] for a in document["audit"]]
    assert "customer.lookup" in actions and "order.move" in actions
    json.dumps(document)  # plain JSON throughout
    page = export_html(document)
    assert "Lefèvre" in page and "Aime le bleu marine" in page and "<table>" in page
    with sessions() as session:
        exported = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "gdpr.export", AuditEntry.customer_id == cid)).all()
    assert [(e.username, (e.detail or {})["parts"]["orders"]) for e in exported] == [("dpo", 1)]


def test_an_unknown_customer_has_no_export(sessions: sessionmaker[Session],
                                           world: World) -> None:
    with sessions() as session, pytest.raises(DomainError) as error:
        export_customer(session, customer_id="nobody", requested_by="dpo")
    assert error.value.code == "customer.not_found"


def _held(changes: list[dict[str, Any]], replica: dict[tuple[str, str], Any],
          cid: str, order_number: str) -> set[tuple[str, str]]:
    """What of the customer a device's replica still holds after applying `changes`."""
    apply(replica, changes)
    return {(e, k) for (e, k), data in replica.items()
            if k in (cid, order_number) or k.startswith(f"{cid}/")
            or (data or {}).get("customer_id") == cid}


def test_erasure_reaches_every_device_even_one_that_was_offline(
        client: TestClient, world: World, marie: dict[str, Any],
        sessions: sessionmaker[Session]) -> None:
    cid, order_number = marie["customer_id"], marie["order_number"]
    device = world.auth("seller")
    settle(sessions)
    offline_changes, offline_cursor = pull(client, device)
    offline = apply({}, offline_changes)
    assert ("customer", cid) in offline and ("order", order_number) in offline
    # Another device of the store keeps syncing; the offline one does not.
    assert client.post(f"{API}/customers/{cid}/notes", headers=device,
                       json={"text": "Taille 38"}).status_code == 201
    settle(sessions)
    online_changes, online_cursor = pull(client, device)
    online = apply({}, online_changes)

    with sessions() as session, session.begin():
        outcome = erasure.request_erasure(session, customer_id=cid, requested_by="dpo",
                                          reason="asked by letter")
    assert outcome.done and not outcome.open_orders
    settle(sessions)

    after, _ = pull(client, device, online_cursor)
    deleted = {(c["entity"], c["key"]) for c in after if c["op"] == "delete"}
    assert {("customer", cid), ("order", order_number),
            ("wishlist_item", f"{cid}/SKU-1005")} <= deleted
    assert {k for e, k in deleted if e == "interaction"} == {
        k for e, k in online if e == "interaction" and online[(e, k)]["customer_id"] == cid}
    assert _held(after, online, cid, order_number) == set()
    # The device that was offline since before the last note catches up and forgets her too.
    late, _ = pull(client, device, offline_cursor)
    assert _held(late, offline, cid, order_number) == set()
    # A device starting afresh never sees her, and no copy of her data is left in the feed.
    fresh, _ = pull(client, device)
    assert _held(fresh, {}, cid, order_number) == set()
    with sessions() as session:
        for data in session.scalars(select(ChangeRow.data).where(ChangeRow.data.is_not(None))):
            assert data is not None and "Lefèvre" not in data and "marie.lefevre" not in data


def test_an_erased_customer_is_found_nowhere_and_their_orders_stay(
        client: TestClient, world: World, marie: dict[str, Any],
        sessions: sessionmaker[Session]) -> None:
    cid, card = marie["customer_id"], marie["loyalty"]["card"]
    with sessions() as session, session.begin():
        assert erasure.request_erasure(session, customer_id=cid, requested_by="dpo").done
    for role in ("seller", "admin"):
        headers = world.auth(role)
        for path in ("", "/orders", "/wishlist", "/timeline"):
            answer = client.get(f"{API}/customers/{cid}{path}", headers=headers)
            assert answer.status_code == 404, (role, path, answer.text)
        assert client.get(f"{API}/customers/lookup", params={"code": card},
                          headers=headers).status_code == 404
        for q in ("lefevre", "Marie", "marie.lefevre@example.fr", "0612345678", card):
            found = client.get(f"{API}/customers", params={"q": q}, headers=headers).json()
            assert found["items"] == [], (role, q)
    assert client.patch(f"{API}/customers/{cid}", headers=world.auth("seller"),
                        json={"version": 5, "first_name": "X"}).status_code == 404
    # The order is kept for accounting, without the person.
    order = client.get(f"{API}/orders/{marie['order_number']}", headers=world.auth("admin"))
    assert order.status_code == 200 and order.json()["customer_id"] == cid
    with sessions() as session:
        row = session.get(CustomerRow, cid)
        assert row is not None and row.erased_at is not None
        assert (row.first_name, row.last_name, row.email, row.phone, row.birth_date,
                row.loyalty_card, row.email_key, row.phone_e164) == (
            "", "", None, None, None, None, None, None)
        assert session.scalars(select(WishlistRow).where(WishlistRow.customer_id == cid)).all() \
            == []
        assert session.scalars(select(InteractionRow).where(
            InteractionRow.customer_id == cid)).all() == []
        assert session.scalar(select(OrderRow.total).where(
            OrderRow.order_number == marie["order_number"])) is not None
        done = session.scalars(select(AuditEntry).where(AuditEntry.action == "gdpr.erase")).all()
        assert [(e.customer_id, (e.detail or {})["status"]) for e in done] == [(cid, "done")]
        with pytest.raises(DomainError):
            export_customer(session, customer_id=cid, requested_by="dpo")
    # Erasing again says so and changes nothing.
    with sessions() as session, session.begin():
        assert erasure.request_erasure(session, customer_id=cid, requested_by="dpo").already


def test_an_open_order_defers_the_erasure_until_it_closes(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    customer = _enrol(client, world)
    cid = customer["customer_id"]
    # Collected at PAR02: the customer is on PAR02's devices too until then.
    first = _order(client, world, cid, pickup="PAR02", sku="SKU-1001")
    second = _order(client, world, cid)
    with sessions() as session, session.begin():
        outcome = erasure.request_erasure(session, customer_id=cid, requested_by="dpo")
    assert not outcome.done and sorted(outcome.open_orders) == sorted([first, second])
    with sessions() as session:
        requests = session.scalars(select(ErasureRequest)).all()
        assert [(r.customer_id, r.status, r.requested_by) for r in requests] == [
            (cid, "pending", "dpo")]
    assert client.get(f"{API}/customers/{cid}", headers=world.auth()).status_code == 200
    settle(sessions)
    _, cursor = pull(client, world.auth("seller"))
    _, cursor2 = pull(client, world.auth("seller2"))
    _move(client, world, first, "ready_for_pickup")  # still open
    _move(client, world, second, "cancelled")
    assert client.get(f"{API}/customers/{cid}", headers=world.auth()).status_code == 200
    answer = client.post(f"{API}/orders/{first}/status", json={"status": "collected"},
                         headers=world.auth("seller2"))
    assert answer.status_code == 200, answer.text
    assert client.get(f"{API}/customers/{cid}", headers=world.auth("admin")).status_code == 404
    with sessions() as session:
        request = session.scalars(select(ErasureRequest)).one()
        assert request.status == "done" and request.done_at is not None
        actions = [(e.action, (e.detail or {})["status"]) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.action == "gdpr.erase")
            .order_by(AuditEntry.id))]
        assert actions == [("gdpr.erase", "pending"), ("gdpr.erase", "done")]
    settle(sessions)
    for headers, since in ((world.auth("seller"), cursor), (world.auth("seller2"), cursor2)):
        changes, _ = pull(client, headers, since)
        assert ("customer", cid) in {(c["entity"], c["key"]) for c in changes
                                     if c["op"] == "delete"}


def test_retention_lists_customers_by_last_purchase_or_enrolment(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    now = datetime.now(UTC)
    ids = {name: _enrol(client, world)["customer_id"] for name in ("old", "buyer", "recent")}
    _order(client, world, ids["buyer"])
    old, bought = now - timedelta(days=1200), now - timedelta(days=1100)
    with sessions() as session, session.begin():
        session.execute(update(CustomerRow).where(CustomerRow.customer_id.in_(
            [ids["old"], ids["buyer"]])).values(created_at=old))
        session.execute(update(OrderRow).where(OrderRow.customer_id == ids["buyer"])
                        .values(created_at=bought, status="collected"))
    with sessions() as session:
        expired = erasure.past_retention(session, retention_days=3 * 365, now=now)
        assert [(e.customer_id, e.last_activity) for e in expired] == [
            (ids["old"], old.date()), (ids["buyer"], bought.date())]
        assert [e.customer_id for e in erasure.past_retention(
            session, retention_days=1150, now=now)] == [ids["old"]]


def test_importing_an_old_file_never_brings_an_erased_customer_back(
        sessions: sessionmaker[Session], tmp_path: Path) -> None:
    folder = write(tmp_path / "import", GOOD)
    assert run_import(sessions, folder).applied
    with sessions() as session, session.begin():
        assert erasure.request_erasure(session, customer_id="C2", requested_by="dpo").done
        assert not erasure.request_erasure(session, customer_id="C1", requested_by="dpo").done
    report = run_import(sessions, write(folder, {"customers.csv": CUSTOMERS}))
    assert report.file("customers.csv").updated == 0
    with sessions() as session:
        row = session.get(CustomerRow, "C2")
        assert row is not None and row.erased_at is not None
        assert (row.first_name, row.last_name, row.home_store_id) == ("", "", None)


def test_a_table_without_a_reader_of_its_own_is_exported_as_stored(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    """Tasks have no reader of their own in the export: their rows reach `tasks` as stored."""
    cid = _enrol(client, world)["customer_id"]
    seller_id = client.get(f"{API}/auth/me", headers=world.auth("seller")).json()["id"]
    task = client.post(f"{API}/tasks", headers=world.auth("manager"), json={
        "customer_id": cid, "assignee_id": seller_id, "channel": "visit",
        "due_on": "2026-12-01", "reason": "Essayage"})
    assert task.status_code == 201, task.text
    with sessions() as session:
        document = export_customer(session, customer_id=cid, requested_by="dpo")
    assert [(t["task_id"], t["customer_id"], t["due_on"], t["reason"])
            for t in document["tasks"]] == [(task.json()["task_id"], cid, "2026-12-01",
                                             "Essayage")]
