"""The customer's orders on every channel: a tree of orders, each with its lines as children."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from clienteling.replica.views import OrderLineView, OrderView
from ui.i18n import format_date, format_datetime, format_money
from ui.models.vocabulary import channel_label, fulfillment_label, status_label, sync_label

Index = QModelIndex | QPersistentModelIndex
# Computed once: combining Qt flags in data(), called for every cell, is slow in Python.
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TOP = 0  # internal id of an order row; a line's id is its order's row + 1
_PENDING = QColor("#8a5a00")
_FAILED = QColor("#b42318")


class OrdersModel(QAbstractItemModel):
    """Order rows: date, number, channel, status, total. Line rows (children): the product
    and quantity in the first column (spanned by the view), the line total in the last."""

    DATE, NUMBER, CHANNEL, STATUS, TOTAL = range(5)
    COLUMNS = 5
    IsLineRole = Qt.ItemDataRole.UserRole + 1
    SyncRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._orders: list[OrderView] = []

    def set_orders(self, orders: Sequence[OrderView]) -> None:
        self.beginResetModel()
        self._orders = list(orders)
        self.endResetModel()

    def order(self, row: int) -> OrderView | None:
        return self._orders[row] if 0 <= row < len(self._orders) else None

    # -- structure -----------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        if parent.internalId() == _TOP:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._orders)
        if parent.internalId() == _TOP and parent.column() == 0:
            order = self.order(parent.row())
            return len(order.lines) if order else 0
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {self.DATE: self.tr("Date"), self.NUMBER: self.tr("Order"),
                self.CHANNEL: self.tr("Channel"), self.STATUS: self.tr("Status"),
                self.TOTAL: self.tr("Total")}.get(section)

    # -- content ---------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            order = self.order(index.row())
            return None if order is None else self._order_data(order, index.column(), role)
        order = self.order(index.internalId() - 1)
        if order is None or not 0 <= index.row() < len(order.lines):
            return None
        return self._line_data(order, order.lines[index.row()], index.column(), role)

    def status_text(self, order: OrderView) -> str:
        pending = sync_label(order.sync)
        if order.sync == "waiting":
            return pending
        if order.sync == "failed":
            return pending
        status = status_label(order.status)
        if order.pending_status:
            status = self.tr("%1 → %2 (waiting to be sent)").replace(
                "%1", status).replace("%2", status_label(order.pending_status))
        return status

    def _order_data(self, order: OrderView, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.DATE:
                return format_date(order.created_at)
            if column == self.NUMBER:
                return order.order_number or self.tr("new order")
            if column == self.CHANNEL:
                return channel_label(order.channel)
            if column == self.STATUS:
                return self.status_text(order)
            if column == self.TOTAL:
                return format_money(order.total, order.currency)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CHANNEL:
            return fulfillment_label(order.fulfillment_type)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DATE:
            return format_datetime(order.created_at)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            if order.sync == "failed":
                return _FAILED
            if order.sync == "waiting" or order.pending_status:
                return _PENDING
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TOTAL:
            return _RIGHT
        if role == self.IsLineRole:
            return False
        if role == self.SyncRole:
            return order.sync
        return None

    def _line_data(self, order: OrderView, line: OrderLineView, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.DATE:
                return f"{line.quantity} ×"
            if column == self.NUMBER:
                return line.name or line.sku
            if column == self.STATUS and line.source_store_id:
                return self.tr("from %1").replace("%1", line.source_store_id)
            if column == self.TOTAL and line.unit_price is not None:
                return format_money(line.unit_price * Decimal(line.quantity), order.currency)
            return ""
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NUMBER:
            return f"{line.name or ''} · {line.sku}".strip(" ·")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.DATE, self.TOTAL):
            return _RIGHT
        if role == self.IsLineRole:
            return True
        return None
