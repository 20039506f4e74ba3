"""The chain's stores."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.auth.deps import Staff, current_staff, get_session
from clienteling.server.sessions import DatabaseRoute
from clienteling.server.stores import service

router = APIRouter(tags=["stores"], route_class=DatabaseRoute)


@router.get("/stores", response_model=list[w.Store])
def list_stores(_staff: Staff = Depends(current_staff),
                session: Session = Depends(get_session)) -> list[w.Store]:
    return service.list_stores(session)
