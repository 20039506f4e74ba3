"""Sign in, token lifetimes, refresh rotation with reuse detection, sign out, roles, accounts."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Literal

import pytest
from argon2 import PasswordHasher, profiles
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from clienteling.domain.errors import DomainError
from clienteling.server.auth import service, throttle
from clienteling.server.auth.models import DeviceSession, LoginThrottle, StaffUser
from clienteling.server.config import ServerConfig
from clienteling.server.db import utcnow
from tests.server.conftest import PASSWORD, World

API = "/api/v1"


class Clock:
    """The server's clock, moved by the test (never by sleeping)."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(app: FastAPI) -> Clock:
    fake = Clock()
    app.state.clock = fake
    return fake


def login(client: TestClient, username: str = "seller1", password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(f"{API}/auth/login", json={
        "username": username, "password": password, "device_name": "tablet 3"})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_problem(answer, status: int, code: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    if code is not None:
        assert body["code"] == code, body
    return body


def test_login_returns_tokens_and_the_user(client: TestClient, world: World) -> None:
    answer = login(client)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["access_token"] != body["refresh_token"]
    assert len(body["access_token"]) >= 40
    assert body["user"] == {"id": body["user"]["id"], "username": "seller1",
                            "display_name": "Seller One", "role": "seller",
                            "store_id": world.stores[0]}
    me = client.get(f"{API}/auth/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    assert me.json()["username"] == "seller1"


def test_only_hashes_of_tokens_and_passwords_are_stored(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    tokens = login(client).json()
    with sessions() as session:
        device = session.scalar(select(DeviceSession).where(
            DeviceSession.access_hash == hashlib.sha256(
                tokens["access_token"].encode()).hexdigest()))
        assert device is not None
        assert device.device_name == "tablet 3"
        assert device.refresh_hash == hashlib.sha256(tokens["refresh_token"].encode()).hexdigest()
        user = session.scalar(select(StaffUser).where(StaffUser.username == "seller1"))
        assert user is not None
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(("username", "password"), [
    ("seller1", "wrong password"),
    ("nobody", PASSWORD),
    ("SELLER1", PASSWORD),
])
def test_wrong_credentials_are_401_and_do_not_say_which(
        client: TestClient, world: World, username: str, password: str) -> None:
    body = assert_problem(login(client, username, password), 401, "auth.bad_credentials")
    assert body["detail"] == "The username or the password is wrong."


def test_an_unknown_user_costs_a_password_check_too(
        client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    checks: list[str] = []

    class Spy(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            checks.append(str(hash))
            return super().verify(hash, password)

    monkeypatch.setattr(service, "HASHER", Spy.from_parameters(profiles.CHEAPEST))
    assert login(client, "nobody", "whatever1").status_code == 401
    assert len(checks) == 1 and checks[0].startswith("$argon2")


def test_an_inactive_account_cannot_sign_in_and_its_tokens_stop(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        session.execute(update(StaffUser).where(StaffUser.username == "seller1")
                        .values(active=False))
    assert_problem(login(client), 401, "auth.inactive")
    assert_problem(client.get(f"{API}/stores", headers=world.auth()), 401,
                   "auth.invalid_token")


def test_requests_without_a_valid_token_are_401(client: TestClient, world: World) -> None:
    answer = client.get(f"{API}/stores")
    assert_problem(answer, 401, "auth.missing")
    assert answer.headers["www-authenticate"] == "Bearer"
    assert_problem(client.get(f"{API}/stores", headers=bearer("not-a-token")), 401,
                   "auth.invalid_token")
    assert_problem(client.get(f"{API}/stores", headers={"Authorization": "Basic abc"}), 401)
    assert_problem(client.get(f"{API}/stores", headers=bearer("x" * 5000)), 401)


def test_access_tokens_expire(client: TestClient, world: World,
                              sessions: sessionmaker[Session]) -> None:
    tokens = login(client).json()
    assert client.get(f"{API}/stores", headers=bearer(tokens["access_token"])).status_code == 200
    with sessions() as session, session.begin():
        session.execute(update(DeviceSession).values(
            access_expires_at=utcnow() - timedelta(seconds=1)))
    assert_problem(client.get(f"{API}/stores", headers=bearer(tokens["access_token"])), 401,
                   "auth.invalid_token")
    # The refresh token still gets a new access token.
    renewed = client.post(f"{API}/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert renewed.status_code == 200, renewed.text
    assert client.get(f"{API}/stores",
                      headers=bearer(renewed.json()["access_token"])).status_code == 200


def test_refresh_rotates_and_the_old_tokens_stop_working(client: TestClient,
                                                         world: World) -> None:
    first = login(client).json()
    second = client.post(f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200, second.text
    second = second.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert second["user"]["username"] == "seller1"
    assert_problem(client.get(f"{API}/stores", headers=bearer(first["access_token"])), 401)
    assert client.get(f"{API}/stores", headers=bearer(second["access_token"])).status_code == 200
    third = client.post(f"{API}/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert third.status_code == 200


def test_reusing_a_rotated_refresh_token_revokes_the_whole_session(
        client: TestClient, world: World, clock: Clock) -> None:
    stolen = login(client).json()
    legit = client.post(f"{API}/auth/refresh",
                        json={"refresh_token": stolen["refresh_token"]}).json()
    # The copy is presented again, past the grace for lost answers: someone else holds it.
    clock.advance(61)
    assert_problem(client.post(f"{API}/auth/refresh",
                               json={"refresh_token": stolen["refresh_token"]}),
                   401, "auth.refresh_reused")
    assert_problem(client.get(f"{API}/stores", headers=bearer(legit["access_token"])), 401)
    assert_problem(client.post(f"{API}/auth/refresh",
                               json={"refresh_token": legit["refresh_token"]}),
                   401, "auth.session_ended")
    # Other sessions of the same person are untouched.
    assert client.get(f"{API}/stores", headers=world.auth("seller")).status_code == 200


def test_a_refresh_token_resent_after_a_lost_answer_gets_tokens_within_the_grace(
        client: TestClient, world: World, clock: Clock) -> None:
    first = login(client).json()
    lost = client.post(f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert lost.status_code == 200
    # The answer never reached the tablet: it resends the token it has, 60 s later.
    clock.advance(60)
    again = client.post(f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert again.status_code == 200, again.text
    tokens = again.json()
    assert tokens["refresh_token"] not in (first["refresh_token"], lost.json()["refresh_token"])
    assert client.get(f"{API}/stores", headers=bearer(tokens["access_token"])).status_code == 200
    # The lost answer's tokens stop working; the new ones keep rotating.
    assert_problem(client.get(f"{API}/stores", headers=bearer(lost.json()["access_token"])), 401)
    clock.advance(5)
    later = client.post(f"{API}/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert later.status_code == 200, later.text


def test_the_grace_counts_from_the_first_exchange_and_then_reuse_revokes(
        client: TestClient, world: World, clock: Clock) -> None:
    first = login(client).json()
    assert client.post(f"{API}/auth/refresh",
                       json={"refresh_token": first["refresh_token"]}).status_code == 200
    clock.advance(30)
    resent = client.post(f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert resent.status_code == 200
    clock.advance(31)  # 61 s after the first exchange, though only 31 s after the second
    assert_problem(client.post(f"{API}/auth/refresh",
                               json={"refresh_token": first["refresh_token"]}),
                   401, "auth.refresh_reused")
    assert_problem(client.get(f"{API}/stores",
                              headers=bearer(resent.json()["access_token"])), 401)


def test_a_replayed_token_is_caught_at_the_devices_next_refresh(
        client: TestClient, world: World, clock: Clock) -> None:
    """The grace's cost: a copy replayed within it gets tokens, but the device's next refresh
    (an access token later) presents a token retired long ago, which ends the session."""
    first = login(client).json()
    device = client.post(f"{API}/auth/refresh",
                         json={"refresh_token": first["refresh_token"]}).json()
    clock.advance(10)
    thief = client.post(f"{API}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert thief.status_code == 200
    clock.advance(15 * 60)
    assert_problem(client.post(f"{API}/auth/refresh",
                               json={"refresh_token": device["refresh_token"]}),
                   401, "auth.refresh_reused")
    assert_problem(client.get(f"{API}/stores",
                              headers=bearer(thief.json()["access_token"])), 401)


def test_an_unknown_or_expired_refresh_token_is_401(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    assert_problem(client.post(f"{API}/auth/refresh", json={"refresh_token": "nope"}), 401,
                   "auth.invalid_refresh")
    tokens = login(client).json()
    with sessions() as session, session.begin():
        session.execute(update(DeviceSession).values(
            refresh_expires_at=utcnow() - timedelta(seconds=1)))
    assert_problem(client.post(f"{API}/auth/refresh",
                               json={"refresh_token": tokens["refresh_token"]}),
                   401, "auth.session_ended")


def test_logout_revokes_access_and_refresh(client: TestClient, world: World) -> None:
    tokens = login(client).json()
    answer = client.post(f"{API}/auth/logout", headers=bearer(tokens["access_token"]))
    assert answer.status_code == 204
    assert answer.content == b""
    assert_problem(client.get(f"{API}/stores", headers=bearer(tokens["access_token"])), 401)
    assert_problem(client.post(f"{API}/auth/refresh",
                               json={"refresh_token": tokens["refresh_token"]}), 401)
    assert_problem(client.post(f"{API}/auth/logout"), 401)


def test_login_validates_its_body(client: TestClient, world: World) -> None:
    assert_problem(client.post(f"{API}/auth/login", json={"username": "seller1"}), 422,
                   "validation")
    assert_problem(client.post(f"{API}/auth/login", json={
        "username": "seller1\x00", "password": PASSWORD}), 422, "validation")
    assert_problem(client.post(f"{API}/auth/login", json={
        "username": "seller1", "password": PASSWORD, "role": "admin"}), 422, "validation")


# --- accounts -----------------------------------------------------------------------------


def new_user(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {"username": "seller9", "password": "a long password",
                               "role": "seller", "store_id": "PAR02",
                               "display_name": "Seller Nine"}
    body.update(overrides)
    return body


def test_an_admin_creates_staff_who_can_then_sign_in(client: TestClient, world: World) -> None:
    answer = client.post(f"{API}/users", json=new_user(), headers=world.auth("admin"))
    assert answer.status_code == 201, answer.text
    created = answer.json()
    assert created["username"] == "seller9"
    assert created["role"] == "seller"
    assert created["store_id"] == "PAR02"
    signed_in = login(client, "seller9", "a long password")
    assert signed_in.status_code == 200
    assert signed_in.json()["user"]["id"] == created["id"]


@pytest.mark.parametrize("role", ["seller", "manager"])
def test_only_an_admin_creates_staff(client: TestClient, world: World, role: str) -> None:
    assert_problem(client.post(f"{API}/users", json=new_user(), headers=world.auth(role)), 403,
                   "auth.forbidden")


@pytest.mark.parametrize(("overrides", "status", "code"), [
    ({"username": "seller1"}, 409, "user.username_taken"),
    ({"store_id": "NOPE"}, 422, "user.store_unknown"),
    ({"role": "owner"}, 422, "validation"),
    ({"password": "short"}, 422, "validation"),
    ({"username": "  "}, 422, "validation"),
    ({"extra": 1}, 422, "validation"),
])
def test_account_creation_refuses_bad_accounts(client: TestClient, world: World,
                                               overrides: dict, status: int, code: str) -> None:
    assert_problem(client.post(f"{API}/users", json=new_user(**overrides),
                               headers=world.auth("admin")), status, code)


def test_create_user_speaks_in_domain_errors(world: World,
                                             sessions: sessionmaker[Session]) -> None:
    cases = [
        ({"role": "owner"}, "user.role"),
        ({"username": "seller1"}, "user.username_taken"),
        ({"store_id": "NOPE"}, "user.store_unknown"),
        ({"password": "1234567"}, "user.password_short"),
        ({"username": "a\x00b"}, "user.username"),
    ]
    for overrides, code in cases:
        arguments: dict = {"username": "newbie", "password": "long enough", "role": "seller",
                           "store_id": "PAR01"}
        arguments.update(overrides)
        with sessions() as session, session.begin(), pytest.raises(DomainError) as caught:
            service.create_user(session, **arguments)
        assert caught.value.code == code
    with sessions() as session, session.begin():
        user = service.create_user(session, username="  hq  ", password="long enough",
                                   role="admin", store_id=None)
        assert (user.username, user.display_name, user.store_id) == ("hq", "hq", None)


# --- throttling of failed sign-ins ----------------------------------------------------------


def fail(client: TestClient, username: str = "seller1", times: int = 5) -> None:
    for _ in range(times):
        assert_problem(login(client, username, "wrong password"), 401, "auth.bad_credentials")


def assert_throttled(answer, retry_after: int) -> dict:  # type: ignore[no-untyped-def]
    body = assert_problem(answer, 429, "auth.throttled")
    assert answer.headers["retry-after"] == str(retry_after)
    assert body["retry_after"] == retry_after
    return body


def test_five_failures_lock_the_username_even_for_the_right_password(
        client: TestClient, world: World, clock: Clock) -> None:
    fail(client)
    clock.advance(60)
    body = assert_throttled(login(client), 14 * 60)
    assert "14 minutes" in body["detail"]
    # Another username is not affected.
    assert login(client, "seller2").status_code == 200


def test_the_lockout_ends_when_the_window_has_passed(
        client: TestClient, world: World, clock: Clock) -> None:
    fail(client)
    clock.advance(15 * 60 - 1)
    assert_throttled(login(client), 1)
    clock.advance(1)
    assert login(client).status_code == 200


def test_failures_spread_over_more_than_the_window_do_not_lock(
        client: TestClient, world: World, clock: Clock) -> None:
    fail(client, times=4)
    clock.advance(15 * 60)
    fail(client, times=4)
    assert login(client).status_code == 200


def test_the_lockout_lasts_a_whole_window_from_the_fifth_failure(
        client: TestClient, world: World, clock: Clock) -> None:
    fail(client, times=4)
    clock.advance(14 * 60)
    fail(client, times=1)
    assert_throttled(login(client), 15 * 60)


def test_a_successful_sign_in_resets_the_count(
        client: TestClient, world: World, clock: Clock) -> None:
    fail(client, times=4)
    assert login(client).status_code == 200
    fail(client, times=5)
    assert_throttled(login(client), 15 * 60)


def test_unknown_usernames_are_throttled_the_same_way(
        client: TestClient, world: World, clock: Clock) -> None:
    fail(client, "seller1")
    fail(client, "nobody")
    known, unknown = login(client, "seller1"), login(client, "nobody")
    assert (known.status_code, known.headers["retry-after"], known.json()) == (
        unknown.status_code, unknown.headers["retry-after"], unknown.json())


def test_a_locked_out_attempt_does_not_check_the_password_nor_extend_the_lockout(
        client: TestClient, world: World, clock: Clock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fail(client)
    checks: list[str] = []
    monkeypatch.setattr(service, "verify_password",
                        lambda hash, password: checks.append(password) or False)
    for _ in range(10):
        clock.advance(60)
        login(client)
    assert checks == []
    assert_throttled(login(client), 5 * 60)


def test_the_count_is_shared_by_every_api_process(
        client: TestClient, world: World, clock: Clock, config: ServerConfig) -> None:
    from clienteling.server.app import create_app

    fail(client, times=3)
    other = create_app(config)  # another worker process, or the same one restarted
    other.state.clock = clock
    try:
        with TestClient(other, raise_server_exceptions=False) as second:
            fail(second, times=2)
            assert_throttled(login(second), 15 * 60)
    finally:
        other.state.engine.dispose()
    assert_throttled(login(client), 15 * 60)


def test_the_window_and_the_limit_are_settings(
        client: TestClient, world: World, clock: Clock, app: FastAPI,
        config: ServerConfig) -> None:
    app.state.config = dataclasses.replace(config, login_max_failures=2, login_window=60)
    fail(client, times=2)
    assert_throttled(login(client), 60)


def test_parallel_guessers_get_no_more_than_the_allowed_attempts(
        world: World, sessions: sessionmaker[Session], config: ServerConfig,
        monkeypatch: pytest.MonkeyPatch) -> None:
    checks: list[str] = []
    real_verify = service.verify_password

    def counting(password_hash: str | None, password: str) -> bool:
        checks.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(service, "verify_password", counting)
    slots = threading.BoundedSemaphore(4)

    def guess(n: int) -> str:
        try:
            service.login(sessions, username="seller1", password=f"guess {n}",
                          device_name="x", config=config, password_slots=slots)
        except service.LoginRefused as refusal:
            return refusal.reason
        return "signed in"

    with ThreadPoolExecutor(max_workers=40) as pool:
        reasons = list(pool.map(guess, range(40)))
    assert len(checks) == 5
    assert sorted(set(reasons)) == ["bad_credentials", "throttled"]
    assert reasons.count("bad_credentials") == 5


def test_password_checks_at_once_are_bounded_and_the_others_wait_their_turn(
        world: World, sessions: sessionmaker[Session], config: ServerConfig,
        monkeypatch: pytest.MonkeyPatch) -> None:
    inside, peak = 0, 0
    lock = threading.Lock()
    pair = threading.Barrier(2, timeout=30)  # two checks must be inside together to go on

    def check(password_hash: str | None, password: str) -> bool:
        nonlocal inside, peak
        with lock:
            inside += 1
            peak = max(peak, inside)
        pair.wait()
        with lock:
            inside -= 1
        return False

    monkeypatch.setattr(service, "verify_password", check)
    slots = threading.BoundedSemaphore(2)

    def guess(n: int) -> str:
        try:
            service.login(sessions, username=f"guesser {n}", password="x", device_name="x",
                          config=config, password_slots=slots)
        except service.LoginRefused as refusal:
            return refusal.reason
        return "signed in"

    with ThreadPoolExecutor(max_workers=20) as pool:
        reasons = list(pool.map(guess, range(20)))
    assert peak == 2
    assert reasons == ["bad_credentials"] * 20


def test_no_free_slot_in_time_is_503_and_the_attempt_is_not_counted(
        client: TestClient, world: World, app: FastAPI, config: ServerConfig) -> None:
    app.state.config = dataclasses.replace(config, login_hash_wait=0.0)
    slots = app.state.password_slots
    held = 0
    while slots.acquire(blocking=False):
        held += 1
    try:
        for _ in range(6):
            answer = login(client, password="wrong password")
            assert_problem(answer, 503, "auth.busy")
            assert answer.headers["retry-after"]
    finally:
        for _ in range(held):
            slots.release()
    assert login(client).status_code == 200


def test_the_password_is_checked_with_no_database_connection_held(
        client: TestClient, world: World, app: FastAPI,
        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = app.state.engine
    real_verify = service.verify_password
    checked_out: list[int] = []

    def verify(password_hash: str | None, password: str) -> bool:
        checked_out.append(engine.pool.checkedout())
        return real_verify(password_hash, password)

    monkeypatch.setattr(service, "verify_password", verify)
    assert login(client).status_code == 200
    assert login(client, password="wrong password").status_code == 401
    assert login(client, "nobody").status_code == 401
    assert checked_out == [0, 0, 0]


def test_attempts_clear_rows_whose_window_has_passed(
        client: TestClient, world: World, clock: Clock,
        sessions: sessionmaker[Session]) -> None:
    fail(client, "nobody", times=1)
    fail(client, "seller2", times=1)
    fail(client, "seller1", times=1)
    clock.advance(15 * 60)
    fail(client, "someone", times=1)
    with sessions() as session:
        left = set(session.scalars(select(LoginThrottle.username_key)))
    # Only the failure still in its window is kept.
    assert left == {throttle.username_key("someone")}
    assert login(client).status_code == 200
    with sessions() as session:
        assert set(session.scalars(select(LoginThrottle.username_key))) == left


def test_parallel_attempts_purging_the_same_expired_rows_never_fail(
        world: World, sessions: sessionmaker[Session], config: ServerConfig) -> None:
    past = utcnow() - timedelta(minutes=1)
    with sessions() as session, session.begin():
        # The guessers' own rows, expired: each attempt's purge wants the others' rows.
        session.add_all(LoginThrottle(username_key=throttle.username_key(f"guesser {n}"),
                                      failures=3, window_ends_at=past) for n in range(40))
    slots = threading.BoundedSemaphore(4)

    def guess(n: int) -> str:
        try:
            service.login(sessions, username=f"guesser {n % 40}", password="x",
                          device_name="x", config=config, password_slots=slots)
        except service.LoginRefused as refusal:
            return refusal.reason
        return "signed in"

    with ThreadPoolExecutor(max_workers=40) as pool:
        reasons = list(pool.map(guess, range(80)))
    assert reasons == ["bad_credentials"] * 80
    with sessions() as session:
        left = session.scalar(select(func.count()).select_from(LoginThrottle))
        failures = session.scalar(select(func.sum(LoginThrottle.failures)).where(
            LoginThrottle.window_ends_at > utcnow()))
    assert failures == 80  # every attempt counted once, none lost in the purges
    assert left == 40
