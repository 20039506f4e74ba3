"""Writing many new rows at once: COPY on PostgreSQL, one executemany on SQLite.

The importer and the feed write tens of thousands of new rows a run. An executemany of INSERTs
costs PostgreSQL a statement per row (parse, plan, index updates, a message each); COPY streams
the rows into the table in one command, several times faster. Values pass through the columns'
own bind processors (time zones, JSON, booleans) and missing columns take their scalar
defaults, so a row reads back the same whichever way it was written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.orm import Session

# Below this many rows an INSERT costs no more than a COPY: the order path's few feed rows.
COPY_FROM = 20
_GIVEN = object()


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (new rows, each with the same keys) into `table`, in the session's
    transaction."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql" or len(rows) < COPY_FROM:
        # A plain executemany through the connection, without the ORM's bulk machinery.
        connection.execute(table.insert(), list(rows))
        return
    dialect = connection.dialect
    given = rows[0].keys()
    columns: list[tuple[Column[Any], Any]] = []
    for column in table.columns:
        if column.key in given:
            columns.append((column, _GIVEN))
        elif column.default is not None and column.default.is_scalar:
            columns.append((column, column.default.arg))  # type: ignore[attr-defined]
        # Otherwise the database fills it (a sequence, a server default or NULL).
    processors = [column.type._cached_bind_processor(dialect) for column, _ in columns]
    quote = dialect.identifier_preparer
    names = ", ".join(quote.quote(column.name) for column, _ in columns)
    # The session's own DBAPI connection: the rows join its transaction.
    raw = connection.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(
            f"COPY {quote.format_table(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            values = []
            for (column, default), process in zip(columns, processors, strict=True):
                value = row[column.key] if default is _GIVEN else default
                values.append(process(value) if process is not None else value)
            copy.write_row(values)
