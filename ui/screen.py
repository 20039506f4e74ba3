"""The `Screen` base every screen subclasses, and `Shell`: what a screen may ask of the window.

A screen knows the window only through `Shell` (typed, no import of the main window), so
screen packages sit below the window and beside each other without importing either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from clienteling.device import Device
    from clienteling.replica.views import CurrentUser
    from clienteling.sync.status import SyncStatus

ScreenshotState = tuple[str, Callable[[], None]]


class ScanRouting(Protocol):
    """The scanner's router as screens see it: a code typed, read by the camera or found in a
    picture goes where a scanned one would."""

    def route(self, text: str) -> None: ...


class Shell(Protocol):
    """The main window as screens see it."""

    device: Device | None
    user: CurrentUser | None
    sync_status: SyncStatus | None
    sync_digest: Any  # what the last sync brought (ui.sync.SyncDigest), kept by the app

    @property
    def scan_router(self) -> ScanRouting: ...

    @property
    def replica_changed(self) -> SignalInstance: ...  # ChangeSet, on the UI thread

    @property
    def sync_status_changed(self) -> SignalInstance: ...  # SyncStatus, on the UI thread

    @property
    def sign_in_again_requested(self) -> SignalInstance: ...  # the app asks for the password

    @property
    def customer_in_context(self) -> str | None: ...

    def set_customer_in_context(self, customer_id: str | None) -> None: ...

    def show_screen(self, screen_id: str, **params: Any) -> None: ...

    def has_screen(self, screen_id: str) -> bool: ...

    def current_screen(self) -> Screen | None: ...

    def back(self) -> bool: ...

    def notify(self, text: str, level: str = "info") -> None: ...

    def show_error(self, error: BaseException) -> None: ...

    def setWindowTitle(self, title: str) -> None: ...

    def tr(self, text: str) -> str: ...


class Screen(QWidget):
    """Base of every screen in the stack.

    Subclasses set `screen_id` (unique, stable: "lookup", "customer", "sync") and may override
    `title`, `enter`, `leave`, `handle_escape` and `screenshot_states`. They reach the rest of
    the app through `self.shell`: `shell.device` (the device's services), `shell.show_screen`,
    `shell.back`, `shell.notify`, `shell.show_error`, `shell.user`; they refresh on
    `shell.replica_changed(ChangeSet)` and `shell.sync_status_changed(SyncStatus)`.
    """

    screen_id: ClassVar[str] = ""
    # (icon name, colour) pairs the screen draws as soon as it is built: a worker draws them
    # while the app opens (ui.icons.prewarm), so that building the screen does not.
    build_icons: ClassVar[tuple[tuple[str, str], ...]] = ()
    # The screenshot files' name for the screen when it is not its id ("client-book").
    screenshot_name: ClassVar[str] = ""
    # "manager": pictured only when the run is signed in as the demo store's manager (a
    # screen every role has, but whose work is a manager's: the new task form).
    screenshot_role: ClassVar[str] = "seller"

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.setObjectName(f"screen_{self.screen_id}")

    @property
    def device(self) -> Device:
        """The device's services (screens live in the signed-in frame: there is one)."""
        device = self.shell.device
        if device is None:
            raise RuntimeError(f"screen {self.screen_id!r} used with no device open")
        return device

    def title(self) -> str:
        """The screen's name as a seller reads it (window title, accessibility)."""
        return self.screen_id

    def enter(self, **params: Any) -> None:
        """Called each time the screen is shown, with the params given to `shell.show_screen`."""

    def leave(self) -> None:
        """Called when another screen takes its place."""

    def handle_escape(self) -> bool:
        """Escape was pressed on this screen: True if the screen used it (cleared a field)."""
        return False

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        """The params the screenshot run shows this screen with; None: leave it out.

        `demo` names demo data worth showing (`customer_id`: a customer with orders, wishlist
        and timeline); by default the screen gets all of it and takes what it uses.
        """
        return dict(demo)

    def screenshot_states(self) -> list[ScreenshotState]:
        """(state name, action) pairs; each action brings the screen into a state to picture.

        The action may start workers: the screenshot run waits for them before it grabs.
        The default is the screen as `enter()` leaves it.
        """
        return [("", lambda: None)]
