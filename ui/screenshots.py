"""Pictures of every screen with the demo data: each registered screen in each of its
`screenshot_states()`, plus the sign-in and lock pages, at tablet landscape, tablet portrait and
desktop sizes, in French and in English (`clienteling demo --screenshots DIR`).

Screens join by registering (see `ui.main_window.Screen`); nothing here names them.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from ui import i18n, workers

if TYPE_CHECKING:
    from clienteling.device import Device

log = logging.getLogger(__name__)

SIZES: tuple[tuple[int, int], ...] = ((1280, 800), (800, 1280), (1920, 1080))
LANGUAGES: tuple[str, ...] = ("fr", "en")
SETTLE_MS = 150  # debounce timers of the screens fire within this
FIRST_SYNC_TIMEOUT_MS = 30 * 60 * 1000


def settle(ms: int = SETTLE_MS) -> None:
    """Let the screen finish: its workers delivered, its timers fired, its layout done."""
    for _ in range(5):
        workers.wait_idle(60_000)
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        if workers.in_flight() == 0:  # nothing more was started by a timer meanwhile
            return


def wait_for(predicate: Any, timeout_ms: int) -> bool:
    """Run the event loop until `predicate()` holds (checked every 100 ms) or time is up."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(lambda: loop.quit() if predicate() else None)
    QTimer.singleShot(timeout_ms, loop.quit)
    timer.start()
    if not predicate():
        loop.exec()
    timer.stop()
    return bool(predicate())


def choose_demo_customer(device: Device) -> dict[str, Any]:
    """In a worker: a customer of the store with the most to show (orders, wishlist, story)."""
    best: tuple[int, str] | None = None
    for text in ("a", "e", "m"):
        for summary in device.customers.search_customers(text, limit=15):
            view = device.customers.customer_360(summary.customer_id)
            richness = (min(len(view.orders), 6) + min(len(view.wishlist), 4)
                        + min(len(view.timeline), 8))
            if best is None or richness > best[0]:
                best = (richness, summary.customer_id)
        if best is not None and best[0] >= 14:
            break
    return {"customer_id": best[1]} if best is not None else {}


def _name(language: str, size: tuple[int, int], screen: str, state: str) -> str:
    tail = f"-{state}" if state else ""
    return f"{language}-{size[0]}x{size[1]}-{screen}{tail}.png"


def _grab(window: QWidget, folder: Path, names: Iterable[tuple[tuple[int, int], str]],
          saved: list[Path]) -> None:
    for size, name in names:
        window.resize(*size)
        settle(30)
        path = folder / name
        if not window.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        saved.append(path)


def render_all(session: Any, folder: Path, *, sizes: Iterable[tuple[int, int]] = SIZES,
               languages: Iterable[str] = LANGUAGES) -> list[Path]:
    """Every screen and state of a signed-in `session` (ui.app.AppSession), to PNG files."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes = tuple(sizes)
    demo: dict[str, Any] = {}
    task = workers.run(choose_demo_customer, session.device, owner=session.window,
                       on_result=demo.update, name="screenshots.demo_customer")
    workers.wait_idle(120_000)
    if task.is_cancelled():
        raise RuntimeError("the window closed before the screenshots")
    saved: list[Path] = []
    for language in languages:
        session.apply_language(language)
        window = session.window
        window.show()
        settle()
        for screen_id in window.screen_ids():
            screen = window.screen(screen_id)
            if screen.screenshot_role == "seller":
                _picture(window, screen, demo, folder, language, sizes, saved)
        # The pages around the frame: locked, and signing in.
        session.lock()
        settle()
        _grab(window, folder, [(size, _name(language, size, "lock", "")) for size in sizes],
              saved)
        session.unlock()
        user = window.user
        session.sign_in_page.prepare(server_url=user.server_url if user else None,
                                     username=user.username if user else None,
                                     offer_demo=True)
        window.pages.setCurrentWidget(session.sign_in_page)
        settle()
        _grab(window, folder, [(size, _name(language, size, "sign_in", "")) for size in sizes],
              saved)
        window.pages.setCurrentWidget(window.frame)
    _manager_pass(session, folder, sizes, tuple(languages), demo, saved)
    i18n.install(session.language)
    return saved


def _picture(window: Any, screen: Any, demo: dict[str, Any], folder: Path, language: str,
             sizes: tuple[tuple[int, int], ...], saved: list[Path]) -> None:
    """One screen in each of its states, at every size."""
    params = screen.screenshot_params(demo)
    if params is None:
        return
    window.show_screen(screen.screen_id, **params)
    settle()
    named = screen.screenshot_name or screen.screen_id
    for state, action in screen.screenshot_states():
        action()
        settle()
        _grab(window, folder, [(size, _name(language, size, named, state)) for size in sizes],
              saved)


def _manager_pass(session: Any, folder: Path, sizes: tuple[tuple[int, int], ...],
                  languages: tuple[str, ...], demo: dict[str, Any], saved: list[Path]) -> None:
    """The managers' screens (`screenshot_role = "manager"`): signed in as the demo manager
    of the seller's store, on a device of their own (a temporary one, synced first)."""
    import tempfile

    import keyring.backends.fail

    from clienteling.device import Device
    from clienteling.server.demo.seed import DEFAULT_SEED, demo_accounts
    from clienteling.settings import TokenStore
    from ui.main_window import MainWindow

    settings = session.device.session.settings
    account = next((a for a in demo_accounts(DEFAULT_SEED) if a.role == "manager"
                    and a.store_id == settings.store_id), None)
    if account is None or not settings.server_url:
        return
    with tempfile.TemporaryDirectory(prefix="clienteling-shots-") as place:
        # Tokens in memory: the run never writes a manager's session to the keyring.
        device = Device(Path(place), token_store=TokenStore(
            backend=keyring.backends.fail.Keyring()))
        try:
            def sign_in_and_sync() -> None:
                device.session.sign_in(settings.server_url, account.username, account.password)
                device.sync.sync_now()

            failed: list[BaseException] = []
            workers.run(sign_in_and_sync, on_error=failed.append, name="screenshots.manager")
            workers.wait_idle(FIRST_SYNC_TIMEOUT_MS)
            if failed:
                raise RuntimeError(f"the demo manager could not sign in: {failed[0]!r}")
            user = device.session.current_user()
            for language in languages:
                i18n.install(language)
                window = MainWindow(device)
                window.set_user(user)
                window.load_sections("manager")
                window.sync_status_changed.emit(device.sync.sync_status())
                window.show()
                settle()
                try:
                    for screen_id in window.screen_ids():
                        screen = window.screen(screen_id)
                        if screen.screenshot_role == "manager":
                            _picture(window, screen, demo, folder, language, sizes, saved)
                finally:
                    window.close()
                    window.deleteLater()
                    settle()
        finally:
            device.close()


def shoot_when_ready(session: Any, folder: Path, outcome: dict[str, int]) -> None:
    """Once `session` is signed in and its first sync is done, render everything and quit."""
    started = {"done": False}

    def first_sync_done() -> bool:
        status = session.window.sync_status
        return bool(status is not None and status.last_sync_at is not None
                    and not status.partial and status.state in ("online", "syncing")
                    and not (status.progress is not None and status.progress.first_sync))

    def shoot() -> None:
        if started["done"]:
            return  # `ready` comes again when the language changes the window
        started["done"] = True
        try:
            def refused() -> bool:
                status = session.window.sync_status
                return status is not None and status.state == "needs_sign_in"

            wait_for(lambda: first_sync_done() or refused(), FIRST_SYNC_TIMEOUT_MS)
            if not first_sync_done():
                status = session.window.sync_status
                raise RuntimeError(f"the first sync did not finish: {status}")
            saved = render_all(session, folder)
            print(f"{len(saved)} screenshots in {folder}", flush=True)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            outcome["code"] = 1
        QCoreApplication.exit(outcome["code"])

    def give_up(words: str) -> None:
        print(f"the demo did not start: {words}", file=sys.stderr, flush=True)
        outcome["code"] = 1
        QCoreApplication.exit(1)

    session.ready.connect(lambda: QTimer.singleShot(0, shoot))
    session.demo_failed.connect(give_up)
