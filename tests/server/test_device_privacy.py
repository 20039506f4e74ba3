"""Issue 13 through the API (SQLite and PostgreSQL): a device reports its unsent work and a
revoked one's is "lost with the device" (audited); the 360's consent history; a manager's GDPR
export and erasure, audited with who asked."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from clienteling.server.audit.models import AuditEntry
from tests.server.conftest import PASSWORD, World
from tests.server.test_privacy import _enrol, _move, _order

API = "/api/v1"


def _login(client: TestClient, username: str, device: str) -> dict[str, Any]:
    answer = client.post(f"{API}/auth/login", json={
        "username": username, "password": PASSWORD, "device_name": device})
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def _device_id(client: TestClient, world: World, name: str) -> int:
    devices = client.get(f"{API}/devices", headers=world.auth("admin")).json()
    return next(d["device_id"] for d in devices if d["name"] == name)  # type: ignore[no-any-return]


def _audit(sessions: sessionmaker[Session], action: str) -> list[AuditEntry]:
    with sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                    .order_by(AuditEntry.id)))


def test_sign_in_tells_the_device_how_long_it_may_stay_without_contact(
        client: TestClient, world: World) -> None:
    assert _login(client, "seller1", "tablet")["device_lock_days"] == 14


def test_unsent_work_of_a_revoked_device_is_lost_with_it_and_audited(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    tablet = _login(client, "seller1", "lost tablet")
    bearer = {"Authorization": f"Bearer {tablet['access_token']}"}
    device_id = _device_id(client, world, "lost tablet")
    unsent = [{"kind": "order_create", "customer_id": "C-1", "order_number": "PAR01-261129-AB12",
               "created_at": "2026-11-29T09:00:00+00:00"},
              {"kind": "note_add", "customer_id": "C-2", "order_number": None,
               "created_at": "2026-11-29T09:05:00+00:00"}]
    # An older report is replaced by the newer one.
    assert client.put(f"{API}/devices/current/outbox", headers=bearer,
                      json={"entries": unsent[:1]}).status_code == 204
    assert client.put(f"{API}/devices/current/outbox", headers=bearer,
                      json={"entries": unsent}).status_code == 204
    lost = client.get(f"{API}/devices/{device_id}/lost", headers=world.auth("manager"))
    assert lost.status_code == 200, lost.text
    # Not revoked: it may still send it, nothing is lost yet.
    assert (lost.json()["revoked"], lost.json()["entries"]) == (False, [])
    assert lost.json()["reported_at"] is not None

    assert client.post(f"{API}/devices/{device_id}/revoke",
                       headers=world.auth("manager")).status_code == 200
    lost = client.get(f"{API}/devices/{device_id}/lost", headers=world.auth("manager")).json()
    assert lost["revoked"] is True
    assert [(e["kind"], e["customer_id"], e["order_number"]) for e in lost["entries"]] == [
        (e["kind"], e["customer_id"], e["order_number"]) for e in unsent]
    assert [datetime.fromisoformat(e["created_at"]) for e in lost["entries"]] == [
        datetime.fromisoformat(e["created_at"]) for e in unsent]
    # Revoked, it reports nothing more: its token no longer works.
    again = client.put(f"{API}/devices/current/outbox", headers=bearer, json={"entries": []})
    assert again.json()["code"] == "auth.device_revoked"
    # Another store's manager and a seller may not see it; an unknown device is a 404.
    assert client.get(f"{API}/devices/{device_id}/lost",
                      headers=world.auth("seller")).status_code == 403
    assert client.get(f"{API}/devices/99999/lost",
                      headers=world.auth("admin")).status_code == 404
    [entry] = _audit(sessions, "device.revoke")
    assert [e["order_number"] for e in (entry.detail or {})["lost_with_device"]] == [
        "PAR01-261129-AB12", None]


def test_a_report_is_checked(client: TestClient, world: World) -> None:
    answer = client.put(f"{API}/devices/current/outbox", headers=world.auth("seller"),
                        json={"entries": [{"kind": "x" * 41, "created_at": "2026-11-29"}]})
    assert answer.status_code == 422


def test_the_consent_history_says_when_how_and_by_whom(
        client: TestClient, world: World) -> None:
    customer = _enrol(client, world)
    cid = customer["customer_id"]
    seller = world.auth("seller")
    for granted in (True, False):
        assert client.post(f"{API}/customers/{cid}/consents", headers=seller, json={
            "channel": "sms", "granted": granted, "source": "store"}).status_code == 200
    answer = client.get(f"{API}/customers/{cid}/consent-history", headers=seller)
    assert answer.status_code == 200, answer.text
    history = answer.json()
    assert [(h["channel"], h["granted"], h["source"], h["by"]) for h in history] == [
        ("email", True, "enrolment", "seller1"), ("sms", True, "store", "seller1"),
        ("sms", False, "store", "seller1")]
    assert all(h["at"] for h in history)
    assert client.get(f"{API}/customers/{cid}/consent-history",
                      headers=world.auth("seller2")).status_code == 403
    assert client.get(f"{API}/customers/NOPE/consent-history",
                      headers=seller).status_code == 404


def test_a_manager_exports_and_erases_a_customer_audited(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    customer = _enrol(client, world)
    cid = customer["customer_id"]
    manager = world.auth("manager")
    answer = client.post(f"{API}/customers/{cid}/gdpr/export", headers=manager)
    assert answer.status_code == 200, answer.text
    assert answer.json()["document"]["customer"]["customer_id"] == cid
    assert "Lefèvre" in answer.json()["html"]
    [exported] = _audit(sessions, "gdpr.export")
    assert (exported.username, exported.customer_id) == ("manager1", cid)
    assert exported.staff_id is not None and exported.store_id == "PAR01"

    # An open order: refused with the reason, the request recorded.
    order = _order(client, world, cid)
    refused = client.post(f"{API}/customers/{cid}/gdpr/erase", headers=manager,
                          json={"reason": "asked by email"})
    assert refused.status_code == 200, refused.text
    assert (refused.json()["done"], refused.json()["open_orders"]) == (False, [order])
    assert client.get(f"{API}/customers/{cid}", headers=manager).status_code == 200
    _move(client, world, order, "ready_for_pickup", "collected")
    # Carried out when the order closed.
    assert client.get(f"{API}/customers/{cid}", headers=manager).status_code == 404
    # Erased, the customer is a 404 everywhere, erasure included.
    assert client.post(f"{API}/customers/{cid}/gdpr/erase", headers=manager).status_code == 404
    erasures = _audit(sessions, "gdpr.erase")
    assert [(e.username, (e.detail or {}).get("status")) for e in erasures] == [
        ("manager1", "pending"), ("manager1", "done")]
    assert client.post(f"{API}/customers/{cid}/gdpr/export", headers=manager).status_code == 404


def test_text_with_nul_is_refused_not_stored(client: TestClient, world: World) -> None:
    answer = client.put(f"{API}/devices/current/outbox", headers=world.auth("seller"),
                        json={"entries": [{"kind": "note.add", "customer_id": "C\u00001",
                                           "created_at": "2026-11-29T10:00:00Z"}]})
    assert answer.status_code == 422, answer.text
    customer = _enrol(client, world)
    answer = client.post(f"{API}/customers/{customer['customer_id']}/gdpr/erase",
                         headers=world.auth("manager"), json={"reason": "a\u0000b"})
    assert answer.status_code == 422, answer.text
