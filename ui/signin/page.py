"""The sign-in page: connect to the store's server (address, username, password) or try the demo.

Shown on the first run, after signing out and to switch user. Signing in runs in a worker;
the page stays usable and says what went wrong in the seller's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import icons, messages, workers

if TYPE_CHECKING:
    from clienteling.device import Device
    from clienteling.replica.views import CurrentUser


def _label(text: str, role: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


class SignInPage(QWidget):
    """The page before the frame. Emits `signed_in(CurrentUser)` or `demo_requested()`."""

    signed_in = Signal(object)
    demo_requested = Signal()

    def __init__(self, device: Device | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInPage")
        self.device = device
        self._task: workers.Task | None = None

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        holder = QWidget()
        holder.setObjectName("signInHolder")
        scroll.setWidget(holder)
        centre = QVBoxLayout(holder)
        centre.setContentsMargins(24, 32, 24, 32)
        centre.addStretch(1)

        card = QFrame(holder)
        card.setProperty("card", True)
        # A fixed width: wrapped sentences then get the height they need.
        card.setFixedWidth(520)
        card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        column = QVBoxLayout(card)
        column.setContentsMargins(32, 28, 32, 28)
        column.setSpacing(14)
        row = QHBoxLayout()
        row.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        centre.addLayout(row)
        row.addWidget(card)

        brand = QLabel(card)
        brand.setPixmap(icons.pixmap("store", 40, icons.ACCENT, 2.0))
        column.addWidget(brand)
        self.title = _label(self.tr("Clienteling"), "title", card)
        column.addWidget(self.title)
        self.subtitle = _label(self.tr("Sign in with the account your store gave you."),
                               "muted", card)
        column.addWidget(self.subtitle)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setSpacing(8)
        self.server = QLineEdit(card)
        self.server.setAccessibleName(self.tr("Server address"))
        self.server.setPlaceholderText("https://clienteling.example.com")
        self.server.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly
                                        | Qt.InputMethodHint.ImhNoAutoUppercase)
        self.username = QLineEdit(card)
        self.username.setAccessibleName(self.tr("Username"))
        self.username.setInputMethodHints(Qt.InputMethodHint.ImhNoAutoUppercase
                                          | Qt.InputMethodHint.ImhNoPredictiveText)
        self.password = QLineEdit(card)
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Server address"), self.server)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        column.addLayout(form)

        # Only on a system without an OS keyring: the person chooses where the sign-in lives
        # rather than finding out at the next start that it was kept in memory.
        self.token_box = QFrame(card)
        token = QVBoxLayout(self.token_box)
        token.setContentsMargins(0, 0, 0, 0)
        token.setSpacing(4)
        self.keep_in_file = QCheckBox(self.tr("Stay signed in on this device"), self.token_box)
        self.keep_in_file.setAccessibleName(self.tr("Stay signed in on this device"))
        token.addWidget(self.keep_in_file)
        token.addWidget(_label(self.tr(
            "This device has no system keyring. Ticked, the sign-in is kept in a file "
            "encrypted for this device and this user; unticked, it ends when the app closes."),
            "muted", self.token_box))
        self.token_box.hide()
        column.addWidget(self.token_box)

        self.error = _label("", "error", card)
        self.error.setAccessibleName(self.tr("Sign-in problem"))
        self.error.hide()
        column.addWidget(self.error)

        self.sign_in_button = QPushButton(self.tr("Sign in"), card)
        self.sign_in_button.setProperty("primary", True)
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        self.sign_in_button.setMinimumHeight(48)
        self.sign_in_button.clicked.connect(self.submit)
        column.addWidget(self.sign_in_button)

        self.demo_box = QFrame(card)
        demo = QVBoxLayout(self.demo_box)
        demo.setContentsMargins(0, 12, 0, 0)
        demo.setSpacing(8)
        line = QFrame(self.demo_box)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("signInRule")
        demo.addWidget(line)
        demo.addWidget(_label(self.tr("No server yet? The demo runs one on this computer, with "
                                      "made-up stores, products and customers."),
                              "muted", self.demo_box))
        self.demo_button = QPushButton(icons.icon("demo", icons.ACCENT),
                                       self.tr("Try the demo"), self.demo_box)
        self.demo_button.setAccessibleName(self.tr("Try the demo"))
        self.demo_button.setIconSize(QSize(22, 22))
        self.demo_button.setMinimumHeight(48)
        self.demo_button.clicked.connect(self._on_demo)
        demo.addWidget(self.demo_button)
        column.addWidget(self.demo_box)

        centre.addStretch(2)

        for field in (self.server, self.username, self.password):
            field.returnPressed.connect(self._next_or_submit)
            field.textEdited.connect(self._clear_error)
        self.setTabOrder(self.server, self.username)
        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.demo_button)

    # -- what the app sets -----------------------------------------------------------------
    def prepare(self, *, server_url: str | None = None, username: str | None = None,
                reason: str | None = None, offer_demo: bool = True) -> None:
        """Fill what is known (switching user keeps the server) and focus what is missing."""
        self.server.setText(server_url or "")
        self.username.setText(username or "")
        self.password.clear()
        self.demo_box.setVisible(offer_demo)
        device = self.device
        no_keyring = device is not None and not device.session.keyring_available
        self.token_box.setVisible(no_keyring)
        self.keep_in_file.setChecked(
            device is not None and no_keyring and device.session.settings.token_store == "file")
        self.set_busy(False)
        if reason:
            self.show_problem(reason)
        else:
            self._clear_error()
        first_empty = next((f for f in (self.server, self.username, self.password)
                            if not f.text()), self.password)
        first_empty.setFocus()

    def set_busy(self, busy: bool, text: str | None = None) -> None:
        for widget in (self.server, self.username, self.password, self.sign_in_button,
                       self.demo_button, self.keep_in_file):
            widget.setEnabled(not busy)
        self.sign_in_button.setText(text if busy and text else self.tr("Sign in"))

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _clear_error(self) -> None:
        self.error.hide()
        self.error.clear()

    # -- actions ---------------------------------------------------------------------------
    def _next_or_submit(self) -> None:
        for field in (self.server, self.username, self.password):
            if not field.text().strip():
                field.setFocus()
                return
        self.submit()

    def submit(self) -> None:
        server = self.server.text().strip()
        username = self.username.text().strip()
        password = self.password.text()
        if not server or not username or not password:
            self.show_problem(self.tr("Fill in the server address, your username and your "
                                      "password."))
            return
        if self.device is None or self._task is not None:
            return
        self._clear_error()
        self.set_busy(True, self.tr("Signing in…"))
        device = self.device
        keep_in_file = self.token_box.isVisible() and self.keep_in_file.isChecked()

        def sign_in() -> Any:
            if keep_in_file:
                device.session.choose_token_store("file")
            return device.session.sign_in(server, username, password)

        self._task = workers.run(sign_in, owner=self, on_result=self._on_signed_in,
                                 on_error=self._on_failed, name="sign_in")

    def _on_signed_in(self, user: CurrentUser) -> None:
        self._task = None
        self.password.clear()
        self.set_busy(False)
        self.signed_in.emit(user)

    def _on_failed(self, error: BaseException) -> None:
        self._task = None
        self.set_busy(False)
        self.password.clear()
        self.show_problem(messages.for_error(error))
        self.password.setFocus()

    def _on_demo(self) -> None:
        self._clear_error()
        self.demo_requested.emit()
