"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL: a
model changed without its migration (or the reverse) fails here, not in production."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import clienteling.server.models  # noqa: F401  (every table in the metadata)
from clienteling.server.db import Base


def test_the_migrated_schema_is_the_models_schema(migrated_engine: sa.Engine) -> None:
    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
