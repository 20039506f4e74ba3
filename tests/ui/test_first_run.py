"""The first minutes of a new user: Quit in the menu and on the keyboard, "Connecting…" (never
"Offline") until the server has answered once, and the demo's start saying how far it is."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QWidget

from clienteling.settings import Paths, Settings, TokenStore
from clienteling.sync.status import SyncStatus
from tests.ui.conftest import FAST_SYNC
from tests.ui.live_server import memory_tokens
from ui import qt_platform
from ui.app import AppSession
from ui.header import describe
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


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




# --- what Qt lacks from the system --------------------------------------------------------

LDD_OUTPUT = """\
\tlibQt6XcbQpa.so.6 => /opt/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def test_the_hint_names_every_missing_library_and_its_package():
    hint = qt_platform.platform_hint({"DISPLAY": ":0"}, ldd=lambda _path: LDD_OUTPUT)
    assert hint is not None
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1 are missing" in hint
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in hint
    assert "libxcb-cursor" not in hint  # the one that is installed is not blamed
    assert "QT_QPA_PLATFORM=offscreen" in hint


def test_no_hint_offscreen_or_without_a_display():
    assert qt_platform.platform_hint({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"},
                                     ldd=lambda _path: LDD_OUTPUT) is None
    assert qt_platform.platform_hint({}, ldd=lambda _path: LDD_OUTPUT) is None


def test_the_app_says_what_to_install_when_qt_cannot_open_a_window(tmp_path):
    # An X display that does not exist: Qt gives up on xcb, for lack of a library or a server.
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":87", CLIENTELING_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "clienteling.cli", "app"], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode != 0
    assert "QT_QPA_PLATFORM=offscreen" in run.stderr, run.stderr
    plugin = qt_platform.qt_plugins_dir() / "platforms" / "libqxcb.so"
    for library in qt_platform.missing_libraries(plugin):
        assert f"{library}" in run.stderr
        assert qt_platform.DEBIAN_PACKAGES[library] in run.stderr


def test_a_camera_that_cannot_load_says_why():
    problem = qt_platform.multimedia_problem(
        ImportError("libpulse.so.0: cannot open shared object file: No such file or directory"))
    assert "libpulse.so.0 is missing" in problem
    assert "sudo apt install libpulse0" in problem


def test_the_lookup_screen_shows_the_camera_problem_instead_of_hiding_it(qtbot, monkeypatch):
    import ui.scanner.camera
    from ui.lookup import LookupScreen

    monkeypatch.setattr(ui.scanner.camera, "MULTIMEDIA_PROBLEM", "QtMultimedia cannot load: "
                        "libpulse.so.0 is missing; on Debian or Ubuntu install them with: "
                        "sudo apt install libpulse0")
    window = MainWindow()
    qtbot.addWidget(window)
    screen = LookupScreen(window)
    window.stack.addWidget(screen)
    window.show()
    qtbot.waitExposed(window)
    button = screen.camera_button
    assert button.isVisible()
    assert "sudo apt install libpulse0" in button.toolTip()
    button.click()  # a tablet shows no tooltip: a tap says it
    assert window.banner.isVisibleTo(window)
    assert "sudo apt install libpulse0" in window.banner.label.text()


# --- a device without a keyring -------------------------------------------------------------

def test_without_a_keyring_sign_in_offers_the_encrypted_file(app_session, qtbot, seeded):
    from tests.ui.test_signin import find, sign_in

    page = app_session.sign_in_page
    keep = find(page, QCheckBox, "Stay signed in on this device")  # memory_tokens: no keyring
    keep.setChecked(True)
    with qtbot.waitSignal(app_session.ready, timeout=15_000):
        sign_in(qtbot, app_session, seeded.url, seeded.username, seeded.password)
    facade = app_session.device
    assert facade.session.tokens_persistent and facade.session.settings.token_store == "file"
    # A later start of the app (or `clienteling sync`) on this device finds the sign-in.
    later = TokenStore.for_device(facade.session.paths, "file")
    assert later.load(seeded.url, seeded.username) is not None
