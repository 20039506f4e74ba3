"""The 360's consent history: every change of the customer's email and SMS consents, when, how
(the channel it came through) and by whom, newest first. The server keeps it: the dialog asks
it in a worker and says so clearly when it cannot be reached."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import icons, messages, workers
from ui.i18n import format_datetime

if TYPE_CHECKING:
    from clienteling.device import Device

# lupdate reads `translate("Context", "text")` calls.
translate = QCoreApplication.translate


def source_words(source: str | None) -> str:
    """How a consent was given or withdrawn, in words."""
    words = {
        "store": translate("ConsentHistory", "in the store"),
        "phone": translate("ConsentHistory", "on the phone"),
        "form": translate("ConsentHistory", "on a signed form"),
        "email": translate("ConsentHistory", "by email"),
        "web": translate("ConsentHistory", "on the web"),
        "app": translate("ConsentHistory", "in the app"),
        "import": translate("ConsentHistory", "imported"),
        "enrolment": translate("ConsentHistory", "at enrolment"),
    }
    return words.get(source or "", source or "—")


def change_words(channel: str | None, granted: bool | None) -> str:
    name = (
        translate("ConsentHistory", "Email")
        if channel == "email"
        else translate("ConsentHistory", "SMS")
        if channel == "sms"
        else (channel or "—")
    )
    if granted is None:
        return name
    return (
        translate("ConsentHistory", "%1 given")
        if granted
        else translate("ConsentHistory", "%1 withdrawn")
    ).replace("%1", name)


class ConsentHistoryDialog(QDialog):
    """Every consent change of one customer; loads as it opens."""

    def __init__(
        self, device: Device, customer_id: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.device = device
        self.customer_id = customer_id
        self.setObjectName("consentHistoryDialog")
        title = translate("ConsentHistory", "Consent history of %1").replace("%1", name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        heading = QLabel(title, self)
        heading.setProperty("role", "subtitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.pages = QStackedWidget(self)
        self.status = QLabel(translate("ConsentHistory", "Asking the server…"), self)
        self.status.setObjectName("consentHistoryStatus")
        self.status.setProperty("role", "empty")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.status)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("consentHistoryTable")
        self.table.setAccessibleName(translate("ConsentHistory", "Consent changes"))
        self.table.setHorizontalHeaderLabels(
            [
                translate("ConsentHistory", "When"),
                translate("ConsentHistory", "Change"),
                translate("ConsentHistory", "How"),
                translate("ConsentHistory", "By"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.pages.addWidget(self.table)
        layout.addWidget(self.pages, 1)
        buttons = QDialogButtonBox(self)
        self.retry = QPushButton(translate("ConsentHistory", "Try again"), self)
        self.retry.setMinimumHeight(44)
        self.retry.clicked.connect(self.load)
        self.retry.hide()
        buttons.addButton(self.retry, QDialogButtonBox.ButtonRole.ActionRole)
        close = QPushButton(translate("ConsentHistory", "Close"), self)
        close.setMinimumHeight(44)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        self.retry.hide()
        self.status.setText(translate("ConsentHistory", "Asking the server…"))
        self.pages.setCurrentWidget(self.status)
        workers.run(
            self.device.privacy.consent_history,
            self.customer_id,
            owner=self,
            on_result=self.show_history,
            on_error=self.show_problem,
            name="consent_history",
        )

    def show_history(self, history: list[Any]) -> None:
        if not history:
            self.status.setText(
                translate("ConsentHistory", "No consent was ever recorded for this customer.")
            )
            self.pages.setCurrentWidget(self.status)
            return
        rows = sorted(history, key=lambda h: h.at, reverse=True)
        self.table.setRowCount(len(rows))
        for row, change in enumerate(rows):
            cells = (
                format_datetime(change.at),
                change_words(change.channel, change.granted),
                source_words(change.source),
                change.by or translate("ConsentHistory", "not recorded (imported)"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.pages.setCurrentWidget(self.table)

    def show_problem(self, error: BaseException) -> None:
        self.status.setText(messages.online_only(error))
        self.pages.setCurrentWidget(self.status)
        self.retry.show()


def open_history(screen: Any) -> ConsentHistoryDialog | None:
    """Open the history of the customer the 360 `screen` shows (non-modal for the window)."""
    data = getattr(screen, "data", None)
    if data is None or screen.customer_id is None:
        return None
    profile = data.profile
    name = f"{profile.first_name or ''} {profile.last_name or ''}".strip()
    dialog = ConsentHistoryDialog(screen.device, screen.customer_id, name, screen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    screen.consent_history_dialog = dialog
    return dialog


def history_button(screen: Any, parent: QWidget) -> QPushButton:
    """The consents card's "History" button: opens the consent history of the shown customer."""
    button = QPushButton(translate("ConsentHistory", "History"), parent)
    button.setObjectName("consentHistoryButton")
    button.setAccessibleName(translate("ConsentHistory", "Consent history"))
    button.setProperty("flat", True)
    button.setMinimumHeight(44)
    button.setIcon(icons.icon("clock", icons.ACCENT))
    button.clicked.connect(lambda _=False: open_history(screen))
    return button
