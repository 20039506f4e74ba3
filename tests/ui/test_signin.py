"""Starting the app as a seller does: first run, sign in, wrong password, sign out, switch user,
the lock after inactivity and coming back with the password or a PIN (also offline)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton

from clienteling.unlock import PinStore
from ui.app import AppSession


def find(root, kind, name):
    """The visible widget of `kind` whose accessible name is `name` (as a person finds it)."""
    for widget in root.findChildren(kind):
        if widget.accessibleName() == name and widget.isVisibleTo(root):
            return widget
    raise AssertionError(f"no visible {kind.__name__} called {name!r}")


def sign_in(qtbot, session: AppSession, url: str, username: str, password: str) -> None:
    page = session.sign_in_page
    server = find(page, QLineEdit, "Server address")
    server.clear()
    QTest.keyClicks(server, url)
    QTest.keyClick(server, Qt.Key.Key_Return)  # Enter moves on to the next empty field
    user_field = find(page, QLineEdit, "Username")
    user_field.clear()
    QTest.keyClicks(user_field, username)
    QTest.keyClick(user_field, Qt.Key.Key_Return)
    password_field = find(page, QLineEdit, "Password")
    QTest.keyClicks(password_field, password)
    QTest.keyClick(password_field, Qt.Key.Key_Return)


def signed_in(qtbot, session: AppSession, seeded) -> None:
    with qtbot.waitSignal(session.ready, timeout=15_000):
        sign_in(qtbot, session, seeded.url, seeded.username, seeded.password)


def first_sync_done(qtbot, session: AppSession) -> None:
    def done() -> bool:
        status = session.window.sync_status
        return status is not None and status.last_sync_at is not None and not status.partial
    qtbot.waitUntil(done, timeout=20_000)


def test_first_run_offers_the_server_and_signs_in(app_session, qtbot, seeded):
    page = app_session.sign_in_page
    assert find(page, QLineEdit, "Server address").hasFocus()
    signed_in(qtbot, app_session, seeded)
    window = app_session.window
    assert app_session.page() is window.frame
    assert window.header.seller_label.full_text() == "Camille Seller"
    qtbot.waitUntil(lambda: window.header.store_label.full_text() != "", timeout=5000)
    # The header comes to the real state once the device has said it.
    qtbot.waitUntil(lambda: window.sync_status is not None, timeout=10_000)
    assert window.header.sync_button.text()
    assert window.current_screen_id() == window.screen_ids()[0]


def test_a_wrong_password_says_so_and_keeps_the_page(app_session, qtbot, seeded):
    sign_in(qtbot, app_session, seeded.url, seeded.username, "not-the-password")
    error = app_session.sign_in_page.error
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert error.text() == "Wrong username or password."
    assert app_session.page() is app_session.sign_in_page
    assert find(app_session.sign_in_page, QLineEdit, "Password").text() == ""


def test_a_bad_address_and_an_unreachable_server_are_explained(app_session, qtbot, seeded):
    sign_in(qtbot, app_session, "ftp://nowhere", seeded.username, seeded.password)
    error = app_session.sign_in_page.error
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "not a server address" in error.text()

    sign_in(qtbot, app_session, "http://127.0.0.1:9", seeded.username, seeded.password)
    qtbot.waitUntil(lambda: "cannot be reached" in error.text(), timeout=15_000)


def test_missing_fields_are_asked_for_without_a_request(app_session, qtbot):
    page = app_session.sign_in_page
    QTest.mouseClick(find(page, QPushButton, "Sign in"), Qt.MouseButton.LeftButton)
    assert "Fill in" in page.error.text()


def test_sign_out_comes_back_to_the_sign_in_page_with_the_server(app_session, qtbot, seeded):
    signed_in(qtbot, app_session, seeded)
    qtbot.waitUntil(lambda: app_session.window.sync_status is not None, timeout=10_000)
    with qtbot.waitSignal(app_session.window_replaced, timeout=10_000):
        app_session.window.header.sign_out_action.trigger()
    qtbot.waitUntil(lambda: app_session.page() is app_session.sign_in_page, timeout=10_000)
    page = app_session.sign_in_page
    assert find(page, QLineEdit, "Server address").text() == seeded.url
    assert find(page, QLineEdit, "Username").text() == ""
    assert not app_session.device.session.signed_in


def test_sign_out_with_unsent_work_asks_first(app_session, qtbot, seeded, live_server):
    signed_in(qtbot, app_session, seeded)
    first_sync_done(qtbot, app_session)
    facade = app_session.device
    live_server.stop()  # the note cannot leave: it stays waiting
    facade.customers.add_note(seeded.customer_id, "Asked for the blue scarf")
    qtbot.waitUntil(lambda: (app_session.window.sync_status is not None
                             and app_session.window.sync_status.unsent == 1), timeout=15_000)
    app_session.window.header.switch_action.trigger()
    box = app_session.confirmation
    qtbot.waitUntil(box.isVisible, timeout=5000)
    assert "1 change made on this device" in box.text()
    QTest.mouseClick(find(box, QPushButton, "Stay signed in"), Qt.MouseButton.LeftButton)
    assert app_session.page() is app_session.window.frame
    assert facade.session.signed_in


def test_inactivity_locks_and_the_password_unlocks(app_session, qtbot, seeded):
    signed_in(qtbot, app_session, seeded)
    app_session.watcher.set_delay(300)
    with qtbot.waitSignal(app_session.watcher.idle, timeout=5000):
        pass
    lock = app_session.lock_page
    assert app_session.page() is lock
    field = find(lock, QLineEdit, "Password or PIN")
    assert field.hasFocus()
    QTest.keyClicks(field, "wrong-password")
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lock.error.isVisible, timeout=10_000)
    assert lock.error.text() == "Wrong password or PIN."
    assert app_session.page() is lock
    QTest.keyClicks(field, seeded.password)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        QTest.keyClick(field, Qt.Key.Key_Return)
    assert app_session.page() is app_session.window.frame


def test_a_pin_unlocks_offline_and_is_stored_as_a_salted_hash(app_session, qtbot, seeded,
                                                               live_server, tmp_path):
    signed_in(qtbot, app_session, seeded)
    app_session.window.header.pin_action.trigger()
    dialog = app_session.pin_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    QTest.keyClicks(find(dialog, QLineEdit, "New PIN"), "2468")
    QTest.keyClicks(find(dialog, QLineEdit, "New PIN again"), "2469")
    QTest.mouseClick(find(dialog, QPushButton, "Save the PIN"), Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "The two PINs differ."
    again = find(dialog, QLineEdit, "New PIN again")
    again.clear()
    QTest.keyClicks(again, "2468")
    QTest.mouseClick(find(dialog, QPushButton, "Save the PIN"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app_session.window.banner.label.text() == "PIN saved.",
                    timeout=10_000)
    stored = (tmp_path / "device" / "unlock.json").read_text()
    assert "2468" not in stored and "argon2" in stored
    assert (tmp_path / "device" / "unlock.json").stat().st_mode & 0o077 == 0

    live_server.stop()
    app_session.window.header.lock_action.trigger()
    lock = app_session.lock_page
    assert app_session.page() is lock
    qtbot.waitUntil(lambda: "also works without the network" in lock.hint.text(), timeout=5000)
    field = find(lock, QLineEdit, "Password or PIN")
    QTest.keyClicks(field, seeded.password)  # the password needs the server, which is down
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "cannot be reached" in lock.error.text(), timeout=15_000)
    QTest.keyClicks(field, "2468")
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        QTest.keyClick(field, Qt.Key.Key_Return)
    assert app_session.page() is app_session.window.frame


def test_a_pin_chosen_in_an_earlier_session_is_known_when_locking(app_session, qtbot, seeded,
                                                                  monkeypatch):
    """Whether a PIN exists is read in a worker when locking: locking reads no file on the UI
    thread, and still offers the PIN."""
    signed_in(qtbot, app_session, seeded)
    user = app_session.window.user
    app_session.pins.set_pin(user.server_url, user.username, "2468")  # an earlier session
    app_session.sign_out()
    qtbot.waitUntil(lambda: app_session.page() is app_session.sign_in_page, timeout=10_000)
    signed_in(qtbot, app_session, seeded)
    readers: list[threading.Thread] = []
    has_pin = app_session.pins.has_pin

    def read(*args):
        readers.append(threading.current_thread())
        return has_pin(*args)

    monkeypatch.setattr(app_session.pins, "has_pin", read)
    app_session.lock()
    assert app_session.lock_page.hint.text() == ""  # not known yet: read in a worker
    qtbot.waitUntil(lambda: "also works without the network" in
                    app_session.lock_page.hint.text(), timeout=5_000)
    assert readers and threading.main_thread() not in readers


def test_the_lock_page_offers_sign_out_and_switch_user(app_session, qtbot, seeded):
    signed_in(qtbot, app_session, seeded)
    qtbot.waitUntil(lambda: app_session.window.sync_status is not None, timeout=10_000)
    app_session.lock()
    lock = app_session.lock_page
    qtbot.waitUntil(lambda: "No PIN set" in lock.hint.text(), timeout=5000)
    assert lock.who.text().startswith("Camille Seller is signed in")
    with qtbot.waitSignal(app_session.window_replaced, timeout=10_000):
        QTest.mouseClick(find(lock, QPushButton, "Switch user"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app_session.page() is app_session.sign_in_page, timeout=10_000)


def test_pin_store_refuses_a_malformed_pin_and_forgets(tmp_path):
    from clienteling.domain.errors import DomainError
    from clienteling.settings import Paths

    pins = PinStore(Paths.for_user(tmp_path))
    with pytest.raises(DomainError) as refused:
        pins.set_pin("http://127.0.0.1:1", "ana", "12a4")
    assert refused.value.code == "lock.pin_format"
    pins.set_pin("http://127.0.0.1:1", "ana", "1234")
    assert pins.check_pin("http://127.0.0.1:1/", "ana", "1234")
    assert not pins.check_pin("http://127.0.0.1:1", "ana", "4321")
    assert not pins.check_pin("http://127.0.0.1:1", "bob", "1234")
    pins.clear_pin("http://127.0.0.1:1", "ana")
    assert not pins.has_pin("http://127.0.0.1:1", "ana")



class _ThrottledSession:
    """A server that refuses this username for 700 s (after too many failed sign-ins)."""

    def sign_in(self, server_url: str, username: str, password: str) -> None:
        from clienteling.api.client import SignInThrottled

        raise SignInThrottled(700)


class _ThrottledDevice:
    session = _ThrottledSession()


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Too many failed sign-ins for this username. Try again in 12 min."),
    ("fr", "Trop de tentatives de connexion échouées pour cet identifiant. "
           "Réessayez dans 12 min."),
])
def test_a_throttled_sign_in_says_how_long_to_wait(qtbot, request, language, expected):
    from ui.signin.page import SignInPage

    if language == "fr":
        request.getfixturevalue("french")
    page = SignInPage(_ThrottledDevice())
    qtbot.addWidget(page)
    page.show()
    for field, value in ((page.server, "http://127.0.0.1:9"), (page.username, "seller1"),
                         (page.password, "any password")):
        QTest.keyClicks(field, value)
    QTest.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(page.error.isVisible, timeout=10_000)
    assert page.error.text() == expected
    assert page.password.text() == ""
