"""Stock levels per store and SKU."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.auth.deps import Staff, current_staff, get_session
from clienteling.server.sessions import DatabaseRoute
from clienteling.server.stock import service

router = APIRouter(tags=["stock"], route_class=DatabaseRoute)


@router.get("/stock", response_model=list[w.StockLevel],
            responses={422: {"description": "No SKU, too many, or a malformed one"}})
def stock_levels(
    sku: Annotated[list[w.Sku], Query(min_length=1, max_length=100,
                                      description="A SKU; repeat for several (1 to 100)")],
    store_id: Annotated[list[w.Id], Query(max_length=100,
                                          description="Only these stores (repeatable)")] = [],  # noqa: B006
    _staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
) -> list[w.StockLevel]:
    return service.stock_levels(session, skus=sku, store_ids=store_id)
