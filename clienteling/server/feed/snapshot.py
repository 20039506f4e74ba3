"""A store's snapshot: its whole feed as one SQLite file a new device copies into its replica.

Replaying a first download change by change costs both ends about 65 µs a change; a snapshot
is the same state in the replica's own table layout, which the device copies set-wise.

Consistency: the snapshot IS the feed. It is built from the same rows, with the same audience
and the same horizon rule as `service.read_feed`, in one statement, and its cursor is the last
row it read: exactly the cursor a device would hold after paging through the whole feed. A
change committed during the build is either in the snapshot or after its cursor, never lost.

The cache: one file per (store, stock scope size, replica schema), in `snapshot_dir`, named by
its build so a file being served is never rewritten; a small JSON pointer names the current
one. A build takes an exclusive `flock` on the store's lock file (several worker processes on
one host build a store once) and runs off the request path, in a thread: a device asking while
there is no snapshot yet is told to come back (503, Retry-After); a stale one is still served
(its cursor stays valid, the device pulls the rest as deltas) while the next one is built.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select, tuple_
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.schema import CreateTable

from clienteling.replica import figures
from clienteling.replica import schema as replica_schema
from clienteling.replica.apply import APPLY_ORDER, CUSTOMER_CHILDREN, ENTITY_TABLES
from clienteling.server.feed.models import ChangeRow
from clienteling.server.feed.service import (
    ALL,
    CUSTOMER,
    STOCK,
    _horizon,
    format_cursor,
    parse_cursor,
    stock_scope,
)

log = logging.getLogger(__name__)

BATCH = 5000
_SAFE = re.compile(r"[^A-Za-z0-9_-]")
# Files of an older build are kept this long, so a download under way can still resume.
KEEP_OLD_SECONDS = 600.0
# A snapshot is brought forward from the previous one (the changes since its cursor), and built
# from nothing again after this long.
FULL_EVERY_SECONDS = 24 * 3600.0


@dataclass(frozen=True)
class SnapshotInfo:
    """A built snapshot: its file (in the cache folder), ETag, cursor and size."""

    file: str
    etag: str
    cursor: str
    built_at: float
    rows: int
    size: int
    store_id: str | None
    schema_version: int
    # When the snapshot this one was brought forward from was built from nothing.
    full_at: float = 0.0


def _audience(session: Session, store_id: str | None, nearest: int) -> Any:
    audience = [ChangeRow.scope == ALL]
    if store_id is not None:
        audience.append(and_(ChangeRow.scope == STOCK,
                             ChangeRow.store_id.in_(stock_scope(session, store_id, nearest))))
        audience.append(and_(ChangeRow.scope == CUSTOMER, ChangeRow.store_id == store_id))
    return or_(*audience)


def _create_tables(db: sqlite3.Connection) -> None:
    dialect = sqlite_dialect.dialect()
    for table in (replica_schema.meta, *replica_schema.SERVER_TABLES):
        # Tables only: the device's replica has its own indexes, the file is read once.
        db.execute(str(CreateTable(table).compile(dialect=dialect)))
    # The figures read a customer's orders while the file is written.
    db.execute("CREATE INDEX snapshot_orders_customer ON orders (customer_id)")


def _write_batch(db: sqlite3.Connection, batch: list[tuple[str, str, str, str | None]]) -> None:
    """Apply a run of feed rows in feed order, as `replica.apply.apply_changes` does: the last
    change of a key wins, deletes (with a customer's children) before upserts."""
    last: dict[tuple[str, str], tuple[str, str | None]] = {}
    for entity, op, key, data in batch:
        last[(entity, key)] = (op, data)
    upserts: dict[str, list[tuple[Any, ...]]] = {}
    deletes: dict[str, list[tuple[str, ...]]] = {}
    for (entity, key), (op, data) in last.items():
        table = ENTITY_TABLES[entity]
        if op == "upsert" and data:
            upserts.setdefault(entity, []).append(table.to_row(json.loads(data)))
        else:
            deletes.setdefault(entity, []).append(table.split_key(key))
    cursor = db.cursor()
    # The client book's figures, as the device's own apply keeps them (replica.figures): the
    # customers whose orders this batch writes, moves or deletes, and new customers.
    changed_orders = [key[0] for key in deletes.get("order", ())]
    changed_orders += [row[0] for row in upserts.get("order", ())]
    touched = figures.owners(cursor, changed_orders)
    for entity in reversed(APPLY_ORDER):
        if entity in deletes:
            db.executemany(ENTITY_TABLES[entity].delete_sql, deletes[entity])
            if entity == "customer":
                for child in CUSTOMER_CHILDREN:
                    db.executemany(f"DELETE FROM {child} WHERE customer_id = ?", deletes[entity])
    for entity in APPLY_ORDER:
        if entity in upserts:
            db.executemany(ENTITY_TABLES[entity].upsert_sql, upserts[entity])
    touched |= figures.customers_of_orders(upserts.get("order", ()))
    touched |= figures.with_orders(cursor, [row[0] for row in upserts.get("customer", ())])
    figures.refresh(cursor, touched)


def build(session: Session, *, store_id: str | None, nearest: int, target: Path,
          base: tuple[Path, str] | None = None) -> tuple[str, int]:
    """Write the feed of a device of `store_id` into a new SQLite file `target`; returns (the
    cursor after it, the rows the file holds). One statement on the session reads every row.

    `base`: (an earlier snapshot of the same store, its cursor): `target` starts as a copy of
    it and only the changes after its cursor are read, as a device pulls deltas."""
    horizon = _horizon(session)
    after = parse_cursor(base[1]) if base is not None else (0, 0)
    query = (
        select(ChangeRow.txid, ChangeRow.position, ChangeRow.entity, ChangeRow.op,
               ChangeRow.key, ChangeRow.data)
        .where(_audience(session, store_id, nearest),
               tuple_(ChangeRow.txid, ChangeRow.position) > tuple_(*after))
        .order_by(ChangeRow.txid, ChangeRow.position)
    )
    if horizon is not None:
        query = query.where(ChangeRow.txid < horizon)
    target.unlink(missing_ok=True)
    if base is not None:
        shutil.copyfile(base[0], target)
    db = sqlite3.connect(target, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN")
        if base is None:
            _create_tables(db)
        cursor = after
        batch: list[tuple[str, str, str, str | None]] = []
        for row in session.execute(query.execution_options(yield_per=BATCH)):
            batch.append((row.entity, row.op, row.key, row.data))
            cursor = (row.txid, row.position)
            if len(batch) >= BATCH:
                _write_batch(db, batch)
                batch.clear()
        _write_batch(db, batch)
        # What the device will hold (its progress counts these), not the changes read.
        rows = sum(db.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
                   for table in replica_schema.SERVER_TABLES)
        db.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [
            ("cursor", format_cursor(*cursor)), ("store_id", store_id or ""),
            ("schema_version", str(replica_schema.SCHEMA_VERSION))])
        db.execute(f"PRAGMA user_version = {replica_schema.SCHEMA_VERSION}")
        db.execute("COMMIT")
    finally:
        db.close()
    return format_cursor(*cursor), rows


def feed_distance(session: Session, *, store_id: str | None, nearest: int, cursor: str,
                  limit: int) -> int:
    """How many changes of the store's feed came after `cursor` (counted up to `limit`)."""
    after = parse_cursor(cursor)
    inner = (select(ChangeRow.position)
             .where(tuple_(ChangeRow.txid, ChangeRow.position) > tuple_(*after),
                    _audience(session, store_id, nearest))
             .limit(limit).subquery())
    return int(session.scalar(select(func.count()).select_from(inner)) or 0)


class SnapshotCache:
    """The snapshots of one server's stores, on disk: shared by every worker process of the
    host through the file system only (pointer files and `flock`), never by memory."""

    def __init__(self, folder: Path, sessions: sessionmaker[Session], *, nearest: int,
                 max_age: float, max_distance: int, serve_wait: float = 3.0) -> None:
        self.folder = folder
        self.serve_wait = serve_wait
        self.sessions = sessions
        self.nearest = nearest
        self.max_age = max_age
        self.max_distance = max_distance

    def _name(self, store_id: str | None) -> str:
        store = _SAFE.sub("_", store_id) if store_id else "_all"
        return f"{store}-n{self.nearest}-v{replica_schema.SCHEMA_VERSION}"

    def _pointer(self, store_id: str | None) -> Path:
        return self.folder / f"{self._name(store_id)}.json"

    def path(self, info: SnapshotInfo) -> Path:
        return self.folder / info.file

    def current(self, store_id: str | None) -> SnapshotInfo | None:
        """The last snapshot built for the store, if its file is still there."""
        try:
            info = SnapshotInfo(**json.loads(self._pointer(store_id).read_text()))
        except (FileNotFoundError, ValueError, TypeError):
            return None
        return info if self.path(info).exists() else None

    def is_fresh(self, session: Session, info: SnapshotInfo, now: float | None = None) -> bool:
        if (now if now is not None else time.time()) - info.built_at > self.max_age:
            return False
        txid, position = parse_cursor(info.cursor)
        head = session.scalar(select(func.max(ChangeRow.position))) or 0
        horizon = _horizon(session)
        if position > head or (horizon is not None and txid >= horizon):
            return False  # not a cursor of this database (restored from a backup, made anew)
        return feed_distance(session, store_id=info.store_id, nearest=self.nearest,
                             cursor=info.cursor, limit=self.max_distance) < self.max_distance

    @contextlib.contextmanager
    def _lock(self, store_id: str | None, *, wait: bool) -> Iterator[bool]:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = (self.folder / f"{self._name(store_id)}.lock").open("a")
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            handle.close()  # releases the lock

    def rebuild(self, store_id: str | None, *, wait: bool = True,
                force: bool = False) -> SnapshotInfo | None:
        """Build the store's snapshot, unless another process or thread is building it
        (`wait=False`: return None at once; `wait=True`: wait for it) or the one there is
        fresh (unless `force`). Returns the current snapshot."""
        with self._lock(store_id, wait=wait) as locked:
            if not locked:
                return None
            with self.sessions() as session:
                previous = self.current(store_id)
                if not force and previous is not None and self.is_fresh(session, previous):
                    return previous  # built by whoever held the lock before us
                session.rollback()  # the build reads in a transaction of its own
                return self._build(session, store_id)

    def _build(self, session: Session, store_id: str | None) -> SnapshotInfo:
        started = time.time()
        build_id = f"{self._name(store_id)}-{time.time_ns()}-{os.getpid()}"
        part = self.folder / f"{build_id}.building"
        previous = self.current(store_id)
        # Brought forward from the last one (only the changes since), from nothing once a day.
        if previous is not None and started - previous.full_at > FULL_EVERY_SECONDS:
            previous = None
        try:
            with session.begin():
                cursor, rows = build(
                    session, store_id=store_id, nearest=self.nearest, target=part,
                    base=(self.path(previous), previous.cursor) if previous else None)
            final = self.folder / f"{build_id}.sqlite3"
            os.replace(part, final)
        finally:
            part.unlink(missing_ok=True)
        info = SnapshotInfo(file=final.name, etag=f'"{build_id}"', cursor=cursor,
                            built_at=started, rows=rows,
                            size=final.stat().st_size, store_id=store_id,
                            schema_version=replica_schema.SCHEMA_VERSION,
                            full_at=previous.full_at if previous else started)
        pointer = self._pointer(store_id)
        temporary = pointer.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(asdict(info)))
        os.replace(temporary, pointer)
        self._sweep(store_id, keep=final.name)
        log.info("snapshot of %s built: %d rows, %d bytes, cursor %s, %.1f s",
                 store_id, rows, info.size, cursor, time.time() - started)
        return info

    def _sweep(self, store_id: str | None, *, keep: str) -> None:
        """Delete older builds (and builds a killed process left) once nobody can still be
        resuming them."""
        now = time.time()
        prefix = self._name(store_id) + "-"
        for path in self._files(prefix):
            if path.name == keep:
                continue
            with contextlib.suppress(FileNotFoundError):
                if now - path.stat().st_mtime > KEEP_OLD_SECONDS:
                    path.unlink()

    def _files(self, prefix: str) -> Iterable[Path]:
        return [p for p in self.folder.iterdir() if p.name.startswith(prefix)
                and p.suffix in (".sqlite3", ".building")]

    def serve(self, session: Session, store_id: str | None) -> SnapshotInfo | None:
        """The snapshot to send now, or None while the first one is being built. A missing or
        stale snapshot starts a build in a background thread (one per store and host)."""
        info = self.current(store_id)
        if info is not None and self.is_fresh(session, info):
            return info
        session.rollback()  # hold no read while waiting
        build = self._build_in_background(store_id)
        if info is not None:
            return info  # a stale one is still right: the device pulls the rest as deltas
        # A small store is built in a moment: wait a little rather than send the device away.
        build.join(self.serve_wait)
        return self.current(store_id)

    def _build_in_background(self, store_id: str | None) -> threading.Thread:
        def run() -> None:
            try:
                self.rebuild(store_id, wait=False)
            except Exception:  # the next request tries again
                log.exception("building the snapshot of %s failed", store_id)

        thread = threading.Thread(target=run, name=f"snapshot-{store_id}", daemon=True)
        thread.start()
        return thread
