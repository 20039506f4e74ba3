"""Reading the audit log (admins only). There is no route to change or delete an entry."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.audit import service
from clienteling.server.auth.deps import Staff, get_session, require_role
from clienteling.server.problems import ApiProblem
from clienteling.server.sessions import DatabaseRoute

router = APIRouter(tags=["audit"], route_class=DatabaseRoute)

_PROBLEM = {"model": w.Problem, "content": {"application/problem+json": {}}}
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._\-]*$"
_ACTIONS = "|".join(a.value.replace(".", r"\.") for a in service.Action)


@router.get("/audit", response_model=w.AuditPage,
            responses={403: {**_PROBLEM, "description": "Only an admin reads the audit log"},
                       422: _PROBLEM},
            summary="The audit log, newest first")
def read_audit(
    customer_id: Annotated[str | None, Query(min_length=1, max_length=64,
                                             pattern=_ID_PATTERN)] = None,
    staff_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    action: Annotated[str | None, Query(pattern=f"^({_ACTIONS})$")] = None,
    since: Annotated[w.UTCDateTime | None, Query(description="From this instant")] = None,
    until: Annotated[w.UTCDateTime | None, Query(description="Before this instant")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(max_length=20, pattern=r"^[0-9]+$",
                                        description="`next_cursor` of the previous page")] = None,
    _admin: Staff = Depends(require_role(w.Role.ADMIN)),
    session: Session = Depends(get_session),
) -> w.AuditPage:
    before = int(cursor) if cursor else None
    if before is not None and before > 2**63 - 1:
        raise ApiProblem(422, "This page cursor is not valid.", code="audit.cursor")
    items, next_id = service.entries(session, customer_id=customer_id, staff_id=staff_id,
                                     action=action, since=since, until=until,
                                     before_id=before, limit=limit)
    return w.AuditPage(items=items, next_cursor=str(next_id) if next_id else None)
