"""The managers' devices screen: the store's signed-in devices (name, who, last seen, revoked),
revoking a lost one after a confirmation, and what a revoked one had not sent ("lost with the
device"). Managers and admins only (the rail hides it from sellers; the server refuses them).
It works through the server: offline it says so and offers to try again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clienteling.domain.order_numbers import device_code
from ui import icons, messages, workers
from ui.i18n import QT_TRANSLATE_NOOP, format_datetime
from ui.screen import Screen, ScreenshotState, Shell

# lupdate reads `translate("Context", "text")` calls.
translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex

_KIND_WORDS = {
    "customer.enrol": QT_TRANSLATE_NOOP("DevicesScreen", "New customer"),
    "customer.edit": QT_TRANSLATE_NOOP("DevicesScreen", "Contact details change"),
    "consent.record": QT_TRANSLATE_NOOP("DevicesScreen", "Consent change"),
    "note.add": QT_TRANSLATE_NOOP("DevicesScreen", "Note"),
    "wishlist.add": QT_TRANSLATE_NOOP("DevicesScreen", "Added to the wishlist"),
    "wishlist.remove": QT_TRANSLATE_NOOP("DevicesScreen", "Removed from the wishlist"),
    "order.create": QT_TRANSLATE_NOOP("DevicesScreen", "Order"),
    "order.status": QT_TRANSLATE_NOOP("DevicesScreen", "Order status change"),
    "task.create": QT_TRANSLATE_NOOP("DevicesScreen", "New follow-up task"),
    "task.update": QT_TRANSLATE_NOOP("DevicesScreen", "Follow-up done or snoozed"),
    "client.assign": QT_TRANSLATE_NOOP("DevicesScreen", "Clients assigned to a seller"),
    "export.record": QT_TRANSLATE_NOOP("DevicesScreen", "Client list exported"),
}


def kind_words(kind: str) -> str:
    source = _KIND_WORDS.get(kind)
    return translate("DevicesScreen", source) if source else kind


class DevicesModel(QAbstractTableModel):
    """The store's devices: name, user, last seen, state."""

    COLUMNS = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._devices: list[Any] = []
        self._own: str | None = None  # this device's code (its session's, from sign-in)

    def set_devices(self, devices: list[Any], own_code: str | None = None) -> None:
        self.beginResetModel()
        self._devices = list(devices)
        self._own = own_code
        self.endResetModel()

    def is_own(self, device: Any) -> bool:
        """Whether `device` is the one this app runs on."""
        return self._own is not None and device_code(device.device_id) == self._own

    def device(self, row: int) -> Any:
        return self._devices[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._devices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            translate("DevicesScreen", "Device"),
            translate("DevicesScreen", "Signed in as"),
            translate("DevicesScreen", "Last seen"),
            translate("DevicesScreen", "State"),
        )
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._devices):
            return None
        device = self._devices[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                if self.is_own(device):
                    return translate("DevicesScreen", "%1 (this device)").replace("%1", device.name)
                return device.name
            if column == 1:
                return device.username
            if column == 2:
                return format_datetime(device.last_seen_at) if device.last_seen_at else "—"
            if column == 3:
                return (
                    translate("DevicesScreen", "Revoked")
                    if device.revoked
                    else translate("DevicesScreen", "Active")
                )
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and device.revoked:
            return QColor("#b42318")
        return None


class DevicesScreen(Screen):
    """Devices of the manager's store; revoke; lost with a revoked device."""

    screen_id = "devices"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._loading: workers.Task | None = None
        self.confirm_box: QMessageBox | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        title = QLabel(translate("DevicesScreen", "Devices of the store"), self)
        title.setProperty("role", "title")
        top.addWidget(title, 1)
        self.refresh_button = QPushButton(translate("DevicesScreen", "Refresh"), self)
        self.refresh_button.setObjectName("devicesRefresh")
        self.refresh_button.setIcon(icons.icon("retry", icons.ACCENT))
        self.refresh_button.setMinimumHeight(44)
        self.refresh_button.clicked.connect(self.load)
        top.addWidget(self.refresh_button)
        outer.addLayout(top)
        hint = QLabel(
            translate(
                "DevicesScreen",
                "A lost or stolen tablet: revoke it. It erases its data at its next "
                "contact with the server, and what it had not sent is listed here.",
            ),
            self,
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        outer.addWidget(hint)

        self.pages = QStackedWidget(self)
        self.status = QLabel(self)
        self.status.setObjectName("devicesStatus")
        self.status.setProperty("role", "empty")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.status)
        self.model = DevicesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("devicesTable")
        self.table.setAccessibleName(translate("DevicesScreen", "Devices"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(44)  # a finger's target
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.pages.addWidget(self.table)
        outer.addWidget(self.pages, 1)

        self.details = QWidget(self)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.details_title = QLabel(self.details)
        self.details_title.setProperty("role", "subtitle")
        self.details_title.setWordWrap(True)
        row.addWidget(self.details_title, 1)
        self.revoke_button = QPushButton(
            translate("DevicesScreen", "Revoke this device"), self.details
        )
        self.revoke_button.setObjectName("revokeDevice")
        self.revoke_button.setIcon(icons.icon("lock", icons.ACCENT))
        self.revoke_button.setMinimumHeight(44)
        self.revoke_button.clicked.connect(self.confirm_revoke)
        row.addWidget(self.revoke_button)
        details.addLayout(row)
        self.lost_words = QLabel(self.details)
        self.lost_words.setObjectName("lostWithDevice")
        self.lost_words.setWordWrap(True)
        self.lost_words.setTextFormat(Qt.TextFormat.RichText)
        details.addWidget(self.lost_words)
        self.details.hide()
        outer.addWidget(self.details, 0)

    def title(self) -> str:
        return translate("DevicesScreen", "Devices")

    def enter(self, **params: Any) -> None:
        self.load()

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        if self.shell.device is None or self._loading is not None:
            return
        self.refresh_button.setEnabled(False)
        if not self.model.rowCount():
            self.status.setText(translate("DevicesScreen", "Asking the server…"))
            self.pages.setCurrentWidget(self.status)
        self._loading = workers.run(
            self.device.devices.list_devices,
            owner=self,
            on_result=self._loaded,
            on_error=self._failed,
            name="devices.list",
        )

    def _loaded(self, devices: list[Any], keep: int | None = None) -> None:
        self._loading = None
        self.refresh_button.setEnabled(True)
        selected = self._selected()
        keep = keep if keep is not None else (selected.device_id if selected else None)
        self.model.set_devices(devices, self.device.session.settings.device_code)
        if not devices:
            self.status.setText(translate("DevicesScreen", "No device of this store is signed in."))
            self.pages.setCurrentWidget(self.status)
            self.details.hide()
            return
        self.pages.setCurrentWidget(self.table)
        row = next((i for i, d in enumerate(devices) if d.device_id == keep), None)
        if row is not None:
            self.table.selectRow(row)
        self._show_selected()

    def _failed(self, error: BaseException) -> None:
        self._loading = None
        self.refresh_button.setEnabled(True)
        self.model.set_devices([])
        self.details.hide()
        self.status.setText(messages.online_only(error))
        self.pages.setCurrentWidget(self.status)

    # -- the selected device -----------------------------------------------------------------
    def _selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= self.model.rowCount():
            return None
        return self.model.device(rows[0].row())

    def _show_selected(self, *_args: Any) -> None:
        device = self._selected()
        if device is None:
            self.details.hide()
            return
        self.details.show()
        self.details_title.setText(f"{device.name} · {device.username}")
        own = self.model.is_own(device)
        self.revoke_button.setVisible(not device.revoked and not own)
        if own:
            self.lost_words.setText(
                translate(
                    "DevicesScreen",
                    "This is the device you are using: to leave it, sign out. Another "
                    "manager or an admin can revoke it if it is lost.",
                )
            )
        elif device.revoked:
            self.lost_words.setText(translate("DevicesScreen", "Looking for what it had not sent…"))
            workers.run(
                self.device.devices.lost_with_device,
                device.device_id,
                owner=self,
                on_result=self._show_lost,
                on_error=self._lost_failed,
                name="devices.lost",
            )
        else:
            self.lost_words.setText(
                translate(
                    "DevicesScreen", "Active: it syncs and reports its unsent work at each contact."
                )
            )

    def _show_lost(self, lost: Any) -> None:
        device = self._selected()
        if device is None or device.device_id != lost.device_id:
            return
        if not lost.entries:
            when = format_datetime(lost.reported_at) if lost.reported_at else None
            words = translate("DevicesScreen", "Revoked. Nothing unsent was lost with it")
            words += (
                (" " + translate("DevicesScreen", "(its last report: %1).").replace("%1", when))
                if when
                else "."
            )
            self.lost_words.setText(_escape(words))
            return
        items = []
        for entry in lost.entries:
            parts = [kind_words(entry.kind)]
            if entry.order_number:
                parts.append(entry.order_number)
            if entry.customer_id:
                parts.append(
                    translate("DevicesScreen", "customer %1").replace("%1", entry.customer_id)
                )
            parts.append(format_datetime(entry.created_at))
            items.append("<li>" + _escape(" · ".join(parts)) + "</li>")
        head = translate(
            "DevicesScreen",
            "Lost with the device: %1 unsent change(s). Nothing of it reached the "
            "server; redo what matters.",
        ).replace("%1", str(len(lost.entries)))
        self.lost_words.setText(f"<b>{_escape(head)}</b><ul>{''.join(items)}</ul>")

    def _lost_failed(self, error: BaseException) -> None:
        self.lost_words.setText(_escape(messages.online_only(error)))

    # -- revoking ----------------------------------------------------------------------------
    def confirm_revoke(self) -> None:
        device = self._selected()
        if device is None or device.revoked:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("DevicesScreen", "Revoke this device?"),
            translate(
                "DevicesScreen",
                "“%1” (signed in as %2) stops working at once and erases its "
                "data at its next contact with the server. Whoever uses it must "
                "be signed in again by the store. This cannot be undone.",
            )
            .replace("%1", device.name)
            .replace("%2", device.username),
            parent=self,
        )
        box.setObjectName("confirmRevoke")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        revoke = box.addButton(
            translate("DevicesScreen", "Revoke"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(translate("DevicesScreen", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(
            lambda button: self.revoke(device.device_id) if button is revoke else None
        )
        self.confirm_box = box
        box.open()

    def revoke(self, device_id: int) -> None:
        self.revoke_button.setEnabled(False)
        workers.run(
            self.device.devices.revoke_device,
            device_id,
            owner=self,
            on_result=self._revoked,
            on_error=self._revoke_failed,
            name="devices.revoke",
        )

    def _revoked(self, device: Any) -> None:
        self.revoke_button.setEnabled(True)
        self.shell.notify(
            translate(
                "DevicesScreen", "“%1” is revoked: it erases its data at its next contact."
            ).replace("%1", device.name)
        )
        self._loading = workers.run(
            self.device.devices.list_devices,
            owner=self,
            on_result=lambda found: self._loaded(found, device.device_id),
            on_error=self._failed,
            name="devices.list",
        )

    def _revoke_failed(self, error: BaseException) -> None:
        self.revoke_button.setEnabled(True)
        self.shell.notify(messages.online_only(error), "error")

    def screenshot_states(self) -> list[ScreenshotState]:
        def select_revoked() -> None:
            row = next(
                (i for i in range(self.model.rowCount()) if self.model.device(i).revoked), None
            )
            if row is not None:
                self.table.selectRow(row)

        return [("", lambda: None), ("revoked", select_revoked)]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


SCREENS = (DevicesScreen,)
