"""Follow-up tasks and the record of every export of the client book."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clienteling.server.db import Base, UTCDateTime


class TaskRow(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_store_status", "store_id", "status", "due_on", "task_id"),
        Index("ix_tasks_assignee_status", "assignee_id", "status", "due_on", "task_id"),
    )

    task_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(64), ForeignKey("stores.store_id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"))
    assignee_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    created_by: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(10))
    due_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open")
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ExportRow(Base):
    """Who exported which list of the client book, when, and how many rows."""

    __tablename__ = "client_exports"
    __table_args__ = (Index("ix_client_exports_store_at", "store_id", "at"),)

    export_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    store_id: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    filters: Mapped[dict[str, Any]] = mapped_column(JSON)
    rows: Mapped[int] = mapped_column(Integer)
