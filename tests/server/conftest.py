"""The central database on SQLite and on PostgreSQL, wiped between tests, and an API client."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from clienteling.server.config import ServerConfig
from clienteling.server.db import make_engine, make_sessionmaker
from tests import pg

PG_URL = pg.url_for("server")
_ensure_pg_database = pg.ensure_database


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """argon2 at its production cost (~0.3 s a hash) would dominate the suite: hash cheaply."""
    from argon2 import PasswordHasher, profiles

    from clienteling.server.auth import service

    production = service.HASHER
    service.HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)
    yield
    service.HASHER = production


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('central') / 'central.sqlite3'}"
    reason = _ensure_pg_database(PG_URL)
    if reason:
        pytest.skip(reason)
    return PG_URL


@pytest.fixture(scope="session")
def migrated_engine(database_url: str) -> Iterator[sa.Engine]:
    from clienteling.server.migrate import reset_schema

    reset_schema(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def wipe(engine: sa.Engine) -> None:
    from clienteling.server.models import Base

    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(
                "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                conn.exec_driver_sql(f'DELETE FROM "{table}"')


@pytest.fixture
def sessions(migrated_engine: sa.Engine) -> Iterator[sessionmaker[Session]]:
    """A session factory on a freshly wiped database."""
    wipe(migrated_engine)
    yield make_sessionmaker(migrated_engine)


@pytest.fixture
def config(database_url: str, migrated_engine: sa.Engine) -> ServerConfig:
    return ServerConfig(database_url=database_url)


@pytest.fixture
def app(config: ServerConfig, sessions: sessionmaker[Session]):  # type: ignore[no-untyped-def]
    from clienteling.server.app import create_app

    application = create_app(config)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@dataclass
class World:
    """A small chain: three stores, a few products with stock, and one account per role."""

    stores: list[str] = field(default_factory=list)
    skus: list[str] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, role: str = "seller") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


PASSWORD = "correct horse battery staple"


@pytest.fixture
def world(client: TestClient, sessions: sessionmaker[Session]) -> World:
    from clienteling.server.auth.service import create_user
    from clienteling.server.demo.world import small_world

    with sessions() as session, session.begin():
        stores, skus = small_world(session, now=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
        for role in ("seller", "manager", "admin"):
            create_user(session, username=f"{role}1", password=PASSWORD, role=role,
                        store_id=stores[0], display_name=f"{role.title()} One")
        create_user(session, username="seller2", password=PASSWORD, role="seller",
                    store_id=stores[1], display_name="Seller Two")
    world = World(stores=stores, skus=skus)
    for username, role in (("seller1", "seller"), ("manager1", "manager"), ("admin1", "admin"),
                           ("seller2", "seller2")):
        answer = client.post("/api/v1/auth/login", json={
            "username": username, "password": PASSWORD, "device_name": "pytest"})
        assert answer.status_code == 200, answer.text
        world.tokens[role] = answer.json()["access_token"]
    return world


__all__ = ["PASSWORD", "Decimal", "World"]


def settle(sessions: sessionmaker[Session], timeout: float = 30.0) -> None:
    """On PostgreSQL, wait until every recorded change is below the feed's horizon: another
    test (or a teammate's, on the same server) may hold an older transaction open for a moment,
    and the feed rightly waits for it."""
    from clienteling.server.feed.models import ChangeRow

    deadline = time.monotonic() + timeout
    while True:
        with sessions() as session:
            if session.get_bind().dialect.name != "postgresql":
                return
            top = session.scalar(sa.select(sa.func.max(ChangeRow.txid))) or 0
            horizon = session.scalar(
                sa.text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
        if top < horizon:
            return
        assert time.monotonic() < deadline, "a transaction held the feed horizon too long"
        time.sleep(0.05)
