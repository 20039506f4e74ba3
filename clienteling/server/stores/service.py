"""Reading the chain's stores."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server import wire
from clienteling.server.stores.models import StoreRow


def list_stores(session: Session) -> list[w.Store]:
    rows = session.scalars(select(StoreRow).order_by(StoreRow.store_id))
    return [wire.store(row) for row in rows]
