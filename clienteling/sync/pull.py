"""Pulling the change feed into the replica, page by page, each page with its cursor.

A page and the cursor after it are one local transaction: a kill at any instant resumes at the
last page applied, nothing twice, nothing skipped. The cursor is compared before a page is
applied, so two pullers on one replica (the app and `clienteling sync`) never apply a page
twice. A 410 (cursor unknown) empties the server state and downloads again; the outbox is
never touched, so pending work survives every pull.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from clienteling.api.client import ApiClient, ApiError, TransportError
from clienteling.replica.apply import Applied, BadChange, apply_changes, clear_server_state, now_ts
from clienteling.replica.database import Replica
from clienteling.sync.snapshot import bootstrap, discard_leftover
from clienteling.sync.status import PullProgress

log = logging.getLogger(__name__)

CURSOR = "cursor"
COMPLETE = "complete"
LAST_SYNC = "last_sync_at"
MAX_RESETS = 3


@dataclass
class PullReport:
    pages: int = 0
    changes: int = 0
    resets: int = 0
    complete: bool = False
    applied: Applied = field(default_factory=Applied)


def is_partial(replica: Replica) -> bool:
    """True until a download reached the end of the feed at least once since the last reset."""
    return replica.meta(COMPLETE) != "1"


class _Prefetch:
    """Fetches the next pages in a thread while the current one is applied: the network and
    JSON decoding of page n+1 overlap the SQLite work of page n (sqlite3 releases the GIL).
    Pages come out in feed order, each with the cursor it was asked with; an error comes out
    in its place, after the pages before it."""

    def __init__(self, client: ApiClient, cursor: str | None, limit: int, depth: int = 2) -> None:
        self._client = client
        self._cursor = cursor
        self._limit = limit
        self._queue: queue.Queue[tuple[str | None, dict[str, Any] | None,
                                       BaseException | None]] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="clienteling-pull", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        cursor = self._cursor
        try:
            while not self._stop.is_set():
                page = self._client.changes(cursor, self._limit)
                self._put((cursor, page, None))
                if not page["has_more"]:
                    return
                cursor = page["next_cursor"]
        except BaseException as error:  # handed to the applying thread, raised there
            self._put((cursor, None, error))

    def _put(self, item: tuple[str | None, dict[str, Any] | None,
                               BaseException | None]) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def __iter__(self) -> Iterator[tuple[str | None, dict[str, Any]]]:
        while True:
            try:
                cursor, page, error = self._queue.get(timeout=0.2)
            except queue.Empty:
                if not self._thread.is_alive() and self._queue.empty():
                    return
                continue
            if error is not None:
                raise error
            assert page is not None
            yield cursor, page
            if not page["has_more"]:
                return

    def close(self) -> None:
        self._stop.set()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        # A request in flight ends within the client's timeouts; the thread is a daemon and
        # holds no state, so there is no need to wait for it.


def pull(replica: Replica, client: ApiClient, *, page_size: int = 2000,
         progress: Callable[[PullProgress], None] | None = None,
         on_page: Callable[[Applied, bool], None] | None = None,
         should_stop: Callable[[], bool] | None = None,
         use_snapshot: bool = True) -> PullReport:
    """Download pages until the feed has no more. A replica without a cursor (a first sync,
    or after a 410) starts from the store's snapshot when the server offers one
    (`clienteling.sync.snapshot`), then pulls the feed from the snapshot's cursor. Raises the
    client's errors (network, server, sign-in) after keeping every page already applied.

    `progress` gets the running count after each page; `on_page(applied, reset)` what the page
    changed (reset: everything was cleared first)."""
    report = PullReport()
    first_sync = is_partial(replica)
    reset_pending = False
    while True:
        if should_stop and should_stop():
            return report
        if use_snapshot and replica.meta(CURSOR) is None:
            from_snapshot = bootstrap(replica, client, progress=progress,
                                      should_stop=should_stop)
            if from_snapshot:
                report.changes += from_snapshot
                if on_page:  # everything may have changed: screens reload
                    on_page(Applied(), True)
                    reset_pending = False
            if should_stop and should_stop():
                return report
        else:
            discard_leftover(replica)
        pages = _Prefetch(client, replica.meta(CURSOR), page_size)
        try:
            for cursor, page in pages:
                has_more = page["has_more"]
                try:
                    with replica.write() as conn:
                        if replica.get_meta(conn, CURSOR) != cursor:
                            break  # another puller applied this page meanwhile: ask again
                        applied = apply_changes(conn, page["changes"])
                        replica.set_meta(conn, CURSOR, page["next_cursor"])
                        if not has_more:
                            replica.set_meta(conn, COMPLETE, "1")
                            replica.set_meta(conn, LAST_SYNC, now_ts())
                except BadChange as exc:
                    raise TransportError("network.bad_response", str(exc)) from None
                report.pages += 1
                report.changes += len(page["changes"])
                report.applied.merge(applied)
                if on_page and (applied.count or reset_pending):
                    on_page(applied, reset_pending)
                    reset_pending = False
                if progress:
                    progress(PullProgress(changes=report.changes, has_more=has_more,
                                          first_sync=first_sync))
                if not has_more:
                    report.complete = True
                    return report
                if should_stop and should_stop():
                    return report
        except ApiError as error:
            if error.status != 410 or report.resets >= MAX_RESETS:
                raise
            log.warning("the server does not know our cursor (%s): downloading again",
                        error.code)
            with replica.write() as conn:
                clear_server_state(conn)
            report.resets += 1
            first_sync = True
            reset_pending = True
            if on_page:
                on_page(Applied(), True)
        finally:
            pages.close()
