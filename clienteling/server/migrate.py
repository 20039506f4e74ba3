"""Schema migrations with Alembic, configured in code so an installed wheel finds its scripts.

The schema has shipped: each change is a new revision written by hand (or by
`alembic revision --autogenerate` and read over), never a rewrite of the ones before, which
databases in the field are already at.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# One PostgreSQL advisory lock for every process that migrates (any constant will do).
MIGRATION_LOCK = 0x636C69656E74
# A migration waits this long for another one, or for the API's write lock on SQLite.
MIGRATION_LOCK_TIMEOUT = 600.0


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Alembic's ini interpolation treats % specially.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str) -> None:
    """Create the schema or bring it up to date."""
    from clienteling.server.db import make_engine

    engine = make_engine(database_url, lock_timeout=MIGRATION_LOCK_TIMEOUT)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Two deploys migrating at once: the second waits here until the first commits,
                # then finds the schema at head. (SQLite: BEGIN IMMEDIATE serializes them.)
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            config = alembic_config(database_url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def outdated(database_url: str) -> str | None:
    """Why the schema cannot be served as it is (empty, or behind or ahead of this version's
    migrations), or None when it is at head. Changes nothing."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from clienteling.server.db import make_engine

    heads = set(ScriptDirectory.from_config(alembic_config(database_url)).get_heads())
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    finally:
        engine.dispose()
    if current == heads:
        return None
    if not current:
        return "the database has no schema"
    return (f"the database schema is at {', '.join(sorted(current))}, this version needs "
            f"{', '.join(sorted(heads))}")


def reset_schema(database_url: str) -> None:
    """Drop every table and migrate from nothing (tests and benchmarks)."""
    from clienteling.server.db import make_engine

    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.exec_driver_sql("DROP SCHEMA public CASCADE")
                connection.exec_driver_sql("CREATE SCHEMA public")
            else:
                meta = sa.MetaData()
                meta.reflect(connection)
                meta.drop_all(connection)
    finally:
        engine.dispose()
    upgrade(database_url)
