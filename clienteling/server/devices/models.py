"""The last outbox report of each device: what it had not sent when it was last heard of."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from clienteling.server.db import Base, UTCDateTime


class DeviceOutboxReport(Base):
    """One row per device, replaced at each report: its unsent entries (kind, customer id,
    order number, created at). Once the device is revoked they are "lost with the device"."""

    __tablename__ = "device_outbox_reports"

    device_id: Mapped[int] = mapped_column(ForeignKey("device_sessions.id"), primary_key=True)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entries: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
