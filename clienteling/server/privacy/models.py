"""Erasure requests: a right exercised is recorded first, then carried out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clienteling.server.db import Base, UTCDateTime

PENDING = "pending"
DONE = "done"


class ErasureRequest(Base):
    """An erasure asked for. It waits (`pending`) while the law requires keeping the customer
    (an open order) and is carried out when the last one closes (`done`)."""

    __tablename__ = "erasure_requests"
    __table_args__ = (Index("ix_erasure_requests_customer", "customer_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The customer row stays (a tombstone, so orders keep their key): the reference holds.
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    requested_by: Mapped[str] = mapped_column(String(150))
    status: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(String(200))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
