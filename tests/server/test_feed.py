"""The change feed over HTTP: what each store's devices get, moves between scopes, paging."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from clienteling.server import wire
from clienteling.server.auth.service import create_user
from clienteling.server.config import ServerConfig
from clienteling.server.customers.models import InteractionRow, WishlistRow
from clienteling.server.feed import service as feed
from tests.server.conftest import PASSWORD, World, settle
from tests.server.test_orders import NOW, add_customer, cc_body, post_order

Replica = dict[tuple[str, str], dict[str, Any]]


@pytest.fixture
def config(database_url: str, migrated_engine: object) -> ServerConfig:
    # One nearest store: a PAR01 device holds PAR01's and PAR02's stock, not Lyon's.
    return ServerConfig(database_url=database_url, nearest_stores=1, feed_page_max=50)


def pull(client: TestClient, headers: dict[str, str], cursor: str | None = None,
         limit: int = 50) -> tuple[list[dict[str, Any]], str]:
    """Every change after `cursor`, page by page, and the cursor to continue from."""
    changes: list[dict[str, Any]] = []
    for _ in range(1000):
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        answer = client.get("/api/v1/sync/changes", params=params, headers=headers)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "application/json"
        page = answer.json()
        assert len(page["changes"]) <= limit
        changes += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes, cursor
    raise AssertionError("the feed never ended")


def apply(replica: Replica, changes: list[dict[str, Any]]) -> Replica:
    for change in changes:
        if change["op"] == "upsert":
            replica[(change["entity"], change["key"])] = change["data"]
        else:
            replica.pop((change["entity"], change["key"]), None)
    return replica


def keys(replica: Replica, entity: str) -> set[str]:
    return {k for e, k in replica if e == entity}


def login(client: TestClient, username: str) -> dict[str, str]:
    answer = client.post("/api/v1/auth/login", json={
        "username": username, "password": PASSWORD, "device_name": "feed test"})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture
def lyon(world: World, client: TestClient, sessions: sessionmaker[Session]) -> dict[str, str]:
    with sessions() as session, session.begin():
        create_user(session, username="seller-lyon", password=PASSWORD, role="seller",
                    store_id="LYS01")
    return login(client, "seller-lyon")


def add_wish(sessions: sessionmaker[Session], customer_id: str, sku: str) -> None:
    with sessions() as session, session.begin():
        row = WishlistRow(customer_id=customer_id, sku=sku, added_at=NOW)
        session.add(row)
        session.flush()
        feed.record_for_customer(session, customer_id=customer_id, entity="wishlist_item",
                                 key=feed.wishlist_key(customer_id, sku),
                                 data=wire.wishlist_item(row))


def add_note(sessions: sessionmaker[Session], customer_id: str, interaction_id: str) -> None:
    with sessions() as session, session.begin():
        row = InteractionRow(interaction_id=interaction_id, customer_id=customer_id,
                             occurred_at=NOW, channel="store", kind="note",
                             summary="Prefers navy", store_id="PAR01", author="Seller One")
        session.add(row)
        session.flush()
        feed.record_for_customer(session, customer_id=customer_id, entity="interaction",
                                 key=interaction_id, data=wire.interaction(row))


@pytest.fixture
def customers(world: World, sessions: sessionmaker[Session]) -> None:
    add_customer(sessions, "C-PAR", "PAR01", first_name="Camille", last_name="Lefèvre")
    add_customer(sessions, "C-PAR2", "PAR02", first_name="Hugo", last_name="Martin")
    add_customer(sessions, "C-LYS", "LYS01", first_name="Inès", last_name="Roux")
    add_wish(sessions, "C-PAR", "SKU-1002")
    add_note(sessions, "C-PAR", "note-1")


def test_a_device_gets_its_stores_customers_its_nearest_stock_and_the_whole_catalogue(
        client: TestClient, world: World, sessions: sessionmaker[Session], customers: None,
        lyon: dict[str, str]) -> None:
    settle(sessions)
    paris = apply({}, pull(client, world.auth())[0])
    assert keys(paris, "store") == {"PAR01", "PAR02", "LYS01"}
    assert keys(paris, "product") == {f"SKU-100{i}" for i in range(1, 6)}
    assert keys(paris, "stock") == {f"{s}/{sku}" for (s, sku) in
                                    [("PAR01", "SKU-1001"), ("PAR01", "SKU-1002"),
                                     ("PAR01", "SKU-1003"), ("PAR01", "SKU-1005"),
                                     ("PAR02", "SKU-1001"), ("PAR02", "SKU-1002"),
                                     ("PAR02", "SKU-1003")]}
    assert keys(paris, "customer") == {"C-PAR"}
    assert keys(paris, "wishlist_item") == {"C-PAR/SKU-1002"}
    assert keys(paris, "interaction") == {"note-1"}
    assert paris[("customer", "C-PAR")]["last_name"] == "Lefèvre"
    assert paris[("stock", "PAR01/SKU-1001")]["available"] == 5

    lyon_replica = apply({}, pull(client, lyon)[0])
    assert keys(lyon_replica, "customer") == {"C-LYS"}
    # Lyon's nearest store is a Paris one (PAR02 is a little closer than PAR01).
    assert {k.split("/")[0] for k in keys(lyon_replica, "stock")} == {"LYS01", "PAR02"}
    assert keys(lyon_replica, "product") == keys(paris, "product")
    assert not keys(lyon_replica, "wishlist_item") | keys(lyon_replica, "interaction")


def test_a_pickup_elsewhere_brings_the_customer_to_that_store_until_collected(
        client: TestClient, world: World, sessions: sessionmaker[Session],
        customers: None) -> None:
    par01, par02 = world.auth("seller"), world.auth("seller2")
    settle(sessions)
    home_changes, home_cursor = pull(client, par01)
    home = apply({}, home_changes)
    pickup_changes, pickup_cursor = pull(client, par02)
    pickup = apply({}, pickup_changes)
    assert keys(pickup, "customer") == {"C-PAR2"}

    placed = post_order(client, world, cc_body("C-PAR", [("SKU-1001", 1)], store_id="PAR02"))
    assert placed.status_code == 201, placed.text
    order = placed.json()
    number = order["order_number"]
    settle(sessions)

    new_at_pickup, pickup_cursor = pull(client, par02, pickup_cursor)
    apply(pickup, new_at_pickup)
    assert keys(pickup, "customer") == {"C-PAR", "C-PAR2"}
    assert keys(pickup, "order") == {number}
    assert keys(pickup, "wishlist_item") == {"C-PAR/SKU-1002"}
    assert keys(pickup, "interaction") == {"note-1", f"order-{number}"}
    assert pickup[("order", number)] == order  # the feed carries what the API answered
    assert pickup[("stock", "PAR02/SKU-1001")]["reserved"] == 1

    new_at_home, home_cursor = pull(client, par01, home_cursor)
    apply(home, new_at_home)
    assert home[("order", number)] == order
    assert ("interaction", f"order-{number}") in home
    assert home[("stock", "PAR02/SKU-1001")]["reserved"] == 1

    for status in ("ready_for_pickup", "collected"):
        moved = client.post(f"/api/v1/orders/{number}/status", json={"status": status},
                            headers=par02)
        assert moved.status_code == 200, moved.text
        settle(sessions)
        new_at_pickup, pickup_cursor = pull(client, par02, pickup_cursor)
        apply(pickup, new_at_pickup)
    # Collected: PAR02's devices forget the customer and everything of theirs.
    deletes = {(c["entity"], c["key"]) for c in new_at_pickup if c["op"] == "delete"}
    assert deletes == {("customer", "C-PAR"), ("order", number),
                       ("wishlist_item", "C-PAR/SKU-1002"), ("interaction", "note-1"),
                       ("interaction", f"order-{number}"),
                       # the timeline entry of telling the customer the order was ready
                       ("interaction", f"ready-{number}")}
    assert keys(pickup, "customer") == {"C-PAR2"}
    assert not keys(pickup, "order") | keys(pickup, "wishlist_item") | keys(
        pickup, "interaction")
    assert pickup[("stock", "PAR02/SKU-1001")] | {"updated_at": None} == {
        "store_id": "PAR02", "sku": "SKU-1001", "on_hand": 2, "reserved": 0, "available": 2,
        "updated_at": None}

    new_at_home, home_cursor = pull(client, par01, home_cursor)
    apply(home, new_at_home)
    assert home[("order", number)]["status"] == "collected"
    assert keys(home, "customer") == {"C-PAR"}


def test_a_cancelled_pickup_also_leaves_the_pickup_store(
        client: TestClient, world: World, sessions: sessionmaker[Session],
        customers: None) -> None:
    par02 = world.auth("seller2")
    settle(sessions)
    pickup, cursor = pull(client, par02)
    replica = apply({}, pickup)
    first = post_order(client, world, cc_body("C-PAR", [("SKU-1001", 1)], store_id="PAR02"))
    second = post_order(client, world, cc_body("C-PAR", [("SKU-1003", 1)], store_id="PAR02"))
    numbers = [first.json()["order_number"], second.json()["order_number"]]
    client.post(f"/api/v1/orders/{numbers[0]}/status", json={"status": "cancelled"},
                headers=par02)
    settle(sessions)
    changes, cursor = pull(client, par02, cursor)
    apply(replica, changes)
    # One pickup still open: the customer stays, with both orders (one cancelled).
    assert "C-PAR" in keys(replica, "customer")
    assert replica[("order", numbers[0])]["status"] == "cancelled"
    client.post(f"/api/v1/orders/{numbers[1]}/status", json={"status": "cancelled"},
                headers=par02)
    settle(sessions)
    changes, cursor = pull(client, par02, cursor)
    apply(replica, changes)
    assert keys(replica, "customer") == {"C-PAR2"}
    assert not keys(replica, "order")


def test_paging_reaches_every_change_exactly_once(
        client: TestClient, world: World, sessions: sessionmaker[Session],
        customers: None) -> None:
    for sku in ("SKU-1001", "SKU-1003", "SKU-1003", "SKU-1005"):
        assert post_order(client, world, cc_body("C-PAR", [(sku, 1)])).status_code == 201
    settle(sessions)
    whole, end = pull(client, world.auth(), limit=50)
    assert 20 < len(whole) < 50
    for limit in (1, 3, 7):
        paged, paged_end = pull(client, world.auth(), limit=limit)
        assert paged == whole
        assert paged_end == end
    # Compacted: one change per entity for this audience, the latest.
    assert len({(c["entity"], c["key"]) for c in whole}) == len(whole)
    assert next(c for c in whole if c["key"] == "PAR01/SKU-1003")["data"]["reserved"] == 2
    # Nothing new: an empty page that keeps the cursor.
    again = client.get("/api/v1/sync/changes", params={"cursor": end}, headers=world.auth())
    assert again.json() == {"changes": [], "next_cursor": end, "has_more": False}
    # Something new: only that.
    add_note(sessions, "C-PAR", "note-2")
    settle(sessions)
    changes, _ = pull(client, world.auth(), end)
    assert [(c["entity"], c["key"], c["op"]) for c in changes] == [
        ("interaction", "note-2", "upsert")]


def test_an_unknown_cursor_means_download_everything_again(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    settle(sessions)
    _, end = pull(client, world.auth())
    head_txid, head_position = (int(p) for p in end.split("-"))
    for cursor in ("garbage", "12", "1-2-3", "-1-5", "x" * 5000, "99999999999999999999-1",
                   "9999999999999999999-1", f"{head_txid + 10**12}-{head_position}",
                   f"{head_txid}-{head_position + 1000}", "١-٢"):
        answer = client.get("/api/v1/sync/changes", params={"cursor": cursor},
                            headers=world.auth())
        assert answer.status_code == 410, cursor
        assert answer.json()["code"] == "sync.cursor_unknown"
    assert client.get("/api/v1/sync/changes", params={"cursor": ""},
                      headers=world.auth()).status_code == 200


def test_the_page_size_is_bounded(client: TestClient, world: World,
                                  sessions: sessionmaker[Session]) -> None:
    for limit in (0, 51, -3):
        answer = client.get("/api/v1/sync/changes", params={"limit": limit},
                            headers=world.auth())
        assert answer.status_code == 422, limit
        assert answer.json()["errors"][0]["field"] == "limit"
    settle(sessions)
    page = client.get("/api/v1/sync/changes", params={"limit": 5}, headers=world.auth()).json()
    assert len(page["changes"]) == 5
    assert page["has_more"] is True


def test_openapi_declares_the_page_and_the_idempotency_key(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ok = spec["paths"]["/api/v1/sync/changes"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"]["$ref"].endswith("/ChangesPage")
    place = spec["paths"]["/api/v1/orders"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header"
               for p in place["parameters"])
    assert place["responses"]["201"]["content"]["application/json"]["schema"][
        "$ref"].endswith("/Order")


def test_a_change_to_the_newest_entry_moves_past_a_device_that_already_read_it(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    """Compaction deletes the older row of an entity; its replacement must still land after
    every cursor served, even when the deleted row was the newest of the feed (SQLite reuses
    the largest rowid unless the table is AUTOINCREMENT)."""
    customer_id = client.post("/api/v1/customers", json={
        "first_name": "Hélène", "last_name": "Lefèvre", "home_store_id": "PAR01"},
        headers=world.auth()).json()["customer_id"]
    headers = world.auth()
    _, cursor = pull(client, headers)
    for version in (2, 3, 4):
        edited = client.patch(f"/api/v1/customers/{customer_id}", json={
            "version": version - 1, "email": f"v{version}@example.com"}, headers=headers)
        assert edited.status_code == 200, edited.text
        settle(sessions)
        changes, cursor = pull(client, headers, cursor)
        seen = [c["data"]["version"] for c in changes
                if c["entity"] == "customer" and c["key"] == customer_id]
        assert seen == [version]
