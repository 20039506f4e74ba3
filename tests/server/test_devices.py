"""Devices (SQLite and PostgreSQL): listed with when each was last seen; a revoked one's tokens
stop working and its next request says so (auth.device_revoked), unlike a sign-out."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from clienteling.domain.errors import DomainError
from clienteling.server.audit.models import AuditEntry
from clienteling.server.devices import service
from tests.server.conftest import PASSWORD, World

API = "/api/v1"


def _login(client: TestClient, username: str, device: str) -> dict[str, Any]:
    answer = client.post(f"{API}/auth/login", json={
        "username": username, "password": PASSWORD, "device_name": device})
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def _devices(client: TestClient, world: World, role: str = "admin",
             **params: str) -> list[dict[str, Any]]:
    answer = client.get(f"{API}/devices", params=params, headers=world.auth(role))
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_devices_are_listed_per_store_with_when_they_were_last_seen(
        client: TestClient, world: World) -> None:
    tablet = _login(client, "seller1", "Rivoli tablet 3")
    listed = _devices(client, world)
    mine = next(d for d in listed if d["name"] == "Rivoli tablet 3")
    assert set(mine) == {"device_id", "username", "store_id", "name", "last_seen_at", "revoked"}
    assert (mine["username"], mine["store_id"], mine["revoked"]) == ("seller1", "PAR01", False)
    first_seen = mine["last_seen_at"]
    refreshed = client.post(f"{API}/auth/refresh", json={
        "refresh_token": tablet["refresh_token"]})
    assert refreshed.status_code == 200, refreshed.text
    again = next(d for d in _devices(client, world) if d["device_id"] == mine["device_id"])
    assert again["last_seen_at"] >= first_seen
    # A manager sees their store's devices only, by default and when asked.
    par01 = _devices(client, world, role="manager")
    assert {d["store_id"] for d in par01} == {"PAR01"}
    assert par01 == _devices(client, world, role="manager", store_id="PAR01")
    assert client.get(f"{API}/devices", params={"store_id": "PAR02"},
                      headers=world.auth("manager")).status_code == 403
    assert {d["store_id"] for d in _devices(client, world, store_id="PAR02")} == {"PAR02"}
    assert client.get(f"{API}/devices", headers=world.auth("seller")).status_code == 403


def test_a_revoked_device_is_told_so_with_either_token(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    lost = _login(client, "seller1", "lost tablet")
    signed_out = _login(client, "seller1", "signed out tablet")
    device_id = next(d["device_id"] for d in _devices(client, world)
                     if d["name"] == "lost tablet")
    bearer = {"Authorization": f"Bearer {lost['access_token']}"}
    assert client.get(f"{API}/auth/me", headers=bearer).status_code == 200

    answer = client.post(f"{API}/devices/{device_id}/revoke", headers=world.auth("manager"))
    assert answer.status_code == 200, answer.text
    assert answer.json()["revoked"] is True
    for response in (client.get(f"{API}/sync/changes", headers=bearer),
                     client.post(f"{API}/auth/refresh",
                                 json={"refresh_token": lost["refresh_token"]})):
        assert response.status_code == 401, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "auth.device_revoked"
    # A sign-out or a wrong token is not a revocation: the device keeps its data.
    out = {"Authorization": f"Bearer {signed_out['access_token']}"}
    assert client.post(f"{API}/auth/logout", headers=out).status_code == 204
    assert client.get(f"{API}/auth/me", headers=out).json()["code"] == "auth.invalid_token"
    assert client.get(f"{API}/auth/me", headers={"Authorization": "Bearer nope"}).json()[
        "code"] == "auth.invalid_token"
    # The other devices of the seller keep working.
    assert client.get(f"{API}/auth/me", headers=world.auth("seller")).status_code == 200
    with sessions() as session:
        entries = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "device.revoke")).all()
    details = [(e.username, e.detail or {}) for e in entries]
    assert [(who, d["device_id"], d["user"]) for who, d in details] == [
        ("manager1", device_id, "seller1")]


def test_only_the_stores_manager_or_an_admin_revokes(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    _login(client, "seller2", "Montparnasse tablet")
    device_id = next(d["device_id"] for d in _devices(client, world)
                     if d["name"] == "Montparnasse tablet")
    for role in ("manager", "seller", "seller2"):
        answer = client.post(f"{API}/devices/{device_id}/revoke", headers=world.auth(role))
        assert answer.status_code == 403, (role, answer.text)
    assert client.post(f"{API}/devices/999999/revoke",
                       headers=world.auth("admin")).status_code == 404
    assert client.post(f"{API}/devices/{device_id}/revoke",
                       headers=world.auth("admin")).status_code == 200
    with sessions() as session, session.begin():
        try:
            service.revoke_device(session, device_id=999999, staff=None, username="ops")
        except DomainError as error:
            assert error.code == "device.not_found"
        else:
            raise AssertionError("an unknown device was revoked")
