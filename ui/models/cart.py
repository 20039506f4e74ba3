"""A customer's cart (lines, quantities, totals, what is short and where it can come from),
the carts kept on the device, the stores to collect from and a quote's lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from clienteling.domain.money import Money
from clienteling.replica.views import CartLine, CartSummary, PickupOption, QuoteLineView
from ui.i18n import format_datetime, format_money, format_number
from ui.models.stock import format_distance

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_OUT = QColor("#b42318")
_IN = QColor("#1b7f3b")


def money_text(money: Money | None) -> str:
    return format_money(money.amount, money.currency) if money is not None else ""


class _Table(QAbstractTableModel):
    """Rows of one dataclass; subclasses name the columns and the cells."""

    COLUMNS = 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_item(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def titles(self) -> dict[int, str]:
        return {}

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.titles().get(section)

    def cell(self, item: Any, column: int) -> str:
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cell(item, index.column())
        return self.extra(item, index.column(), role)

    def extra(self, item: Any, column: int, role: int) -> Any:
        return None


class CartModel(_Table):
    """Columns: product, unit price, quantity, line total, at the pickup store."""

    PRODUCT, PRICE, QUANTITY, TOTAL, AVAILABLE = range(5)
    COLUMNS = 5

    def titles(self) -> dict[int, str]:
        return {self.PRODUCT: self.tr("Product"), self.PRICE: self.tr("Unit price"),
                self.QUANTITY: self.tr("Quantity"), self.TOTAL: self.tr("Total"),
                self.AVAILABLE: self.tr("At the pickup store")}

    def line(self, row: int) -> CartLine | None:
        return self.row_item(row)  # type: ignore[no-any-return]

    def availability(self, line: CartLine) -> str:
        if line.available is None:
            # No stock figure for the pickup store at all (not "0": nothing is known there).
            return self.tr("short: not known here")
        if line.short:
            return self.tr("%1 available: short").replace("%1", format_number(line.available))
        return self.tr("%n available", None, line.available)

    def cell(self, item: Any, column: int) -> str:
        line: CartLine = item
        if column == self.PRODUCT:
            return line.product.name if line.product else line.sku
        if column == self.PRICE:
            return money_text(line.unit_price)
        if column == self.QUANTITY:
            return format_number(line.quantity)
        if column == self.TOTAL:
            return money_text(line.line_total)
        if column == self.AVAILABLE:
            return self.availability(line)
        return ""

    def extra(self, item: Any, column: int, role: int) -> Any:
        line: CartLine = item
        if role == Qt.ItemDataRole.ForegroundRole and column == self.AVAILABLE:
            return _OUT if line.short else _IN
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRODUCT and line.product:
            return f"{line.product.brand} · {line.product.sku}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                self.PRICE, self.QUANTITY, self.TOTAL):
            return _RIGHT
        return None


class CartsModel(_Table):
    """The carts kept on the device. Columns: customer, units, last change."""

    CUSTOMER, UNITS, CHANGED = range(3)
    COLUMNS = 3

    def titles(self) -> dict[int, str]:
        return {self.CUSTOMER: self.tr("Customer"), self.UNITS: self.tr("Items"),
                self.CHANGED: self.tr("Changed")}

    def cart(self, row: int) -> CartSummary | None:
        return self.row_item(row)  # type: ignore[no-any-return]

    def cell(self, item: Any, column: int) -> str:
        cart: CartSummary = item
        if column == self.CUSTOMER:
            return cart.customer_name
        if column == self.UNITS:
            return format_number(cart.units)
        if column == self.CHANGED:
            return format_datetime(cart.updated_at)
        return ""

    def extra(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.UNITS:
            return _RIGHT
        return None


class PickupStoresModel(_Table):
    """Stores to collect from. Columns: store, distance, what it has of the cart."""

    STORE, DISTANCE, HAS = range(3)
    COLUMNS = 3

    def titles(self) -> dict[int, str]:
        return {self.STORE: self.tr("Store"), self.DISTANCE: self.tr("Distance"),
                self.HAS: self.tr("On the shelf")}

    def option(self, row: int) -> PickupOption | None:
        return self.row_item(row)  # type: ignore[no-any-return]

    def has_text(self, option: PickupOption) -> str:
        if option.lines and option.lines_available == option.lines:
            return self.tr("everything")
        return self.tr("%1 of %2 lines").replace(
            "%1", format_number(option.lines_available)).replace(
            "%2", format_number(option.lines))

    def cell(self, item: Any, column: int) -> str:
        option: PickupOption = item
        if column == self.STORE:
            name = option.store.name
            if option.is_this_store:
                return self.tr("%1 (this store)").replace("%1", name)
            return f"{name}, {option.store.city}"
        if column == self.DISTANCE:
            return "" if option.is_this_store else format_distance(option.distance_km)
        if column == self.HAS:
            return self.has_text(option)
        return ""

    def extra(self, item: Any, column: int, role: int) -> Any:
        option: PickupOption = item
        if role == Qt.ItemDataRole.ForegroundRole and column == self.HAS:
            return _IN if option.lines and option.lines_available == option.lines else _OUT
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DISTANCE:
            return _RIGHT
        return None


class QuoteLinesModel(_Table):
    """A quote's lines. Columns: product, quantity, from (the store that sends it), amount."""

    PRODUCT, QUANTITY, SOURCE, AMOUNT = range(4)
    COLUMNS = 4

    def titles(self) -> dict[int, str]:
        return {self.PRODUCT: self.tr("Product"), self.QUANTITY: self.tr("Quantity"),
                self.SOURCE: self.tr("Comes from"), self.AMOUNT: self.tr("Amount")}

    def cell(self, item: Any, column: int) -> str:
        line: QuoteLineView = item
        if column == self.PRODUCT:
            return line.name or line.sku
        if column == self.QUANTITY:
            return format_number(line.quantity)
        if column == self.SOURCE:
            return line.source_store_name or line.source_store_id or ""
        if column == self.AMOUNT:
            return money_text(Money(line.unit_price.amount * line.quantity,
                                    line.unit_price.currency))
        return ""

    def extra(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.QUANTITY, self.AMOUNT):
            return _RIGHT
        return None
