"""The main window: header, navigation rail, the stack of screens, and how a screen joins them.

A screen is a `ui.screen.Screen` subclass with a `screen_id`. Screen packages (see
`ui.nav.SECTIONS`) export `SCREENS`, a tuple of Screen classes, and may export `SCAN_ROUTES`;
the window imports the packages of the sections the signed-in role may use, joins their scan
routes to the scanner's registry, and creates each screen the first time it is shown.
Screens navigate with `shell.show_screen(screen_id, **params)` and `shell.back()`; Escape goes
back. `screenshot_states()` lets the screenshot run bring every screen into a few
representative states with the demo data.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import icons, messages, workers
from ui.header import Header, quit_shortcuts
from ui.nav import Rail, Section, sections_for
from ui.scanner.router import ScanRouter
from ui.screen import Screen

if TYPE_CHECKING:
    from clienteling.device import Device
    from clienteling.replica.views import CurrentUser
    from clienteling.sync.status import SyncStatus

log = logging.getLogger(__name__)


class Banner(QFrame):
    """A message under the header (a failed action, a routed scan); closes itself after a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 8, 6)
        self.icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Message"))
        close = QToolButton(self)
        close.setIcon(icons.icon("close"))
        close.setAccessibleName(self.tr("Close the message"))
        close.setMinimumSize(QSize(44, 44))
        close.clicked.connect(self.hide)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, level: str = "info") -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        color = {"error": "#b42318", "warning": "#8a5a00"}.get(level, icons.ACCENT)
        name = {"error": "error", "warning": "warning"}.get(level, "check")
        self.icon.setPixmap(icons.pixmap(name, 20, color, 2.0))
        self.label.setText(text)
        self.show()
        # Errors stay until read and closed, unless replaced; information goes by itself.
        if level == "error":
            self._timer.stop()
        else:
            self._timer.start(6000)


class MainWindow(QMainWindow):
    """The app's one window. It is the `shell` screens talk to."""

    screen_changed = Signal(str)
    customer_in_context_changed = Signal(object)  # customer id or None
    # The device services' news, on the UI thread: screens connect to refresh what they show.
    replica_changed = Signal(object)  # clienteling.replica.views.ChangeSet
    sync_status_changed = Signal(object)  # clienteling.sync.status.SyncStatus
    sign_in_again_requested = Signal()  # the server refused the session: the app asks again
    quit_requested = Signal()  # Quit in the menu or Ctrl+Q / Cmd+Q: the app ends

    HISTORY_LIMIT = 30

    def __init__(self, device: Device | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Clienteling"))
        self.device = device
        self.user: CurrentUser | None = None  # the signed-in user once known
        self.sync_status: SyncStatus | None = None  # the last status received
        self.sync_digest: Any = None  # what the last sync brought (ui.sync.SyncDigest)
        self._customer_in_context: str | None = None
        self._screen_classes: dict[str, type[Screen]] = {}
        self._screen_section: dict[str, str] = {}
        self._section_home: dict[str, str] = {}
        self._screens: dict[str, Screen] = {}
        self._history: list[tuple[str, dict[str, Any]]] = []
        self.sections: list[Section] = []
        self._badges: dict[str, Any] = {}  # section id → RAIL_BADGE of its package
        self._badge_timer = QTimer(self)
        self._badge_timer.setSingleShot(True)
        self._badge_timer.setInterval(300)  # a burst of changes: one count
        self._badge_timer.timeout.connect(self.refresh_badges)

        # Pages of the window: the frame (header, rail, screens); sign-in and lock join later.
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self.setCentralWidget(self.pages)

        self.frame = QWidget(self.pages)
        self.frame.setObjectName("frame")
        column = QVBoxLayout(self.frame)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.header = Header(self.frame)
        column.addWidget(self.header)
        self.banner = Banner(self.frame)
        column.addWidget(self.banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        column.addLayout(body, 1)
        self._body = body
        self.rail = Rail([], self.frame)
        body.addWidget(self.rail)
        self.stack = QStackedWidget(self.frame)
        self.stack.setObjectName("screens")
        body.addWidget(self.stack, 1)
        self.pages.addWidget(self.frame)

        self.header.sync_details_requested.connect(self._open_sync)
        self.sync_status_changed.connect(self._remember_status)
        self.replica_changed.connect(self._on_replica_changed)

        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(self._on_escape)

        # On the window, not in the header's menu: Quit works on the sign-in and lock pages too.
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.setShortcuts(quit_shortcuts())
        self.quit_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.quit_action.triggered.connect(self.quit_requested)
        self.addAction(self.quit_action)
        self.header.add_quit(self.quit_action)

        workers.unhandled_errors().connect(self._on_unhandled_error)
        # A hand-held scanner's burst anywhere in the window opens what the code names.
        self.scan_router = ScanRouter(self, self)
        # Only the frame takes scans: on the sign-in or lock page, fast keys are just typing.
        self.pages.currentChanged.connect(
            lambda _i: self.scan_router.detector.set_enabled(
                self.pages.currentWidget() is self.frame))

    # -- screens -------------------------------------------------------------------------
    def load_sections(self, role: str | None) -> None:
        """Build the rail and register the screens of every section `role` may use."""
        self.sections = sections_for(role)
        for section in self.sections:
            for name in section.modules:
                module = importlib.import_module(name)
                classes = tuple(getattr(module, "SCREENS", ()))
                if not classes:
                    raise RuntimeError(f"{name} exports no SCREENS")
                for cls in classes:
                    self.register_screen(cls, section=section.section_id)
                self._section_home.setdefault(section.section_id, classes[0].screen_id)
                for route in getattr(module, "SCAN_ROUTES", ()):
                    self.scan_router.join(route)
                badge = getattr(module, "RAIL_BADGE", None)
                if badge is not None:
                    self._badges[section.section_id] = badge
        new_rail = Rail(self.sections, self.frame)
        self._body.replaceWidget(self.rail, new_rail)
        # Hidden at once: a deferred delete waits for the outer event loop, and until then
        # the old rail would be drawn over the header.
        self.rail.hide()
        self.rail.deleteLater()
        self.rail = new_rail
        self.rail.section_chosen.connect(self.open_section)
        self.refresh_badges()

    def refresh_badges(self) -> None:
        """Counts on the rail that packages export (`RAIL_BADGE(device) -> int`, read in a
        worker): the pickups to prepare."""
        device = self.device
        if device is None:
            return
        for section_id, count in self._badges.items():
            workers.run(count, device, owner=self, name=f"rail badge {section_id}",
                        on_result=self._badge_setter(section_id),
                        on_error=lambda error: log.info("rail badge: %r", error))

    def _badge_setter(self, section_id: str) -> Any:
        return lambda count: self.rail.set_badge(section_id, int(count))

    def _on_replica_changed(self, changes: Any) -> None:
        if self._badges and (getattr(changes, "reset", False) or getattr(changes, "outbox", False)
                             or "order" in getattr(changes, "entities", {})):
            self._badge_timer.start()

    def register_screen(self, cls: type[Screen], section: str | None = None) -> None:
        """Make `cls` reachable by `show_screen(cls.screen_id)`; `section`: its rail button."""
        if not cls.screen_id:
            raise ValueError(f"{cls.__name__} has no screen_id")
        known = self._screen_classes.get(cls.screen_id)
        if known is not None and known is not cls:
            raise ValueError(f"two screens are called {cls.screen_id!r}")
        self._screen_classes[cls.screen_id] = cls
        if section:
            self._screen_section[cls.screen_id] = section

    def screen_ids(self) -> list[str]:
        return list(self._screen_classes)

    def has_screen(self, screen_id: str) -> bool:
        return screen_id in self._screen_classes

    def screen(self, screen_id: str) -> Screen:  # type: ignore[override]  # not QWidget.screen
        """The screen instance (created on first use)."""
        existing = self._screens.get(screen_id)
        if existing is not None:
            return existing
        cls = self._screen_classes[screen_id]
        created = cls(self)
        self._screens[screen_id] = created
        self.stack.addWidget(created)
        return created

    def current_screen(self) -> Screen | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def current_screen_id(self) -> str | None:
        current = self.current_screen()
        return current.screen_id if current else None

    def show_screen(self, screen_id: str, **params: Any) -> None:
        """Navigate to a screen (kept in the history Escape walks back through)."""
        self._navigate(screen_id, params, remember=True)

    def open_section(self, section_id: str) -> None:
        home = self._section_home.get(section_id)
        if home is not None:
            self.show_screen(home)

    def home(self) -> None:
        """The first section's home, with a fresh history (after sign-in, after unlock)."""
        self._history.clear()
        if self.sections:
            self.open_section(self.sections[0].section_id)

    def back(self) -> bool:
        """The previous screen; False when there is none."""
        if len(self._history) < 2:
            return False
        self._history.pop()
        screen_id, params = self._history[-1]
        self._navigate(screen_id, params, remember=False)
        return True

    def history(self) -> list[str]:
        return [screen_id for screen_id, _ in self._history]

    def _navigate(self, screen_id: str, params: dict[str, Any], remember: bool) -> None:
        if screen_id not in self._screen_classes:
            raise KeyError(f"no screen called {screen_id!r}")
        previous = self.current_screen()
        target = self.screen(screen_id)
        if previous is not None and previous is not target:
            previous.leave()
        if remember:
            if self._history and self._history[-1][0] == screen_id:
                self._history[-1] = (screen_id, params)
            else:
                self._history.append((screen_id, params))
                del self._history[: -self.HISTORY_LIMIT]
        self.stack.setCurrentWidget(target)
        self.rail.set_current(self._screen_section.get(screen_id))
        target.enter(**params)
        self.setWindowTitle(f"{target.title()} · {self.tr('Clienteling')}")
        self.screen_changed.emit(screen_id)

    def _on_escape(self) -> None:
        if self.pages.currentWidget() is not self.frame:
            return
        current = self.current_screen()
        if current is not None and current.handle_escape():
            return
        if self.banner.isVisible():
            self.banner.hide()
            return
        self.back()

    def _open_sync(self) -> None:
        if self.has_screen("sync"):
            self.show_screen("sync")

    # -- what screens share -----------------------------------------------------------------
    @property
    def customer_in_context(self) -> str | None:
        """The customer the seller is serving (kept while moving between Products and Cart)."""
        return self._customer_in_context

    def set_customer_in_context(self, customer_id: str | None) -> None:
        if customer_id != self._customer_in_context:
            self._customer_in_context = customer_id
            self.customer_in_context_changed.emit(customer_id)

    def _remember_status(self, status: SyncStatus | None) -> None:
        self.sync_status = status
        self.header.show_status(status)
        if self.rail.button("sync") is not None:
            self.rail.set_badge("sync", status.unsent if status is not None else 0)

    def set_user(self, user: CurrentUser | None) -> None:
        """The signed-in CurrentUser: the header shows them and their store."""
        self.user = user
        if user is None:
            self.header.set_identity("", "")
            return
        # Before the first sync the store's name is not on the device yet: say nothing rather
        # than show its code (the name comes with the sync, see AppSession).
        store = user.store.name if user.store is not None else ""
        self.header.set_identity(store, user.display_name or user.username)

    def notify(self, text: str, level: str = "info") -> None:
        """Show a message under the header ("info", "warning" or "error")."""
        self.banner.show_message(text, level)

    def show_error(self, error: BaseException) -> None:
        """Tell the seller what went wrong, in their language."""
        self.notify(messages.for_error(error), "error")

    def _on_unhandled_error(self, task_name: str, error: object) -> None:
        log.warning("task %s failed: %r", task_name, error)
        if isinstance(error, BaseException):
            self.show_error(error)

    # -- shutdown ------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        for screen in self._screens.values():
            screen.leave()
        super().closeEvent(event)
