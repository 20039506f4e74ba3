"""Search results: a list model over the device services' customer summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

from clienteling.replica.views import CustomerSummary
from ui.models.vocabulary import format_card, format_phone, sync_label, tier_label

Index = QModelIndex | QPersistentModelIndex


class CustomerListModel(QAbstractListModel):
    """One row per customer: the name shows, the details are in roles for the delegate."""

    CustomerIdRole = Qt.ItemDataRole.UserRole + 1
    SubtitleRole = Qt.ItemDataRole.UserRole + 2
    TierRole = Qt.ItemDataRole.UserRole + 3
    SyncRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CustomerSummary] = []

    def set_customers(self, customers: Sequence[CustomerSummary]) -> None:
        self.beginResetModel()
        self._rows = list(customers)
        self.endResetModel()

    def customer(self, row: int) -> CustomerSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(
                self._rows) or index.column() != 0:
            return None
        row = self._rows[index.row()]
        name = f"{row.first_name} {row.last_name}".strip()
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == self.SubtitleRole:
            return subtitle(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(part for part in (name, subtitle(row), tier_label(row.tier)) if part)
        if role == self.CustomerIdRole:
            return row.customer_id
        if role == self.TierRole:
            return tier_label(row.tier)
        if role == self.SyncRole:
            return sync_label(row.sync)
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({self.CustomerIdRole: QByteArray(b"customerId"),
                      self.SubtitleRole: QByteArray(b"subtitle"),
                      self.TierRole: QByteArray(b"tier"), self.SyncRole: QByteArray(b"sync")})
        return names


def subtitle(row: CustomerSummary) -> str:
    """What tells two namesakes apart: card, email, phone."""
    parts = (format_card(row.card), row.email or "", format_phone(row.phone))
    return " · ".join(part for part in parts if part)
