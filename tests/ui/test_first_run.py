"""The first minutes of a new user: Quit in the menu and on the keyboard, "Connecting…" (never
"Offline") until the server has answered once, and the demo's start saying how far it is."""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from clienteling.settings import Paths, Settings
from clienteling.sync.status import SyncStatus
from tests.ui.conftest import FAST_SYNC
from tests.ui.live_server import memory_tokens
from ui.app import AppSession
from ui.header import describe
from ui.main_window import MainWindow


def _status(state: str, reason: str | None, waiting: int = 0,
            last: dt.datetime | None = None) -> SyncStatus:
    return SyncStatus(state=state, reason=reason, detail=None,  # type: ignore[arg-type]
                      last_sync_at=last, waiting=waiting, failed=0, partial=True,
                      progress=None, tokens_persistent=True)


def test_the_account_menu_has_quit_with_the_platform_shortcut(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    action = window.header.quit_action
    assert action in window.header.user_button.menu().actions()
    assert action.text() == "Quit"
    assert QKeySequence("Ctrl+Q") in action.shortcuts()
    with qtbot.waitSignal(window.quit_requested, timeout=2000):
        action.trigger()


def test_ctrl_q_quits_from_any_page(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    for page in (window.frame, QWidget()):  # the frame, and a page like sign-in or lock
        if page is not window.frame:
            window.pages.addWidget(page)
        window.pages.setCurrentWidget(page)
        with qtbot.waitSignal(window.quit_requested, timeout=2000):
            qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_quit_closes_the_app_window(app_session, qtbot):
    app_session.window.quit_action.trigger()
    qtbot.waitUntil(lambda: not app_session.window.isVisible(), timeout=2000)


def test_before_the_first_answer_the_header_says_connecting_not_offline():
    light = describe(_status("offline", "sync.not_started"))
    assert (light.level, light.text) == ("busy", "Connecting…")
    waiting = describe(_status("offline", "sync.not_started", waiting=2))
    assert waiting.text == "Connecting · 2 waiting"
    # Once the server has been tried and did not answer, it is offline.
    assert describe(_status("offline", "network.unreachable")).text == "Offline"


def test_the_demo_start_shows_its_phase_and_percent(qtbot, tmp_path):
    device = tmp_path / "device"
    Settings(**FAST_SYNC).save(Paths.for_user(device))
    release = threading.Event()

    def launcher(phases):
        phases("import customers.csv", 50)
        release.wait(10)
        raise ConnectionError("the test's demo server does not start")

    session = AppSession(device, token_store=memory_tokens(), demo_launcher=launcher,
                         auto_demo=True)
    session.start()
    try:
        qtbot.waitUntil(lambda: session.demo_progress == ("import customers.csv", 50),
                        timeout=10_000)
        assert session.opening.words.text() == "Loading the demo data: customers.csv… (50 %)"
        with qtbot.waitSignal(session.demo_failed, timeout=10_000):
            release.set()
    finally:
        release.set()
        session.shutdown()
        session.window.close()
        session.window.deleteLater()


