"""Customers, their wishlists and every interaction with the brand."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clienteling.server.db import Base, UTCDateTime


def _key_type(length: int) -> String:
    # Byte order ("C") on PostgreSQL, so range scans for prefixes use the B-tree as on SQLite.
    return String(length).with_variant(String(length, collation="C"), "postgresql")  # type: ignore[return-value]


# The client book's filter columns (besides `q`), held by the index that counts its totals.
BOOK_FILTER_COLUMNS = ("lifetime_value", "orders_count", "last_purchase_at",
                       "first_purchase_at", "channels_count", "consent_email", "consent_sms",
                       "tier", "assigned_seller_id", "erased_at")


class CustomerRow(Base):
    __tablename__ = "customers"
    __table_args__ = (
        # Each search index ends with customer_id, the tie-break of keyset pagination, so a
        # page of "martin" (20,000 of them in a million) reads 50 entries, not 20,000 to sort;
        # the name indexes also hold the other name key, so the other words of a query are
        # checked in the index (index-only scans), not in the table.
        Index("ix_customers_last_name_key", "last_name_key", "first_name_key", "customer_id"),
        Index("ix_customers_first_name_key", "first_name_key", "last_name_key", "customer_id"),
        Index("ix_customers_email_key", "email_key", "customer_id"),
        Index("ix_customers_phone_e164", "phone_e164", "customer_id"),
        Index("ix_customers_home_store_id", "home_store_id", "last_name_key", "customer_id"),
        # The client book's sorts (GET /clients): a store's customers in each sort's order.
        Index("ix_customers_book_name", "home_store_id", "last_name_key", "first_name_key",
              "customer_id", postgresql_include=["erased_at"]),  # `q`'s totals: index-only
        Index("ix_customers_book_value", "home_store_id", "lifetime_value", "customer_id"),
        Index("ix_customers_book_last", "home_store_id", "last_purchase_at", "customer_id"),
        Index("ix_customers_book_orders", "home_store_id", "orders_count", "customer_id"),
        Index("ix_customers_book_channels", "home_store_id", "channels_count", "customer_id"),
        # The book's `total` under any filter but `q`, counted in the index alone (PostgreSQL
        # index-only scan) instead of visiting 100,000 rows of a store.
        Index("ix_customers_book_filters", "home_store_id",
              postgresql_include=list(BOOK_FILTER_COLUMNS)),
    )

    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    loyalty_card: Mapped[str | None] = mapped_column(_key_type(13), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    birth_date: Mapped[date | None] = mapped_column(Date)
    home_store_id: Mapped[str | None] = mapped_column(String(64), ForeignKey("stores.store_id"))
    tier: Mapped[str] = mapped_column(String(20), default="member")
    points: Mapped[int] = mapped_column(Integer, default=0)
    consent_email: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_email_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_email_source: Mapped[str | None] = mapped_column(String(40))
    consent_sms: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_sms_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_sms_source: Mapped[str | None] = mapped_column(String(40))
    assigned_seller_id: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set when the customer's personal data was erased: the row stays as a tombstone so their
    # orders (kept for accounting) still reference it, and every read answers 404.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Search keys (see clienteling.domain.text.fold): folded names, lower-cased email, E.164.
    # Searched by prefix with range predicates, which a plain B-tree serves on both databases.
    last_name_key: Mapped[str] = mapped_column(_key_type(100))
    first_name_key: Mapped[str] = mapped_column(_key_type(100))
    email_key: Mapped[str | None] = mapped_column(_key_type(254))
    phone_e164: Mapped[str | None] = mapped_column(_key_type(20))
    # The customer's figures (`domain.stats`), stored so the client book sorts and filters
    # without reading orders; kept current by `clients.figures.refresh` wherever orders are
    # written (orders/service.py, imports/service.py).
    lifetime_value: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"),
                                                    server_default="0")
    orders_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_purchase_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_purchase_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channels: Mapped[str] = mapped_column(String(60), default="", server_default="")  # "app,web"
    channels_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class WishlistRow(Base):
    __tablename__ = "wishlist_items"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), primary_key=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InteractionRow(Base):
    """Purchases, returns, complaints, requests, contacts, seller notes, consent changes."""

    __tablename__ = "interactions"
    __table_args__ = (Index("ix_interactions_customer_time", "customer_id", "occurred_at"),)

    interaction_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)
    store_id: Mapped[str | None] = mapped_column(String(64))
    author: Mapped[str | None] = mapped_column(String(150))
    # What the entry says as a code with parameters (`domain.timeline`); None for free text
    # (a seller's note, a retailer's imported history), whose summary is what is shown.
    code: Mapped[str | None] = mapped_column(String(60), default=None)
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
