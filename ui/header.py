"""The header that is always there: store, signed-in seller, and the sync state in words and colour.

The words follow one rule above all: the header never says "online" while a write is still
waiting to be sent (the open-source tills we compete with show a green icon over unsent orders).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clienteling.sync.status import SyncStatus
from ui import icons
from ui.i18n import format_time


@dataclass(frozen=True)
class SyncLight:
    """What the header shows for a sync state: a level (colour) and the words."""

    level: str  # "ok", "busy", "offline", "error"
    text: str
    downloading: bool = False  # the first download is running (a busy bar under the header)


# The engine's reason before its first attempt (and after a new sign-in) has answered.
NOT_STARTED = "sync.not_started"


def describe(status: SyncStatus | None) -> SyncLight:
    """Words and colour for the device services' sync status.

    "Online" only when nothing is unsent, whatever the state says: a write still waiting
    makes it "Sending" (reachable) or "Offline · N waiting" (not reachable).
    """
    translate = QCoreApplication.translate
    if status is None:
        return SyncLight("busy", translate("Header", "Opening…"))
    state = status.state
    waiting, failed = status.waiting, status.failed
    progress = status.progress
    downloading = progress is not None and progress.first_sync

    if failed:
        text = translate("Header", "Sync error: %1 to check, tap for details")
        return SyncLight("error", text.replace("%1", _count(failed)))
    if state == "needs_sign_in":
        return SyncLight("error", translate("Header", "Sign in again: tap for details"))
    if state == "error":
        return SyncLight("error", translate("Header", "Sync error: tap for details"))
    if state == "offline" and status.reason == NOT_STARTED:
        # The first answer of the server has not come yet: not known to be offline.
        if waiting:
            text = translate("Header", "Connecting · %1 waiting")
            return SyncLight("busy", text.replace("%1", _count(waiting)))
        return SyncLight("busy", translate("Header", "Connecting…"))
    if state == "offline":
        if waiting:
            text = translate("Header", "Offline · %1 waiting")
            return SyncLight("offline", text.replace("%1", _count(waiting)))
        if status.last_sync_at is not None:
            text = translate("Header", "Offline · synced %1")
            return SyncLight("offline", text.replace("%1", _time(status.last_sync_at)))
        return SyncLight("offline", translate("Header", "Offline"))
    if downloading and progress is not None:
        text = translate("Header", "Downloading · %1 received")
        return SyncLight("busy", text.replace("%1", _count(progress.changes)), downloading=True)
    if waiting:
        text = translate("Header", "Sending · %1 waiting")
        return SyncLight("busy", text.replace("%1", _count(waiting)))
    if state == "syncing" or status.last_sync_at is None:
        return SyncLight("busy", translate("Header", "Syncing…"))
    text = translate("Header", "Online · synced %1")
    return SyncLight("ok", text.replace("%1", _time(status.last_sync_at)))


def quit_shortcuts() -> list[QKeySequence]:
    """The platform's Quit keys (Cmd+Q on macOS, Ctrl+Q on Linux desktops) and Ctrl+Q where the
    platform has none (Windows, the offscreen platform)."""
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
    ctrl_q = QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Q)
    return keys if ctrl_q in keys else [*keys, ctrl_q]


def _count(value: int) -> str:
    # The words around a count are written to read right for any count, in both languages
    # (lupdate cannot mark QCoreApplication.translate calls as plural forms).
    return QLocale().toString(int(value))


def _time(moment: dt.datetime) -> str:
    return format_time(moment)


class ElidedLabel(QLabel):
    """A one-line label that gives way on a narrow screen: its text ends in "…" instead of
    widening the window (the full text stays its tooltip and accessible description)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        # Its natural width when there is room, down to 40 px when there is not (an explicit
        # minimum width wins over the text's own minimum).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4,
                     super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, self.width()))
        super().setText(shown)


class Header(QFrame):
    """Store and seller on the left; sync state (a button to the Sync screen) and user menu."""

    sync_details_requested = Signal()
    lock_requested = Signal()
    sign_out_requested = Signal()
    switch_user_requested = Signal()
    language_chosen = Signal(str)  # "fr", "en" or "" for the system's
    pin_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        row = QHBoxLayout()
        row.setContentsMargins(16, 8, 12, 8)
        row.setSpacing(12)
        outer.addLayout(row)

        self._store_icon = QLabel(self)
        self._store_icon.setPixmap(icons.pixmap("store", 24, icons.ACCENT, 2.0))
        self.store_label = ElidedLabel(self)
        self.store_label.setObjectName("headerStore")
        self.store_label.setAccessibleName(self.tr("Store"))
        self.seller_label = ElidedLabel(self)
        self.seller_label.setObjectName("headerSeller")
        self.seller_label.setAccessibleName(self.tr("Signed-in seller"))
        self._row = row
        self._name_separator = self._separator()
        row.addWidget(self._store_icon)
        row.addWidget(self.store_label)
        row.addWidget(self._name_separator)
        row.addWidget(self.seller_label)
        row.addStretch(1)

        self.sync_button = QToolButton(self)
        self.sync_button.setObjectName("syncState")
        self.sync_button.setAccessibleName(self.tr("Sync state"))
        self.sync_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.sync_button.setIconSize(QSize(20, 20))
        self.sync_button.setMinimumHeight(44)
        self.sync_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sync_button.clicked.connect(self.sync_details_requested)
        row.addWidget(self.sync_button)

        self.user_button = QToolButton(self)
        self.user_button.setObjectName("userMenu")
        self.user_button.setAccessibleName(self.tr("Account menu"))
        self.user_button.setIcon(icons.icon("menu", icons.INK))
        self.user_button.setIconSize(QSize(24, 24))
        self.user_button.setMinimumSize(QSize(44, 44))
        self.user_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.user_button.setMenu(self._account_menu())
        row.addWidget(self.user_button)

        # A thin bar under the header while the first sync downloads the store's data.
        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.progress.setAccessibleName(self.tr("Download progress"))
        self.progress.setRange(0, 0)  # no total is known in advance: a busy bar
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(4)
        self.progress.hide()
        outer.addWidget(self.progress)

        self.light: SyncLight | None = None
        self.set_identity("", "")
        self.show_status(None)

    def _separator(self) -> QFrame:
        line = QFrame(self)
        line.setObjectName("headerSeparator")
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFixedHeight(20)
        return line

    def _account_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("accountMenu")
        self.lock_action = QAction(icons.icon("lock"), self.tr("Lock now"), menu)
        self.lock_action.triggered.connect(self.lock_requested)
        self.pin_action = QAction(icons.icon("lock"), self.tr("Set a PIN for unlocking…"), menu)
        self.pin_action.triggered.connect(self.pin_requested)
        self.switch_action = QAction(icons.icon("switch_user"), self.tr("Switch user"), menu)
        self.switch_action.triggered.connect(self.switch_user_requested)
        self.sign_out_action = QAction(icons.icon("sign_out"), self.tr("Sign out"), menu)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        language = menu.addMenu(icons.icon("language"), self.tr("Language"))
        for code, label in (("", self.tr("As the system")), ("fr", "Français"),
                            ("en", "English")):
            action = language.addAction(label)
            action.triggered.connect(lambda _=False, c=code: self.language_chosen.emit(c))
        menu.addSeparator()
        menu.addAction(self.lock_action)
        menu.addAction(self.pin_action)
        menu.addAction(self.switch_action)
        menu.addSeparator()
        menu.addAction(self.sign_out_action)
        menu.addSeparator()
        self.account_menu = menu
        return menu

    def add_quit(self, action: QAction) -> None:
        """Show the window's Quit action (and its keys) at the end of the account menu."""
        self.quit_action = action
        self.account_menu.addAction(action)

    def set_identity(self, store: str, seller: str) -> None:
        self.store_label.setText(store)
        self.seller_label.setText(seller)

    def show_status(self, status: SyncStatus | None) -> None:
        """Show the device services' sync status (on the UI thread)."""
        self.show_light(describe(status))

    def show_light(self, light: SyncLight) -> None:
        self.light = light
        icon_name = {"ok": "online", "busy": "sync", "offline": "offline",
                     "error": "warning"}[light.level]
        color = {"ok": "#1b7f3b", "busy": "#8a5a00", "offline": "#5b6670",
                 "error": "#b42318"}[light.level]
        self.sync_button.setIcon(icons.icon(icon_name, color))
        self.sync_button.setText(light.text)
        self.sync_button.setProperty("level", light.level)
        self.sync_button.setAccessibleDescription(light.text)
        # Re-polish so the style sheet's [level="…"] selectors apply.
        self.sync_button.style().unpolish(self.sync_button)
        self.sync_button.style().polish(self.sync_button)
        self._fit_sync_text()
        self.progress.setVisible(light.downloading)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_sync_text()

    def _fit_sync_text(self) -> None:
        """On a narrow screen the sync words end in "…" before the store and seller names do
        (a long French error would otherwise leave "Pa…" / "Capuc…"); the full words stay the
        button's tooltip and accessible description."""
        if self.light is None:
            return
        full = self.light.text
        button = self.sync_button
        metrics = button.fontMetrics()
        # What the button needs besides its words: icon, padding, border.
        chrome = button.sizeHint().width() - metrics.horizontalAdvance(button.text())
        margins = self._row.contentsMargins()
        others = sum(max(widget.sizeHint().width(), widget.minimumWidth()) for widget in (
            self._store_icon, self.store_label, self._name_separator, self.seller_label,
            self.user_button))
        room = (self.width() - margins.left() - margins.right() - others - chrome
                - self._row.spacing() * 6)
        # Never fewer than a few words: past that the names give way too.
        shown = metrics.elidedText(full, Qt.TextElideMode.ElideRight,
                                   max(room, metrics.horizontalAdvance("M") * 8))
        if shown != button.text():
            button.setText(shown)
        button.setToolTip(full if shown != full else "")
