"""Stock per store and SKU: available = on hand − reserved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clienteling.server.db import Base, UTCDateTime


class StockRow(Base):
    __tablename__ = "stock"
    __table_args__ = (
        CheckConstraint("reserved >= 0", name="reserved_non_negative"),
        CheckConstraint("on_hand >= 0", name="on_hand_non_negative"),
    )

    store_id: Mapped[str] = mapped_column(String(64), ForeignKey("stores.store_id"),
                                          primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), ForeignKey("products.sku"), primary_key=True,
                                     index=True)
    on_hand: Mapped[int] = mapped_column(Integer)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
