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
               languages: Iterable[str] = LANGUAGES, skip: frozenset[str] = frozenset(),
               pages: bool = True, role: str = "seller") -> list[Path]:
    """Every screen and state of a signed-in `session` (ui.app.AppSession), to PNG files;
    but the screens of `skip`, those whose `screenshot_role` is "manager" unless `role` is,
    and without the lock and sign-in pages unless `pages`."""
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
            if screen_id in skip:
                continue
            screen = window.screen(screen_id)
            if screen.screenshot_role == "manager" and role != "manager":
                continue
            params = screen.screenshot_params(demo)
            if params is None:
                continue
            window.show_screen(screen_id, **params)
            settle()
            for state, action in screen.screenshot_states():
                action()
                settle()
                shot = screen.screenshot_name or screen_id
                _grab(window, folder, [(size, _name(language, size, shot, state))
                                       for size in sizes], saved)
        if not pages:
            continue
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
    i18n.install(session.language)
    return saved


def sign_in_as_manager(session: Any) -> bool:
    """Sign the demo's seller out and its store's manager in (their own replica, first sync
    started). False when the session has no demo manager to sign in."""
    from clienteling.server.demo.seed import DEFAULT_SEED, demo_accounts

    launcher = session.demo_launcher
    device = session.device
    user = session.window.user
    url = getattr(launcher, "url", None)
    if launcher is None or device is None or user is None or url is None:
        return False
    manager = next((a for a in demo_accounts(DEFAULT_SEED) if a.role == "manager"
                    and a.store_id == user.store_id), None)
    if manager is None:
        return False
    session._leave_frame()
    result: dict[str, Any] = {}

    def switch() -> Any:
        device.session.sign_out()
        return device.session.sign_in(url, manager.username, manager.password)

    workers.run(switch, owner=session.window, name="screenshots.manager",
                on_result=lambda signed: result.update(user=signed),
                on_error=lambda error: result.update(error=error))
    wait_for(lambda: bool(result), 120_000)
    if "error" in result:
        raise RuntimeError(f"the demo manager could not sign in: {result['error']!r}")
    session._replace_window()
    session._enter_frame(result["user"])
    settle()
    return True


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
            seen = set(session.window.screen_ids())
            saved = render_all(session, folder)
            # Pictured as the seller; a manager's work (the new task form) waits for them.
            seen -= {s for s in seen if session.window.screen(s).screenshot_role == "manager"}
            # The managers' screens (the client book…), as the demo store's manager.
            if sign_in_as_manager(session):
                wait_for(lambda: first_sync_done() or refused(), FIRST_SYNC_TIMEOUT_MS)
                if not first_sync_done():
                    raise RuntimeError("the manager's first sync did not finish: "
                                       f"{session.window.sync_status}")
                saved += render_all(session, folder, skip=frozenset(seen), pages=False,
                                    role="manager")
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
