"""The client book's table model: the store's clients read from the replica a page at a time
(`canFetchMore`/`fetchMore`), every page in a worker, never on the UI thread, so it stays
smooth at half a million rows. A sort from the header or a filter change starts the list
again (a new generation: an answer to an older list is dropped)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from clienteling.api import models as w
from clienteling.device.clients import ClientRow
from ui import workers
from ui.i18n import QT_TRANSLATE_NOOP, format_date, format_money
from ui.models.vocabulary import channel_label, tier_label

if TYPE_CHECKING:
    from clienteling.device import Device
    from clienteling.device.clients import ClientPage

Index = QModelIndex | QPersistentModelIndex
# lupdate reads `translate("Context", "text")` calls.
translate = QCoreApplication.translate
_CTX = "ClientBook"
PAGE = 200
PENDING_COLOR = "#8a5a00"
_ID = ClientRow._fields.index("customer_id")
_UNSENT = ClientRow._fields.index("assignment_unsent")

SEGMENTS: dict[str, str] = {
    "champions": QT_TRANSLATE_NOOP("ClientBook", "Champions"),
    "loyal": QT_TRANSLATE_NOOP("ClientBook", "Loyal"),
    "promising": QT_TRANSLATE_NOOP("ClientBook", "Promising"),
    "new": QT_TRANSLATE_NOOP("ClientBook", "New"),
    "at_risk": QT_TRANSLATE_NOOP("ClientBook", "At risk"),
    "hibernating": QT_TRANSLATE_NOOP("ClientBook", "Hibernating"),
    "lost": QT_TRANSLATE_NOOP("ClientBook", "Lost"),
}

# column → (title, sort it asks for, or None)
COLUMNS: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("ClientBook", "Name"), "name"),
    (QT_TRANSLATE_NOOP("ClientBook", "Tier"), None),
    (QT_TRANSLATE_NOOP("ClientBook", "Lifetime value"), "lifetime_value"),
    (QT_TRANSLATE_NOOP("ClientBook", "Last purchase"), "last_purchase_at"),
    (QT_TRANSLATE_NOOP("ClientBook", "Orders"), "orders_count"),
    (QT_TRANSLATE_NOOP("ClientBook", "Channels"), "channels"),
    (QT_TRANSLATE_NOOP("ClientBook", "Consents"), None),
    (QT_TRANSLATE_NOOP("ClientBook", "Seller"), None),
    (QT_TRANSLATE_NOOP("ClientBook", "Segment"), None),
)
NUMERIC = {2, 4}
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole + 1})


def segment_label(segment: str | None) -> str:
    source = SEGMENTS.get(segment or "")
    return QCoreApplication.translate(_CTX, source) if source else (segment or "")


def sort_column(sort: str) -> int:
    key = sort.lstrip("-")
    return next(i for i, (_, s) in enumerate(COLUMNS) if s == key)


def _load(device: Device, filters: w.ClientFilters, after: str | None,
          count: bool) -> tuple[ClientPage, int | None]:
    return device.clients.page(filters, after, limit=PAGE), None


class ClientBookModel(QAbstractTableModel):
    """Rows of `ClientRow`; `CustomerIdRole` gives a row's customer."""

    CustomerIdRole = Qt.ItemDataRole.UserRole + 1
    loaded = Signal()  # the first page of a list arrived
    counted = Signal()  # its count arrived (after the first page: rows first, the total later)
    failed = Signal(object)  # the exception of a page
    sort_changed = Signal(str)

    def __init__(self, device: Device | None, parent: Any = None) -> None:
        super().__init__(parent)
        self._device = device
        # The rows as plain tuples (a `ClientRow`'s values): the garbage collector stops
        # tracking a tuple of plain values, while 100,000 row objects made each of its full
        # collections walk them (120-240 ms, in whichever thread, the window stalled).
        self._rows: list[tuple[Any, ...]] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # row → its cells' texts
        self._cursor: str | None = None
        self._fetching = False
        self._generation = 0
        self._task: workers.Task | None = None
        self.filters: w.ClientFilters | None = None
        self.total: int | None = None
        self.loading = False
        self.sellers: dict[int, str] = {}

    # --- loading --------------------------------------------------------------------------

    def set_device(self, device: Device | None) -> None:
        self._device = device

    def load(self, filters: w.ClientFilters) -> None:
        """Show the book under `filters` from its first page (in a worker)."""
        self.filters = filters
        self._generation += 1
        generation = self._generation
        if self._task is not None:
            self._task.cancel()
        self.loading = True
        self._fetching = True
        if self._device is None:
            return
        self._task = workers.run(
            _load, self._device, filters, None, True, owner=self, name="client book",
            on_result=lambda answer: self._first(generation, answer),
            on_error=lambda error: self._error(generation, error))

    def _first(self, generation: int, answer: tuple[ClientPage, int | None]) -> None:
        if generation != self._generation:
            return
        page, total = answer
        self._task = None
        self.beginResetModel()
        self._rows = [tuple(c) for c in page.items]
        self._texts = {}
        self._cursor = page.next_cursor
        self.total = total
        self.loading = False
        self._fetching = False
        self.endResetModel()
        self.loaded.emit()
        if self._device is not None and self.filters is not None:
            # Counting a big store's book takes longer than its first page: rows first.
            # A count the manager has left behind (another sort or filter) stops, or it
            # would hold one of the pool's two workers while the new list waits for it.
            workers.run(self._device.clients.count, self.filters, owner=self,
                        cancelled=lambda: generation != self._generation,
                        name="client book count",
                        on_result=lambda total: self._counted(generation, total),
                        on_error=lambda error: self._error(generation, error))

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self.total = total
        self.counted.emit()

    def _error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.loading = False
        self._fetching = False
        self.failed.emit(error)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return (not parent.isValid() and self._cursor is not None and not self._fetching
                and self._device is not None)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent) or self.filters is None or self._device is None:
            return
        self._fetching = True
        generation = self._generation
        self._task = workers.run(
            _load, self._device, self.filters, self._cursor, False, owner=self,
            name="client book page",
            on_result=lambda answer: self._more(generation, answer),
            on_error=lambda error: self._error(generation, error))

    def _more(self, generation: int, answer: tuple[ClientPage, int | None]) -> None:
        if generation != self._generation:
            return
        page, _ = answer
        self._task = None
        self._fetching = False
        if page.items:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
            self._rows.extend(tuple(c) for c in page.items)
            self.endInsertRows()
        self._cursor = page.next_cursor

    def fetching(self) -> bool:
        return self._fetching

    # --- the table ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def client(self, row: int) -> ClientRow | None:
        return ClientRow._make(self._rows[row]) if 0 <= row < len(self._rows) else None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CTX, COLUMNS[section][0])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight if section in NUMERIC
                        else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_sellers(self, names: dict[int, str]) -> None:
        """The sellers' names (the seller column said them by number until now)."""
        self.sellers = names
        self._texts = {}
        if self._rows:
            self.dataChanged.emit(self.index(0, 7), self.index(len(self._rows) - 1, 7))

    def seller_name(self, seller_id: int | None) -> str:
        if seller_id is None:
            return ""
        unnamed = translate("ClientBook", "Seller #%1")
        return self.sellers.get(seller_id) or unnamed.replace("%1", str(seller_id))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for a dozen roles per cell on every paint: the roles the book does
        # not use are answered first, and a row's texts are formatted once (money through
        # Babel, dates through QLocale) and kept until the list changes.
        if role not in _ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(COLUMNS)):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in NUMERIC else _LEFT
        values = self._rows[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            texts = self._texts.get(row)
            if texts is None:
                c = ClientRow._make(values)
                texts = self._texts[row] = tuple(self._text(c, n) for n in range(len(COLUMNS)))
            return texts[column]
        if role == self.CustomerIdRole:
            return values[_ID]
        if column == 7 and values[_UNSENT]:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(PENDING_COLOR)
            if role == Qt.ItemDataRole.ToolTipRole:
                return translate("ClientBook", "Assignment waiting to be sent")
        return None

    def _text(self, c: ClientRow, column: int) -> str:
        if column == 0:
            return f"{c.last_name.upper()} {c.first_name}".strip()
        if column == 1:
            return tier_label(c.tier)
        if column == 2:
            return format_money(c.lifetime_value)
        if column == 3:
            if c.last_purchase_at is None:
                return translate("ClientBook", "Never")
            return format_date(c.last_purchase_at)
        if column == 4:
            return str(c.orders_count)
        if column == 5:
            return ", ".join(channel_label(ch) for ch in c.channels)
        if column == 6:
            words = [translate("ClientBook", "Email") if c.consent_email else "",
                     translate("ClientBook", "SMS") if c.consent_sms else ""]
            return " · ".join(x for x in words if x) or translate("ClientBook", "None")
        if column == 7:
            return self.seller_name(c.assigned_seller_id)
        return segment_label(c.segment)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the list again in that column's order (columns without a sort
        of the book keep the current one)."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][1] is None or self.filters is None:
            return
        key = COLUMNS[column][1] or "name"
        sort = key if order == Qt.SortOrder.AscendingOrder else f"-{key}"
        if sort == self.filters.sort.value:
            return
        self.sort_changed.emit(sort)
