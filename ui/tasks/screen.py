"""My tasks: the follow-ups a manager gave the signed-in seller. Open ones due first (overdue in
red), snoozed ones apart until their day, done ones; mark one done, snooze it to a later day,
open the client's 360. Everything works offline (the outbox sends it later) and says so."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from clienteling.replica.views import ChangeSet, TaskCounts, TaskView
from ui import messages, workers
from ui.kit.widgets import button, label, screen_head
from ui.screen import Screen, ScreenshotState, Shell
from ui.tasks.models import TasksModel
from ui.tasks.table import rows_table

translate = QCoreApplication.translate

VIEWS = ("open", "snoozed", "done")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class TasksScreen(Screen):
    screen_id = "tasks"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.view = "open"
        self.today = dt.date.today()
        self._generation = 0
        self._loaded_once = False
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(150)
        self._refresh.timeout.connect(self.reload)
        head = screen_head(self)
        outer, top, self.heading = head.outer, head.top, head.heading
        self.clients_button = button(self, "", "clients")
        self.clients_button.setObjectName("myClientsButton")
        self.clients_button.clicked.connect(lambda: self.shell.show_screen("my_clients"))
        top.addWidget(self.clients_button)
        self.counts_label = label(self, "muted", "taskCounts")
        outer.addWidget(self.counts_label)
        self.offline_label = label(self, "error", "tasksOffline")
        self.offline_label.hide()
        outer.addWidget(self.offline_label)

        switch = QHBoxLayout()
        switch.setSpacing(6)
        self.view_group = QButtonGroup(self)
        self.view_group.setExclusive(True)
        self.view_buttons: dict[str, QPushButton] = {}
        for view in VIEWS:
            b = button(self, "")
            b.setCheckable(True)
            b.setObjectName(f"tasksView_{view}")
            b.clicked.connect(lambda _=False, v=view: self.show_view(v))
            self.view_group.addButton(b)
            self.view_buttons[view] = b
            switch.addWidget(b)
        self.view_buttons["open"].setChecked(True)
        switch.addStretch(1)
        outer.addLayout(switch)

        self.pages = QStackedWidget(self)
        self.status = label(self, "empty", "tasksStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.status)
        self.model = TasksModel(self)
        self.table = rows_table(self, "tasksTable", self.model, TasksModel.REASON)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_client())
        self.pages.addWidget(self.table)
        outer.addWidget(self.pages, 1)

        # What to do with the selected task: one row, or two when narrow (see `_reflow`).
        self.action_bar = QWidget(self)
        self.action_grid = QGridLayout(self.action_bar)
        self.action_grid.setContentsMargins(0, 0, 0, 0)
        self.action_grid.setSpacing(8)
        self.done_button = button(self.action_bar, "", "check", primary=True)
        self.done_button.setObjectName("taskDone")
        self.done_button.clicked.connect(self.mark_done)
        self.snooze_date = QDateEdit(self.action_bar)
        self.snooze_date.setObjectName("snoozeDate")
        self.snooze_date.setCalendarPopup(True)
        self.snooze_date.setMinimumHeight(44)
        self.snooze_button = button(self.action_bar, "", "clock")
        self.snooze_button.setObjectName("taskSnooze")
        self.snooze_button.clicked.connect(self.snooze)
        self.open_button = button(self.action_bar, "", "user")
        self.open_button.setObjectName("taskOpenClient")
        self.open_button.clicked.connect(self.open_client)
        self._narrow: bool | None = None
        # Its one-row width must not hold the window wide: it takes the width it is given,
        # and goes to two rows when that is narrow.
        self.action_bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        outer.addWidget(self.action_bar)
        self.problem_label = label(self, "error", "taskProblem")
        self.problem_label.hide()
        outer.addWidget(self.problem_label)

        shell.replica_changed.connect(self._on_changes)
        shell.sync_status_changed.connect(lambda _s: self._show_offline())
        self.retranslate()
        self._reflow()
        self._show_selected()

    # -- words -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(translate("TasksScreen", "My tasks"))
        words = {"open": translate("TasksScreen", "To do"),
                 "snoozed": translate("TasksScreen", "Snoozed"),
                 "done": translate("TasksScreen", "Done")}
        for view, b in self.view_buttons.items():
            b.setText(words[view])
            b.setAccessibleName(translate("TasksScreen", "Show the tasks: %1")
                                .replace("%1", words[view]))
        self.clients_button.setText(translate("TasksScreen", "My clients"))
        self.clients_button.setAccessibleName(translate("TasksScreen", "My clients"))
        self.table.setAccessibleName(translate("TasksScreen", "Tasks"))
        self.done_button.setText(translate("TasksScreen", "Mark done"))
        self.done_button.setAccessibleName(translate("TasksScreen", "Mark the task done"))
        self.snooze_date.setAccessibleName(translate("TasksScreen", "Snooze until"))
        self.snooze_button.setText(translate("TasksScreen", "Snooze"))
        self.snooze_button.setAccessibleName(translate("TasksScreen",
                                                       "Snooze the task to the chosen day"))
        self.open_button.setText(translate("TasksScreen", "Open the client"))
        self.open_button.setAccessibleName(translate("TasksScreen", "Open the client"))

    def title(self) -> str:
        return translate("TasksScreen", "My tasks")

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        narrow = self.width() < 1000
        # Narrow (portrait): the reason needs the room more than the state, which the row's
        # colour and the done view already tell.
        self.table.setColumnHidden(TasksModel.STATE, narrow)
        if narrow == self._narrow:
            return
        self._narrow = narrow
        grid = self.action_grid
        for widget in (self.done_button, self.snooze_date, self.snooze_button,
                       self.open_button):
            grid.removeWidget(widget)
        grid.addWidget(self.done_button, 0, 0)
        grid.addWidget(self.snooze_date, 0, 1)
        grid.addWidget(self.snooze_button, 0, 2)
        grid.setColumnStretch(3, 1)
        if narrow:  # "open the client" on a row of its own
            grid.addWidget(self.open_button, 1, 0, 1, 3)
        else:
            grid.addWidget(self.open_button, 0, 4)

    def enter(self, **params: Any) -> None:
        self.retranslate()
        self.clients_button.setVisible(self.shell.has_screen("my_clients"))
        view = params.get("view")
        if view in VIEWS:
            self.view = view
            self.view_buttons[view].setChecked(True)
        self._show_offline()
        self.reload()

    def leave(self) -> None:
        self._refresh.stop()

    def show_view(self, view: str) -> None:
        self.view = view
        self.view_buttons[view].setChecked(True)
        self.reload()

    def _show_offline(self) -> None:
        status = self.shell.sync_status
        offline = status is not None and status.state in ("offline", "error")
        self.offline_label.setText(translate(
            "TasksScreen", "Offline: what you mark here is kept on this device and sent when "
            "the network is back."))
        self.offline_label.setVisible(offline)

    # -- reading -----------------------------------------------------------------------------
    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.reset or changes.outbox or changes.touches("task"):
            self._refresh.start()

    def reload(self) -> None:
        if self.shell.device is None:
            return
        self._generation += 1
        generation = self._generation
        self.today = dt.date.today()
        if not self._loaded_once:
            self.status.setText(translate("TasksScreen", "Loading your tasks…"))
            self.pages.setCurrentWidget(self.status)
        tasks = self.device.tasks

        def read(view: str, today: dt.date) -> tuple[list[TaskView], TaskCounts]:
            return tasks.my_tasks(view, today), tasks.counts(today)

        workers.run(read, self.view, self.today, owner=self,
                    on_result=lambda found: self._loaded(generation, *found),
                    on_error=lambda error: self._failed(generation, error),
                    name="tasks.read")

    def _loaded(self, generation: int, found: list[TaskView], counts: TaskCounts) -> None:
        if generation != self._generation:
            return
        self._loaded_once = True
        keep = self._selected()
        self.model.set_tasks(found, self.today)
        self.counts_label.setText(translate(
            "TasksScreen", "%1 due today or earlier · %2 to do · %3 snoozed · %4 done")
            .replace("%1", str(counts.due)).replace("%2", str(counts.open))
            .replace("%3", str(counts.snoozed)).replace("%4", str(counts.done)))
        if not found:
            empty = {"open": translate("TasksScreen", "Nothing to follow up: no open task. "
                                       "Your manager's new tasks appear here."),
                     "snoozed": translate("TasksScreen", "No snoozed task."),
                     "done": translate("TasksScreen", "No task done yet.")}
            self.status.setText(empty[self.view])
            self.pages.setCurrentWidget(self.status)
        else:
            self.pages.setCurrentWidget(self.table)
            row = next((i for i, t in enumerate(found)
                        if keep is not None and t.task_id == keep.task_id), 0)
            self.table.selectRow(row)
        self._show_selected()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.set_tasks([])
        self.status.setText(messages.for_error(error))
        self.pages.setCurrentWidget(self.status)
        self._show_selected()

    # -- the selected task -------------------------------------------------------------------
    def _selected(self) -> TaskView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= self.model.rowCount():
            return None
        return self.model.task(rows[0].row())

    def _show_selected(self, *_args: Any) -> None:
        task = self._selected()
        is_open = task is not None and task.status == "open"
        self.done_button.setEnabled(is_open)
        self.snooze_button.setEnabled(is_open)
        self.snooze_date.setEnabled(is_open)
        self.open_button.setEnabled(task is not None)
        tomorrow = self.today + dt.timedelta(days=1)
        self.snooze_date.setMinimumDate(_qdate(tomorrow))
        if task is not None and task.snoozed_until and task.snoozed_until > self.today:
            self.snooze_date.setDate(_qdate(task.snoozed_until))
        else:
            self.snooze_date.setDate(_qdate(tomorrow))
        problem = task.problem if task is not None else None
        self.problem_label.setText(messages.text(problem.code, **dict(problem.extra or {}))
                                   if problem is not None else "")
        self.problem_label.setVisible(problem is not None)

    def mark_done(self) -> None:
        task = self._selected()
        if task is None:
            return
        workers.run(self.device.tasks.mark_done, task.task_id, owner=self,
                    on_result=lambda _e: self.shell.notify(
                        translate("TasksScreen", "Marked done.")),
                    on_error=self.shell.show_error, name="tasks.done")

    def snooze(self) -> None:
        task = self._selected()
        if task is None:
            return
        chosen = self.snooze_date.date()
        until = dt.date(chosen.year(), chosen.month(), chosen.day())
        workers.run(self.device.tasks.snooze, task.task_id, until, self.today, owner=self,
                    on_result=lambda _e: self.shell.notify(translate(
                        "TasksScreen", "Snoozed: it comes back on its day.")),
                    on_error=self.shell.show_error, name="tasks.snooze")

    def open_client(self) -> None:
        task = self._selected()
        if task is not None:
            self.shell.show_screen("customer", customer_id=task.customer_id)

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {"view": "open"}

    def screenshot_states(self) -> list[ScreenshotState]:
        return [("", lambda: self.show_view("open")), ("done", lambda: self.show_view("done"))]
