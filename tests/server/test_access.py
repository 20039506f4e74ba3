"""Who may do what (api-contract.md): every operation of /openapi.json × anonymous, seller,
manager, admin and a seller of another store, on SQLite and PostgreSQL.

The operations come from the OpenAPI document, so an endpoint added without a rule here fails
`test_every_operation_has_a_rule`; each operation's rule says which actors it lets through
(`allowed`: anything but 401 and 403) when used on the first store's customer and order; every
other signed-in actor gets 403 (problem+json), and anonymous gets 401 unless it is public.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from clienteling.codes.parse import pickup_payload
from clienteling.replica.schema import SCHEMA_VERSION
from clienteling.server.app import create_app
from clienteling.server.config import ServerConfig
from clienteling.server.payments.signature import sign
from tests.server.conftest import PASSWORD, World

API = "/api/v1"
SIGNED_IN = ("seller", "manager", "admin", "other")
STAFF = frozenset({"seller", "manager", "admin"})
EVERYONE = frozenset(SIGNED_IN)
MANAGERS = frozenset({"manager", "admin"})
ADMIN = frozenset({"admin"})
PUBLIC = frozenset({("GET", "/healthz"), ("POST", f"{API}/auth/login"),
                    ("POST", f"{API}/auth/refresh"), ("POST", f"{API}/payments/webhook")})
WEBHOOK_SECRET = "access-webhook-secret"


@dataclass
class Scene:
    """The first store's (PAR01) customer and click-and-collect order, made by its seller."""

    customer_id: str
    card: str
    order_number: str
    pickup_code: str
    device_id: int = 0  # a spare device of the first store's seller, to revoke
    seller_id: int = 0  # the first store's seller
    task_id: str = ""  # a task of the first store's seller about the customer


Call = Callable[[Scene], tuple[str, dict[str, Any]]]  # (path, request kwargs)


@dataclass(frozen=True)
class Case:
    call: Call
    allowed: frozenset[str]


def _order_body(customer_id: str, origin: str = "PAR01") -> dict[str, Any]:
    return {"customer_id": customer_id,
            "fulfillment": {"type": "click_and_collect", "store_id": "PAR01"},
            "lines": [{"sku": "SKU-1003", "quantity": 1}],
            "payment": {"mode": "pay_at_pickup"}, "origin_store_id": origin}


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def _signed(order_number: str) -> dict[str, Any]:
    """A webhook call the provider signed (no bearer token needed: anyone holding the secret)."""
    raw = json.dumps({"order_number": order_number, "status": "paid",
                      "reference": "PSP-1"}).encode()
    return {"content": raw, "headers": {"Content-Type": "application/json",
                                        "X-Signature": sign(WEBHOOK_SECRET, raw)}}


@pytest.fixture
def config(database_url: str, migrated_engine: Any) -> ServerConfig:
    return ServerConfig(database_url=database_url, payment_webhook_secret=WEBHOOK_SECRET)


# (method, path) → the ways to use it, each with who may.
RULES: dict[tuple[str, str], list[Case]] = {
    ("GET", "/healthz"): [Case(lambda s: ("/healthz", {}), EVERYONE)],
    ("POST", f"{API}/auth/login"): [Case(lambda s: (f"{API}/auth/login", {"json": {
        "username": "seller1", "password": PASSWORD, "device_name": "matrix"}}), EVERYONE)],
    ("POST", f"{API}/auth/refresh"): [Case(lambda s: (f"{API}/auth/refresh", {"json": {
        "refresh_token": "not-a-token"}}), frozenset())],  # 401 for everyone: a bad token
    ("POST", f"{API}/auth/logout"): [Case(lambda s: (f"{API}/auth/logout", {}), EVERYONE)],
    ("GET", f"{API}/auth/me"): [Case(lambda s: (f"{API}/auth/me", {}), EVERYONE)],
    ("POST", f"{API}/users"): [Case(lambda s: (f"{API}/users", {"json": {
        "username": f"new-{uuid.uuid4().hex[:8]}", "password": PASSWORD, "role": "seller",
        "store_id": "PAR01"}}), ADMIN)],
    ("GET", f"{API}/stores"): [Case(lambda s: (f"{API}/stores", {}), EVERYONE)],
    ("GET", f"{API}/products"): [Case(lambda s: (f"{API}/products", {"params": {"q": "veste"}}),
                                      EVERYONE)],
    ("GET", f"{API}/products/lookup"): [Case(lambda s: (f"{API}/products/lookup", {
        "params": {"code": "SKU-1001"}}), EVERYONE)],
    ("GET", f"{API}/stock"): [Case(lambda s: (f"{API}/stock", {"params": {"sku": "SKU-1001"}}),
                                   EVERYONE)],
    ("GET", f"{API}/customers"): [
        # Searching is everyone's (each finds their own store's customers, see below);
        # the store-wide list is the client book, a manager's.
        Case(lambda s: (f"{API}/customers", {"params": {"q": "Lefèvre"}}), EVERYONE),
        Case(lambda s: (f"{API}/customers", {"params": {"store_id": "PAR01"}}), MANAGERS),
    ],
    ("POST", f"{API}/customers"): [Case(lambda s: (f"{API}/customers", {"json": {
        "first_name": "Jeanne", "last_name": "Martin", "home_store_id": "PAR01"}}), STAFF)],
    ("GET", f"{API}/customers/lookup"): [Case(lambda s: (f"{API}/customers/lookup", {
        "params": {"code": s.card}}), EVERYONE)],
    ("GET", f"{API}/customers/{{customer_id}}"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}", {}), STAFF)],
    ("PATCH", f"{API}/customers/{{customer_id}}"): [
        Case(lambda s: (f"{API}/customers/{s.customer_id}", {"json": {
            "version": 1, "first_name": "Marie-Anne"}}), STAFF),
        Case(lambda s: (f"{API}/customers/{s.customer_id}", {"json": {
            "version": 1, "tier": "gold"}}), MANAGERS),
        Case(lambda s: (f"{API}/customers/{s.customer_id}", {"json": {
            "version": 1, "home_store_id": "PAR02"}}), MANAGERS),
    ],
    ("POST", f"{API}/customers/{{customer_id}}/consents"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/consents",
        {"json": {"channel": "sms", "granted": True, "source": "store"}}), STAFF)],
    ("POST", f"{API}/customers/{{customer_id}}/notes"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/notes", {"json": {"text": "Aime le bleu"}}), STAFF)],
    ("GET", f"{API}/customers/{{customer_id}}/orders"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/orders", {}), STAFF)],
    ("GET", f"{API}/customers/{{customer_id}}/wishlist"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/wishlist", {}), STAFF)],
    ("POST", f"{API}/customers/{{customer_id}}/wishlist"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/wishlist", {"json": {"sku": "SKU-1002"}}), STAFF)],
    ("DELETE", f"{API}/customers/{{customer_id}}/wishlist/{{sku}}"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/wishlist/SKU-1005", {}), STAFF)],
    ("GET", f"{API}/customers/{{customer_id}}/timeline"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/timeline", {}), STAFF)],
    ("POST", f"{API}/orders"): [
        Case(lambda s: (f"{API}/orders", {"json": _order_body(s.customer_id),
                                          "headers": _key()}), STAFF),
        # Only an admin places an order from a store that is not theirs.
        Case(lambda s: (f"{API}/orders", {"json": _order_body(s.customer_id, origin="PAR02"),
                                          "headers": _key()}), ADMIN),
    ],
    ("POST", f"{API}/orders/quote"): [
        Case(lambda s: (f"{API}/orders/quote", {"json": _order_body(s.customer_id)}), STAFF),
        Case(lambda s: (f"{API}/orders/quote", {"json": _order_body(s.customer_id,
                                                                    origin="PAR02")}), ADMIN),
    ],
    ("GET", f"{API}/delivery-methods"): [Case(lambda s: (f"{API}/delivery-methods", {}),
                                              EVERYONE)],
    # The signature authenticates the provider: unsigned → 401 for everyone, signed → anyone.
    ("POST", f"{API}/payments/webhook"): [
        Case(lambda s: (f"{API}/payments/webhook", {"json": {
            "order_number": s.order_number, "status": "paid", "reference": "PSP-1"}}),
            frozenset()),
        Case(lambda s: (f"{API}/payments/webhook", _signed(s.order_number)), EVERYONE),
    ],
    ("GET", f"{API}/orders"): [Case(lambda s: (f"{API}/orders", {
        "params": {"store_id": "PAR01"}}), STAFF)],
    ("GET", f"{API}/orders/pickup"): [Case(lambda s: (f"{API}/orders/pickup", {
        "params": {"code": pickup_payload(s.order_number, s.pickup_code)}}), STAFF)],
    ("GET", f"{API}/orders/{{order_number}}"): [Case(lambda s: (
        f"{API}/orders/{s.order_number}", {}), STAFF)],
    ("POST", f"{API}/orders/{{order_number}}/status"): [Case(lambda s: (
        f"{API}/orders/{s.order_number}/status", {"json": {"status": "ready_for_pickup"}}),
        STAFF)],
    ("GET", f"{API}/sync/changes"): [Case(lambda s: (f"{API}/sync/changes", {
        "params": {"limit": 5}}), EVERYONE)],
    # The device's own store's snapshot, as its feed: every signed-in actor gets its own.
    ("GET", f"{API}/sync/snapshot"): [Case(lambda s: (f"{API}/sync/snapshot", {
        "params": {"schema": SCHEMA_VERSION}}), EVERYONE)],
    ("GET", f"{API}/audit"): [Case(lambda s: (f"{API}/audit", {}), ADMIN)],
    ("GET", f"{API}/devices"): [
        Case(lambda s: (f"{API}/devices", {}), MANAGERS),
        Case(lambda s: (f"{API}/devices", {"params": {"store_id": "PAR01"}}), MANAGERS),
        Case(lambda s: (f"{API}/devices", {"params": {"store_id": "PAR02"}}), ADMIN),
    ],
    ("POST", f"{API}/devices/{{device_id}}/revoke"): [Case(lambda s: (
        f"{API}/devices/{s.device_id}/revoke", {}), MANAGERS)],
    ("GET", f"{API}/devices/{{device_id}}/lost"): [Case(lambda s: (
        f"{API}/devices/{s.device_id}/lost", {}), MANAGERS)],
    ("PUT", f"{API}/devices/current/outbox"): [Case(lambda s: (
        f"{API}/devices/current/outbox", {"json": {"entries": [
            {"kind": "note_add", "customer_id": s.customer_id,
             "created_at": "2026-01-02T10:00:00Z"}]}}), EVERYONE)],
    ("GET", f"{API}/customers/{{customer_id}}/consent-history"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/consent-history", {}), STAFF)],
    ("POST", f"{API}/customers/{{customer_id}}/gdpr/export"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/gdpr/export", {}), MANAGERS)],
    # The scene's customer has an open order: the erasure is recorded, not carried out, so
    # every actor meets the same customer.
    ("POST", f"{API}/customers/{{customer_id}}/gdpr/erase"): [Case(lambda s: (
        f"{API}/customers/{s.customer_id}/gdpr/erase", {"json": {"reason": "asked"}}),
        MANAGERS)],
    ("GET", f"{API}/clients"): [
        Case(lambda s: (f"{API}/clients", {"params": {"store_id": "PAR01"}}), MANAGERS),
        Case(lambda s: (f"{API}/clients", {"params": {"store_id": "PAR02"}}), ADMIN),
    ],
    ("POST", f"{API}/clients/assign"): [Case(lambda s: (f"{API}/clients/assign", {"json": {
        "customer_ids": [s.customer_id], "seller_id": s.seller_id}}), MANAGERS)],
    ("POST", f"{API}/tasks"): [Case(lambda s: (f"{API}/tasks", {"json": {
        "customer_id": s.customer_id, "assignee_id": s.seller_id, "channel": "call",
        "due_on": "2026-02-01", "reason": "Nouvelle collection"}}), MANAGERS)],
    ("GET", f"{API}/tasks"): [
        # Everyone reads their own; the store's tasks are its manager's.
        Case(lambda s: (f"{API}/tasks", {}), EVERYONE),
        Case(lambda s: (f"{API}/tasks", {"params": {"store_id": "PAR01"}}), STAFF),
        Case(lambda s: (f"{API}/tasks", {"params": {"assignee_id": s.seller_id}}), STAFF),
    ],
    ("POST", f"{API}/tasks/{{task_id}}"): [Case(lambda s: (
        f"{API}/tasks/{s.task_id}", {"json": {"snoozed_until": "2026-02-03"}}), STAFF)],
    ("POST", f"{API}/exports"): [Case(lambda s: (f"{API}/exports", {"json": {
        "store_id": "PAR01"}}), MANAGERS)],
    ("GET", f"{API}/exports"): [Case(lambda s: (f"{API}/exports", {
        "params": {"store_id": "PAR01"}}), MANAGERS)],
    ("POST", f"{API}/exports/records"): [Case(lambda s: (f"{API}/exports/records", {"json": {
        "filters": {"store_id": "PAR01"}, "rows": 3, "at": "2026-02-03T10:00:00Z"}}),
        MANAGERS)],
    ("GET", f"{API}/staff"): [
        Case(lambda s: (f"{API}/staff", {"params": {"store_id": "PAR01"}}), MANAGERS),
        Case(lambda s: (f"{API}/staff", {"params": {"store_id": "PAR02"}}), ADMIN),
    ],
    ("GET", f"{API}/kpis"): [Case(lambda s: (f"{API}/kpis", {
        "params": {"store_id": "PAR01"}}), MANAGERS)],
}


def _operations() -> list[tuple[str, str]]:
    document = create_app(ServerConfig(database_url="sqlite://")).openapi()
    return [(method.upper(), path) for path, operations in document["paths"].items()
            for method in operations]


OPERATIONS = _operations()


def test_every_operation_has_a_rule() -> None:
    missing = sorted(set(OPERATIONS) - RULES.keys())
    assert not missing, f"operations without an access rule in {__name__}: {missing}"
    assert not RULES.keys() - set(OPERATIONS), "rules of operations that no longer exist"


@pytest.fixture
def scene(client: TestClient, world: World) -> Scene:
    seller = world.auth("seller")
    customer = client.post(f"{API}/customers", headers=seller, json={
        "first_name": "Marie", "last_name": "Lefèvre", "email": "marie.lefevre@example.fr",
        "phone": "06 12 34 56 78"})
    assert customer.status_code == 201, customer.text
    customer_id = customer.json()["customer_id"]
    assert client.post(f"{API}/customers/{customer_id}/wishlist", headers=seller,
                       json={"sku": "SKU-1005"}).status_code == 201
    order = client.post(f"{API}/orders", headers={**seller, **_key()},
                        json=_order_body(customer_id))
    assert order.status_code == 201, order.text
    spare = client.post(f"{API}/auth/login", json={
        "username": "seller1", "password": PASSWORD, "device_name": "spare tablet"})
    assert spare.status_code == 200, spare.text
    devices = client.get(f"{API}/devices", headers=world.auth("admin")).json()
    seller_id = client.get(f"{API}/auth/me", headers=seller).json()["id"]
    task = client.post(f"{API}/tasks", headers=world.auth("manager"), json={
        "customer_id": customer_id, "assignee_id": seller_id, "channel": "visit",
        "due_on": "2026-02-01", "reason": "Retouches prêtes"})
    assert task.status_code == 201, task.text
    return Scene(seller_id=seller_id, task_id=task.json()["task_id"],
                 customer_id=customer_id, card=customer.json()["loyalty"]["card"],
                 order_number=order.json()["order_number"],
                 pickup_code=order.json()["pickup_code"],
                 device_id=next(d["device_id"] for d in devices if d["name"] == "spare tablet"))


def _send(client: TestClient, world: World, actor: str, method: str, call: Call,
          scene: Scene) -> Any:
    path, kwargs = call(scene)
    headers = dict(kwargs.pop("headers", {}))
    if actor != "anonymous":
        headers.update(world.auth("seller2" if actor == "other" else actor))
    return client.request(method, path, headers=headers, **kwargs)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_who_may_do_what(client: TestClient, world: World, scene: Scene, method: str,
                         path: str) -> None:
    cases = RULES[(method, path)]
    for case in cases:
        anonymous = _send(client, world, "anonymous", method, case.call, scene)
        if (method, path) in PUBLIC:
            assert anonymous.status_code not in (403,), anonymous.text
        else:
            assert anonymous.status_code == 401, anonymous.text
            assert anonymous.headers["content-type"] == "application/problem+json"
        # The refused first, so an allowed write cannot change what they are refused.
        for actor in sorted(SIGNED_IN, key=lambda a: a in case.allowed):
            answer = _send(client, world, actor, method, case.call, scene)
            if actor in case.allowed:
                assert answer.status_code not in (401, 403), (actor, answer.text)
            elif (method, path) in PUBLIC:
                assert answer.status_code == 401, (actor, answer.text)
            else:
                assert answer.status_code == 403, (actor, answer.text)
                assert answer.headers["content-type"] == "application/problem+json"


# --- the rules one by one -----------------------------------------------------------------


def _audit(client: TestClient, world: World, **params: Any) -> list[dict[str, Any]]:
    answer = client.get(f"{API}/audit", params=params, headers=world.auth("admin"))
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def _found(client: TestClient, world: World, q: str, role: str = "seller2") -> list[str]:
    answer = client.get(f"{API}/customers", params={"q": q}, headers=world.auth(role))
    assert answer.status_code == 200, answer.text
    return [c["customer_id"] for c in answer.json()["items"]]


def test_a_search_finds_another_stores_customer_by_an_exact_identifier_only(
        client: TestClient, world: World, scene: Scene) -> None:
    mine = [scene.customer_id]
    # The home store finds its customer by any part of them.
    for q in ("lefev", "Marie Lefèvre", "marie.lef", "0612345678", scene.card[:6]):
        assert _found(client, world, q, role="seller") == mine, q
    # Another store's seller does not browse them…
    for q in ("lefev", "Marie Lefèvre", "marie.lef", "marie.lefevre@example", scene.card[:12],
              "29", "2"):
        assert _found(client, world, q) == [], q
    assert _audit(client, world, action="customer.lookup") == []
    # …but serves them when they give their card, whole email address or phone number.
    for q in (scene.card, "MARIE.LEFEVRE@example.fr", "+33 6 12 34 56 78", "06.12.34.56.78"):
        assert _found(client, world, q) == mine, q
    lookups = _audit(client, world, action="customer.lookup", customer_id=scene.customer_id)
    assert len(lookups) == 4
    assert {e["username"] for e in lookups} == {"seller2"}
    assert {e["store_id"] for e in lookups} == {"PAR02"}


def test_another_stores_customer_is_read_after_a_lookup_never_written(
        client: TestClient, world: World, scene: Scene, sessions: Any) -> None:
    other = world.auth("seller2")
    profile = f"{API}/customers/{scene.customer_id}"
    refused = client.get(profile, headers=other)
    assert refused.status_code == 403
    assert refused.json()["code"] == "customer.other_store"
    assert client.get(f"{API}/customers/lookup", params={"code": scene.card},
                      headers=other).status_code == 200
    for path in ("", "/orders", "/wishlist", "/timeline"):
        assert client.get(profile + path, headers=other).status_code == 200, path
    reads = _audit(client, world, action="customer.read", customer_id=scene.customer_id)
    assert sorted(e["detail"]["read"] for e in reads) == ["orders", "profile", "timeline",
                                                          "wishlist"]
    # Reading is not working the customer: that stays with their home store.
    writes = [
        client.patch(profile, json={"version": 1, "first_name": "Mia"}, headers=other),
        client.post(profile + "/notes", json={"text": "vu à Montparnasse"}, headers=other),
        client.post(profile + "/wishlist", json={"sku": "SKU-1001"}, headers=other),
        client.delete(profile + "/wishlist/SKU-1005", headers=other),
        client.post(profile + "/consents", json={"channel": "email", "granted": True,
                                                 "source": "store"}, headers=other),
    ]
    assert [a.status_code for a in writes] == [403] * 5
    # The lookup lets them read for a while, not for ever.
    from sqlalchemy import update

    from clienteling.server.audit.models import AuditEntry

    with sessions() as session, session.begin():
        session.execute(update(AuditEntry).values(at=datetime.now(UTC) - timedelta(hours=13)))
    assert client.get(profile, headers=other).status_code == 403


def test_a_customer_collecting_at_a_store_is_readable_there(
        client: TestClient, world: World, scene: Scene) -> None:
    body = {**_order_body(scene.customer_id),
            "fulfillment": {"type": "click_and_collect", "store_id": "PAR02"}}
    assert client.post(f"{API}/orders", json=body,
                       headers={**world.auth("seller"), **_key()}).status_code == 201
    answer = client.get(f"{API}/customers/{scene.customer_id}", headers=world.auth("seller2"))
    assert answer.status_code == 200, answer.text


def test_orders_are_placed_from_the_sellers_store_and_moved_by_their_stores(
        client: TestClient, world: World, scene: Scene) -> None:
    other = world.auth("seller2")
    elsewhere = client.post(f"{API}/orders", json=_order_body(scene.customer_id, "PAR01"),
                            headers={**other, **_key()})
    assert elsewhere.status_code == 403
    assert elsewhere.json()["code"] == "order.origin_store"
    cancel = client.post(f"{API}/orders/{scene.order_number}/status",
                         json={"status": "cancelled"}, headers=other)
    assert cancel.status_code == 403
    assert cancel.json()["code"] == "order.other_store"
    queue = client.get(f"{API}/orders", params={"store_id": "PAR01"}, headers=other)
    assert queue.status_code == 403
    scanned = client.get(f"{API}/orders/pickup", headers=other, params={
        "code": pickup_payload(scene.order_number, scene.pickup_code)})
    assert scanned.status_code == 403
    assert scanned.json() | {"code": "order.other_store", "store_id": "PAR01"} == scanned.json()
    # Nothing moved: the order is still confirmed, its unit still reserved at PAR01.
    order = client.get(f"{API}/orders/{scene.order_number}", headers=world.auth())
    assert order.json()["status"] == "confirmed"
    stock = client.get(f"{API}/stock", params={"sku": "SKU-1003"}, headers=world.auth()).json()
    assert {s["store_id"]: s["reserved"] for s in stock}["PAR01"] == 1
    moved = client.post(f"{API}/orders/{scene.order_number}/status",
                        json={"status": "ready_for_pickup"}, headers=world.auth())
    assert moved.status_code == 200
    entry = _audit(client, world, action="order.move")[0]
    assert entry["detail"] == {"order_number": scene.order_number, "status": "ready_for_pickup"}
    assert (entry["username"], entry["customer_id"]) == ("seller1", scene.customer_id)


def test_a_manager_sets_a_tier_of_the_chain_and_assigns_staff_of_the_store(
        client: TestClient, world: World, scene: Scene) -> None:
    manager = world.auth("manager")
    profile = f"{API}/customers/{scene.customer_id}"
    unknown = client.patch(profile, json={"version": 1, "tier": "diamond"}, headers=manager)
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "customer.tier_unknown"
    assert unknown.json()["errors"][0]["field"] == "tier"
    by_seller = client.patch(profile, json={"version": 1, "tier": "gold"},
                             headers=world.auth("seller"))
    assert by_seller.status_code == 403
    gold = client.patch(profile, json={"version": 1, "tier": "gold"}, headers=manager)
    assert gold.status_code == 200 and gold.json()["loyalty"]["tier"] == "gold"
    staff = {role: client.get(f"{API}/auth/me", headers=world.auth(role)).json()["id"]
             for role in ("seller", "seller2", "admin")}
    for who in ("seller2", "admin"):  # another store's seller; an admin has no store's book
        refused = client.patch(profile, json={"version": 2, "assigned_seller_id": staff[who]},
                               headers=manager)
        assert refused.status_code == 422, who
        assert refused.json()["code"] == "staff.other_store"
    too_big = client.patch(profile, json={"version": 2, "assigned_seller_id": 2**31},
                           headers=manager)
    assert too_big.status_code == 422
    assigned = client.patch(profile, json={"version": 2, "assigned_seller_id": staff["seller"]},
                            headers=manager)
    assert assigned.status_code == 200, assigned.text
    changes = _audit(client, world, customer_id=scene.customer_id)
    assert [(e["action"], e["detail"]) for e in changes
            if e["action"] in ("customer.tier", "customer.assign")] == [
        ("customer.assign", {"from": None, "to": staff["seller"]}),
        ("customer.tier", {"from": "member", "to": "gold"}),
    ]


def test_staff_enrol_customers_in_their_own_store(client: TestClient, world: World) -> None:
    body = {"first_name": "Jeanne", "last_name": "Martin", "home_store_id": "PAR02"}
    refused = client.post(f"{API}/customers", json=body, headers=world.auth("seller"))
    assert refused.status_code == 403
    mine = client.post(f"{API}/customers", json=body, headers=world.auth("seller2"))
    assert mine.status_code == 201 and mine.json()["home_store_id"] == "PAR02"


def test_the_audit_log_pages_newest_first_and_is_read_by_admins_only(
        client: TestClient, world: World, scene: Scene) -> None:
    for _ in range(3):
        client.get(f"{API}/customers/lookup", params={"code": scene.card},
                   headers=world.auth("seller2"))
    first = client.get(f"{API}/audit", params={"limit": 2}, headers=world.auth("admin")).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = client.get(f"{API}/audit", params={"limit": 2, "cursor": first["next_cursor"]},
                      headers=world.auth("admin")).json()
    ids = [e["id"] for e in first["items"] + rest["items"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids) >= 3
    for role in ("seller", "manager"):
        assert client.get(f"{API}/audit", headers=world.auth(role)).status_code == 403
    # The API has no way to change the log.
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert client.request(method, f"{API}/audit", headers=world.auth("admin")
                              ).status_code == 405


def test_refused_sign_ins_are_in_the_audit_log(client: TestClient, world: World) -> None:
    for password in ("wrong", "still wrong"):
        answer = client.post(f"{API}/auth/login", json={
            "username": "seller2", "password": password, "device_name": "guess"})
        assert answer.status_code == 401
    unknown = client.post(f"{API}/auth/login", json={
        "username": "nobody", "password": "x" * 8, "device_name": "guess"})
    assert unknown.status_code == 401
    entries = _audit(client, world, action="auth.login_failed")
    assert [(e["username"], e["detail"]["reason"]) for e in entries] == [
        ("nobody", "bad_credentials"), ("seller2", "bad_credentials"),
        ("seller2", "bad_credentials")]
    assert all(e["staff_id"] is None for e in entries)
