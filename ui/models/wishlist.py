"""The customer's wishlist with what this store has of each product."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from clienteling.replica.views import WishlistEntry
from ui.i18n import format_date, format_money
from ui.models.vocabulary import sync_label

Index = QModelIndex | QPersistentModelIndex
# Computed once: combining Qt flags in data(), called for every cell, is slow in Python.
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_OUT = QColor("#b42318")
_IN = QColor("#1b7f3b")
_PENDING = QColor("#8a5a00")


class WishlistModel(QAbstractTableModel):
    """Columns: product, price, availability in this store, added on."""

    PRODUCT, PRICE, AVAILABLE, ADDED = range(4)
    SkuRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[WishlistEntry] = []

    def set_entries(self, entries: Sequence[WishlistEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> WishlistEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {self.PRODUCT: self.tr("Product"), self.PRICE: self.tr("Price"),
                self.AVAILABLE: self.tr("In this store"), self.ADDED: self.tr("Added")}.get(
                    section)

    def availability(self, entry: WishlistEntry) -> str:
        if entry.available_here is None:
            return self.tr("unknown")
        if entry.available_here <= 0:
            return self.tr("out of stock")
        return self.tr("%n available", None, entry.available_here)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == self.SkuRole:
            return entry.sku
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.PRODUCT:
                name = entry.product.name if entry.product else entry.sku
                pending = sync_label(entry.sync)
                return f"{name} ({pending})" if pending else name
            if column == self.PRICE:
                return format_money(entry.product.price, entry.product.currency) if (
                    entry.product) else ""
            if column == self.AVAILABLE:
                return self.availability(entry)
            if column == self.ADDED:
                return format_date(entry.added_at)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRODUCT and entry.product:
            return f"{entry.product.brand} · {entry.product.sku}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.AVAILABLE and entry.available_here is not None:
                return _IN if entry.available_here > 0 else _OUT
            if column == self.PRODUCT and entry.sync != "synced":
                return _PENDING
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.PRICE:
            return _RIGHT
        return None
