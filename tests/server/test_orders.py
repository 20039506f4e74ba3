"""Orders over HTTP: idempotent placing, validation, sourcing, reservation, transitions, pickup."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from clienteling.codes.parse import parse_pickup_code, pickup_payload
from clienteling.domain.text import fold
from clienteling.server import wire
from clienteling.server.customers.models import CustomerRow, InteractionRow
from clienteling.server.feed import service as feed
from clienteling.server.orders.models import IdempotencyRecord, OrderRow
from clienteling.server.products.models import ProductRow
from clienteling.server.stock.models import StockRow
from tests.server.conftest import PASSWORD, World

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ORDER_NUMBER = re.compile(r"^[A-Z0-9]{1,12}-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$")


def add_customer(sessions: sessionmaker[Session], customer_id: str, home_store_id: str | None,
                 *, first_name: str = "Camille", last_name: str = "Lefèvre") -> None:
    """A customer row and its feed change, as enrolment would write them."""
    with sessions() as session, session.begin():
        row = CustomerRow(
            customer_id=customer_id, first_name=first_name, last_name=last_name,
            home_store_id=home_store_id, tier="member", points=0, version=1,
            created_at=NOW, updated_at=NOW, first_name_key=fold(first_name),
            last_name_key=fold(last_name), loyalty_card=None,
        )
        session.add(row)
        session.flush()
        feed.record_for_customer(session, customer_id=customer_id, entity="customer",
                                 key=customer_id, data=wire.customer(row))


def cc_body(customer_id: str, lines: list[tuple[str, int]], store_id: str = "PAR01",
            origin: str = "PAR01", payment: str = "pay_at_pickup") -> dict[str, Any]:
    return {
        "customer_id": customer_id,
        "fulfillment": {"type": "click_and_collect", "store_id": store_id},
        "lines": [{"sku": sku, "quantity": q} for sku, q in lines],
        "payment": {"mode": payment},
        "origin_store_id": origin,
    }


def delivery_body(customer_id: str, lines: list[tuple[str, int]], origin: str = "PAR01",
                  method: str = "standard") -> dict[str, Any]:
    return {
        "customer_id": customer_id,
        "fulfillment": {"type": "home_delivery", "method": method, "address": {
            "line1": "12 rue des Lilas", "postcode": "75011", "city": "Paris", "country": "FR"}},
        "lines": [{"sku": sku, "quantity": q} for sku, q in lines],
        "payment": {"mode": "payment_link"},
        "origin_store_id": origin,
    }


def post_order(client: TestClient, world: World, body: dict[str, Any], key: str | None = None,
               role: str = "seller"):  # type: ignore[no-untyped-def]
    headers = dict(world.auth(role))
    headers["Idempotency-Key"] = key or str(uuid.uuid4())
    return client.post("/api/v1/orders", json=body, headers=headers)


def stock_of(sessions: sessionmaker[Session], store_id: str, sku: str) -> tuple[int, int]:
    with sessions() as session:
        row = session.get(StockRow, (store_id, sku))
        assert row is not None
        return row.on_hand, row.reserved


def order_count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(OrderRow)) or 0


@pytest.fixture
def customer(world: World, sessions: sessionmaker[Session]) -> str:
    add_customer(sessions, "C-0001", "PAR01")
    return "C-0001"


# --- placing ------------------------------------------------------------------------------


def test_click_and_collect_is_confirmed_reserved_and_on_the_timeline(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    answer = post_order(client, world, cc_body(customer, [("SKU-1001", 2), ("SKU-1003", 1)]))
    assert answer.status_code == 201, answer.text
    order = answer.json()
    assert order["status"] == "confirmed"
    assert order["channel"] == "store"
    assert ORDER_NUMBER.match(order["order_number"]), order["order_number"]
    assert order["order_number"].startswith("PAR01-")
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", order["pickup_code"])
    # The pickup QR made from the answer parses back to the same order.
    parsed = parse_pickup_code(pickup_payload(order["order_number"], order["pickup_code"]))
    assert parsed.order_number == order["order_number"]
    assert order["total"] == "457.50"  # 2 × 189.00 + 79.50, no fee for click and collect
    assert order["currency"] == "EUR"
    assert order["fulfillment"] == {"type": "click_and_collect", "store_id": "PAR01",
                                    "address": None, "method": None, "fee": None}
    assert [(ln["sku"], ln["quantity"], ln["unit_price"], ln["source_store_id"], ln["name"])
            for ln in order["lines"]] == [
        ("SKU-1001", 2, "189.00", "PAR01", "Veste en laine"),
        ("SKU-1003", 1, "79.50", "PAR01", "Parfum Éclat 50 ml"),
    ]
    assert stock_of(sessions, "PAR01", "SKU-1001") == (5, 2)
    assert stock_of(sessions, "PAR01", "SKU-1003") == (20, 1)
    with sessions() as session:
        entries = session.scalars(select(InteractionRow).where(
            InteractionRow.customer_id == customer)).all()
        assert [(e.kind, e.channel, e.store_id) for e in entries] == [("order", "store", "PAR01")]
        assert order["order_number"] in entries[0].summary
    assert client.get(f"/api/v1/orders/{order['order_number']}",
                      headers=world.auth()).json() == order


def test_home_delivery_adds_the_fee_and_has_no_pickup_code(
        client: TestClient, world: World, customer: str) -> None:
    answer = post_order(client, world, delivery_body(customer, [("SKU-1005", 1)],
                                                     method="express"))
    assert answer.status_code == 201, answer.text
    order = answer.json()
    assert order["pickup_code"] is None
    assert order["fulfillment"]["type"] == "home_delivery"
    assert order["fulfillment"]["fee"] == "9.90"
    assert order["fulfillment"]["address"]["city"] == "Paris"
    assert order["total"] == "104.90"


# --- idempotency --------------------------------------------------------------------------


def test_an_order_needs_an_idempotency_key(client: TestClient, world: World,
                                           customer: str) -> None:
    answer = client.post("/api/v1/orders", json=cc_body(customer, [("SKU-1001", 1)]),
                         headers=world.auth())
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["code"] == "idempotency.missing"
    too_long = post_order(client, world, cc_body(customer, [("SKU-1001", 1)]), key="k" * 256)
    assert too_long.status_code == 400
    assert too_long.json()["code"] == "idempotency.invalid"
    assert post_order(client, world, cc_body(customer, [("SKU-1001", 1)]),
                      key="k" * 255).status_code == 201


def test_the_same_key_and_body_answer_the_same_order_once(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    body = cc_body(customer, [("SKU-1001", 1)])
    first = post_order(client, world, body, key="tablet-7/outbox/42")
    assert first.status_code == 201
    again = post_order(client, world, body, key="tablet-7/outbox/42")
    assert again.status_code == 201
    assert again.content == first.content
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert order_count(sessions) == 1
    assert stock_of(sessions, "PAR01", "SKU-1001") == (5, 1)
    # Even after the order moved on, a replay answers what was answered then.
    number = first.json()["order_number"]
    assert client.post(f"/api/v1/orders/{number}/status", json={"status": "cancelled"},
                       headers=world.auth()).status_code == 200
    assert post_order(client, world, body, key="tablet-7/outbox/42").content == first.content
    assert order_count(sessions) == 1
    # A key is its user's: another user's same key is a new request, never the first answer
    # (which holds the pickup code).
    by_other = post_order(client, world, body, key="tablet-7/outbox/42", role="admin")
    assert by_other.status_code == 201
    assert by_other.headers.get("Idempotent-Replayed") is None
    assert by_other.json()["order_number"] != number
    assert by_other.json()["pickup_code"] != first.json()["pickup_code"]
    assert order_count(sessions) == 2


def test_the_same_key_with_another_body_is_refused(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    assert post_order(client, world, cc_body(customer, [("SKU-1001", 1)]),
                      key="K-1").status_code == 201
    other = post_order(client, world, cc_body(customer, [("SKU-1001", 2)]), key="K-1")
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency.mismatch"
    assert order_count(sessions) == 1
    assert stock_of(sessions, "PAR01", "SKU-1001") == (5, 1)


def test_a_refused_order_records_nothing_so_the_same_key_may_ask_again(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    short = post_order(client, world, cc_body(customer, [("SKU-1005", 3)]), key="K-2")
    assert short.status_code == 409
    with sessions() as session:
        assert session.scalar(select(IdempotencyRecord).where(
            IdempotencyRecord.key == "K-2")) is None
    # The seller edits the order (fewer units) and the outbox sends it with its key again.
    assert post_order(client, world, cc_body(customer, [("SKU-1005", 2)]),
                      key="K-2").status_code == 201


def test_keys_older_than_the_ttl_are_purged(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    old = datetime.now(UTC) - timedelta(days=60)
    recent = datetime.now(UTC) - timedelta(days=31)
    with sessions() as session, session.begin():
        for key, at in (("old", old), ("recent", recent)):
            session.add(IdempotencyRecord(key=key, user_id=1, fingerprint="0" * 64,
                                          status_code=201, response_body="{}", created_at=at))
    assert post_order(client, world, cc_body(customer, [("SKU-1001", 1)])).status_code == 201
    with sessions() as session:
        keys = set(session.scalars(select(IdempotencyRecord.key)))
    assert "old" not in keys
    assert "recent" in keys  # kept at least 30 days: a tablet may be offline for weeks
    assert len(keys) == 2


# --- validation ---------------------------------------------------------------------------


def test_unknown_customer_sku_and_store_are_422_naming_the_field(
        client: TestClient, world: World, customer: str) -> None:
    cases = [
        (cc_body("C-NOPE", [("SKU-1001", 1)]), "order.customer_unknown", ["customer_id"]),
        (cc_body(customer, [("SKU-1001", 1), ("SKU-9999", 1), ("SKU-0000", 2)]),
         "order.sku_unknown", ["lines.1.sku", "lines.2.sku"]),
        (cc_body(customer, [("SKU-1001", 1)], store_id="NOWHERE"), "order.store_unknown",
         ["fulfillment.store_id"]),
        (cc_body(customer, [("SKU-1001", 1)], origin="NOWHERE"), "order.store_unknown",
         ["origin_store_id"]),
        (cc_body(customer, [("SKU-1004", 1)], store_id="LYS01"), "order.no_click_and_collect",
         ["fulfillment.store_id"]),
        ({**delivery_body(customer, [("SKU-1001", 1)]), "payment": {"mode": "pay_at_pickup"}},
         "order.payment_mode", ["payment.mode"]),
    ]
    for body, code, fields in cases:
        # A seller's origin is their store (403 otherwise): an admin names an unknown one.
        role = "seller" if body["origin_store_id"] == "PAR01" else "admin"
        answer = post_order(client, world, body, role=role)
        assert answer.status_code == 422, (code, answer.text)
        problem = answer.json()
        assert problem["code"] == code
        assert [e["field"] for e in problem["errors"]] == fields
        assert all(e["message"] for e in problem["errors"])


def test_malformed_bodies_are_422(client: TestClient, world: World, customer: str) -> None:
    for body in (
        {**cc_body(customer, [("SKU-1001", 1)]), "lines": []},
        cc_body(customer, [("SKU-1001", 0)]),
        {**cc_body(customer, [("SKU-1001", 1)]), "fulfillment": {"type": "teleport"}},
        {**cc_body(customer, [("SKU-1001", 1)]), "surprise": True},
    ):
        answer = post_order(client, world, body)
        assert answer.status_code == 422, answer.text
        assert answer.json()["errors"]


def test_products_of_two_currencies_cannot_share_an_order(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    with sessions() as session, session.begin():
        session.add(ProductRow(sku="SKU-USD", ean=None, name="Import", brand="X", category="Y",
                               price=Decimal("10.00"), currency="USD", search_text="import",
                               updated_at=NOW))
        session.add(StockRow(store_id="PAR01", sku="SKU-USD", on_hand=5, reserved=0,
                             updated_at=NOW))
    answer = post_order(client, world, cc_body(customer, [("SKU-1001", 1), ("SKU-USD", 1)]))
    assert answer.status_code == 422
    assert answer.json()["code"] == "order.mixed_currencies"
    assert stock_of(sessions, "PAR01", "SKU-1001") == (5, 0)


def test_orders_need_a_signed_in_staff(client: TestClient, world: World, customer: str) -> None:
    answer = client.post("/api/v1/orders", json=cc_body(customer, [("SKU-1001", 1)]),
                         headers={"Idempotency-Key": "x"})
    assert answer.status_code == 401
    assert client.get("/api/v1/orders").status_code == 401
    assert client.get("/api/v1/sync/changes").status_code == 401


# --- sourcing and shortage ----------------------------------------------------------------


def test_a_line_missing_at_the_pickup_store_is_sourced_from_the_nearest_store_that_has_it(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    # SKU-1004 is only in Lyon; SKU-1003 is at PAR02 (4) but 5 are wanted: PAR01 is nearest.
    answer = post_order(client, world, cc_body(
        customer, [("SKU-1004", 2), ("SKU-1003", 5), ("SKU-1001", 1)], store_id="PAR02"))
    assert answer.status_code == 201, answer.text
    sources = {ln["sku"]: ln["source_store_id"] for ln in answer.json()["lines"]}
    assert sources == {"SKU-1004": "LYS01", "SKU-1003": "PAR01", "SKU-1001": "PAR02"}
    assert stock_of(sessions, "LYS01", "SKU-1004") == (6, 2)
    assert stock_of(sessions, "PAR01", "SKU-1003") == (20, 5)
    assert stock_of(sessions, "PAR02", "SKU-1003") == (4, 0)
    assert stock_of(sessions, "PAR02", "SKU-1001") == (3, 1)


def test_home_delivery_ships_from_the_origin_store_then_the_nearest(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    # An admin places orders from any store (a seller, from their own only).
    from_origin = post_order(client, world, delivery_body(customer, [("SKU-1001", 3)],
                                                          origin="PAR02"), role="admin")
    assert from_origin.json()["lines"][0]["source_store_id"] == "PAR02"
    # PAR02 has none left: the nearest store with enough ships it.
    nearest = post_order(client, world, delivery_body(customer, [("SKU-1001", 1)],
                                                      origin="PAR02"), role="admin")
    assert nearest.json()["lines"][0]["source_store_id"] == "PAR01"


def test_not_enough_anywhere_is_409_with_the_short_lines_and_reserves_nothing(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    answer = post_order(client, world, cc_body(
        customer, [("SKU-1001", 1), ("SKU-1002", 3), ("SKU-1005", 5)]))
    assert answer.status_code == 409
    problem = answer.json()
    assert problem["code"] == "stock.short"
    # available: what the best single store has (a line is sourced from one store).
    assert problem["lines"] == [
        {"sku": "SKU-1002", "requested": 3, "available": 2},
        {"sku": "SKU-1005", "requested": 5, "available": 2},
    ]
    assert stock_of(sessions, "PAR01", "SKU-1001") == (5, 0)
    assert order_count(sessions) == 0


# --- status transitions -------------------------------------------------------------------


def move(client: TestClient, world: World, number: str, status: str):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/orders/{number}/status", json={"status": status},
                       headers=world.auth())


def test_click_and_collect_is_prepared_then_collected_and_consumes_its_stock(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    number = post_order(client, world, cc_body(customer, [("SKU-1001", 2)])).json()[
        "order_number"]
    ready = move(client, world, number, "ready_for_pickup")
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready_for_pickup"
    assert stock_of(sessions, "PAR01", "SKU-1001") == (5, 2)
    collected = move(client, world, number, "collected")
    assert collected.json()["status"] == "collected"
    assert stock_of(sessions, "PAR01", "SKU-1001") == (3, 0)
    refused = move(client, world, number, "cancelled")
    assert refused.status_code == 409
    assert refused.json()["code"] == "order.transition"
    assert refused.json()["current"] == "collected"
    assert stock_of(sessions, "PAR01", "SKU-1001") == (3, 0)


def test_a_status_move_resent_with_its_key_answers_the_first_answer_once(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    number = post_order(client, world, cc_body(customer, [("SKU-1001", 1)])).json()[
        "order_number"]
    headers = {**world.auth(), "Idempotency-Key": "move-" + uuid.uuid4().hex}
    path = f"/api/v1/orders/{number}/status"
    first = client.post(path, json={"status": "ready_for_pickup"}, headers=headers)
    collected = client.post(path, json={"status": "collected"}, headers={
        **world.auth(), "Idempotency-Key": "move-" + uuid.uuid4().hex})
    assert (first.status_code, collected.status_code) == (200, 200)
    # The device never saw the first answer and sends the same move again.
    again = client.post(path, json={"status": "ready_for_pickup"}, headers=headers)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert stock_of(sessions, "PAR01", "SKU-1001") == (4, 0)
    other = client.post(path, json={"status": "cancelled"}, headers=headers)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency.mismatch"


def test_home_delivery_is_shipped_then_delivered(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    number = post_order(client, world, delivery_body(customer, [("SKU-1003", 4)])).json()[
        "order_number"]
    assert move(client, world, number, "ready_for_pickup").status_code == 409
    assert move(client, world, number, "shipped").json()["status"] == "shipped"
    assert stock_of(sessions, "PAR01", "SKU-1003") == (16, 0)
    assert move(client, world, number, "delivered").json()["status"] == "delivered"
    assert stock_of(sessions, "PAR01", "SKU-1003") == (16, 0)
    for status in ("cancelled", "confirmed", "shipped"):
        answer = move(client, world, number, status)
        assert answer.status_code == 409
        assert answer.json()["current"] == "delivered"


def test_refused_transitions_name_the_current_status(
        client: TestClient, world: World, customer: str) -> None:
    number = post_order(client, world, cc_body(customer, [("SKU-1001", 1)])).json()[
        "order_number"]
    for status in ("shipped", "collected", "delivered", "confirmed", "pending"):
        answer = move(client, world, number, status)
        assert answer.status_code == 409, status
        assert answer.json()["current"] == "confirmed"
    assert move(client, world, number, "teleported").status_code == 422
    assert move(client, world, "PAR01-000000-NOPE00", "cancelled").status_code == 404


def test_cancelling_releases_the_reservation_at_each_source_store(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    number = post_order(client, world, cc_body(
        customer, [("SKU-1004", 2), ("SKU-1001", 1)], store_id="PAR02")).json()["order_number"]
    assert stock_of(sessions, "LYS01", "SKU-1004") == (6, 2)
    assert move(client, world, number, "ready_for_pickup").status_code == 200
    cancelled = move(client, world, number, "cancelled")
    assert cancelled.json()["status"] == "cancelled"
    assert stock_of(sessions, "LYS01", "SKU-1004") == (6, 0)
    assert stock_of(sessions, "PAR02", "SKU-1001") == (3, 0)
    assert move(client, world, number, "cancelled").status_code == 409
    assert stock_of(sessions, "LYS01", "SKU-1004") == (6, 0)


# --- finding orders -----------------------------------------------------------------------


def test_pickup_lookup_by_qr(client: TestClient, world: World, customer: str) -> None:
    order = post_order(client, world, cc_body(customer, [("SKU-1001", 1)])).json()
    payload = pickup_payload(order["order_number"], order["pickup_code"])

    def lookup(code: str):  # type: ignore[no-untyped-def]
        return client.get("/api/v1/orders/pickup", params={"code": code}, headers=world.auth())

    found = lookup(payload)
    assert found.status_code == 200
    assert found.json()["order_number"] == order["order_number"]
    # A scanner may add a carriage return, or send the code in lower case.
    assert lookup(payload.lower().replace(order["order_number"].lower(),
                                          order["order_number"]) + "\r").status_code == 200
    wrong = "AAAAAA" if order["pickup_code"] != "AAAAAA" else "BBBBBB"
    assert lookup(pickup_payload(order["order_number"], wrong)).status_code == 404
    assert lookup(pickup_payload("PAR01-000000-ZZZZZZ", order["pickup_code"])).json()[
        "code"] == "pickup.not_found"
    for damaged in (payload[:-8], "clienteling:pickup/only-one-part", "hello", payload + "/x"):
        answer = lookup(damaged)
        assert answer.status_code == 422, damaged
        assert answer.json()["code"] == "pickup.format"
    # A home delivery has no pickup code: nothing to find with any code.
    delivery = post_order(client, world, delivery_body(customer, [("SKU-1003", 1)])).json()
    assert lookup(pickup_payload(delivery["order_number"], "ABCDEF")).status_code == 404


def test_unknown_order_is_404(client: TestClient, world: World) -> None:
    answer = client.get("/api/v1/orders/PAR01-260105-XXXXXX", headers=world.auth())
    assert answer.status_code == 404
    assert answer.json()["code"] == "order.not_found"


def test_the_pickup_queue_lists_a_stores_open_orders_oldest_first(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    first = post_order(client, world, cc_body(customer, [("SKU-1001", 1)], store_id="PAR02"))
    second = post_order(client, world, cc_body(customer, [("SKU-1003", 1)], store_id="PAR02"))
    here = post_order(client, world, cc_body(customer, [("SKU-1003", 1)], store_id="PAR01"))
    post_order(client, world, delivery_body(customer, [("SKU-1003", 1)], origin="PAR02"),
               role="admin")
    numbers = [a.json()["order_number"] for a in (first, second, here)]
    move(client, world, numbers[1], "ready_for_pickup")
    with sessions() as session, session.begin():
        # Same clock second: order by creation, then number; make the first clearly older.
        session.get(OrderRow, numbers[0]).created_at = NOW

    def queue(role: str = "admin", **params: Any) -> list[str]:
        answer = client.get("/api/v1/orders", params=params, headers=world.auth(role))
        assert answer.status_code == 200, answer.text
        return [o["order_number"] for o in answer.json()]

    assert queue(store_id="PAR02") == numbers[:2]
    assert queue(store_id="PAR02", status="ready_for_pickup") == [numbers[1]]
    assert queue(store_id="PAR02", status=["confirmed", "ready_for_pickup"], limit=1) == [
        numbers[0]]
    assert queue(role="seller") == [numbers[2]]  # the signed-in seller's store (PAR01)
    move(client, world, numbers[2], "cancelled")
    assert queue() == []
    assert queue(status="cancelled") == [numbers[2]]
    assert client.get("/api/v1/orders", params={"status": "lost"},
                      headers=world.auth()).status_code == 422


class _Deadlock(Exception):
    sqlstate = "40P01"


def test_an_attempt_chosen_as_deadlock_victim_is_retried_from_scratch(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    from clienteling.server.orders import service

    real_create = service._create
    calls: list[int] = []

    def create_then_lose_once(session: Session, **kwargs: Any):  # type: ignore[no-untyped-def]
        order = real_create(session, **kwargs)  # reserved, recorded, then PostgreSQL says no
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE stock ...", {}, _Deadlock("deadlock detected"))
        return order

    monkeypatch.setattr(service, "_create", create_then_lose_once)
    answer = post_order(client, world, cc_body(customer, [("SKU-1001", 2)]), key="victim")
    assert answer.status_code == 201, answer.text
    assert len(calls) == 2
    assert stock_of(sessions, "PAR01", "SKU-1001") == (5, 2)  # the lost attempt left nothing
    assert order_count(sessions) == 1
    with sessions() as session:
        record = session.scalar(select(IdempotencyRecord).where(
            IdempotencyRecord.key == "victim"))
        assert record is not None and record.response_body == answer.text
        assert session.scalar(select(func.count()).select_from(InteractionRow)) == 1


def test_odd_order_numbers_and_stores_are_clear_answers(client: TestClient, world: World) -> None:
    for number in ("PAR01%00X", "%00", "x" * 41, "%E2%80%AE"):
        assert client.get(f"/api/v1/orders/{number}", headers=world.auth()).status_code == 404
        assert client.post(f"/api/v1/orders/{number}/status", json={"status": "cancelled"},
                           headers=world.auth()).status_code == 404
    for store in ("PAR\x0001", "../PAR01", ""):
        answer = client.get("/api/v1/orders", params={"store_id": store}, headers=world.auth())
        assert answer.status_code in (200, 422), store
        assert answer.headers["content-type"].startswith("application/")
    # Control characters a scanner adds are dropped before the code is read.
    for code, status in (("clienteling:pickup/PAR01-1/AB\x00CD", 404), ("\x00", 422),
                         ("é" * 600, 422)):
        answer = client.get("/api/v1/orders/pickup", params={"code": code}, headers=world.auth())
        assert answer.status_code == status, code


# --- numbers and pickup codes made by the device (an order placed offline) -------------------


DEVICE_NUMBER = "PAR01-260105-3F-01"


def device_body(customer_id: str, number: str = DEVICE_NUMBER, pickup: str | None = "K7MW2QXR9A",
                **changes: Any) -> dict[str, Any]:
    body = {**cc_body(customer_id, [("SKU-1001", 1)]), "order_number": number, **changes}
    if pickup is not None:
        body["pickup_code"] = pickup
    return body


def test_a_device_made_number_and_pickup_code_are_the_order_s(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    answer = post_order(client, world, device_body(customer), key="K-dev")
    assert answer.status_code == 201, answer.text
    order = answer.json()
    assert (order["order_number"], order["pickup_code"]) == (DEVICE_NUMBER, "K7MW2QXR9A")
    # The QR the device showed offline finds the order once it is on the server.
    found = client.get("/api/v1/orders/pickup", headers=world.auth(),
                       params={"code": pickup_payload(DEVICE_NUMBER, "K7MW2QXR9A")})
    assert found.status_code == 200 and found.json()["order_number"] == DEVICE_NUMBER
    # The device resends (its answer was lost): the same order, once.
    again = post_order(client, world, device_body(customer), key="K-dev")
    assert again.status_code == 201 and again.json() == order
    assert order_count(sessions) == 1
    # A device code is issued at sign-in; a delivered order's number may come from the device.
    first, second = (client.post("/api/v1/auth/login", json={
        "username": "seller1", "password": PASSWORD, "device_name": "tablet"}).json()
        for _ in range(2))
    assert re.fullmatch(r"[0-9A-Z]+", first["device_code"])
    assert first["device_code"] != second["device_code"]  # one per device session
    refreshed = client.post("/api/v1/auth/refresh",
                            json={"refresh_token": first["refresh_token"]}).json()
    assert refreshed["device_code"] == first["device_code"]
    delivered = post_order(client, world, {**delivery_body(customer, [("SKU-1003", 1)]),
                                           "order_number": "PAR01-260105-3F-02"})
    assert delivered.status_code == 201, delivered.text
    assert delivered.json()["order_number"] == "PAR01-260105-3F-02"


def test_a_number_another_order_holds_is_409_and_reserves_nothing(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    assert post_order(client, world, device_body(customer)).status_code == 201
    before = stock_of(sessions, "PAR01", "SKU-1003")
    taken = post_order(client, world, {**device_body(customer, pickup="ZZZZ9999"),
                                       "lines": [{"sku": "SKU-1003", "quantity": 1}]})
    assert taken.status_code == 409, taken.text
    assert taken.json()["code"] == "order.number_taken"
    assert taken.json()["order_number"] == DEVICE_NUMBER
    assert taken.json()["same_order"] is False and "order" not in taken.json()
    assert stock_of(sessions, "PAR01", "SKU-1003") == before
    assert order_count(sessions) == 1


def test_the_same_device_order_resent_by_another_user_is_named_as_already_placed(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str) -> None:
    """Keys are per user: a tablet that changed hands resends its order under a new key space.
    The number the device made says it is the same order, so the device can settle it."""
    first = post_order(client, world, device_body(customer), key="K-A")
    assert first.status_code == 201, first.text
    resent = post_order(client, world, device_body(customer), key="K-A", role="admin")
    assert resent.status_code == 409
    problem = resent.json()
    assert (problem["code"], problem["same_order"]) == ("order.number_taken", True)
    assert problem["order"]["order_number"] == DEVICE_NUMBER
    assert problem["order"]["pickup_code"] == first.json()["pickup_code"]
    assert order_count(sessions) == 1


@pytest.mark.parametrize("changes", [
    {"order_number": "PAR01-260105-3f-01"},  # lower case
    {"order_number": "PAR01-260105-3F"},  # suffix too short
    {"order_number": "PAR01-260105-3F-0123456789ABCDE"},  # suffix too long
    {"order_number": "PAR01-2601-3F-01"},  # not yymmdd
    {"order_number": "PAR01-261305-3F-01"},  # no 13th month
    {"order_number": "PAR02-260105-3F-01"},  # another store's STORE part
    {"order_number": "PAR01_260105_3F_01"},
    {"pickup_code": "abc"},
    {"pickup_code": "ABC"},
    {"pickup_code": "K7MW-2QXR"},
])
def test_malformed_device_numbers_and_codes_are_422(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str,
        changes: dict[str, Any]) -> None:
    answer = post_order(client, world, {**device_body(customer), **changes})
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"]
    assert order_count(sessions) == 0


def test_a_delivered_order_has_no_pickup_code_to_give(
        client: TestClient, world: World, customer: str) -> None:
    answer = post_order(client, world, {**delivery_body(customer, [("SKU-1003", 1)]),
                                        "pickup_code": "K7MW2QXR9A"})
    assert answer.status_code == 422
    assert answer.json()["code"] == "order.pickup_code"
