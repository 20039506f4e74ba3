"""Two test runs at once do not share a PostgreSQL database: each names its own after its
process id and a random suffix (unless CLIENTELING_TEST_PG_URL chooses one) and drops it."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from tests import pg


def test_each_run_has_its_own_database_name(monkeypatch):
    monkeypatch.delenv(pg.ENV_URL, raising=False)
    name = sa.make_url(pg.url_for("server")).database
    assert name is not None and str(os.getpid()) in name
    assert name != sa.make_url(pg.url_for("sync")).database
    monkeypatch.setenv(pg.ENV_URL, "postgresql+psycopg://postgres@db:5432/chosen")
    assert pg.url_for("server").endswith("/chosen")


def _exists(url: str) -> bool:
    engine = sa.create_engine(sa.make_url(url).set(database="postgres"),
                              poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return bool(conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                    {"n": sa.make_url(url).database}))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_database_the_run_created_is_dropped(monkeypatch):
    monkeypatch.delenv(pg.ENV_URL, raising=False)
    url = pg.url_for("probe")
    reason = pg.ensure_database(url)
    if reason:
        pytest.skip(reason)
    engine = sa.create_engine(url)  # a pool left open, as a crashed fixture would leave one
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    assert _exists(url)
    assert sa.make_url(url).database in pg.drop_created()
    assert not _exists(url)
    engine.dispose()
