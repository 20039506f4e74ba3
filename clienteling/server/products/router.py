"""Catalogue search and barcode lookup."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.auth.deps import Staff, current_staff, get_session
from clienteling.server.products import service
from clienteling.server.sessions import DatabaseRoute

router = APIRouter(tags=["products"], route_class=DatabaseRoute)


@router.get("/products", response_model=list[w.Product],
            responses={422: {"description": "Invalid query"}})
def search_products(
    q: Annotated[str, Query(max_length=200, description="Words of the name, brand, "
                                                        "category, SKU or EAN")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    _staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
) -> list[w.Product]:
    return service.search_products(session, q=q, limit=limit)


@router.get("/products/lookup", response_model=w.Product,
            responses={404: {"description": "No product has this code"},
                       422: {"description": "Malformed code or wrong check digit"}})
def lookup_product(
    code: Annotated[str, Query(min_length=1, max_length=512,
                               description="EAN-13, EAN-8, UPC-A or SKU")],
    _staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
) -> w.Product:
    return service.lookup_product(session, code=code)
