"""The audit log's one table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clienteling.server.db import Base, UTCDateTime


class AuditEntry(Base):
    """One audited act. Staff are named as well as numbered, so an entry still says who after
    the account is gone; nothing here has a foreign key that could make an entry disappear."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_customer", "customer_id", "id"),
        Index("ix_audit_log_staff", "staff_id", "id"),
        Index("ix_audit_log_action", "action", "id"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    action: Mapped[str] = mapped_column(String(40))
    staff_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str | None] = mapped_column(String(150))
    store_id: Mapped[str | None] = mapped_column(String(64))
    customer_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict | None] = mapped_column(JSON)
