"""The header that is always there: store, signed-in seller, and the sync state in words and colour.

The words follow one rule above all: the header never says "online" while a write is still
waiting to be sent (the open-source tills we compete with show a green icon over unsent orders).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction
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

from ui import icons
from ui.i18n import format_time


@dataclass(frozen=True)
class SyncLight:
    """What the header shows for a sync state: a level (colour) and the words."""

    level: str  # "ok", "busy", "offline", "error"
    text: str
    progress: float | None = None  # 0..1 during a first sync


def describe(status: object) -> SyncLight:
    """Words and colour for a façade sync status (duck-typed: the fields read below)."""
    online = getattr(status, "online", None)
    waiting = int(getattr(status, "waiting", 0) or 0)
    failed = int(getattr(status, "failed", 0) or 0)
    last = getattr(status, "last_sync_at", None)
    error = getattr(status, "error", None)
    progress = getattr(status, "progress", None)
    tr = QCoreApplication.translate

    if failed:
        return SyncLight("error", tr("Header", "Sync error: %n to check, tap for details", None,
                                     failed))
    if error is not None and online:
        return SyncLight("error", tr("Header", "Sync error: tap for details"))
    if online is False:
        if waiting:
            return SyncLight("offline", tr("Header", "Offline · %n waiting", None, waiting))
        if last is not None:
            return SyncLight("offline", tr("Header", "Offline · synced %1").replace(
                "%1", _time(last)))
        return SyncLight("offline", tr("Header", "Offline"))
    if progress is not None and progress < 1:
        return SyncLight("busy", tr("Header", "Downloading · %1%").replace(
            "%1", str(int(progress * 100))), progress)
    if waiting:
        return SyncLight("busy", tr("Header", "Sending · %n waiting", None, waiting))
    if online is None:
        return SyncLight("busy", tr("Header", "Connecting…"))
    if last is None:
        return SyncLight("busy", tr("Header", "Online · not synced yet"))
    return SyncLight("ok", tr("Header", "Online · synced %1").replace("%1", _time(last)))


def _time(moment: dt.datetime) -> str:
    return format_time(moment)


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
        self.store_label = QLabel(self)
        self.store_label.setObjectName("headerStore")
        self.store_label.setAccessibleName(self.tr("Store"))
        self.seller_label = QLabel(self)
        self.seller_label.setObjectName("headerSeller")
        self.seller_label.setAccessibleName(self.tr("Signed-in seller"))
        row.addWidget(self._store_icon)
        row.addWidget(self.store_label)
        row.addWidget(self._separator())
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
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(4)
        self.progress.hide()
        outer.addWidget(self.progress)

        self.light: SyncLight | None = None
        self.set_identity("", "")

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
        return menu

    def set_identity(self, store: str, seller: str) -> None:
        self.store_label.setText(store)
        self.seller_label.setText(seller)

    def show_status(self, status: object) -> None:
        """Show a façade sync status (called on the UI thread)."""
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
        if light.progress is not None:
            self.progress.setValue(int(light.progress * 1000))
            self.progress.show()
        else:
            self.progress.hide()
