"""The sync state as a seller lives it: the server goes away and comes back while the app runs;
a refused write shows why, is sent again or (after a confirmation) discarded."""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView

from clienteling.sync.child import ChildSync
from ui.sync.screen import OutboxModel


def find(root, kind, name):
    """The visible widget of `kind` whose accessible name is `name` (as a person finds it)."""
    for widget in root.findChildren(kind):
        if widget.accessibleName() == name and widget.isVisibleTo(root):
            return widget
    raise AssertionError(f"no visible {kind.__name__} called {name!r}")


def sign_in(qtbot, session, seeded) -> None:
    page = session.sign_in_page
    for name, text in (("Server address", seeded.url), ("Username", seeded.username),
                       ("Password", seeded.password)):
        QTest.keyClicks(find(page, QLineEdit, name), text)
    with qtbot.waitSignal(session.ready, timeout=15_000):
        QTest.mouseClick(find(page, QPushButton, "Sign in"), Qt.MouseButton.LeftButton)

    def synced() -> bool:
        status = session.window.sync_status
        return status is not None and status.state == "online" and not status.partial
    qtbot.waitUntil(synced, timeout=30_000)


def header_text(session) -> str:
    return session.window.header.sync_button.text()


def open_sync_screen(qtbot, session):
    window = session.window
    QTest.mouseClick(window.header.sync_button, Qt.MouseButton.LeftButton)
    assert window.current_screen_id() == "sync"
    return window.screen("sync")


def test_offline_and_back_without_a_restart(app_session, qtbot, seeded, live_server):
    sign_in(qtbot, app_session, seeded)
    assert header_text(app_session).startswith("Online · synced")

    live_server.stop()
    qtbot.waitUntil(lambda: header_text(app_session).startswith("Offline"), timeout=5000)
    assert app_session.window.header.sync_button.property("level") == "offline"

    app_session.device.customers.add_note(seeded.customer_id, "Wants the scarf in blue")
    qtbot.waitUntil(lambda: header_text(app_session) == "Offline · 1 waiting", timeout=5000)
    screen = open_sync_screen(qtbot, app_session)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)
    assert screen.model.index(0, OutboxModel.WHAT).data() == "Note"
    assert screen.model.index(0, OutboxModel.WHO).data().endswith(seeded.last_name)
    assert screen.model.index(0, OutboxModel.STATE).data().startswith("Waiting")
    assert "sent as soon as the server answers" in screen.reason.text()

    live_server.start()
    qtbot.waitUntil(lambda: header_text(app_session).startswith("Online · synced"),
                    timeout=15_000)
    assert app_session.window.sync_status.unsent == 0
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=5000)
    empty = find(screen, QLabel, "Nothing unsent")
    assert "reached the server" in empty.text()


def _refused_order(facade, customer_id: str) -> None:
    """An order for more than the whole chain holds: the server refuses it (stock.short)."""
    product = facade.catalog.search_products("a", limit=1)[0]
    facade.orders.place_order(customer_id=customer_id, lines=[(product.sku, 999)],
                       fulfillment="click_and_collect", payment_mode="pay_at_pickup")


def test_a_refused_write_is_explained_retried_and_discarded_after_asking(app_session, qtbot,
                                                                        seeded):
    sign_in(qtbot, app_session, seeded)
    _refused_order(app_session.device, seeded.customer_id)
    qtbot.waitUntil(lambda: header_text(app_session).startswith("Sync error: 1 to check"),
                    timeout=15_000)
    assert app_session.window.header.sync_button.property("level") == "error"

    screen = open_sync_screen(qtbot, app_session)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)
    state = screen.model.index(0, OutboxModel.STATE).data()
    assert state.startswith("Refused: Not enough stock for ")
    assert "(999 asked, " in state
    table = find(screen, QTableView, "Unsent work")
    assert table.selectionModel().selectedRows()[0].row() == 0  # the refused one is selected
    # An order short of stock is a task with its own screen (ui.pickups): the customer holds
    # its number.
    assert "The number stays valid" in find(screen, QLabel, "Selected write").text()
    assert find(screen, QPushButton, "Resolve the shortage").isEnabled()

    # Sending it again asks the server again: the same answer, still there.
    with qtbot.waitSignal(app_session.window.sync_status_changed, timeout=10_000):
        QTest.mouseClick(find(screen, QPushButton, "Send again"), Qt.MouseButton.LeftButton)
    # While it is being sent again it is "waiting" and the buttons are hidden: wait for the
    # refusal to come back rather than look for the button at once (that raced).
    discard = screen.discard_button
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and discard.isEnabled()
                    and discard.isVisible() and screen.model.entry(0).state == "failed",
                    timeout=10_000)

    # Discard asks first; keeping it keeps it.
    QTest.mouseClick(find(screen, QPushButton, "Discard"), Qt.MouseButton.LeftButton)
    box = screen.confirmation
    qtbot.waitUntil(box.isVisible, timeout=5000)
    QTest.mouseClick(find(box, QPushButton, "Keep it"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    assert len(app_session.device.sync.outbox_entries()) == 1

    QTest.mouseClick(find(screen, QPushButton, "Discard"), Qt.MouseButton.LeftButton)
    box = screen.confirmation
    qtbot.waitUntil(box.isVisible, timeout=5000)
    QTest.mouseClick(find(box, QPushButton, "Discard for good"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=10_000)
    assert app_session.device.sync.outbox_entries() == []
    qtbot.waitUntil(lambda: header_text(app_session).startswith("Online"), timeout=10_000)


def test_the_last_sync_says_when_and_what_it_brought(app_session, qtbot, seeded):
    sign_in(qtbot, app_session, seeded)
    screen = open_sync_screen(qtbot, app_session)
    words = find(screen, QLabel, "Last sync").text()
    assert words.startswith("Last sync: ")
    assert "customers" in words or "Everything was downloaded" in words or "Nothing new" in words
    with qtbot.waitSignal(app_session.window.sync_status_changed, timeout=10_000):
        QTest.mouseClick(find(screen, QPushButton, "Sync now"), Qt.MouseButton.LeftButton)
    assert find(screen, QLabel, "Last sync").text().startswith("Last sync: ")


def test_the_outbox_model_passes_the_model_tester(app_session, qtbot, seeded, live_server,
                                                  qtmodeltester):
    sign_in(qtbot, app_session, seeded)
    live_server.stop()
    facade = app_session.device
    facade.customers.add_note(seeded.customer_id, "First")
    facade.customers.record_consent(seeded.customer_id, "sms", True)
    model = OutboxModel()
    model.set_entries(facade.sync.outbox_entries())
    assert model.rowCount() == 2
    assert [model.index(r, 0).data() for r in range(2)] == ["Note", "Consent change"]
    qtmodeltester.check(model)


def test_every_kind_of_write_has_words_and_a_new_one_shows_its_label(qapp):
    from datetime import UTC, datetime

    from clienteling.outbox.command import command_for, kinds
    from clienteling.replica.views import OutboxEntry
    from ui.sync.screen import _LABEL_WORDS

    assert {command_for(kind).label for kind in kinds()} <= set(_LABEL_WORDS)

    def entry(kind, label, target=None):
        return OutboxEntry(id=1, kind=kind, customer_id=None, target=target, payload={},
                           idempotency_key="k", created_at=datetime.now(UTC), state="waiting",
                           attempts=0, next_attempt_at=None, problem=None, author=None,
                           label=label)

    model = OutboxModel()
    assert model.what(entry("order.status", "outbox.order.status", "PAR01-260105-A")) == (
        "Order status change PAR01-260105-A")
    # A kind added in one core module, before the app has words for it: its label shows.
    assert model.what(entry("test.thanks", "outbox.test.thanks")) == "outbox.test.thanks"


CHILD_STOPPED = {
    "en": ("Sync error", "The sync stopped unexpectedly and is starting again. Your work is "
                         "kept."),
    "fr": ("Erreur de synchro", "La synchronisation s’est arrêtée de façon inattendue "
                                        "et redémarre. Votre travail est conservé."),
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_sync_process_that_dies_is_said_and_started_again(app_session, qtbot, seeded,
                                                            request, language):
    """The app's sync runs in a child process; killed, the header and the Sync screen say so in
    the seller's language, and a new child carries on: online again, a write still goes."""
    if language == "fr":
        request.getfixturevalue("french")
    sign_in(qtbot, app_session, seeded)
    sync = app_session.device.sync._need().engine
    assert isinstance(sync, ChildSync) and sync.pid is not None
    screen = open_sync_screen(qtbot, app_session)
    seen: list[tuple[str, str]] = []
    app_session.window.sync_status_changed.connect(
        lambda _status: seen.append((header_text(app_session), screen.reason.text())))
    victim = sync.pid
    os.kill(victim, signal.SIGKILL)
    header, words = CHILD_STOPPED[language]
    qtbot.waitUntil(lambda: any(w == words for _, w in seen), timeout=15_000)
    assert any(h.startswith(header) for h, w in seen if w == words)
    qtbot.waitUntil(lambda: sync.restarts >= 1 and sync.pid not in (None, victim),
                    timeout=15_000)
    qtbot.waitUntil(lambda: app_session.window.sync_status.state == "online", timeout=30_000)
    app_session.device.customers.add_note(seeded.customer_id, "Sent by the new sync process")
    qtbot.waitUntil(lambda: app_session.window.sync_status.unsent == 0
                    and app_session.window.sync_status.state == "online", timeout=30_000)
    assert not screen.reason.isVisibleTo(screen)
