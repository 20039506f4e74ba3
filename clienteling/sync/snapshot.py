"""A first sync from the store's snapshot: one file downloaded (resumed when cut), copied
set-wise into the encrypted replica with its cursor, then the feed from that cursor.

The file is SQLite in clear, kept beside the replica only while it is needed: a cut download
is resumed from what arrived (its ETag in the replica's meta, If-Range on the server), a kill
while it is applied leaves the replica as it was (one transaction) and the file to apply again,
and it is overwritten and deleted as soon as it is applied, or whenever a replica that has a
cursor finds one left behind.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from clienteling.api.client import ApiClient, ApiError, SnapshotStart, TransportError
from clienteling.replica import schema
from clienteling.replica.database import SNAPSHOT_SUFFIX, Replica, shred
from clienteling.sync.status import PullProgress

log = logging.getLogger(__name__)

CURSOR = "cursor"
ETAG = "snapshot_etag"
SIZE = "snapshot_size"
ROWS = "snapshot_rows"
CURSOR_OF_FILE = "snapshot_cursor"
ALIAS = "snapshot"
# How long a first sync waits for the server to build the store's snapshot before it
# downloads the feed page by page instead.
BUILD_WAIT_SECONDS = 120.0
# A server without snapshots (an older one), or of another replica schema: use the feed.
NO_SNAPSHOT = (404, 405, 409)
STOPPED = "sync.stopped"  # the client's code for a download the engine stopped


def snapshot_file(replica: Replica) -> Path:
    return replica.path.with_name(replica.path.name + SNAPSHOT_SUFFIX)


def discard_leftover(replica: Replica) -> None:
    """A replica with a cursor needs no snapshot: delete one a kill left behind."""
    file = snapshot_file(replica)
    if file.exists() and replica.meta(CURSOR) is not None:
        shred(file)


def bootstrap(replica: Replica, client: ApiClient, *,
              progress: Callable[[PullProgress], None] | None = None,
              should_stop: Callable[[], bool] | None = None,
              sleep: Callable[[float], None] = time.sleep) -> int | None:
    """Start an empty replica (no cursor) from the store's snapshot. Returns the feed changes
    it stood for, or None when the server offers none (the caller pulls the feed). Raises the
    client's errors, keeping what was downloaded."""
    file = snapshot_file(replica)
    with replica.read() as conn:
        if replica.get_meta(conn, CURSOR) is not None:
            return 0
        etag = replica.get_meta(conn, ETAG)
        size = int(replica.get_meta(conn, SIZE) or 0)
        rows = int(replica.get_meta(conn, ROWS) or 0)
        cursor = replica.get_meta(conn, CURSOR_OF_FILE)

    def report(done: int, total: int) -> None:
        if progress and total:
            progress(PullProgress(changes=rows * done // total, has_more=True, first_sync=True))

    complete = etag is not None and file.exists() and file.stat().st_size == size > 0
    if not complete:
        def started(start: SnapshotStart) -> None:
            nonlocal rows, cursor
            rows, cursor = start.rows, start.cursor
            if start.offset == 0:  # a new file: remember it before its first byte lands
                with replica.write() as conn:
                    replica.set_meta(conn, ETAG, start.etag)
                    replica.set_meta(conn, SIZE, str(start.size))
                    replica.set_meta(conn, ROWS, str(start.rows))
                    replica.set_meta(conn, CURSOR_OF_FILE, start.cursor)

        waited = 0.0
        while True:
            try:
                client.download_snapshot(schema.SCHEMA_VERSION, file, etag=etag,
                                         on_start=started, on_bytes=report,
                                         should_stop=should_stop)
                break
            except TransportError as error:
                if error.code == STOPPED:  # the engine stops: what arrived is kept
                    return None
                raise
            except ApiError as error:
                if error.status == 416 and etag is not None:  # not the start of that file
                    file.unlink(missing_ok=True)
                    etag = None
                    continue
                if error.status in NO_SNAPSHOT:
                    log.info("no snapshot from the server (%s): the feed instead", error.code)
                    return None
                if error.status != 503 or error.code != "sync.snapshot_building":
                    raise
                delay = float((error.problem or {}).get("retry_after") or 2)
                if waited + delay > BUILD_WAIT_SECONDS or (should_stop and should_stop()):
                    log.info("the snapshot is still being built: the feed instead")
                    return None
                sleep(delay)
                waited += delay
    assert cursor is not None
    try:
        count = apply_snapshot(replica, file, cursor)
    except Exception as exc:  # a damaged file: forget it, the next cycle downloads it again
        forget(replica)
        raise TransportError("network.bad_response", f"the snapshot is unusable: {exc}"
                             ) from None
    if progress:
        progress(PullProgress(changes=count, has_more=True, first_sync=True))
    return count


def forget(replica: Replica) -> None:
    with replica.write() as conn:
        for key in (ETAG, SIZE, ROWS, CURSOR_OF_FILE):
            replica.set_meta(conn, key, None)
    shred(snapshot_file(replica))


def apply_snapshot(replica: Replica, file: Path, cursor: str) -> int:
    """Replace the replica's server state by the snapshot's, with its cursor, in one
    transaction (the outbox is not touched); then delete the file. Returns its row count."""
    tables = schema.SERVER_TABLES
    with replica.write_attached(file, ALIAS) as conn:
        found = conn.exec_driver_sql(
            f"SELECT value FROM {ALIAS}.meta WHERE key = 'cursor'").scalar()
        if found != cursor:
            raise ValueError(f"the snapshot file's cursor {found!r} is not {cursor!r}")
        count = 0
        if replica.get_meta(conn, CURSOR) is None:  # else another puller got there first
            for table in tables:
                # Cached lookups and the like go: the snapshot is the store's whole state.
                conn.exec_driver_sql(f"DELETE FROM main.{table.name}")
            for table in tables:
                columns = ", ".join(c.name for c in table.columns)
                count += conn.exec_driver_sql(
                    f"INSERT INTO main.{table.name} ({columns}) "
                    f"SELECT {columns} FROM {ALIAS}.{table.name}").rowcount
            for fts in ("customer_fts", "product_fts"):
                conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
            replica.set_meta(conn, CURSOR, cursor)
        for key in (ETAG, SIZE, ROWS, CURSOR_OF_FILE):
            replica.set_meta(conn, key, None)
    shred(file)
    return count
