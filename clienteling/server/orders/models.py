"""Orders of every channel, their lines, and the idempotency record of order creation."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clienteling.server.db import Base, UTCDateTime


class OrderRow(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_customer_created", "customer_id", "created_at"),
        Index("ix_orders_pickup_queue", "fulfillment_store_id", "status"),
    )

    order_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"))
    channel: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    fulfillment_type: Mapped[str] = mapped_column(String(20))
    fulfillment_store_id: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[dict | None] = mapped_column(JSON)
    delivery_method: Mapped[str | None] = mapped_column(String(20))
    delivery_fee: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    payment_mode: Mapped[str | None] = mapped_column(String(20))
    origin_store_id: Mapped[str | None] = mapped_column(String(64))
    pickup_code: Mapped[str | None] = mapped_column(String(32))
    # pending | paid (domain.orders.PaymentStatus); the till's receipt, the payment link's page
    # and the provider's reference of the payment.
    payment_status: Mapped[str | None] = mapped_column(String(10))
    payment_receipt: Mapped[str | None] = mapped_column(String(64))
    payment_url: Mapped[str | None] = mapped_column(String(500))
    payment_reference: Mapped[str | None] = mapped_column(String(100))
    # Click and collect: when it can be collected; home delivery: the latest expected date.
    ready_by: Mapped[date | None] = mapped_column(Date)
    delivery_by: Mapped[date | None] = mapped_column(Date)
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    lines: Mapped[list[OrderLineRow]] = relationship(
        back_populates="order", order_by="OrderLineRow.line_no", cascade="all, delete-orphan",
        lazy="selectin",
    )


class OrderLineRow(Base):
    __tablename__ = "order_lines"

    order_number: Mapped[str] = mapped_column(ForeignKey("orders.order_number"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    # The store whose stock this line reserves (click and collect may source elsewhere).
    source_store_id: Mapped[str | None] = mapped_column(String(64))

    order: Mapped[OrderRow] = relationship(back_populates="lines")


class IdempotencyRecord(Base):
    """The answer given to an Idempotency-Key, written in the same transaction as the effect.

    A key belongs to the user who sent it: the same key from another user is a new request and
    never sees this answer (it may hold a pickup code). A tablet that changed hands recognises
    its own earlier order by the order number the device made, not by the key.
    """

    __tablename__ = "idempotency_keys"

    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
