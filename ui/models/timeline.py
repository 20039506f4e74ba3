"""The customer's timeline: every interaction, newest first, one row each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from clienteling.replica.views import TimelineEntry
from ui import icons
from ui.i18n import format_datetime
from ui.models.timeline_text import entry_text
from ui.models.vocabulary import channel_label, kind_icon, kind_label, sync_label

Index = QModelIndex | QPersistentModelIndex
_PENDING = QColor("#8a5a00")


class TimelineModel(QAbstractTableModel):
    """Columns: when, what (icon by kind), channel, summary (with "waiting to be sent")."""

    WHEN, KIND, CHANNEL, SUMMARY = range(4)
    KindRole = Qt.ItemDataRole.UserRole + 1
    SyncRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineEntry] = []

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        self.beginResetModel()
        # Newest first whatever order they come in; the id keeps ties stable.
        self._rows = sorted(entries, key=lambda e: (e.occurred_at, e.interaction_id),
                            reverse=True)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {self.WHEN: self.tr("When"), self.KIND: self.tr("What"),
                self.CHANNEL: self.tr("Channel"), self.SUMMARY: self.tr("Summary")}.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == self.KindRole:
            return entry.kind
        if role == self.SyncRole:
            return entry.sync
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.WHEN:
                return format_datetime(entry.occurred_at)
            if column == self.KIND:
                return kind_label(entry.kind)
            if column == self.CHANNEL:
                return channel_label(entry.channel)
            if column == self.SUMMARY:
                pending = sync_label(entry.sync)
                text = entry_text(entry)
                return f"{text} ({pending})" if pending else text
        if role == Qt.ItemDataRole.DecorationRole and column == self.KIND:
            color = "#b42318" if entry.kind == "complaint" else icons.ACCENT
            return icons.icon(kind_icon(entry.kind, entry.channel), color)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SUMMARY:
            return entry_text(entry)
        if role == Qt.ItemDataRole.ForegroundRole and entry.sync != "synced" and column == (
                self.SUMMARY):
            return _PENDING
        return None
