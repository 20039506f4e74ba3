"""The frame: header words and colours, the rail, the screen stack, Escape goes back."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from ui import nav
from ui.header import describe
from ui.main_window import MainWindow, Screen


class _Plain(Screen):
    """A screen that only says its name: enough to drive the frame's navigation."""

    screen_id = "first"

    def __init__(self, shell: MainWindow) -> None:
        super().__init__(shell)
        self.entered: list[dict] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.screen_id, self))

    def enter(self, **params) -> None:
        self.entered.append(params)


class _Second(_Plain):
    screen_id = "second"


class _Third(_Plain):
    screen_id = "third"
    escapes = 0

    def handle_escape(self) -> bool:
        # Uses the first Escape itself (as a search field clears its text), not the second.
        type(self).escapes += 1
        return type(self).escapes == 1


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    for cls in (_Plain, _Second, _Third):
        win.register_screen(cls)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_screens_are_created_once_and_get_their_params(window):
    window.show_screen("first")
    window.show_screen("second", customer_id="C1")
    assert window.current_screen_id() == "second"
    assert window.screen("second").entered == [{"customer_id": "C1"}]
    window.show_screen("first")
    assert window.screen("first") is window.current_screen()
    assert window.history() == ["first", "second", "first"]


def test_escape_goes_back_after_the_screen_has_used_it(window, qtbot):
    _Third.escapes = 0
    window.show_screen("first")
    window.show_screen("second")
    window.show_screen("third")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen_id() == "third"  # the screen used the first Escape
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen_id() == "second"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen_id() == "first"
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # nothing before the first: stays
    assert window.current_screen_id() == "first"


def test_two_screens_with_one_id_are_refused(window):
    class Impostor(_Plain):
        screen_id = "first"

    with pytest.raises(ValueError, match="first"):
        window.register_screen(Impostor)
    with pytest.raises(KeyError):
        window.show_screen("nowhere")


def test_the_rail_shows_only_sections_that_exist_and_the_role_may_use():
    seller = [s.section_id for s in nav.sections_for("seller")]
    manager = [s.section_id for s in nav.sections_for("manager")]
    assert "client_book" not in seller
    for section in nav.SECTIONS:
        present = section.available()
        assert (section.section_id in manager) == (present and section.allowed_for("manager"))
    assert seller == [s for s in manager if s != "client_book"]


def test_an_error_banner_stays_until_closed_and_escape_closes_it(window, qtbot):
    from clienteling.domain.errors import DomainError

    window.show_screen("first")
    window.show_screen("second")
    window.show_error(DomainError("card.check_digit"))
    assert window.banner.isVisible()
    assert "check digit" in window.banner.label.text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.banner.isVisible()
    assert window.current_screen_id() == "second"


NOON = dt.datetime(2026, 3, 2, 9, 32, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("status", "level", "words"),
    [
        (dict(online=True, waiting=0, failed=0, last_sync_at=NOON), "ok", "Online · synced"),
        (dict(online=True, waiting=3, failed=0, last_sync_at=NOON), "busy", "Sending · 3 waiting"),
        (dict(online=False, waiting=3, failed=0, last_sync_at=NOON), "offline",
         "Offline · 3 waiting"),
        (dict(online=False, waiting=1, failed=0, last_sync_at=None), "offline",
         "Offline · 1 waiting"),
        (dict(online=False, waiting=0, failed=0, last_sync_at=NOON), "offline",
         "Offline · synced"),
        (dict(online=True, waiting=0, failed=2, last_sync_at=NOON), "error", "Sync error"),
        (dict(online=False, waiting=4, failed=1, last_sync_at=NOON), "error", "Sync error"),
        (dict(online=True, waiting=0, failed=0, last_sync_at=None, progress=0.42), "busy",
         "Downloading · 42%"),
        (dict(online=None, waiting=0, failed=0, last_sync_at=None), "busy", "Connecting"),
    ],
)
def test_the_header_never_says_online_while_writes_wait(status, level, words):
    light = describe(SimpleNamespace(**status))
    assert light.level == level
    assert words in light.text
    if status["waiting"] or status["failed"]:
        assert "Online" not in light.text


def test_header_words_are_french_in_french(french):
    light = describe(SimpleNamespace(online=False, waiting=2, failed=0, last_sync_at=NOON))
    assert light.text == "Hors ligne · 2 en attente"
