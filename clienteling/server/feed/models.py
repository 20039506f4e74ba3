"""The change feed: one row per change, with the audience it is for."""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clienteling.server.db import Base


class ChangeRow(Base):
    """A change to one entity, for one audience.

    `scope` is `all` (stores, products: every device), `stock` (devices whose nearest stores
    include `store_id`) or `customer` (the device of `store_id`, whose customers these are).
    `txid` is the PostgreSQL transaction id (0 on SQLite, whose writers are serialised): the feed
    orders by (txid, position) and serves only transactions older than every running one, so a
    transaction that commits late can never be skipped.
    """

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_feed", "txid", "position"),
        Index("ix_changes_entity_key", "entity", "key", "scope", "store_id"),
        # Compaction deletes the newest row of an entity before inserting its next change:
        # without AUTOINCREMENT, SQLite hands that deleted position out again, and a device
        # whose cursor already passed it would never see the new change.
        {"sqlite_autoincrement": True},
    )

    position: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    txid: Mapped[int] = mapped_column(BigInteger, default=0)
    entity: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    op: Mapped[str] = mapped_column(String(10))
    scope: Mapped[str] = mapped_column(String(10))
    store_id: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[str | None] = mapped_column(Text)
