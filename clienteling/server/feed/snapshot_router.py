"""HTTP route of a store's snapshot (GET /sync/snapshot): the device's first sync in one file,
resumable (ETag, Range, If-Range), scoped to the signed-in staff's store as the feed is."""

from __future__ import annotations

import hashlib
import tempfile
import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.replica.schema import SCHEMA_VERSION
from clienteling.server.auth.deps import Staff, current_staff, get_config, get_session
from clienteling.server.config import ServerConfig
from clienteling.server.feed.snapshot import SnapshotCache
from clienteling.server.problems import ApiProblem
from clienteling.server.sessions import DatabaseRoute

router = APIRouter(prefix="/sync", tags=["sync"], route_class=DatabaseRoute)

_PROBLEM = {"model": w.Problem, "content": {"application/problem+json": {}}}
MEDIA_TYPE = "application/vnd.sqlite3"
RETRY_AFTER_SECONDS = 2
_made = threading.Lock()


def snapshot_folder(config: ServerConfig) -> Path:
    if config.snapshot_dir:
        return Path(config.snapshot_dir)
    url = make_url(config.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        # Beside the database file: a database made anew in the same place starts clean.
        database = Path(url.database)  # type: ignore[arg-type]
        return database.with_name(database.name + ".snapshots")
    digest = hashlib.sha256(config.database_url.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "clienteling-snapshots" / digest


def snapshots(request: Request, config: ServerConfig = Depends(get_config)) -> SnapshotCache:
    """This process's view of the host's snapshot folder (the state is on disk, not here)."""
    state = request.app.state
    with _made:
        cache = getattr(state, "snapshots", None)
        if cache is None:
            cache = SnapshotCache(
                snapshot_folder(config), state.database.read_sessions,
                nearest=config.nearest_stores, max_age=config.snapshot_max_age,
                max_distance=config.snapshot_max_distance)
            state.snapshots = cache
    return cache  # type: ignore[no-any-return]


@router.get(
    "/snapshot",
    response_class=FileResponse,
    responses={
        200: {"content": {MEDIA_TYPE: {}},
              "description": "The store's state as a SQLite file in the replica's table layout, "
                             "its feed cursor in its `meta` table (and the Snapshot-Cursor "
                             "header); Range and If-Range resume a broken download (206)."},
        206: {"description": "The requested part of the file"},
        404: _PROBLEM, 409: _PROBLEM, 503: _PROBLEM},
    summary="This device's store as one file, to start a replica from (then pull the feed "
            "from its cursor)",
)
def snapshot(
    schema: Annotated[int, Query(ge=1, description="The device's replica schema version")],
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    cache: SnapshotCache = Depends(snapshots),
    config: ServerConfig = Depends(get_config),
) -> FileResponse:
    if not config.snapshots:
        raise ApiProblem(404, "This server offers no snapshots: download the feed.",
                         code="sync.no_snapshots")
    if schema != SCHEMA_VERSION:
        raise ApiProblem(409, f"This server makes snapshots of replica schema {SCHEMA_VERSION}: "
                         "download the feed instead.", code="sync.snapshot_schema",
                         supported=SCHEMA_VERSION)
    info = cache.serve(session, staff.store_id)
    if info is None:
        raise ApiProblem(503, "The store's snapshot is being prepared; try again shortly.",
                         code="sync.snapshot_building",
                         headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return FileResponse(cache.path(info), media_type=MEDIA_TYPE, headers={
        "ETag": info.etag, "Cache-Control": "no-store", "Snapshot-Cursor": info.cursor,
        "Snapshot-Rows": str(info.rows)})
