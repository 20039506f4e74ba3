"""HTTP route of the change feed a device pulls, scoped to the signed-in staff's store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.auth.deps import Staff, current_staff, get_config, get_session
from clienteling.server.config import ServerConfig
from clienteling.server.feed import service as feed
from clienteling.server.problems import ApiProblem
from clienteling.server.sessions import DatabaseRoute

router = APIRouter(prefix="/sync", tags=["sync"], route_class=DatabaseRoute)

_PROBLEM = {"model": w.Problem, "content": {"application/problem+json": {}}}
DEFAULT_PAGE = 1000
FEED_PAGE_LIMIT = 5000  # the most a server may be set to serve in a page


@router.get(
    "/changes", response_model=w.ChangesPage, responses={410: _PROBLEM, 422: _PROBLEM},
    summary="The next page of changes for this device's store (no cursor: from the beginning)",
)
def changes(
    # No length limit here: any cursor the server did not make is a 410 (start over), not a 422.
    cursor: Annotated[str | None, Query(
        description="next_cursor of the previous page; none to start over")] = None,
    limit: Annotated[int | None, Query(
        ge=1, le=FEED_PAGE_LIMIT,
        description=f"1 to the server's page maximum (at most {FEED_PAGE_LIMIT}); "
                    f"{DEFAULT_PAGE} (or that maximum, if lower) by default")] = None,
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    config: ServerConfig = Depends(get_config),
) -> Response:
    if limit is None:
        limit = min(DEFAULT_PAGE, config.feed_page_max)
    elif limit > config.feed_page_max:
        # This server's own maximum, lower than the document's: a setting, not the schema.
        raise ApiProblem(422, f"limit must be at most {config.feed_page_max}.",
                         code="sync.limit", maximum=config.feed_page_max,
                         errors=[{"field": "limit",
                                  "message": f"at most {config.feed_page_max}"}])
    page, next_cursor, has_more = feed.read_feed(
        session, store_id=staff.store_id, cursor=cursor, limit=limit,
        nearest=config.nearest_stores)
    # The stored JSON of each change is spliced, not re-validated: the page is served as is.
    return Response(feed.feed_json(page, next_cursor, has_more), media_type="application/json")
