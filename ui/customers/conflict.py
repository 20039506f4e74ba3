"""The conflict panel: someone else changed the customer while this seller edited; both
versions side by side, and the seller chooses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica.views import OutboxEntry
from ui import kit
from ui.customers.contact import field_label
from ui.i18n import format_date
from ui.models.vocabulary import format_phone


class ConflictPanel(QFrame):
    """Someone else changed the customer while this seller edited: both versions side by side,
    and the seller chooses."""

    keep_mine = Signal()
    take_theirs = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictPanel")
        self.setProperty("card", True)
        self.setAccessibleName(self.tr("Conflicting changes"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = kit.label(self, "subtitle")
        title.setText(self.tr("Someone else changed this customer while you were editing"))
        layout.addWidget(title)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        layout.addLayout(self.grid)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.theirs_button = kit.button(self, self.tr("Take the server's version"))
        self.theirs_button.clicked.connect(self.take_theirs)
        buttons.addWidget(self.theirs_button)
        self.mine_button = kit.button(self, self.tr("Keep mine"), primary=True)
        self.mine_button.clicked.connect(self.keep_mine)
        buttons.addWidget(self.mine_button)
        layout.addLayout(buttons)
        self.entry: OutboxEntry | None = None

    def show_conflict(self, entry: OutboxEntry) -> None:
        self.entry = entry
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        current = (entry.problem.extra.get("current") if entry.problem else None) or {}
        header = [self.tr("Field"), self.tr("Yours"), self.tr("On the server")]
        for column, text in enumerate(header):
            label = kit.label(self, "muted")
            label.setText(text)
            self.grid.addWidget(label, 0, column)
        for row, (name, mine) in enumerate(conflict_fields(entry), start=1):
            theirs = current.get(name)
            values = (field_label(name), show_value(mine, name), show_value(theirs, name))
            for column, text in enumerate(values):
                label = kit.label(self, None)
                label.setText(text)
                if column and mine != theirs:
                    label.setStyleSheet("font-weight: 600;")
                self.grid.addWidget(label, row, column)
        self.show()


def conflict_fields(entry: OutboxEntry) -> list[tuple[str, Any]]:
    """The fields the seller's refused edit wanted to change, with their values."""
    payload = entry.payload.get("changes", entry.payload)
    return [(name, value) for name, value in payload.items()
            if name not in ("version", "customer_id")]


def show_value(value: Any, field: str = "") -> str:
    if value is None or value == "":
        return "—"
    if field == "phone":
        return format_phone(str(value))
    if isinstance(value, dt.date | dt.datetime):
        return format_date(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
