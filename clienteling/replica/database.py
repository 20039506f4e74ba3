"""Opening a replica file: encrypted at rest (SQLCipher), owner-only permissions, WAL, schema
version checks and upgrades.

The file and its WAL are encrypted with a random 256-bit key kept in the device's secret store
(`clienteling.replica.key`): a replica copied to another machine, or read without the key, shows
no customer. `Replica.open(path, keys)` is how every process opens a replica; under it
`connect(path, key)` is the only function that opens the file.

One `Replica` per file, shared by every thread of the process: reads run in deferred
transactions (a consistent snapshot), writes in `BEGIN IMMEDIATE` ones serialised by a lock, so
a reader never blocks the sync and the sync never fails half-way on a lock upgrade.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.pool import QueuePool

from clienteling.domain.errors import DomainError
from clienteling.replica import schema
from clienteling.replica.schema import SCHEMA_VERSION, metadata

if TYPE_CHECKING:
    from clienteling.replica.key import ReplicaKeys

try:  # SQLCipher: SQLite with every page (database and WAL) encrypted, FTS5 included
    from sqlcipher3 import dbapi2 as sqlcipher
except ImportError:  # pragma: no cover - the app's and tests' installs carry it
    sqlcipher = None

if TYPE_CHECKING:
    from sqlite3 import Row  # SQLCipher's row class has the standard library's interface
else:
    Row = sqlcipher.Row if sqlcipher is not None else None

log = logging.getLogger(__name__)

# Upgrades in place: MIGRATIONS[n] turns a version-n replica into version n+1. A version with
# no step here is rebuilt: the server state is dropped (downloaded again), the outbox is kept.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}

# Outbox columns every schema version keeps, so a rebuild can carry unsent work over.
OUTBOX_COLUMNS = tuple(c.name for c in schema.outbox.columns)

# The first bytes of a SQLite file written in clear (an older version's replica); an encrypted
# file starts with random bytes.
PLAIN_HEADER = b"SQLite format 3\x00"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
# The store's snapshot while a first sync downloads and applies it (clienteling.sync.snapshot):
# SQLite in clear, so a wipe shreds it with the replica.
SNAPSHOT_SUFFIX = ".snapshot"


def _driver() -> Any:
    if sqlcipher is None:
        raise DomainError("replica.no_sqlcipher",
                          "this installation cannot open the encrypted replica (sqlcipher3 is "
                          "missing): pip install 'clienteling[device]'")
    return sqlcipher


def connect(path: Path, key: bytes | None, *, read_only: bool = False) -> Any:
    """THE way to open a replica file: a SQLCipher connection that has been given the key
    (`PRAGMA key`, a raw 256-bit key: no passphrase derivation) before anything else.

    `key=None` opens a file written in clear: only to convert an older version's replica, and
    for the benchmarks' unencrypted baseline. Raises `replica.wrong_key` when the key does not
    open the file (a replica copied from another device, or a damaged one) and
    `replica.corrupt` when a file in clear is not a database.
    """
    driver = _driver()
    target = f"file:{path}?mode=ro" if read_only else str(path)
    conn = driver.connect(target, uri=read_only, timeout=30, check_same_thread=False)
    try:
        # A wrong key is reported as a DomainError, not as SQLCipher's lines on stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # Reading the schema is what tells a right key (or a sound file) from a wrong one.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        conn.close()
        if key is not None:
            raise DomainError(
                "replica.wrong_key",
                "the local replica cannot be read with this device's key (it was copied from "
                "another device, or it is damaged)", path=str(path)) from exc
        raise DomainError("replica.corrupt", "the local replica file is damaged",
                          path=str(path), reason=str(exc)) from exc
    return conn


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


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _has_content(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def _is_plain(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER


def shred(path: Path) -> None:
    """Overwrite then delete (best effort: a flash disk or a copy-on-write file system may keep
    the old blocks; the file system's own encryption covers those)."""
    with contextlib.suppress(FileNotFoundError):
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()


def read_version(path: Path, key: bytes | None) -> int:
    """The file's `user_version`, read without changing anything (0: new or empty)."""
    if not _has_content(path):
        return 0
    conn = connect(path, key, read_only=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except _driver().DatabaseError as exc:
        raise DomainError("replica.corrupt", "the local replica file is damaged",
                          path=str(path), reason=str(exc)) from exc
    finally:
        conn.close()


def destroy(path: Path, keys: ReplicaKeys) -> None:
    """Wipe a replica (a revoked or locked device, an erased session): its file, WAL,
    shared-memory file and any snapshot being applied overwritten and deleted, then its key
    forgotten. Close every `Replica`
    on it first."""
    for suffix in (*SIDE_SUFFIXES, SNAPSHOT_SUFFIX):
        shred(_side(path, suffix))
    shred(path)
    keys.forget(path)


def _key_for(path: Path, keys: ReplicaKeys) -> bytes:
    """The key that opens `path`: made for a new file, the stored one for an encrypted file; a
    file in clear (an older version's) is encrypted first, a file whose key is lost is deleted
    (nothing readable is kept; the next pull downloads the store again)."""
    if not _has_content(path):
        for suffix in SIDE_SUFFIXES:  # another file's leftovers must not be replayed into it
            with contextlib.suppress(FileNotFoundError):
                _side(path, suffix).unlink()
        return keys.load(path) or keys.create(path)
    if _is_plain(path):
        return _encrypt_plain(path, keys)
    key = keys.load(path)
    if key is None:
        log.warning("the key of the local replica %s is lost: deleting it, the next sync "
                    "downloads the store again", path.name)
        destroy(path, keys)
        return keys.create(path)
    return key


def _encrypt_plain(path: Path, keys: ReplicaKeys) -> bytes:
    """Convert an older version's replica written in clear (outbox and all) into an encrypted
    one with a new key (`sqlcipher_export`), then overwrite the clear copy."""
    plain = connect(path, None)
    try:
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        tables = plain.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite_%'").fetchone()[0]
        if version == 0 and tables:
            raise DomainError("replica.corrupt", "this file is not a replica", path=str(path))
        if version > SCHEMA_VERSION:
            raise DomainError(
                "replica.too_new",
                f"this replica was written by a newer version of the app (schema {version}, "
                f"this version reads up to {SCHEMA_VERSION}): update the app",
                path=str(path), found=version, supported=SCHEMA_VERSION)
        key = keys.create(path)
        target = _side(path, ".encrypting")
        for suffix in ("", *SIDE_SUFFIXES):
            with contextlib.suppress(FileNotFoundError):
                _side(target, suffix).unlink()
        _create_private_file(target)
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), f"x'{key.hex()}'"))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    check = connect(target, key)  # the copy opens with the new key before the clear one goes
    check.close()
    with path.open("r+b") as clear:
        os.replace(target, path)
        size = os.fstat(clear.fileno()).st_size
        clear.write(b"\0" * size)
        clear.flush()
        os.fsync(clear.fileno())
    for suffix in SIDE_SUFFIXES:
        shred(_side(path, suffix))
    log.warning("encrypted the local replica %s written in clear by an older version",
                path.name)
    return key


class Replica:
    """A replica file. Use `Replica.open(path, keys)`; `read()` and `write()` give
    connections."""

    def __init__(self, path: Path, engine: Engine, key: bytes | None) -> None:
        self.path = path
        self._key = key
        self.engine = engine
        self._writer = engine.execution_options(replica_write=True)
        self._write_lock = threading.RLock()

    @classmethod
    def open(cls, path: str | os.PathLike[str], keys: ReplicaKeys) -> Replica:
        """Open (creating it, mode 0600, with a new key in `keys`) and bring the schema to
        `SCHEMA_VERSION`. The one way to open a replica, in any process (see
        `clienteling.replica.key` for where `keys` come from).

        A replica written in clear by an older version is encrypted (its outbox kept); one
        whose key is lost is deleted and made anew (the next pull downloads the store again).
        Raises `replica.wrong_key` when the stored key does not open the file,
        `replica.key_unavailable` when the keyring cannot be read now, `replica.too_new` for a
        file written by a newer version of the app (it is left untouched) and
        `replica.corrupt` for a file that is not a replica.
        """
        _driver()  # before a key is made for a file this installation cannot open
        file = Path(path)
        key = _key_for(file, keys)
        return cls._open_with_key(file, key)

    @classmethod
    def _open_with_key(cls, file: Path, key: bytes | None) -> Replica:
        """`open` once the key is known (None: a replica in clear, the benchmarks' baseline)."""
        found = read_version(file, key)
        if found > SCHEMA_VERSION:
            raise DomainError(
                "replica.too_new",
                f"this replica was written by a newer version of the app (schema {found}, "
                f"this version reads up to {SCHEMA_VERSION}): update the app",
                path=str(file), found=found, supported=SCHEMA_VERSION)
        _create_private_file(file)
        engine = create_engine(
            "sqlite://", module=_driver(), creator=lambda: connect(file, key),
            poolclass=QueuePool, pool_size=4, max_overflow=8)
        _install_pragmas(engine)
        replica = cls(file, engine, key)
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

    @contextlib.contextmanager
    def write_attached(self, path: Path, alias: str) -> Iterator[Connection]:
        """A write transaction with the SQLite file `path`, written in clear, attached as
        `alias` (a snapshot the server sent: read set-wise into the encrypted tables). SQLite
        attaches outside a transaction only, so the file is attached first and detached after
        the commit or rollback."""
        with self._write_lock, self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute(f"ATTACH DATABASE ? AS {alias} KEY ''", (str(path),))
            try:
                conn.execution_options(replica_write=True)
                with conn.begin():
                    yield conn
            finally:
                try:
                    raw.execute(f"DETACH DATABASE {alias}")
                except Exception:  # never hand the pool a connection with the file attached
                    conn.invalidate()
                    raise

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
        found = read_version(self.path, self._key)
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
    # The seller's open carts and the manager's saved lists are work too: kept as they are.
    local: dict[str, list[dict[str, Any]]] = {}
    tables = _user_tables(conn)
    for table in schema.DEVICE_TABLES:
        if table.name in tables:
            present = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table.name}")')}
            columns = [c.name for c in table.columns if c.name in present]
            if {c.name for c in table.columns if not c.nullable} <= set(columns):
                local[table.name] = [dict(r) for r in conn.exec_driver_sql(
                    f'SELECT {", ".join(columns)} FROM "{table.name}"').mappings().all()]
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
    for table in schema.DEVICE_TABLES:
        if local.get(table.name):
            conn.execute(table.insert(), local[table.name])
    # Deliberately no cursor: the next pull starts from the beginning.
    conn.execute(text("INSERT INTO meta(key, value) VALUES ('rebuilt_from', :v)"),
                 {"v": str(from_version)})
