"""The frame: header words and colours, the rail, the screen stack, Escape goes back."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from clienteling.sync.status import PullProgress, SyncStatus
from ui import nav
from ui.header import describe
from ui.main_window import MainWindow
from ui.screen import Screen


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
    assert "client_book" not in seller and "devices" not in seller
    for section in nav.SECTIONS:
        present = section.available()
        assert (section.section_id in manager) == (present and section.allowed_for("manager"))
    assert seller == [s for s in manager if s not in ("client_book", "devices")]


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


def _status(state, waiting=0, failed=0, last=NOON, progress=None, reason=None):
    return SyncStatus(state=state, reason=reason, detail=None, last_sync_at=last,
                      waiting=waiting, failed=failed, partial=False, progress=progress,
                      tokens_persistent=True)


@pytest.mark.parametrize(
    ("status", "level", "words"),
    [
        (_status("online"), "ok", "Online · synced"),
        (_status("syncing", waiting=3), "busy", "Sending · 3 waiting"),
        (_status("online", waiting=3), "busy", "Sending · 3 waiting"),
        (_status("offline", waiting=3), "offline", "Offline · 3 waiting"),
        (_status("offline", waiting=1, last=None), "offline", "Offline · 1 waiting"),
        (_status("offline"), "offline", "Offline · synced"),
        (_status("offline", last=None), "offline", "Offline"),
        (_status("error", failed=2, reason="outbox.failed"), "error", "Sync error: 2 to check"),
        (_status("offline", waiting=4, failed=1), "error", "Sync error"),
        (_status("error", reason="http.503"), "error", "Sync error: tap for details"),
        (_status("needs_sign_in", waiting=2), "error", "Sign in again"),
        (_status("syncing", last=None, progress=PullProgress(12000, True, True)), "busy",
         "Downloading · 12,000 received"),
        (_status("syncing"), "busy", "Syncing"),
    ],
)
def test_the_header_never_says_online_while_writes_wait(status, level, words):
    light = describe(status)
    assert light.level == level
    assert words in light.text
    if status.waiting or status.failed:
        assert "Online" not in light.text


def test_the_header_shows_the_status_the_window_receives(window):
    window.sync_status_changed.emit(_status("offline", waiting=2))
    assert window.header.sync_button.text() == "Offline · 2 waiting"
    assert window.header.sync_button.property("level") == "offline"
    assert window.sync_status.waiting == 2


def test_a_long_sync_badge_gives_way_before_the_store_and_seller_names(window, qtbot):
    from ui.header import SyncLight

    header = window.header
    header.set_identity("Paris Saint-Honoré", "Capucine Moreau")
    words = ("Erreur de synchronisation : 3 à vérifier, touchez pour les détails "
             "(le serveur a refusé des modifications)")
    header.show_light(SyncLight("error", words))
    window.resize(800, 1280)
    qtbot.waitUntil(lambda: header.width() <= 800, timeout=5000)
    qtbot.waitUntil(lambda: header.store_label.text() == "Paris Saint-Honoré", timeout=5000)
    assert header.seller_label.text() == "Capucine Moreau"
    assert header.sync_button.text().endswith("…")
    assert header.sync_button.toolTip() == words
    assert header.sync_button.accessibleDescription() == words
    # Room again: the whole words come back.
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: header.sync_button.text() == words, timeout=5000)
    assert header.sync_button.toolTip() == ""


def test_header_words_are_french_in_french(french):
    light = describe(_status("offline", waiting=2))
    assert light.text == "Hors ligne · 2 en attente"


def test_the_header_names_the_store_never_its_code(shell, facade):
    """Signed in before the first sync, the store is known by its id only: the header waits
    for its name instead of showing the code."""
    import dataclasses

    user = facade.session.current_user()
    assert user is not None and user.store is not None
    shell.set_user(dataclasses.replace(user, store=None))
    assert shell.header.store_label.full_text() == ""
    shell.set_user(user)
    assert shell.header.store_label.full_text() == user.store.name
