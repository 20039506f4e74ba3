"""The Qt model of a list of follow-up tasks (`TaskView`s): due day, client, channel, why and
where it stands."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from clienteling.replica.views import TaskView
from ui.i18n import QT_TRANSLATE_NOOP, format_date

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

CHANNELS = {
    "call": QT_TRANSLATE_NOOP("Tasks", "Call"),
    "email": QT_TRANSLATE_NOOP("Tasks", "Email"),
    "sms": QT_TRANSLATE_NOOP("Tasks", "SMS"),
    "visit": QT_TRANSLATE_NOOP("Tasks", "Visit"),
}
CHANNEL_ICONS = {"call": "phone", "email": "email", "sms": "phone", "visit": "store"}
OVERDUE = "#b42318"
PENDING = "#8a5a00"


def channel_words(channel: str) -> str:
    source = CHANNELS.get(channel)
    return translate("Tasks", source) if source else channel


def due_words(task: TaskView, today: dt.date) -> str:
    if task.status == "done":
        # Done ones are listed latest done first: show that day, not the due day.
        if task.sync == "synced" and task.updated_at is not None:
            return translate("Tasks", "Done %1").replace("%1", format_date(task.updated_at))
        return translate("Tasks", "Done on this device")
    if task.hidden_on(today) and task.snoozed_until is not None:
        return translate("Tasks", "Snoozed until %1").replace("%1",
                                                               format_date(task.snoozed_until))
    if task.due_on < today:
        return translate("Tasks", "Overdue since %1").replace("%1", format_date(task.due_on))
    if task.due_on == today:
        return translate("Tasks", "Today")
    return format_date(task.due_on)


def state_words(task: TaskView) -> str:
    if task.sync == "failed":
        return translate("Tasks", "Refused by the server")
    if task.sync == "waiting":
        return translate("Tasks", "Waiting to be sent")
    return translate("Tasks", "Done") if task.status == "done" else translate("Tasks", "Open")


class TasksModel(QAbstractTableModel):
    """Tasks as given (the service orders them), one per row."""

    DUE, CLIENT, CHANNEL, REASON, STATE = range(5)
    TaskRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks: list[TaskView] = []
        self.today = dt.date.today()

    def set_tasks(self, tasks: list[TaskView], today: dt.date | None = None) -> None:
        self.beginResetModel()
        self._tasks = list(tasks)
        self.today = today or dt.date.today()
        self.endResetModel()

    def task(self, row: int) -> TaskView:
        return self._tasks[row]

    def tasks(self) -> list[TaskView]:
        return list(self._tasks)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (translate("Tasks", "Due"), translate("Tasks", "Client"),
                 translate("Tasks", "Channel"), translate("Tasks", "Why"),
                 translate("Tasks", "State"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        task = self._tasks[index.row()]
        column = index.column()
        if role == self.TaskRole:
            return task
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):
            if column == self.DUE:
                return due_words(task, self.today)
            if column == self.CLIENT:
                return task.customer_name or translate("Tasks", "Client %1").replace(
                    "%1", task.customer_id)
            if column == self.CHANNEL:
                return channel_words(task.channel)
            if column == self.REASON:
                return task.reason
            if column == self.STATE:
                return state_words(task)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.DUE and task.status == "open" and task.due_on < self.today \
                    and not task.hidden_on(self.today):
                return QColor(OVERDUE)
            if column == self.STATE and task.sync != "synced":
                return QColor(OVERDUE if task.sync == "failed" else PENDING)
        return None
