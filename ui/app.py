"""Starting the app and living through a session: QApplication, language, style, the device services
opened in a worker, then sign-in or the frame, the lock after inactivity, sign out and switch
user, and the device services' news relayed to the screens on the UI thread.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QVBoxLayout, QWidget

import resources
from clienteling.domain.errors import DomainError
from clienteling.settings import DEMO_PORT, Paths, Settings, TokenStore, demo_folder
from clienteling.unlock import PinStore
from ui import i18n, icons, kit, messages, qt_platform, workers
from ui.main_window import MainWindow
from ui.nav import SECTIONS
from ui.signin.lock import InactivityWatcher, LockPage, PinDialog
from ui.signin.page import SignInPage
from ui.signin.wiped import wipe_text
from ui.sync import SyncDigest

if TYPE_CHECKING:
    from clienteling.device import Device

log = logging.getLogger(__name__)

APP_NAME = "Clienteling"
# A safety net under the device services' callbacks: the header's "synced at" stays true.
STATUS_REFRESH_MS = 15_000
# How long after the frame shows (on a start already signed in) the camera's backend starts.
CAMERA_DELAY_MS = 1000


@dataclass(frozen=True)
class DemoSignIn:
    """Where the demo server listens and the demo seller's sign-in."""

    server_url: str
    username: str
    password: str


# How far the demo's start is: (phase, percent), from the starting thread (see
# clienteling.server.demo.serve.PhaseReport for the phases).
DemoPhases = Callable[[str, int], None]
# Starts the embedded demo server (called in a worker) and says how to sign in to it.
DemoLauncher = Callable[[DemoPhases], DemoSignIn]


class EmbeddedDemo:
    """The embedded central API with the demo chain, started once, on the first call, on the
    demo's fixed port; its first demo seller is who the app signs in as. When the port is
    already served by a demo (`clienteling demo --server-only`), the app uses that one: one
    database, one port."""

    def __init__(self, data_dir: Path, customers: int, *, port: int = DEMO_PORT) -> None:
        self.data_dir = data_dir
        self.customers = customers
        self.port = port
        self.server: Any = None
        self.url: str | None = None

    def __call__(self, phases: DemoPhases | None = None) -> DemoSignIn:
        from clienteling.server.demo.seed import DEFAULT_SEED, demo_accounts
        from clienteling.server.demo.serve import DemoPortTaken, start_demo_server

        def report(phase: str, percent: int) -> None:
            print(f"Preparing the demo: {percent:3d} % ({phase})", file=sys.stderr, flush=True)
            if phases is not None:
                phases(phase, percent)

        if self.url is None:
            try:
                self.server = start_demo_server(self.data_dir, self.customers, port=self.port,
                                                phases=report)
                self.url = self.server.url
            except DemoPortTaken:
                if not demo_answers(self.port):
                    raise
                log.info("a demo server already runs on port %s: using it", self.port)
                self.url = f"http://127.0.0.1:{self.port}"
        seller = next(a for a in demo_accounts(DEFAULT_SEED) if a.role == "seller")
        return DemoSignIn(self.url, seller.username, seller.password)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
        self.url = None


def demo_answers(port: int) -> bool:
    """True when the central API answers its health check on 127.0.0.1:`port`."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The process's QApplication, created with the app's name, style and high-DPI policy."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        _say_what_qt_lacks()
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # The installed clienteling.desktop: its icon and name on Wayland docks and task bars.
    app.setDesktopFileName("clienteling")
    app.setStyle("Fusion")  # the same base look on every platform; the style sheet does the rest
    app.setStyleSheet(resources.style_sheet())
    return app


def _say_what_qt_lacks() -> None:
    """Before the QApplication: name the system packages Qt's platform plugin lacks (Qt's own
    message blames the plugin), and add a hint to Qt's last words if it still gives up."""
    hint = qt_platform.platform_hint()
    if hint is not None:
        print(hint, file=sys.stderr, flush=True)
        return
    previous: list[Any] = []

    def on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if previous and previous[0] is not None:
            previous[0](kind, context, message)
        else:
            print(message, file=sys.stderr, flush=True)
        if kind == QtMsgType.QtFatalMsg:
            advice = qt_platform.fatal_hint(message)
            if advice is not None:
                print(advice, file=sys.stderr, flush=True)

    previous.append(qInstallMessageHandler(on_message))


def saved_language(data_dir: str | Path | None) -> str | None:
    """The language setting, read before any window exists (a small JSON file)."""
    try:
        return Settings.load(Paths.for_user(data_dir)).language
    except DomainError:
        return None


class OpeningPage(QWidget):
    """What shows for the moment the device services opens the replica."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingPage")
        column = QVBoxLayout(self)
        self.words = QLabel(self.tr("Opening…"), self)
        self.words.setProperty("role", "empty")
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.words.setWordWrap(True)
        column.addWidget(self.words)


class AppSession(QObject):
    """The app's life: which page the window shows, and the signed-in session behind it."""

    # Emitted once the frame is on screen for a signed-in user (tests, screenshots, bench).
    ready = Signal()
    # The window was rebuilt (a language change); the new one comes with it.
    window_replaced = Signal(object)
    # The demo could not start (the reason, in words).
    demo_failed = Signal(str)

    def __init__(self, data_dir: str | Path | None = None, *,
                 token_store: TokenStore | None = None,
                 demo_launcher: DemoLauncher | None = None, auto_demo: bool = False,
                 device_factory: Callable[..., Any] | None = None,
                 sync_in_child: bool = True) -> None:
        super().__init__()
        # The sync runs in a child process: decoding and applying its pages never holds this
        # process's GIL, so the UI thread never waits for it (clienteling.sync.child).
        self.sync_in_child = sync_in_child
        self.data_dir = data_dir
        self.token_store = token_store
        self.demo_launcher = demo_launcher
        self.auto_demo = auto_demo and demo_launcher is not None
        self._device_factory = device_factory
        self.device: Device | None = None
        self.pins = PinStore(Paths.for_user(data_dir))
        self._unsubscribe: Callable[[], None] | None = None
        self._status_task: workers.Task | None = None
        self._status_again = False
        self._frame_turn = 0  # counts entries into the frame (see _enter_frame)
        self._camera_prepared = False
        self._relay_changes: Callable[..., None] | None = None
        self.language = i18n.choose_language(saved_language(data_dir))
        i18n.install(self.language)
        self.watcher = InactivityWatcher(0, self)
        self.watcher.idle.connect(self.lock)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self.digest = SyncDigest(self)
        self.demo_progress: tuple[str, int] | None = None  # the demo start's last phase
        self.window = self._build_window()

    # -- the window and its pages ----------------------------------------------------------
    def _build_window(self) -> MainWindow:
        window = MainWindow(self.device)
        window.sync_digest = self.digest
        window.resize(1280, 800)
        self.opening = OpeningPage(window.pages)
        self.sign_in_page = SignInPage(self.device, window.pages)
        self.lock_page = LockPage(self.device, self.pins, window.pages)
        for page in (self.opening, self.sign_in_page, self.lock_page):
            window.pages.addWidget(page)
        window.pages.setCurrentWidget(self.opening)

        self.sign_in_page.signed_in.connect(self._on_signed_in)
        self.sign_in_page.demo_requested.connect(self.start_demo)
        self.lock_page.unlocked.connect(self.unlock)
        self.lock_page.sign_out_requested.connect(self.sign_out)
        self.lock_page.switch_user_requested.connect(self.switch_user)
        header = window.header
        header.lock_requested.connect(self.lock)
        header.sign_out_requested.connect(self.sign_out)
        header.switch_user_requested.connect(self.switch_user)
        header.pin_requested.connect(self.choose_pin)
        header.language_chosen.connect(self.change_language)
        window.sign_in_again_requested.connect(self.sign_in_again)
        window.quit_requested.connect(self.quit)
        return window

    def page(self) -> QWidget | None:
        return self.window.pages.currentWidget()

    def start(self) -> None:
        """Show the window and open the device services in a worker (the window never waits)."""
        self.window.show()
        # While the device services open (the UI thread waits for them anyway; the backend's
        # start mostly leaves the GIL to the worker).
        QTimer.singleShot(0, self, self.prepare_camera)
        factory = self._device_factory or _open_device
        workers.run(factory, self.data_dir, self.token_store, owner=self.window,
                    on_result=self._on_device_opened, on_error=self._on_open_failed,
                    name="device.open")

    def prepare_camera(self) -> None:
        """QtMultimedia imported in a worker, then its backend started on this thread (where
        its objects must live): 15-190 ms that the lookup's camera button would otherwise
        cost when it is built, in the frame's first moments. Made while the device services
        open (the backend's start mostly leaves the GIL to their worker: no later start in
        one run taking turns), else while the sign-in page shows or the demo's server starts,
        else a second after the frame shows."""
        if self._camera_prepared:
            return
        self._camera_prepared = True
        workers.run(importlib.import_module, "ui.scanner.camera", owner=self,
                    name="camera.import", on_result=_start_camera_backend,
                    on_error=lambda error: log.warning("no camera: %r", error))

    def _on_device_opened(self, device: Device) -> None:
        self._set_device(device)
        # The screens' modules are imported now: draw the icons the frame shows at once.
        workers.run(icons.prewarm, frame_icons(), owner=self.window, name="icons.prewarm")
        if self.auto_demo or (self.demo_launcher is not None and _is_demo(device.session.settings)):
            self.start_demo()  # the demo server lives in this process: start it again
        elif device.session.signed_in:
            workers.run(device.session.current_user, owner=self.window, on_result=self._enter_frame,
                        on_error=self._on_open_failed, name="current_user")
        else:
            # Wiped while opening (out of contact too long)? The sign-in page says so.
            workers.run(device.session.wipe_notice, owner=self.window, name="wipe_notice",
                        on_result=lambda notice: self.show_sign_in(
                            reason=wipe_text(notice) if notice is not None else None),
                        on_error=lambda _error: self.show_sign_in())

    def _on_open_failed(self, error: BaseException) -> None:
        log.error("the app could not open its data: %r", error)
        self.window.pages.setCurrentWidget(self.opening)
        self.opening.words.setText(messages.for_error(error))

    def _set_device(self, device: Device | None) -> None:
        self.device = device
        self.window.device = device
        self.sign_in_page.device = device
        self.lock_page.device = device

    # -- sign-in ---------------------------------------------------------------------------
    def show_sign_in(self, *, keep_server: bool = True, username: str | None = None,
                     reason: str | None = None) -> None:
        settings = self.device.session.settings if self.device is not None else None
        self.sign_in_page.prepare(
            server_url=settings.server_url if settings is not None and keep_server else None,
            username=username, reason=reason, offer_demo=self.demo_launcher is not None)
        self.window.pages.setCurrentWidget(self.sign_in_page)
        QTimer.singleShot(0, self, self.prepare_camera)  # while the seller types

    def _on_signed_in(self, user: Any) -> None:
        self._enter_frame(user)

    def start_demo(self) -> None:
        """Start the embedded demo server, then sign in as its demo seller (a demo session this
        data directory already holds carries on: its replica and outbox are kept)."""
        if self.demo_launcher is None or self.device is None:
            return
        self.sign_in_page.set_busy(True, self.tr("Starting the demo…"))
        self.prepare_camera()  # while the demo's server starts (seconds), not during its sync
        self.opening.words.setText(self.tr("Starting the demo…"))
        device = self.device
        launcher = self.demo_launcher
        phases = workers.ui_callback(self._on_demo_phase, owner=self)

        def launch_and_sign_in() -> Any:
            account = launcher(phases)
            # Signing in again each time: the demo's password is known, and the saved tokens
            # may be gone (no keyring). The same server and user reopen the same replica.
            return device.session.sign_in(account.server_url, account.username, account.password)

        workers.run(launch_and_sign_in, owner=self.window, on_result=self._on_signed_in,
                    on_error=self._on_demo_failed, name="demo.start")

    def _on_demo_phase(self, phase: str, percent: int) -> None:
        """Say what the demo's start is doing, with the percent done (seeding takes seconds)."""
        step, _, name = phase.partition(" ")
        words = {
            "migrate": self.tr("Preparing the demo database…"),
            "generate": self.tr("Generating the demo chain…"),
            "check": self.tr("Checking the demo data: %1…").replace("%1", name),
            "import": self.tr("Loading the demo data: %1…").replace("%1", name),
            "accounts": self.tr("Creating the demo accounts…"),
            "serve": self.tr("Starting the demo server…"),
        }.get(step, self.tr("Starting the demo…"))
        text = self.tr("%1 (%2 %)").replace("%1", words).replace("%2", str(percent))
        self.demo_progress = (phase, percent)
        self.opening.words.setText(text)
        self.sign_in_page.set_busy(True, text)

    def _on_demo_failed(self, error: BaseException) -> None:
        log.error("the demo did not start: %r", error)
        if self.page() is not self.sign_in_page:
            self.show_sign_in()
        self.sign_in_page.set_busy(False)
        words = messages.for_error(error)
        self.sign_in_page.show_problem(words)
        self.demo_failed.emit(words)

    # -- the frame -------------------------------------------------------------------------
    def _enter_frame(self, user: Any, screen_id: str | None = None) -> None:
        """Into the signed-in frame (then `screen_id` if given), in two event-loop turns so
        that the UI thread never stops long (first sync's target: no stall over 100 ms): this
        one builds the rail and the home screen and starts the session's work; the next shows
        the frame, whose first polish, layout and paint are the other half of the cost."""
        device = self.device
        if user is None or device is None:
            self.show_sign_in()
            return
        window = self.window
        window.set_user(user)
        # Only the home screen is built now; the others on their first show (the Sync screen
        # too: what every sync brings is counted by the session's digest, not by the screen).
        window.load_sections(user.role)
        window.build_home()
        self._subscribe()
        self.watcher.set_delay(device.session.settings.lock_delay_minutes * 60_000)
        self._status_timer.start()
        self.refresh_status()
        workers.run(device.sync.start_sync, owner=window, name="sync.start",
                    in_child=self.sync_in_child)
        self._frame_turn += 1
        turn = self._frame_turn
        # A zero-interval timer, not a posted call: the event loop's timers (and input) get
        # their turn between the two halves.
        show = QTimer(window)
        show.setSingleShot(True)
        show.setInterval(0)
        show.timeout.connect(show.deleteLater)
        show.timeout.connect(lambda: self._show_frame(turn, window, screen_id))
        show.start()

    def _show_frame(self, turn: int, window: MainWindow, screen_id: str | None) -> None:
        if turn != self._frame_turn or window is not self.window:
            return  # signed out, or the window rebuilt, in between
        window.pages.setCurrentWidget(window.frame)
        window.home()
        if screen_id and window.has_screen(screen_id):
            window.show_screen(screen_id)
        self.watcher.start()
        QTimer.singleShot(CAMERA_DELAY_MS, self, self.prepare_camera)
        self.ready.emit()

    def _subscribe(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        window = self.window
        device = self.device
        assert device is not None, "subscribing with no device open"

        def on_change(changes: Any) -> None:
            if changes.reset and not device.session.signed_in:
                # Revoked, or out of contact too long: it forgot everything; say why.
                workers.run(device.session.wipe_notice, owner=window, name="wipe_notice",
                            on_result=self._on_wiped)
                return
            self.digest.add_changes(changes)
            window.replica_changed.emit(changes)
            if changes.status or changes.outbox or changes.reset:
                self.refresh_status()
            user = window.user
            if user is not None and user.store is None and changes.touches("store"):
                # Signed in before the first sync: the store's name arrives with it.
                workers.run(device.session.current_user, owner=window,
                            on_result=window.set_user,
                            name="current_user")

        self._relay_changes = workers.ui_callback(on_change, owner=window)
        self._unsubscribe = device.sync.subscribe(self._relay_changes)

    def _on_wiped(self, notice: Any) -> None:
        """The device wiped itself: leave the frame for the sign-in page, saying why."""
        if notice is None or self.page() not in (self.window.frame, self.lock_page):
            return
        self._leave_frame()
        self.window.set_user(None)
        self._after_sign_out(wipe_text(notice), None)

    def refresh_status(self) -> None:
        """Read the sync status in a worker and hand it to the window (one read at a time)."""
        if self.device is None or not self.device.session.signed_in:
            return
        if self._status_task is not None:
            self._status_again = True
            return
        self._status_task = workers.run(self.device.sync.sync_status, owner=self.window,
                                        on_result=self._on_status, on_error=self._on_status_error,
                                        name="sync_status")

    def _on_status(self, status: Any) -> None:
        self._status_task = None
        self.digest.add_status(status)
        self.window.sync_status_changed.emit(status)
        if self._status_again:
            self._status_again = False
            self.refresh_status()

    def _on_status_error(self, error: BaseException) -> None:
        self._status_task = None
        self._status_again = False
        log.warning("sync status unavailable: %r", error)

    def _leave_frame(self) -> None:
        self._frame_turn += 1  # a frame about to show stays hidden
        self.watcher.stop()
        self._status_timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    # -- lock ------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.page() is not self.window.frame or self.device is None:
            return
        user = self.window.user
        self.watcher.stop()
        # Locked at once; whether a PIN is set is a file read, made in a worker.
        self.lock_page.prepare(user, has_pin=None)
        self.window.pages.setCurrentWidget(self.lock_page)
        if user is not None:
            workers.run(self.pins.has_pin, user.server_url, user.username, owner=self.lock_page,
                        name="has PIN", on_result=self.lock_page.show_pin_hint)

    def unlock(self) -> None:
        self.window.pages.setCurrentWidget(self.window.frame)
        self.watcher.start()

    def choose_pin(self) -> None:
        user = self.window.user
        if user is None:
            return
        dialog = PinDialog(self.window)

        def chosen(result: int) -> None:
            pin = dialog.chosen_pin()
            dialog.deleteLater()
            if result:
                workers.run(self.pins.set_pin, user.server_url, user.username, pin,
                            owner=self.window, name="pin.set",
                            on_result=lambda _r: self.window.notify(self.tr("PIN saved.")),
                            on_error=self.window.show_error)

        dialog.finished.connect(chosen)
        dialog.open()
        self.pin_dialog = dialog

    # -- sign out, switch user, sign in again ----------------------------------------------
    def sign_out(self) -> None:
        """Sign out (after a word about unsent work, which stays on the device)."""
        if self.device is None:
            return
        status = self.window.sync_status
        unsent = status.unsent if status is not None else 0
        if unsent:
            self._confirm_sign_out(unsent)
        else:
            self._do_sign_out()

    def switch_user(self) -> None:
        """Another seller takes the device: same as signing out, the server stays filled in."""
        self.sign_out()

    def sign_in_again(self) -> None:
        """The server refused the session: the same seller signs in again, nothing is lost."""
        user = self.window.user
        self._do_sign_out(reason=messages.text("auth.sign_in_again"),
                          username=user.username if user is not None else None)

    def _confirm_sign_out(self, unsent: int) -> None:
        self.confirmation = kit.ask(
            self.window, QMessageBox.Icon.Question, self.tr("Sign out?"),
            self.tr("%n change(s) made on this device have not reached the server "
                    "yet. They are kept here and sent when you sign in again.", "", unsent),
            name="confirmSignOut", yes=self.tr("Sign out"), no=self.tr("Stay signed in"),
            on_answer=lambda leave: self._do_sign_out() if leave else None)

    def _do_sign_out(self, *, reason: str | None = None, username: str | None = None) -> None:
        device = self.device
        assert device is not None, "signing out with no device open"
        self._leave_frame()
        self.window.set_user(None)
        self.window.pages.setCurrentWidget(self.opening)
        self.opening.words.setText(self.tr("Signing out…"))
        # A fresh window: no screen of the previous seller stays in memory behind the sign-in.
        workers.run(device.session.sign_out, owner=self.window, name="sign_out",
                    on_result=lambda _r: self._after_sign_out(reason, username),
                    on_error=lambda error: self._after_sign_out(messages.for_error(error),
                                                                username))

    def _after_sign_out(self, reason: str | None, username: str | None) -> None:
        self._replace_window()
        self.show_sign_in(username=username, reason=reason)

    # -- language --------------------------------------------------------------------------
    def change_language(self, code: str) -> None:
        """Save the choice ("" follows the system) and rebuild the window in that language."""
        if self.device is None:
            return
        workers.run(self.device.session.update_settings, language=code or None, owner=self.window,
                    name="settings.language", on_error=self.window.show_error,
                    on_result=lambda settings: self.apply_language(
                        i18n.choose_language(settings.language)))

    def apply_language(self, language: str) -> None:
        """Speak `language` from now on: translators, locale, and a window built anew in it
        (the same page, and the same screen when signed in)."""
        self.language = language
        i18n.install(language)
        signed_in = self.page() in (self.window.frame, self.lock_page)
        user = self.window.user
        current = self.window.current_screen_id()
        self._leave_frame()
        self._replace_window()
        if signed_in:
            self._enter_frame(user, screen_id=current)
        else:
            self.show_sign_in()

    def _replace_window(self) -> None:
        old = self.window
        geometry = old.saveGeometry()
        self.window = self._build_window()
        self._set_device(self.device)
        self.window.restoreGeometry(geometry)
        self.window.show()
        old.hide()
        old.deleteLater()
        self.window_replaced.emit(self.window)

    # -- the end ---------------------------------------------------------------------------
    def quit(self) -> None:
        """Quit from the menu or the keyboard: end the event loop (`run` then shuts down;
        unsent work stays in the outbox for the next start)."""
        self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        """Stop listening, let running calls finish, close the device services."""
        self._leave_frame()
        workers.wait_idle(10_000)
        if self.device is not None:
            self.device.close()


def _is_demo(settings: Any) -> bool:
    return bool(settings.signed_in and settings.server_url
                and settings.server_url.rstrip("/") == f"http://127.0.0.1:{DEMO_PORT}")


def _start_camera_backend(camera: Any) -> None:
    camera.camera_available()


def frame_icons() -> list[tuple[str, str]]:
    """The icons the signed-in frame draws when it is built: the rail's, and those of each
    section's home screen whose package is imported (`Screen.build_icons`)."""
    wanted: list[tuple[str, str]] = []
    for section in SECTIONS:
        module = sys.modules.get(section.module)
        if module is None:
            continue
        wanted += [(section.icon, icons.MUTED), (section.icon, icons.ACCENT)]
        for cls in tuple(getattr(module, "SCREENS", ()))[:1]:
            wanted += cls.build_icons
    return wanted


def _open_device(data_dir: str | Path | None, token_store: TokenStore | None) -> Device:
    from clienteling.device import Device  # the replica's imports stay off the window's path

    device = Device(data_dir, token_store=token_store)
    # The screens' modules are imported here, off the UI thread, while the window shows
    # "Opening…": building the frame after sign-in then only creates widgets.
    for section in SECTIONS:
        if section.available():
            for module in section.modules:
                importlib.import_module(module)
    settle_startup_objects()
    return device


_settled = False


def settle_startup_objects() -> None:
    """Once a process: the start-up's objects (modules, classes, functions: ~70,000) leave
    the garbage collector's passes. A full pass holds the GIL, and walking them stalled the
    window 75 ms whichever thread ran it (bench/client_book_bench.py). Garbage is collected
    first so that none of it is kept for good."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


def run(data_dir: str | Path | None = None, *, argv: list[str] | None = None) -> int:
    """`clienteling app`: the window with the saved account, or the sign-in page (which
    offers the demo, kept apart in the user data directory's `demo` folder)."""
    app = ensure_application(argv)
    demo = EmbeddedDemo(demo_folder() / "server", DEFAULT_DEMO_CUSTOMERS)
    # A tablet installed with the app extra alone has no server to run the demo on.
    session = AppSession(data_dir, demo_launcher=demo if server_installed() else None)
    session.start()
    try:
        return app.exec()
    finally:
        session.shutdown()
        demo.stop()


def server_installed() -> bool:
    """True when the server extra is here (the embedded demo needs it)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("fastapi", "uvicorn"))


DEFAULT_DEMO_CUSTOMERS = 2000


def run_demo(*, customers: int = DEFAULT_DEMO_CUSTOMERS, data_dir: str | Path | None = None,
             screenshots: str | Path | None = None, port: int = DEMO_PORT,
             argv: list[str] | None = None) -> int:
    """`clienteling demo`: the embedded demo server and the app signed in as a demo seller,
    showing the first sync's progress. With `screenshots`, render every screen to PNG files
    there once the first sync is done, then exit (works offscreen)."""
    folder = demo_folder(data_dir)
    app = ensure_application(argv)
    demo = EmbeddedDemo(folder / "server", customers, port=port)
    session = AppSession(folder / "device", demo_launcher=demo, auto_demo=True)
    outcome = {"code": 0}
    if screenshots is not None:
        from ui.screenshots import shoot_when_ready

        shoot_when_ready(session, Path(screenshots), outcome)
    session.start()
    try:
        code = app.exec()
    finally:
        session.shutdown()
        demo.stop()
    return outcome["code"] or code
