"""Opening a replica file: owner-only permissions, WAL, schema version checks and upgrades.

One `Replica` per file, shared by every thread of the process: reads run in deferred
transactions (a consistent snapshot), writes in `BEGIN IMMEDIATE` ones serialised by a lock, so
a reader never blocks the sync and the sync never fails half-way on a lock upgrade.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.pool import QueuePool

from clienteling.domain.errors import DomainError
from clienteling.replica import schema
from clienteling.replica.schema import SCHEMA_VERSION, metadata

log = logging.getLogger(__name__)

# Upgrades in place: MIGRATIONS[n] turns a version-n replica into version n+1. A version with
# no step here is rebuilt: the server state is dropped (downloaded again), the outbox is kept.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}

# Outbox columns every schema version keeps, so a rebuild can carry unsent work over.
OUTBOX_COLUMNS = tuple(c.name for c in schema.outbox.columns)


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    # An older file (or one made under a loose umask) is tightened too; SQLite gives the -wal
    # and -shm files the database file's permissions.
    os.chmod(path, 0o600)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.chmod(side, 0o600)


def read_version(path: Path) -> int:
    """The file's `user_version`, read without changing anything (0: new or empty)."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DomainError("replica.corrupt", "the local replica file is damaged",
                          path=str(path), reason=str(exc)) from exc


class Replica:
    """A replica file. Use `Replica.open(path)`; `read()` and `write()` give connections."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._writer = engine.execution_options(replica_write=True)
        self._write_lock = threading.RLock()

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Replica:
        """Open (creating it, mode 0600) and bring the schema to `SCHEMA_VERSION`.

        Raises `replica.too_new` for a file written by a newer version of the app (it is left
        untouched) and `replica.corrupt` for a file that is not a replica.
        """
        file = Path(path)
        found = read_version(file)
        if found > SCHEMA_VERSION:
            raise DomainError(
                "replica.too_new",
                f"this replica was written by a newer version of the app (schema {found}, "
                f"this version reads up to {SCHEMA_VERSION}): update the app",
                path=str(file), found=found, supported=SCHEMA_VERSION)
        _create_private_file(file)
        engine = create_engine(
            f"sqlite:///{file}", poolclass=QueuePool, pool_size=4, max_overflow=8,
            connect_args={"check_same_thread": False, "timeout": 30})
        _install_pragmas(engine)
        replica = cls(file, engine)
        try:
            replica._prepare()
        except BaseException:
            engine.dispose()
            raise
        return replica

    def close(self) -> None:
        self.engine.dispose()

    # --- transactions ----------------------------------------------------------------------

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot for every query in the block."""
        with self.engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction (BEGIN IMMEDIATE, synchronous=FULL): all or nothing."""
        with self._write_lock, self._writer.begin() as conn:
            yield conn

    # --- meta ------------------------------------------------------------------------------

    @staticmethod
    def get_meta(conn: Connection, key: str) -> str | None:
        return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)
                            ).scalar_one_or_none()

    @staticmethod
    def set_meta(conn: Connection, key: str, value: str | None) -> None:
        if value is None:
            conn.execute(schema.meta.delete().where(schema.meta.c.key == key))
            return
        conn.exec_driver_sql(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def meta(self, key: str) -> str | None:
        with self.read() as conn:
            return self.get_meta(conn, key)

    # --- schema ----------------------------------------------------------------------------

    def _prepare(self) -> None:
        with self.write() as conn:
            version = int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
            tables = _user_tables(conn)
            if version == 0:
                if tables:
                    raise DomainError("replica.corrupt", "this file is not a replica",
                                      path=str(self.path), tables=sorted(tables)[:10])
                _create(conn)
                return
            if version == SCHEMA_VERSION:
                return
            if version > SCHEMA_VERSION:  # written between the first check and now
                raise DomainError("replica.too_new", "written by a newer version of the app",
                                  path=str(self.path), found=version, supported=SCHEMA_VERSION)
            while version < SCHEMA_VERSION and version in MIGRATIONS:
                MIGRATIONS[version](conn)
                version += 1
                conn.exec_driver_sql(f"PRAGMA user_version = {version}")
            if version < SCHEMA_VERSION:
                _rebuild(conn, from_version=version)

    def reopen_check(self) -> None:
        """Raise `replica.too_new` if another process upgraded the file since it was opened."""
        found = read_version(self.path)
        if found > SCHEMA_VERSION:
            raise DomainError("replica.too_new", "written by a newer version of the app",
                              path=str(self.path), found=found, supported=SCHEMA_VERSION)


def _install_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy, not pysqlite, opens transactions, so each can say BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        # Orders, notes and consents are a seller's work: a commit is on disk when it returns.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("PRAGMA cache_size=-32000")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get("replica_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def _user_tables(conn: Connection) -> set[str]:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%'").scalars().all()
    return set(rows)


def _create(conn: Connection) -> None:
    metadata.create_all(conn)
    for ddl in schema.FTS_DDL:
        conn.exec_driver_sql(ddl)
    conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _rebuild(conn: Connection, *, from_version: int) -> None:
    """Drop everything but the unsent work and start the server state from nothing: the next
    pull downloads it again with the current schema."""
    keep: list[dict[str, Any]] = []
    if "outbox" in _user_tables(conn):
        present = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(outbox)")}
        columns = [c for c in OUTBOX_COLUMNS if c in present]
        rows = conn.exec_driver_sql(
            f"SELECT {', '.join(columns)} FROM outbox ORDER BY id").mappings().all()
        keep = [dict(r) for r in rows]
    log.warning("rebuilding replica schema %s → %s, keeping %d unsent entries",
                from_version, SCHEMA_VERSION, len(keep))
    objects = conn.exec_driver_sql(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "AND type IN ('table', 'trigger', 'view')").all()
    for kind, name in objects:
        if kind == "trigger":
            conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}"')
    for kind, name in objects:
        if kind == "view":
            conn.exec_driver_sql(f'DROP VIEW IF EXISTS "{name}"')
    # Virtual tables first (their shadow tables go with them), then the plain ones.
    names = [name for kind, name in objects if kind == "table"]
    virtual = set(conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
    ).scalars().all())
    for name in names:
        if name in virtual:
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
    for name in names:
        if name not in virtual:
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
    _create(conn)
    if keep:
        defaults = {"state": "waiting", "attempts": 0, "next_attempt_at": 0.0}
        conn.execute(schema.outbox.insert(), [{**defaults, **row} for row in keep])
    # Deliberately no cursor: the next pull starts from the beginning.
    conn.execute(text("INSERT INTO meta(key, value) VALUES ('rebuilt_from', :v)"),
                 {"v": str(from_version)})
