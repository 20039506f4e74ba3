"""Engine, sessions and the declarative base, for SQLite (embedded) and PostgreSQL (production)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

ENV_DB_POOLER = "CLIENTELING_DB_POOLER"

# Stable constraint names, so Alembic migrations name the same thing on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        # SQLite compares timestamps as text: store them naive so they all share one format.
        return value.replace(tzinfo=None) if getattr(dialect, "name", "") == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def is_sqlite(url_or_engine: str | Engine) -> bool:
    url = url_or_engine if isinstance(url_or_engine, str) else str(url_or_engine.url)
    return url.startswith("sqlite")


# A connection's transactions take SQLite's write lock up front (BEGIN IMMEDIATE) unless it
# carries this execution option; read sessions set it (see `read_only`).
READ_ONLY_OPTION = "clienteling_read_only"


def read_only(engine: Engine) -> Engine:
    """`engine` for reads only: a deferred transaction on SQLite (readers never wait for the
    write lock, and a stray write fails at once), READ ONLY on PostgreSQL."""
    options: dict[str, object] = {READ_ONLY_OPTION: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    return engine.execution_options(**options)


def make_engine(url: str, *, pool_size: int = 10, max_overflow: int | None = None,
                pool_timeout: float = 30.0, lock_timeout: float = 30.0,
                connect_timeout: int = 10) -> Engine:
    """An engine on `url`. `pool_timeout`: the longest wait for a pooled connection;
    `lock_timeout`: the longest wait for SQLite's write lock or a PostgreSQL row lock;
    `connect_timeout`: the longest wait for PostgreSQL to accept a connection. The
    command line keeps the long defaults; the API passes its own (they fit the 10 s bound)."""
    overflow = 2 * pool_size if max_overflow is None else max_overflow
    if is_sqlite(url):
        # An in-memory database lives in one connection (SingletonThreadPool): no pool to size.
        pooling = {} if make_url(url).database in (None, "", ":memory:") else {
            "pool_size": pool_size, "max_overflow": overflow, "pool_timeout": pool_timeout}
        engine = create_engine(url, **pooling,  # type: ignore[arg-type]
                               connect_args={"check_same_thread": False,
                                             "timeout": lock_timeout})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            # Let SQLAlchemy (not pysqlite) open transactions, so each one can BEGIN IMMEDIATE.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout * 1000)}")
            cursor.execute("PRAGMA foreign_keys=ON")
            # A committed order survives a power cut, not only a crash of the process.
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
            reading = bool(conn.get_execution_options().get(READ_ONLY_OPTION))
            info = conn.connection.info
            if info.get(READ_ONLY_OPTION, False) != reading:
                # query_only makes a write in a read session fail loudly at once, instead of
                # failing only under load when the deferred transaction cannot get the lock.
                conn.exec_driver_sql(f"PRAGMA query_only={'ON' if reading else 'OFF'}")
                info[READ_ONLY_OPTION] = reading
            # Writers take the write lock up front: concurrent writers then wait on
            # busy_timeout instead of failing when a reader tries to become a writer. Readers
            # never take it (WAL: they read a snapshot while one writer writes).
            conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

        return engine
    # connect_timeout bounds a connection attempt to an unreachable server, and
    # tcp_user_timeout a query sent to a server that vanished without closing (no ACK comes).
    connect_args: dict[str, object] = {"connect_timeout": max(2, connect_timeout),
                                       "tcp_user_timeout": 5000}
    if behind_transaction_pooler():
        # PgBouncer in transaction mode hands each transaction to any server connection: a
        # statement psycopg prepared on one is unknown on the next.
        connect_args["prepare_threshold"] = None
    engine = create_engine(
        url, pool_size=pool_size, max_overflow=overflow, pool_timeout=pool_timeout,
        pool_pre_ping=True, pool_recycle=1800, connect_args=connect_args,
    )
    lock_ms = int(lock_timeout * 1000)

    @event.listens_for(engine, "begin")
    def _pg_begin(conn):  # type: ignore[no-untyped-def]
        # lock_timeout bounds waits on row locks (stock reservations) the way busy_timeout
        # does on SQLite. Set per transaction, not per connection (no startup `options`, no
        # session SET): behind a transaction pooler a session setting would reach strangers'
        # transactions, or be lost.
        if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {lock_ms}")

    return engine


def behind_transaction_pooler() -> bool:
    """Whether `CLIENTELING_DB_POOLER` says PostgreSQL is reached through a pooler in
    transaction mode (PgBouncer's `pool_mode = transaction`)."""
    value = os.environ.get(ENV_DB_POOLER, "").strip().lower()
    if value in ("", "none"):
        return False
    if value == "transaction":
        return True
    raise ValueError(f"{ENV_DB_POOLER} must be 'transaction' or 'none', not {value!r}")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work commits on success and rolls back on any error."""
    with factory() as session, session.begin():
        yield session
