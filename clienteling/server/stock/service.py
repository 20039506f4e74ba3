"""Reading stock levels across the chain (available = on hand − reserved)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server import wire
from clienteling.server.stock.models import StockRow


def stock_levels(session: Session, *, skus: Sequence[str],
                 store_ids: Sequence[str] = ()) -> list[w.StockLevel]:
    """The stock of `skus` in every store (or only in `store_ids`), by SKU then store."""
    query = select(StockRow).where(StockRow.sku.in_(sorted(set(skus))))
    if store_ids:
        query = query.where(StockRow.store_id.in_(sorted(set(store_ids))))
    rows = session.scalars(query.order_by(StockRow.sku, StockRow.store_id))
    return [wire.stock(row) for row in rows]
