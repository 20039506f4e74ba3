"""Migrating is a step of its own: the schema's state is read without changing it, and
migrations started at once (several deploys) wait for each other instead of colliding."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from clienteling.server.db import make_engine
from clienteling.server.migrate import outdated, reset_schema, upgrade
from tests.server.conftest import PG_URL, _ensure_pg_database
from tests.server.live_api import pg_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.sqlite3'}"
    reason = _ensure_pg_database(PG_URL)
    if reason:
        pytest.skip(reason)
    url = pg_database(PG_URL, f"{sa.make_url(PG_URL).database}_migrate")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()
    return url


def test_outdated_says_why_without_migrating(empty_database: str) -> None:
    assert outdated(empty_database) == "the database has no schema"
    assert outdated(empty_database) == "the database has no schema"  # it changed nothing
    upgrade(empty_database)
    assert outdated(empty_database) is None


def test_migrations_started_at_once_wait_for_each_other(empty_database: str) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        for future in [pool.submit(upgrade, empty_database) for _ in range(3)]:
            future.result(timeout=120)
    assert outdated(empty_database) is None
    engine = make_engine(empty_database)
    try:
        with engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT count(*) FROM alembic_version")) == 1
    finally:
        engine.dispose()
    reset_schema(empty_database)  # and it can start over


def test_the_migrated_schema_is_the_models_schema(migrated_engine: sa.Engine) -> None:
    """A model changed without its migration (or the reverse) fails here, not in production."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import clienteling.server.models  # noqa: F401  (every table in the metadata)
    from clienteling.server.db import Base

    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_the_revisions_go_down_and_up_again(tmp_path: Path) -> None:
    from alembic import command

    from clienteling.server.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "0001")
    engine = sa.create_engine(url)
    try:
        later = {"login_throttle", "audit_log"}
        assert not later & set(sa.inspect(engine).get_table_names())
        command.upgrade(alembic_config(url), "head")
        assert later <= set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_no_command_rewrites_the_shipped_revisions() -> None:
    """The schema has shipped: the old `regenerate` (which deleted every revision file to write
    one from the models) is gone, and asking for it changes nothing."""
    import subprocess
    import sys

    import clienteling.server.migrate as migrate

    versions = migrate.MIGRATIONS / "versions"
    before = sorted(p.name for p in versions.glob("*.py"))
    assert len(before) >= 4
    assert not hasattr(migrate, "regenerate")
    subprocess.run([sys.executable, "-m", "clienteling.server.migrate", "regenerate"],
                   check=False, capture_output=True, timeout=120)
    assert sorted(p.name for p in versions.glob("*.py")) == before


def test_0005_turns_the_servers_old_sentences_into_codes(empty_database: str) -> None:
    """Entries written before codes are read back into codes with parameters; free text
    (notes, a retailer's history) keeps no code; the sentences stay as summaries."""
    from alembic import command

    from clienteling.server.migrate import alembic_config

    command.upgrade(alembic_config(empty_database), "0004")
    at = "2026-01-05 09:00:00+00:00"
    entries = [
        ("e1", "order", "Order PAR01-260105-7K3M9Q: 3 items, 249.00 EUR, "
                        "click and collect at PAR02"),
        ("e2", "order", "Order WEB-250101-000001: 1 item, 59.00 EUR, home delivery"),
        ("e3", "order", "Order SHOP-1: 2 items, 10.00 EUR, in store at LYS01"),
        ("e4", "enrolled", "Enrolled, card 2900000000017; consents: email, sms"),
        ("e5", "enrolled", "Enrolled, card 2900000000024"),
        ("e6", "consent", "SMS consent withdrawn (web)"),
        ("e7", "note", "Order PAR01-1: 1 item, 1.00 EUR, home delivery"),  # a seller's words
        ("e8", "purchase", "Bought a scarf in Lyon"),
    ]
    engine = make_engine(empty_database)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO customers (customer_id, first_name, last_name, tier, points, "
                "version, created_at, updated_at, consent_email, consent_sms, first_name_key, "
                "last_name_key) VALUES ('C1', 'A', 'B', 'member', 0, 1, :at, :at, false, "
                "false, 'a', 'b')"), {"at": at})
            for interaction_id, kind, summary in entries:
                conn.execute(sa.text(
                    "INSERT INTO interactions (interaction_id, customer_id, occurred_at, "
                    "channel, kind, summary) VALUES (:i, 'C1', :at, 'store', :k, :s)"),
                    {"i": interaction_id, "at": at, "k": kind, "s": summary})
        upgrade(empty_database)
        table = sa.table("interactions", sa.column("interaction_id"), sa.column("code"),
                         sa.column("params", sa.JSON), sa.column("summary"))
        with engine.connect() as conn:
            found = {row.interaction_id: (row.code, row.params, row.summary)
                     for row in conn.execute(sa.select(table))}
    finally:
        engine.dispose()
    assert found["e1"][:2] == ("order.placed", {
        "number": "PAR01-260105-7K3M9Q", "items": 3, "total": "249.00", "currency": "EUR",
        "fulfilment": "click_and_collect", "store_id": "PAR02"})
    assert found["e2"][:2] == ("order.placed", {
        "number": "WEB-250101-000001", "items": 1, "total": "59.00", "currency": "EUR",
        "fulfilment": "home_delivery"})
    assert found["e3"][1]["fulfilment"] == "in_store"
    assert found["e4"][:2] == ("customer.enrolled", {"card": "2900000000017",
                                                     "consents": ["email", "sms"]})
    assert found["e5"][:2] == ("customer.enrolled", {"card": "2900000000024", "consents": []})
    assert found["e6"][:2] == ("consent.withdrawn", {"channel": "sms", "source": "web"})
    assert found["e7"][:2] == (None, None) and found["e8"][:2] == (None, None)
    assert {i: s for i, (_, _, s) in found.items()} == {i: s for i, _, s in entries}
