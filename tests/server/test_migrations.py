"""The Alembic revisions build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from clienteling.server.models import Base


def test_the_migrations_match_the_models(migrated_engine: sa.Engine) -> None:
    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_head_revision_is_the_login_throttle(migrated_engine: sa.Engine) -> None:
    with migrated_engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0002"


def test_the_login_throttle_revision_goes_down_and_up_again(tmp_path: Path) -> None:
    from alembic import command

    from clienteling.server.migrate import alembic_config, upgrade

    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "0001")
    engine = sa.create_engine(url)
    try:
        assert "login_throttle" not in sa.inspect(engine).get_table_names()
        command.upgrade(alembic_config(url), "head")
        assert "login_throttle" in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()
