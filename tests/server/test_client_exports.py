"""`POST /exports/records` (an export the app made from its replica, recorded when it syncs)
and `GET /staff` (whom a manager assigns clients to), on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.server.conftest import World

API = "/api/v1"
RECORD = {"filters": {"store_id": "PAR01", "segment": "lost", "consent": "email",
                      "sort": "-lifetime_value"},
          "rows": 42, "at": "2026-02-03T10:15:00Z"}


def test_an_export_made_on_the_device_is_recorded_once(client: TestClient,
                                                        world: World) -> None:
    manager = {**world.auth("manager"), "Idempotency-Key": "export-1"}
    made = client.post(f"{API}/exports/records", headers=manager, json=RECORD)
    assert made.status_code == 201, made.text
    again = client.post(f"{API}/exports/records", headers=manager, json=RECORD)
    assert again.status_code == 201 and again.json() == made.json()
    me = client.get(f"{API}/auth/me", headers=world.auth("manager")).json()["id"]
    listed = client.get(f"{API}/exports", headers=world.auth("manager"),
                        params={"store_id": "PAR01"}).json()
    assert len(listed) == 1
    assert listed[0]["staff_id"] == me and listed[0]["rows"] == 42
    assert listed[0]["at"].startswith("2026-02-03T10:15:00")
    assert listed[0]["filters"] == {"store_id": "PAR01", "segment": "lost",
                                    "consent": "email", "sort": "-lifetime_value"}
    audit = client.get(f"{API}/audit", headers=world.auth("admin"),
                       params={"action": "export"}).json()["items"]
    assert [e["detail"]["rows"] for e in audit] == [42]


def test_a_seller_or_another_store_cannot_record_an_export(client: TestClient,
                                                             world: World) -> None:
    assert client.post(f"{API}/exports/records", headers=world.auth("seller"),
                       json=RECORD).status_code == 403
    other = {**RECORD, "filters": {"store_id": "PAR02"}}
    assert client.post(f"{API}/exports/records", headers=world.auth("manager"),
                       json=other).status_code == 403
    assert client.post(f"{API}/exports/records", headers=world.auth("admin"),
                       json=other).status_code == 201
    for bad in ({**RECORD, "rows": -1}, {**RECORD, "at": "yesterday"},
                {"filters": {"store_id": "PAR01", "segment": "nope"}, "rows": 1,
                 "at": RECORD["at"]}):
        assert client.post(f"{API}/exports/records", headers=world.auth("manager"),
                           json=bad).status_code == 422


def test_the_store_staff_for_assignments(client: TestClient, world: World) -> None:
    sellers = client.get(f"{API}/staff", headers=world.auth("manager"),
                         params={"store_id": "PAR01", "role": "seller"})
    assert sellers.status_code == 200, sellers.text
    assert [(s["display_name"], s["role"]) for s in sellers.json()] == [("Seller One",
                                                                          "seller")]
    everyone = client.get(f"{API}/staff", headers=world.auth("admin"),
                          params={"store_id": "PAR01"}).json()
    assert {s["role"] for s in everyone} == {"seller", "manager", "admin"}
    assert client.get(f"{API}/staff", headers=world.auth("seller"),
                      params={"store_id": "PAR01"}).status_code == 403
    assert client.get(f"{API}/staff", headers=world.auth("manager"),
                      params={"store_id": "PAR02"}).status_code == 403
