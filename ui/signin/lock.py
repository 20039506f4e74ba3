"""Locking the app after inactivity, and coming back: the password (checked by the server,
online) or the seller's PIN (a salted hash kept by the core, works offline); sign out; switch
user. Nothing of the session is lost while locked: the sync keeps running underneath.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clienteling.domain.errors import DomainError
from clienteling.unlock import PIN_PATTERN, PinStore, check_password
from ui import icons, messages, workers

if TYPE_CHECKING:
    from clienteling.device import Device
    from clienteling.replica.views import CurrentUser

# What counts as the seller being there: touching, typing, clicking, scrolling.
_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
})


class InactivityWatcher(QObject):
    """Emits `idle` when no input reached the application for `delay_ms` (0: never)."""

    idle = Signal()

    def __init__(self, delay_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._active = False
        self.set_delay(delay_ms)

    def set_delay(self, delay_ms: int) -> None:
        self._delay = max(0, int(delay_ms))
        self._timer.setInterval(self._delay or 1)
        if self._active:
            self.restart()

    def start(self) -> None:
        """Watch the whole application's input from now on."""
        if not self._active:
            application = QApplication.instance()
            assert application is not None
            application.installEventFilter(self)
            self._active = True
        self.restart()

    def stop(self) -> None:
        if self._active:
            application = QApplication.instance()
            assert application is not None
            application.removeEventFilter(self)
            self._active = False
        self._timer.stop()

    def restart(self) -> None:
        if self._delay and self._active:
            self._timer.start()
        else:
            self._timer.stop()

    def remaining_ms(self) -> int:
        return self._timer.remainingTime()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()  # restarts the countdown
        return False


def _unlock(device: Device, pins: PinStore, secret: str) -> bool:
    """In a worker: True when `secret` is the PIN or (online) the password."""
    user = device.session.current_user()
    if user is None:
        raise DomainError("auth.missing")
    if PIN_PATTERN.fullmatch(secret) and pins.check_pin(user.server_url, user.username, secret):
        return True
    settings = device.session.settings
    return check_password(user.server_url, user.username, secret,
                          device_name=settings.device_name, ca_bundle=settings.ca_bundle,
                          connect_timeout=settings.connect_timeout_seconds,
                          read_timeout=settings.read_timeout_seconds)


class LockPage(QWidget):
    """Covers the frame while locked. Emits `unlocked`, `sign_out_requested`,
    `switch_user_requested`."""

    unlocked = Signal()
    sign_out_requested = Signal()
    switch_user_requested = Signal()

    def __init__(self, device: Device | None = None, pins: PinStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        self.device = device
        self.pins = pins
        self._task: workers.Task | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        card = QFrame(self)
        card.setProperty("card", True)
        # A fixed width: wrapped sentences then get the height they need.
        card.setFixedWidth(480)
        card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout()
        row.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        row.addWidget(card)
        outer.addLayout(row)
        outer.addStretch(2)

        column = QVBoxLayout(card)
        column.setContentsMargins(32, 28, 32, 28)
        column.setSpacing(12)
        badge = QLabel(card)
        badge.setPixmap(icons.pixmap("lock", 40, icons.ACCENT, 2.0))
        column.addWidget(badge)
        self.title = QLabel(self.tr("Locked"), card)
        self.title.setProperty("role", "title")
        column.addWidget(self.title)
        self.who = QLabel(card)
        self.who.setProperty("role", "muted")
        self.who.setWordWrap(True)
        column.addWidget(self.who)

        self.secret = QLineEdit(card)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Password or PIN"))
        self.secret.setPlaceholderText(self.tr("Password or PIN"))
        self.secret.returnPressed.connect(self.submit)
        self.secret.textEdited.connect(self._hide_error)
        column.addWidget(self.secret)

        self.hint = QLabel(card)
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)

        self.error = QLabel(card)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Unlock problem"))
        self.error.hide()
        column.addWidget(self.error)

        self.unlock_button = QPushButton(self.tr("Unlock"), card)
        self.unlock_button.setProperty("primary", True)
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.setMinimumHeight(48)
        self.unlock_button.clicked.connect(self.submit)
        column.addWidget(self.unlock_button)

        others = QVBoxLayout()
        others.setSpacing(8)
        self.switch_button = QPushButton(icons.icon("switch_user"), self.tr("Switch user"), card)
        self.switch_button.setAccessibleName(self.tr("Switch user"))
        self.switch_button.setMinimumHeight(44)
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.sign_out_button = QPushButton(icons.icon("sign_out"), self.tr("Sign out"), card)
        self.sign_out_button.setAccessibleName(self.tr("Sign out"))
        self.sign_out_button.setMinimumHeight(44)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        for button in (self.switch_button, self.sign_out_button):
            button.setIconSize(QSize(20, 20))
            others.addWidget(button)
        column.addLayout(others)

    def prepare(self, user: CurrentUser | None, *, has_pin: bool | None) -> None:
        """Show who is locked out and how they can come back (`has_pin` None: not known yet,
        `show_pin_hint` tells it once the PIN file was read)."""
        name = (user.display_name or user.username) if user is not None else ""
        self.who.setText(self.tr("%1 is signed in. Enter your password or your PIN to "
                                 "continue.").replace("%1", name))
        self.show_pin_hint(has_pin)
        self.secret.clear()
        self.error.hide()
        self.set_busy(False)
        self.secret.setFocus()

    def show_pin_hint(self, has_pin: bool | None) -> None:
        if has_pin is None:
            self.hint.clear()
            return
        self.hint.setText(self.tr("Your PIN also works without the network.") if has_pin else
                          self.tr("No PIN set: the password needs the server. Set a PIN from "
                                  "the account menu to unlock offline."))

    def _hide_error(self, _text: str) -> None:
        self.error.hide()

    def set_busy(self, busy: bool) -> None:
        self.secret.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.unlock_button.setText(self.tr("Checking…") if busy else self.tr("Unlock"))

    def submit(self) -> None:
        secret = self.secret.text()
        if not secret or self._task is not None or self.device is None or self.pins is None:
            return
        self.set_busy(True)
        self._task = workers.run(_unlock, self.device, self.pins, secret, owner=self,
                                 on_result=self._on_checked, on_error=self._on_failed,
                                 name="unlock")

    def _on_checked(self, accepted: bool) -> None:
        self._task = None
        self.set_busy(False)
        self.secret.clear()
        if accepted:
            self.unlocked.emit()
        else:
            self._problem(messages.text("lock.wrong_secret"))

    def _on_failed(self, error: BaseException) -> None:
        self._task = None
        self.set_busy(False)
        self.secret.clear()
        code = getattr(error, "code", "")
        if isinstance(code, str) and code.startswith("network."):
            self._problem(self.tr("The server cannot be reached to check your password. Use "
                                  "your PIN, or sign out (nothing unsent is lost)."))
        else:
            self._problem(messages.for_error(error))

    def _problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.secret.setFocus()


class PinDialog(QDialog):
    """Choose the PIN that unlocks this device for the signed-in seller (typed twice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("Set a PIN for unlocking"))
        self.setModal(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        intro = QLabel(self.tr("4 to 8 digits. It unlocks this device after inactivity, even "
                               "without the network. It is not your password."), self)
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        column.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.pin = QLineEdit(self)
        self.again = QLineEdit(self)
        for field, name in ((self.pin, self.tr("New PIN")), (self.again, self.tr("New PIN again"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            field.setMaxLength(8)
            field.setAccessibleName(name)
            form.addRow(name, field)
        column.addLayout(form)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        for button in buttons.buttons():
            button.setMinimumHeight(44)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setProperty("primary", True)
        save.setAccessibleName(self.tr("Save the PIN"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def chosen_pin(self) -> str:
        return self.pin.text()

    def _check(self) -> None:
        pin, again = self.pin.text(), self.again.text()
        if not PIN_PATTERN.fullmatch(pin):
            self._problem(messages.text("lock.pin_format"))
        elif pin != again:
            self._problem(messages.text("lock.pin_mismatch"))
        else:
            self.accept()

    def _problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
