"""A new follow-up task (managers): about one client or several (`customer_ids`, from the
client book; `customer_id`, from the customer's 360), for one of the store's sellers, by a
channel, due on a day, and why. A channel a client did not consent to is refused before
anything is queued, with the reason; the others are queued (they work offline)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clienteling.device.clients import StaffMember
from clienteling.device.tasks import TaskClient
from clienteling.domain.errors import DomainError
from clienteling.replica.views import OutboxEntry
from ui import icons, messages, workers
from ui.kit.widgets import button, card, label, screen_head, see_through
from ui.screen import Screen, ScreenshotState, Shell
from ui.tasks.models import CHANNEL_ICONS, CHANNELS, channel_words

translate = QCoreApplication.translate

MANAGERS = frozenset({"manager", "admin"})
REASON_LIMIT = 500
SHOWN_NAMES = 6  # names listed before "and N more"


class TaskNewScreen(Screen):
    screen_id = "task_new"
    screenshot_name = "task-new"
    screenshot_role = "manager"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.customer_ids: list[str] = []
        self.clients: list[TaskClient] = []
        self.sellers: list[StaffMember] = []
        self._generation = 0
        head = screen_head(self, back=self.shell.back, back_name="taskNewBack")
        outer, self.heading = head.outer, head.heading
        assert head.back_button is not None
        self.back_button = head.back_button

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        frame, who = card(body, "taskClients")
        self.clients_title = label(frame, "subtitle")
        self.clients_label = label(frame, None, "taskClientNames")
        who.addWidget(self.clients_title)
        who.addWidget(self.clients_label)
        column.addWidget(frame)

        form_card, form_column = card(body, "taskForm")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(12)
        self.seller_box = QComboBox(form_card)
        self.seller_box.setObjectName("taskSeller")
        self.seller_box.setMinimumHeight(44)
        self.seller_label = QLabel(form_card)
        form.addRow(self.seller_label, self.seller_box)
        channels = QHBoxLayout()
        channels.setSpacing(6)
        self.channel_group = QButtonGroup(self)
        self.channel_group.setExclusive(True)
        self.channel_buttons: dict[str, QPushButton] = {}
        for channel in CHANNELS:
            b = button(form_card, "", CHANNEL_ICONS[channel])
            b.setCheckable(True)
            b.setObjectName(f"taskChannel_{channel}")
            b.clicked.connect(lambda _=False, c=channel: self.choose_channel(c))
            self.channel_group.addButton(b)
            self.channel_buttons[channel] = b
            channels.addWidget(b)
        channels.addStretch(1)
        self.channel_label = QLabel(form_card)
        form.addRow(self.channel_label, channels)
        self.due_date = QDateEdit(form_card)
        self.due_date.setObjectName("taskDue")
        self.due_date.setCalendarPopup(True)
        self.due_date.setMinimumHeight(44)
        self.due_label = QLabel(form_card)
        form.addRow(self.due_label, self.due_date)
        self.reason_edit = QPlainTextEdit(form_card)
        self.reason_edit.setObjectName("taskReason")
        self.reason_edit.setMinimumHeight(96)
        self.reason_edit.setMaximumHeight(160)
        self.reason_edit.textChanged.connect(self._update)
        self.reason_label = QLabel(form_card)
        form.addRow(self.reason_label, self.reason_edit)
        form_column.addLayout(form)
        self.consent_label = label(form_card, "error", "taskConsent")
        self.consent_label.hide()
        form_column.addWidget(self.consent_label)
        column.addWidget(form_card)
        column.addStretch(1)
        scroll.setWidget(body)
        see_through(scroll)
        outer.addWidget(scroll, 1)

        self.message = label(self, "error", "taskNewMessage")
        self.message.hide()
        outer.addWidget(self.message)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.cancel_button = button(self, "", flat=True)
        self.cancel_button.setObjectName("taskCancel")
        self.cancel_button.clicked.connect(self.shell.back)
        actions.addWidget(self.cancel_button)
        self.create_button = button(self, "", "add", primary=True)
        self.create_button.setObjectName("taskCreate")
        self.create_button.clicked.connect(self.create_tasks)
        actions.addWidget(self.create_button)
        outer.addLayout(actions)
        self.channel_buttons["call"].setChecked(True)
        self.channel = "call"
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("TaskNewScreen", "New follow-up task"))
        self.back_button.setText(translate("TaskNewScreen", "Back"))
        self.back_button.setAccessibleName(translate("TaskNewScreen", "Back"))
        self.seller_label.setText(translate("TaskNewScreen", "For"))
        self.seller_box.setAccessibleName(translate("TaskNewScreen", "Seller"))
        self.channel_label.setText(translate("TaskNewScreen", "How"))
        for channel, b in self.channel_buttons.items():
            b.setText(channel_words(channel))
            b.setAccessibleName(translate("TaskNewScreen", "Channel: %1")
                                .replace("%1", channel_words(channel)))
        self.due_label.setText(translate("TaskNewScreen", "Due"))
        self.due_date.setAccessibleName(translate("TaskNewScreen", "Due date"))
        self.reason_label.setText(translate("TaskNewScreen", "Why"))
        self.reason_edit.setAccessibleName(translate("TaskNewScreen", "Why"))
        self.reason_edit.setPlaceholderText(translate(
            "TaskNewScreen", "What to tell the client, or why they should come back"))
        self.cancel_button.setText(translate("TaskNewScreen", "Cancel"))
        self.cancel_button.setAccessibleName(translate("TaskNewScreen", "Cancel"))

    def title(self) -> str:
        return translate("TaskNewScreen", "New task")

    def enter(self, **params: Any) -> None:
        """Params: `customer_ids` (one or many) or `customer_id`."""
        ids = list(params.get("customer_ids") or [])
        if params.get("customer_id"):
            ids.append(str(params["customer_id"]))
        self.customer_ids = list(dict.fromkeys(ids))
        self.clients = []
        self.retranslate()
        self.reason_edit.clear()
        self.message.hide()
        today = dt.date.today()
        self.due_date.setMinimumDate(QDate(today.year, today.month, today.day))
        self.due_date.setDate(QDate(today.year, today.month, today.day).addDays(1))
        self.clients_title.setText(translate("TaskNewScreen", "About"))
        self.clients_label.setText(translate("TaskNewScreen", "Loading…"))
        self._generation += 1
        generation = self._generation
        role = getattr(self.shell.user, "role", None)
        if role not in MANAGERS:
            self._say(translate("TaskNewScreen", "Only a manager gives follow-up tasks."))
            self._update()
            return
        if self.shell.device is None:
            return
        workers.run(self.device.tasks.task_clients, self.customer_ids, owner=self,
                    on_result=lambda found: self._clients_loaded(generation, found),
                    on_error=lambda error: self._failed(generation, error),
                    name="tasks.clients")
        workers.run(self.device.clients.sellers, owner=self,
                    on_result=lambda found: self._sellers_loaded(generation, found),
                    on_error=lambda error: self._failed(generation, error),
                    name="tasks.sellers")
        self._update()

    # -- what was read ---------------------------------------------------------------------
    def _clients_loaded(self, generation: int, found: list[TaskClient]) -> None:
        if generation != self._generation:
            return
        self.clients = found
        if not found:
            self.clients_title.setText(translate("TaskNewScreen", "About"))
            self.clients_label.setText(translate(
                "TaskNewScreen", "None of these clients is on this device."))
        else:
            self.clients_title.setText(self.tr("About %n client(s)", None, len(found)))
            names = ", ".join(c.name for c in found[:SHOWN_NAMES])
            more = len(found) - SHOWN_NAMES
            if more > 0:
                names += " " + self.tr("and %n more", None, more)
            self.clients_label.setText(names)
        self._update()

    def _sellers_loaded(self, generation: int, found: list[StaffMember]) -> None:
        if generation != self._generation:
            return
        self.sellers = found
        keep = self.seller_box.currentData()
        self.seller_box.clear()
        for seller in found:
            self.seller_box.addItem(seller.display_name or translate(
                "TaskNewScreen", "Seller %1").replace("%1", str(seller.staff_id)),
                seller.staff_id)
        index = self.seller_box.findData(keep)
        if index >= 0:
            self.seller_box.setCurrentIndex(index)
        if not found:
            self._say(translate("TaskNewScreen", "This store has no seller to give a task to."))
        self._update()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._say(messages.for_error(error))
            self._update()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- the form ----------------------------------------------------------------------------
    def choose_channel(self, channel: str) -> None:
        self.channel = channel
        self.channel_buttons[channel].setChecked(True)
        self._update()

    def refused(self) -> list[TaskClient]:
        return [c for c in self.clients if c.refuses(self.channel)]

    def _update(self) -> None:
        refused = self.refused()
        kept = len(self.clients) - len(refused)
        if refused and not kept:
            self.consent_label.setText(
                messages.text("task.no_consent") if len(self.clients) == 1 else translate(
                    "TaskNewScreen", "None of these clients agreed to be contacted by %1: "
                    "choose a call or a visit.").replace("%1", channel_words(self.channel)))
        elif refused:
            self.consent_label.setText(translate(
                "TaskNewScreen", "%1 of these clients did not agree to be contacted by %2: "
                "no task is made for them (%3).").replace("%1", str(len(refused)))
                .replace("%2", channel_words(self.channel))
                .replace("%3", ", ".join(c.name for c in refused[:SHOWN_NAMES])))
        self.consent_label.setVisible(bool(refused))
        reason = self.reason_edit.toPlainText().strip()
        ready = (kept > 0 and self.seller_box.currentData() is not None and bool(reason)
                 and len(reason) <= REASON_LIMIT
                 and getattr(self.shell.user, "role", None) in MANAGERS)
        self.create_button.setEnabled(ready)
        self.create_button.setText(self.tr("Create %n task(s)", None, max(kept, 1)))
        self.create_button.setAccessibleName(self.create_button.text())
        self.create_button.setIcon(icons.icon("add", icons.ON_ACCENT))

    def create_tasks(self) -> None:
        seller = self.seller_box.currentData()
        if seller is None or not self.clients:
            return
        chosen = self.due_date.date()
        due = dt.date(chosen.year(), chosen.month(), chosen.day())
        ids = [c.customer_id for c in self.clients if not c.refuses(self.channel)]
        self.create_button.setEnabled(False)
        workers.run(self.device.tasks.create_tasks, customer_ids=ids, assignee_id=int(seller),
                    channel=self.channel, due_on=due,
                    reason=self.reason_edit.toPlainText().strip(), owner=self,
                    on_result=self._created, on_error=self._create_failed,
                    name="tasks.create")

    def _created(self, result: tuple[list[OutboxEntry], list[tuple[str, DomainError]]]) -> None:
        queued, refused = result
        words = self.tr("%n task(s) created: sent to the seller with the "
                          "next sync.", None, len(queued))
        if refused:
            words += " " + messages.for_error(refused[0][1])
        self.shell.notify(words, "warning" if refused else "info")
        if not self.shell.back():
            self.shell.show_screen("tasks")

    def _create_failed(self, error: BaseException) -> None:
        self._say(messages.for_error(error))
        self._update()

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        customer_id = demo.get("customer_id")
        return {"customer_id": customer_id} if customer_id else None

    def screenshot_states(self) -> list[ScreenshotState]:
        def written() -> None:
            self.reason_edit.setPlainText(self.tr("The new collection is in store: invite "
                                                  "them to come and see it."))
            self.choose_channel("call")

        states: list[ScreenshotState] = [("", written)]
        refused = next((c for c in ("email", "sms") if self.clients
                        and self.clients[0].refuses(c)), None)
        if refused is not None:  # the demo customer did not consent to this channel
            states.append(("no-consent", lambda: self.choose_channel(refused)))
        return states
