"""The Sync screen: the state in words, what the last sync brought, the first download's
progress, and every unsent write (waiting, or failed with the reason) with retry and, after a
confirmation, discard. Nothing leaves the outbox without a person deciding it here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clienteling.domain.errors import DomainError
from ui import icons, kit, messages, workers
from ui.header import describe
from ui.i18n import QT_TRANSLATE_NOOP, format_datetime
from ui.screen import Screen, ScreenshotState, Shell

if TYPE_CHECKING:
    from clienteling.device import Device
    from clienteling.replica.views import ChangeSet
    from clienteling.sync.status import SyncStatus

# Words for the label code each kind of write declares (its command in clienteling.outbox).
_LABEL_WORDS = {
    "outbox.customer.enrol": QT_TRANSLATE_NOOP("SyncScreen", "New customer"),
    "outbox.customer.edit": QT_TRANSLATE_NOOP("SyncScreen", "Contact details change"),
    "outbox.consent.record": QT_TRANSLATE_NOOP("SyncScreen", "Consent change"),
    "outbox.note.add": QT_TRANSLATE_NOOP("SyncScreen", "Note"),
    "outbox.wishlist.add": QT_TRANSLATE_NOOP("SyncScreen", "Added to the wishlist"),
    "outbox.wishlist.remove": QT_TRANSLATE_NOOP("SyncScreen", "Removed from the wishlist"),
    "outbox.order.create": QT_TRANSLATE_NOOP("SyncScreen", "Order"),
    "outbox.order.status": QT_TRANSLATE_NOOP("SyncScreen", "Order status change"),
    "outbox.task.create": QT_TRANSLATE_NOOP("SyncScreen", "New follow-up task"),
    "outbox.task.update": QT_TRANSLATE_NOOP("SyncScreen", "Follow-up done or snoozed"),
    "outbox.client.assign": QT_TRANSLATE_NOOP("SyncScreen", "Clients assigned to a seller"),
    "outbox.export.record": QT_TRANSLATE_NOOP("SyncScreen", "Client list exported"),
}

_ENTITY_WORDS = {
    "customer": QT_TRANSLATE_NOOP("SyncScreen", "customers"),
    "order": QT_TRANSLATE_NOOP("SyncScreen", "orders"),
    "product": QT_TRANSLATE_NOOP("SyncScreen", "products"),
    "stock": QT_TRANSLATE_NOOP("SyncScreen", "stock figures"),
    "store": QT_TRANSLATE_NOOP("SyncScreen", "stores"),
    "wishlist_item": QT_TRANSLATE_NOOP("SyncScreen", "wishlist items"),
    "interaction": QT_TRANSLATE_NOOP("SyncScreen", "timeline entries"),
    "task": QT_TRANSLATE_NOOP("SyncScreen", "follow-up tasks"),
}

# Names are looked up for at most this many distinct customers of the queue.
_NAMED_CUSTOMERS = 50


def _translate(text: str) -> str:
    return QCoreApplication.translate("SyncScreen", text)


def label_words(label: str) -> str:
    """A write's label code in words; a kind the app has no words for yet shows its code."""
    source = _LABEL_WORDS.get(label)
    return _translate(source) if source else label


def problem_words(entry: Any) -> str:
    """Why an entry failed, in the seller's language."""
    problem = entry.problem
    if problem is None:
        return ""
    return messages.text(problem.code, **dict(problem.extra or {}))


class OutboxModel(QAbstractTableModel):
    """The unsent writes, oldest first: what, for whom, when, and where it stands."""

    WHAT, WHO, WHEN, STATE = range(4)
    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[Any] = []
        self._names: dict[str, str] = {}

    def set_entries(self, entries: list[Any], names: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._names = dict(names or {})
        self.endResetModel()

    def entry(self, row: int) -> Any:
        return self._entries[row]

    def entries(self) -> list[Any]:
        return list(self._entries)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 4:
            return None
        return (self.tr("What"), self.tr("Customer"), self.tr("Made at"),
                self.tr("Where it stands"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == self.EntryRole:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.WHAT:
                return self.what(entry)
            if column == self.WHO:
                return self.who(entry)
            if column == self.WHEN:
                return format_datetime(entry.created_at)
            if column == self.STATE:
                return self._state(entry)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return QColor("#b42318") if entry.state == "failed" else QColor("#8a5a00")
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            return icons.icon("warning" if entry.state == "failed" else "clock",
                              "#b42318" if entry.state == "failed" else "#8a5a00")
        return None

    def what(self, entry: Any) -> str:
        """What the write is, in words (\"Order W-1234\", \"Note\")."""
        words = label_words(entry.label or entry.kind)
        if entry.kind.startswith("order.") and entry.target:
            return f"{words} {entry.target}"
        return words

    def who(self, entry: Any) -> str:
        if entry.customer_id is None:
            return ""
        name = self._names.get(entry.customer_id)
        if name:
            return name
        payload = entry.payload or {}
        if entry.kind == "customer.enrol":
            full = f"{payload.get('first_name', '')} {payload.get('last_name', '')}".strip()
            if full:
                return full
        return entry.customer_id

    def _state(self, entry: Any) -> str:
        if entry.state == "failed":
            return self.tr("Refused: %1").replace("%1", problem_words(entry))
        if entry.blocked_by is not None:
            return self.tr("Waiting for an earlier write")
        if entry.attempts:
            return self.tr("Waiting · %n attempt(s)", "", entry.attempts)
        return self.tr("Waiting to be sent")


def load_queue(device: Device) -> tuple[Any, list[Any], dict[str, str]]:
    """In a worker: the status, the unsent entries and the names of their customers."""
    status = device.sync.sync_status()
    entries = device.sync.outbox_entries()
    names: dict[str, str] = {}
    for customer_id in dict.fromkeys(e.customer_id for e in entries if e.customer_id):
        if len(names) >= _NAMED_CUSTOMERS:
            break
        try:
            profile = device.customers.customer_360(customer_id).profile
        except DomainError:
            continue  # an enrolment not yet known: the payload's name is shown instead
        names[customer_id] = f"{profile.first_name} {profile.last_name}".strip()
    return status, entries, names


class SyncDigest(QObject):
    """What the latest sync brought, counted from the device services' change sets: the changes seen
    since the previous sync time are what the sync at the new time brought. Lives as long as
    the session (a window rebuilt for another language keeps it)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counting: dict[str, int] = {}
        self.brought: dict[str, int] | None = None  # None: no sync finished yet
        self.total: dict[str, int] = {}  # everything received since the session began
        self.since: dt.datetime | None = None
        self._last_sync_at: dt.datetime | None = None

    @classmethod
    def following(cls, shell: Shell) -> SyncDigest:
        """A digest fed by the window's own signals (when no session gives one)."""
        digest = cls(shell if isinstance(shell, QObject) else None)
        shell.replica_changed.connect(digest.add_changes)
        shell.sync_status_changed.connect(digest.add_status)
        return digest

    def add_changes(self, changes: ChangeSet) -> None:
        if changes.outbox:
            return  # the seller's own writes, not what a sync brought
        if self.since is None:
            self.since = dt.datetime.now(dt.UTC)
        for entity, keys in changes.entities.items():
            self._counting[entity] = self._counting.get(entity, 0) + len(keys)
            self.total[entity] = self.total.get(entity, 0) + len(keys)

    def add_status(self, status: SyncStatus | None) -> None:
        if status is None or status.last_sync_at == self._last_sync_at:
            return
        self._last_sync_at = status.last_sync_at
        if status.last_sync_at is not None:
            self.brought = dict(self._counting)
            self._counting.clear()
            self.changed.emit()


class SyncScreen(Screen):
    """What is waiting, what failed and why, and the seller's decisions about it."""

    screen_id = "sync"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._loading: workers.Task | None = None
        self._reload_again = False
        self._acting: workers.Task | None = None
        digest = getattr(shell, "sync_digest", None)
        self.digest: SyncDigest = digest if digest is not None else SyncDigest.following(shell)
        self.confirmation: QMessageBox | None = None  # the open "discard?" question

        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(16)

        # The state, in words, with what to do about it.
        summary = QFrame(self)
        summary.setProperty("card", True)
        summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        top = QVBoxLayout(summary)
        top.setContentsMargins(20, 16, 20, 16)
        top.setSpacing(8)
        head = QHBoxLayout()
        self.state_icon = QLabel(summary)
        self.state_words = QLabel(summary)
        self.state_words.setProperty("role", "subtitle")
        self.state_words.setAccessibleName(self.tr("Sync state"))
        self.state_words.setWordWrap(True)
        head.addWidget(self.state_icon)
        head.addWidget(self.state_words, 1)
        self.sync_now_button = QPushButton(icons.icon("sync", icons.ACCENT),
                                           self.tr("Sync now"), summary)
        self.sync_now_button.setAccessibleName(self.tr("Sync now"))
        self.sync_now_button.setIconSize(QSize(20, 20))
        self.sync_now_button.setMinimumHeight(44)
        self.sync_now_button.clicked.connect(self.sync_now)
        head.addWidget(self.sync_now_button)
        top.addLayout(head)
        self.reason = QLabel(summary)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(self.tr("Reason"))
        top.addWidget(self.reason)
        self.last_sync = QLabel(summary)
        self.last_sync.setProperty("role", "muted")
        self.last_sync.setWordWrap(True)
        self.last_sync.setAccessibleName(self.tr("Last sync"))
        top.addWidget(self.last_sync)
        self.download = QProgressBar(summary)
        self.download.setAccessibleName(self.tr("Download progress"))
        self.download.setRange(0, 0)
        self.download.setTextVisible(False)
        self.download.setFixedHeight(10)
        self.download_words = QLabel(summary)
        self.download_words.setWordWrap(True)
        top.addWidget(self.download)
        top.addWidget(self.download_words)
        self.sign_in_button = QPushButton(self.tr("Sign in again"), summary)
        self.sign_in_button.setAccessibleName(self.tr("Sign in again"))
        self.sign_in_button.setProperty("primary", True)
        self.sign_in_button.setMinimumHeight(44)
        self.sign_in_button.clicked.connect(self.shell.sign_in_again_requested)
        top.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(summary)

        # The queue.
        self.queue_title = QLabel(self.tr("Unsent work"), self)
        self.queue_title.setProperty("role", "subtitle")
        column.addWidget(self.queue_title)
        self.model = OutboxModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("outboxTable")
        self.table.setAccessibleName(self.tr("Unsent work"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(48)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(120)
        QScroller.grabGesture(self.table.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.table.activated.connect(lambda _index: self.retry_selected())

        self.empty = QLabel(self)
        self.empty.setProperty("role", "empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(self.tr("Nothing unsent"))
        self.empty_page = QWidget(self)
        empty_column = QVBoxLayout(self.empty_page)
        empty_column.addStretch(1)
        done = QLabel(self.empty_page)
        done.setPixmap(icons.pixmap("check", 48, "#1b7f3b", 2.0))
        done.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_column.addWidget(done)
        self.empty.setParent(self.empty_page)
        empty_column.addWidget(self.empty)
        empty_column.addStretch(2)
        self.list_pages = QStackedWidget(self)
        self.list_pages.addWidget(self.table)
        self.list_pages.addWidget(self.empty_page)
        column.addWidget(self.list_pages, 1)

        # The selected entry: why it stopped and the decisions.
        self.details = QFrame(self)
        self.details.setProperty("card", True)
        bottom = QVBoxLayout(self.details)
        bottom.setContentsMargins(16, 12, 16, 12)
        self.details_words = QLabel(self.details)
        self.details_words.setWordWrap(True)
        self.details_words.setAccessibleName(self.tr("Selected write"))
        bottom.addWidget(self.details_words)
        actions = QHBoxLayout()
        self.retry_button = QPushButton(icons.icon("retry", icons.ACCENT), self.tr("Send again"),
                                        self.details)
        self.retry_button.setAccessibleName(self.tr("Send again"))
        self.discard_button = QPushButton(icons.icon("trash", "#b42318"), self.tr("Discard…"),
                                          self.details)
        self.discard_button.setAccessibleName(self.tr("Discard"))
        self.discard_button.setProperty("danger", True)
        for button in (self.retry_button, self.discard_button):
            button.setMinimumHeight(44)
            button.setIconSize(QSize(20, 20))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        # An order short of stock is a task with its own choices (ui.pickups' shortage screen).
        self.resolve_button = QPushButton(icons.icon("warning", icons.ACCENT),
                                          self.tr("Resolve the shortage…"), self.details)
        self.resolve_button.setAccessibleName(self.tr("Resolve the shortage"))
        self.resolve_button.setProperty("primary", True)
        self.resolve_button.setMinimumHeight(44)
        self.resolve_button.clicked.connect(self.resolve_selected)
        actions.addWidget(self.resolve_button)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.discard_button)
        actions.addStretch(1)
        bottom.addLayout(actions)
        column.addWidget(self.details)
        self.details.hide()

        shell.sync_status_changed.connect(self._on_status)
        shell.replica_changed.connect(self._on_changes)
        self._show_status(shell.sync_status)

    def title(self) -> str:
        return self.tr("Sync")

    def enter(self, **params: Any) -> None:
        self.reload()

    # -- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the status and the queue again (coalesced: one read at a time)."""
        device = self.shell.device
        if device is None:
            return
        if self._loading is not None:
            self._reload_again = True
            return
        self._loading = workers.run(load_queue, device, owner=self, on_result=self._on_loaded,
                                    on_error=self._on_load_failed, name="sync_screen.load")

    def _on_loaded(self, result: tuple[Any, list[Any], dict[str, str]]) -> None:
        self._loading = None
        status, entries, names = result
        selected = self._selected_entry()
        self.model.set_entries(entries, names)
        self._show_status(status)
        self._show_queue(selected.id if selected is not None else None)
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _on_load_failed(self, error: BaseException) -> None:
        self._loading = None
        self._reload_again = False
        self.shell.show_error(error)

    def _on_status(self, status: SyncStatus | None) -> None:
        self._show_status(status)
        if self.isVisible():
            self.reload()

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.outbox and self.isVisible():
            self.reload()

    # -- showing ---------------------------------------------------------------------------
    def _show_status(self, status: SyncStatus | None) -> None:
        light = describe(status)
        color = {"ok": "#1b7f3b", "busy": "#8a5a00", "offline": "#5b6670",
                 "error": "#b42318"}[light.level]
        name = {"ok": "online", "busy": "sync", "offline": "offline", "error": "warning"}
        self.state_icon.setPixmap(icons.pixmap(name[light.level], 28, color, 2.0))
        self.state_words.setText(light.text.split(",")[0] if light.level == "error"
                                 else light.text)
        reason = self._reason(status)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.last_sync.setText(self._last_sync_words(status))
        downloading = light.downloading
        self.download.setVisible(downloading)
        self.download_words.setVisible(downloading or bool(status and status.partial))
        if status is not None and (downloading or status.partial):
            count = status.progress.changes if status.progress is not None else 0
            self.download_words.setText(self.tr(
                "The store's data is still downloading (%1 received). Search may miss some "
                "customers until it has finished.").replace("%1", _number(count)))
        self.sign_in_button.setVisible(status is not None and status.state == "needs_sign_in")
        self.sync_now_button.setEnabled(status is not None and self._acting is None)

    def _reason(self, status: SyncStatus | None) -> str:
        if status is None:
            return ""
        if status.failed:
            return self.tr("The server refused some writes. Choose each one below: send it "
                           "again once fixed, or discard it.")
        if status.state in ("offline", "error", "needs_sign_in") and status.reason:
            words = messages.text(status.reason)
            if status.state == "offline" and status.waiting:
                words += " " + self.tr("Nothing is lost: it is sent as soon as the server "
                                       "answers.")
            return words
        return ""

    def _last_sync_words(self, status: SyncStatus | None) -> str:
        if status is None or status.last_sync_at is None:
            return self.tr("Not synced yet.")
        when = format_datetime(status.last_sync_at)
        words = self.tr("Last sync: %1.").replace("%1", when)
        brought = _counts(self.digest.brought or {})
        if brought:
            words += " " + self.tr("It brought %1.").replace("%1", brought)
        else:
            words += " " + self.tr("Nothing new.")
        total = _counts(self.digest.total)
        if total and self.digest.since is not None and total != brought:
            words += "\n" + self.tr("Received since %1: %2.").replace(
                "%1", format_datetime(self.digest.since)).replace("%2", total)
        return words

    def _show_queue(self, keep_id: int | None = None) -> None:
        count = self.model.rowCount()
        failed = sum(1 for e in self.model.entries() if e.state == "failed")
        if count:
            self.queue_title.setText(self.tr("Unsent work · %1 waiting, %2 refused")
                                     .replace("%1", _number(count - failed))
                                     .replace("%2", _number(failed)))
            self.list_pages.setCurrentWidget(self.table)
            self.table.resizeColumnsToContents()
            row = next((i for i, e in enumerate(self.model.entries()) if e.id == keep_id), None)
            if row is None:
                row = next((i for i, e in enumerate(self.model.entries())
                            if e.state == "failed"), None)
            if row is not None:
                self.table.selectRow(row)
        else:
            self.queue_title.setText(self.tr("Unsent work"))
            self.empty.setText(self.tr("Nothing is waiting: every note, consent and order made "
                                       "on this device has reached the server."))
            self.list_pages.setCurrentWidget(self.empty_page)
        self._show_selected()

    def _selected_entry(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self.model.entry(row) if row < self.model.rowCount() else None

    def _show_selected(self, *_args: Any) -> None:
        entry = self._selected_entry()
        if entry is None:
            self.details.hide()
            return
        self.details.show()
        who = self.model.who(entry)
        title = f"{self.model.what(entry)} · {who}" if who else self.model.what(entry)
        lines = [f"<b>{_html(title)}</b>"]
        if self._is_shortage(entry):
            lines.append(_html(problem_words(entry)))
            lines.append(_html(self.tr("The customer holds this order's number: choose where "
                                       "the items come from, fewer units, delivery, or cancel. "
                                       "The number stays valid.")))
        elif entry.state == "failed":
            lines.append(_html(problem_words(entry)))
            lines.append(_html(self.tr("Fix what the reason says (in the customer's screen), then "
                                       "send it again; or discard it if it should not be sent.")))
        else:
            lines.append(_html(self.tr("It is sent automatically; nothing to do.")))
        self.details_words.setText("<br>".join(lines))
        failed = entry.state == "failed"
        self.resolve_button.setVisible(self._is_shortage(entry))
        self.retry_button.setVisible(failed)
        self.discard_button.setVisible(failed)
        busy = self._acting is not None
        self.retry_button.setEnabled(not busy)
        self.discard_button.setEnabled(not busy)

    # -- the seller's decisions ---------------------------------------------------------------
    def sync_now(self) -> None:
        device = self.shell.device
        if device is None or self._acting is not None:
            return
        self.sync_now_button.setEnabled(False)
        self._acting = workers.run(device.sync.sync_now, owner=self, on_result=self._on_acted,
                                   on_error=self._on_act_failed, name="sync_now")

    def _is_shortage(self, entry: Any) -> bool:
        return bool(entry.state == "failed" and entry.kind == "order.create" and entry.target
                    and entry.problem is not None and entry.problem.code == "stock.short"
                    and self.shell.has_screen("shortage"))

    def resolve_selected(self) -> None:
        entry = self._selected_entry()
        if entry is not None and self._is_shortage(entry):
            self.shell.show_screen("shortage", order_number=entry.target)

    def retry_selected(self) -> None:
        entry = self._selected_entry()
        if entry is None or entry.state != "failed" or self._acting is not None:
            return
        self._acting = workers.run(self.device.sync.retry, entry.id, owner=self,
                                   on_result=self._on_acted, on_error=self._on_act_failed,
                                   name="outbox.retry")
        self._show_selected()

    def discard_selected(self) -> None:
        """Ask first (a window-modal question, answered without blocking the app)."""
        entry = self._selected_entry()
        if entry is None or entry.state != "failed" or self._acting is not None:
            return
        self.confirmation = kit.ask(
            self, QMessageBox.Icon.Warning, self.tr("Discard this write?"),
            self.tr("“%1” will never reach the server. This cannot be undone.")
            .replace("%1", self.model.what(entry)), name="confirmDiscard",
            yes=self.tr("Discard"), no=self.tr("Keep it"),
            yes_role=QMessageBox.ButtonRole.DestructiveRole,
            yes_accessible=self.tr("Discard for good"),
            on_answer=lambda discard: self._discard(entry.id) if discard else None)

    def _discard(self, entry_id: int) -> None:
        if self._acting is not None:
            return
        self._acting = workers.run(self.device.sync.discard, entry_id, owner=self,
                                   on_result=self._on_acted, on_error=self._on_act_failed,
                                   name="outbox.discard")
        self._show_selected()

    def _on_acted(self, _result: Any) -> None:
        self._acting = None
        self.reload()

    def _on_act_failed(self, error: BaseException) -> None:
        self._acting = None
        self.shell.show_error(error)
        self.reload()

    def screenshot_states(self) -> list[ScreenshotState]:
        return [("", self.reload)]


def _counts(counts: dict[str, int]) -> str:
    """"2,000 customers, 6,000 orders" (biggest first; what the seller knows by name)."""
    return ", ".join(f"{_number(count)} {_translate(_ENTITY_WORDS[entity])}"
                     for entity, count in sorted(counts.items(), key=lambda kv: -kv[1])
                     if count and entity in _ENTITY_WORDS)


def _number(value: int) -> str:
    from PySide6.QtCore import QLocale

    return QLocale().toString(int(value))


def _html(text: Any) -> str:
    from html import escape

    return escape(str(text or ""))


