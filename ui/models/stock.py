"""A product's stock in every store (nearest first): on hand, reserved, available, distance
and the time of each figure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from clienteling.replica.views import StockFigure
from ui.i18n import format_datetime, format_number

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_OUT = QColor("#b42318")
_IN = QColor("#1b7f3b")
_MUTED = QColor("#667085")


def format_distance(km: float | None) -> str:
    """"1.2 km", "380 km" in the reader's numbers; "" when unknown."""
    if km is None:
        return ""
    places = 1 if km < 10 else 0
    return f"{QLocale().toString(float(km), 'f', places)} km"


class StockModel(QAbstractTableModel):
    """Columns: store, distance, on hand, reserved, available, as of."""

    STORE, DISTANCE, ON_HAND, RESERVED, AVAILABLE, AS_OF = range(6)
    StoreIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StockFigure] = []
        self._texts: list[tuple[str, ...]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_figures(self, figures: Sequence[StockFigure]) -> None:
        self.beginResetModel()
        self._rows = list(figures)
        # The cells' words once per figure: a view asks for every row's cells (a chain of
        # 200 stores), and dates and numbers through QLocale are the expensive part (the
        # figures of one refresh share a few times and small numbers: each is said once).
        times: dict[Any, str] = {}
        numbers: dict[tuple[int | None, bool], str] = {}
        self._texts = [self._cells(f, times, numbers) for f in self._rows]
        self.endResetModel()

    def _cells(self, figure: StockFigure, times: dict[Any, str],
               numbers: dict[tuple[int | None, bool], str]) -> tuple[str, ...]:
        def number(value: int | None) -> str:
            key = (value, figure.known)
            if key not in numbers:
                numbers[key] = self._number(value, figure.known)
            return numbers[key]

        available = number(figure.available)
        if figure.known and figure.pending_out:
            available += " " + self.tr("(−%1 waiting to be sent)").replace(
                "%1", format_number(figure.pending_out))
        key = figure.updated_at if figure.known else None
        if key not in times:
            times[key] = self.as_of(figure)
        return (self.store_text(figure),
                "" if figure.is_this_store else format_distance(figure.distance_km),
                number(figure.on_hand), number(figure.reserved), available, times[key])

    def figure(self, row: int) -> StockFigure | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {self.STORE: self.tr("Store"), self.DISTANCE: self.tr("Distance"),
                self.ON_HAND: self.tr("On hand"), self.RESERVED: self.tr("Reserved"),
                self.AVAILABLE: self.tr("Available"), self.AS_OF: self.tr("As of")}.get(section)

    def store_text(self, figure: StockFigure) -> str:
        if figure.is_this_store:
            return self.tr("%1 (this store)").replace("%1", figure.store.name)
        return figure.store.name

    def _number(self, value: int | None, known: bool) -> str:
        return format_number(value) if known and value is not None else "—"

    def as_of(self, figure: StockFigure) -> str:
        if not figure.known or figure.updated_at is None:
            return self.tr("not known here")
        return format_datetime(figure.updated_at)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        figure = self._rows[index.row()]
        column = index.column()
        if role == self.StoreIdRole:
            return figure.store.store_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][column] if 0 <= column < 6 else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.AVAILABLE and figure.known and figure.available is not None:
                return _IN if figure.available > 0 else _OUT
            if column == self.AS_OF or not figure.known:
                return _MUTED
        if role == Qt.ItemDataRole.FontRole and figure.is_this_store:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                self.DISTANCE, self.ON_HAND, self.RESERVED, self.AVAILABLE):
            return _RIGHT
        return None


def oldest_figure(figures: Sequence[StockFigure]) -> dt.datetime | None:
    """The oldest time among the known figures (how old the replica's picture is)."""
    times = [f.updated_at for f in figures if f.known and f.updated_at is not None]
    return min(times) if times else None
