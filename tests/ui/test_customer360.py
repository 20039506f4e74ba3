"""The customer 360 as a seller uses it, on the real device services and a real server on loopback:
what it shows, every write waiting until the server has it, conflicts, enrolment, reflow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from clienteling.device import Device
from tests.ui.live_server import memory_tokens
from ui.catalog.picker import ProductPickerDialog
from ui.customers.dialogs import ContactDialog
from ui.customers.qr import CardQrDialog

SYNC_TIMEOUT = 30_000


def find(root, kind, name):
    for widget in root.findChildren(kind):
        if widget.accessibleName() == name and widget.isVisibleTo(root):
            return widget
    raise AssertionError(f"no visible {kind.__name__} called {name!r}")


def open_customer(shell, qtbot, customer_id):
    screen = shell.screen("customer")
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        shell.show_screen("customer", customer_id=customer_id)
    return screen


def active_dialog(qtbot, kind=QDialog):
    found = []

    def shown() -> bool:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            found[:] = [widget]
            return True
        return False

    qtbot.waitUntil(shown, timeout=3000)
    return found[0]


def pending_text(screen) -> str:
    return screen.pending_label.text() if screen.pending_label.isVisible() else ""


# --- what it shows ---------------------------------------------------------------------------


def test_the_360_shows_identity_loyalty_contact_consents_and_value(shell, qtbot, seeded,
                                                                   facade):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    data = facade.customers.customer_360(seeded.customer_id)
    profile = data.profile
    assert find(shell, QLabel, "Customer name").text() == (
        f"{profile.first_name} {profile.last_name}")
    assert find(shell, QLabel, "Loyalty card").text() == "Card 2900 0000 0001 8"
    assert screen.qr.has_code()
    assert str(profile.points) in find(shell, QLabel, "Points").text()
    assert find(shell, QLabel, "Tier").text()
    assert find(shell, QLabel, "Orders").text() == str(data.stats.orders_count)
    assert find(shell, QLabel, "Lifetime value").text().replace("\xa0", " ")
    email_consent = find(shell, QLabel, "Email consent").text()
    assert email_consent.startswith("Email: ")
    home = find(shell, QLabel, "Home store").text()
    assert home and home != seeded.store_id  # the store's name, not its id
    assert screen.orders_model.rowCount() == len(data.orders)
    assert screen.timeline_model.rowCount() == len(data.timeline)
    assert screen.tabs.tabText(0) == f"Orders ({len(data.orders)})"
    chips = [c.text() for c in screen._channel_chips]
    assert len(chips) == max(1, len(data.stats.channels))
    assert shell.windowTitle().startswith(profile.first_name)


def test_an_unknown_customer_says_so(shell, qtbot):
    screen = shell.screen("customer")
    shell.show_screen("customer", customer_id="NO-SUCH-CUSTOMER")
    qtbot.waitUntil(lambda: screen.message.text() not in ("", "Loading the customer…"),
                    timeout=5000)
    assert screen.pages.currentWidget() is screen.message
    assert "no longer" in screen.message.text() or "not in this store" in screen.message.text()


def test_the_layout_reflows_from_portrait_to_desktop(shell, qtbot, seeded):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    shell.resize(800, 1280)
    qtbot.waitUntil(lambda: not screen.is_wide() and screen.identity_scroll.geometry().bottom()
                    < screen.tabs.geometry().top(), timeout=2000)
    assert shell.width() == 800
    # No card is ever cut off on the right (the scroll area scrolls vertically only), even
    # when a translation makes a card's content wider than half the screen.
    screen.identity_cards[1].setMinimumWidth(420)
    shell.resize(801, 1280)

    def nothing_clipped() -> bool:
        viewport = screen.identity_scroll.viewport().width()
        return all(card.geometry().right() < viewport
                   and card.width() >= max(card.minimumSizeHint().width(),
                                           card.minimumWidth())
                   for card in screen.identity_cards)

    qtbot.waitUntil(nothing_clipped, timeout=2000)
    shell.resize(800, 1280)
    shell.resize(1920, 1080)
    qtbot.waitUntil(lambda: screen.is_wide() and screen.identity_scroll.geometry().right()
                    < screen.tabs.geometry().left(), timeout=2000)


def test_the_card_qr_is_shown_full_screen_and_prints(shell, qtbot, seeded, tmp_path):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    find(shell, QPushButton, "Show or print the card").click()
    dialog = active_dialog(qtbot, CardQrDialog)
    qtbot.waitUntil(lambda: dialog.code.has_code(), timeout=5000)  # made in a worker
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "card.pdf"))
    dialog.render_to(printer)
    assert (tmp_path / "card.pdf").stat().st_size > 1000
    dialog.accept()
    assert screen.isVisible()


# --- writes: waiting until the server has them -----------------------------------------------


def test_a_note_added_offline_waits_then_is_sent_when_the_server_is_back(
        shell, qtbot, seeded, facade, live_server):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    facade.sync.start_sync()
    live_server.stop()
    qtbot.waitUntil(lambda: facade.sync.sync_status().state == "offline", timeout=SYNC_TIMEOUT)

    find(shell, QPushButton, "Add a note").click()
    dialog = active_dialog(qtbot)
    QTest.keyClicks(find(dialog, QPlainTextEdit, "Note"), "Prefers navy, size M")
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        find(dialog, QPushButton, "Save the note").click()
    qtbot.waitUntil(lambda: "Prefers navy" in screen.notes_label.text(), timeout=5000)
    assert "waiting to be sent" in screen.notes_label.text()
    assert pending_text(screen) == "1 change waiting to be sent"
    note_row = next(r for r in range(screen.timeline_model.rowCount())
                    if "Prefers navy" in screen.timeline_model.index(r, 3).data())
    assert screen.timeline_model.index(note_row, 3).data().endswith("(waiting to be sent)")

    live_server.start()
    qtbot.waitUntil(lambda: pending_text(screen) == "", timeout=SYNC_TIMEOUT)
    qtbot.waitUntil(lambda: "Prefers navy" in screen.notes_label.text()
                    and "waiting" not in screen.notes_label.text(), timeout=SYNC_TIMEOUT)
    assert facade.sync.sync_status().waiting == 0


def test_a_consent_change_is_recorded_with_how_it_was_given(shell, qtbot, seeded, facade):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    before = facade.customers.customer_360(seeded.customer_id).profile.consent_email.granted
    button = screen.consent_buttons["email"]
    assert button.accessibleName() == (
        "Withdraw email consent" if before else "Record email consent")
    button.click()
    dialog = active_dialog(qtbot)
    source = find(dialog, QComboBox, "How the customer said so")
    source.setCurrentIndex(source.findData("phone"))
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        find(dialog, QPushButton, "Record").click()
    text = find(shell, QLabel, "Email consent").text()
    assert ("given" if not before else "withdrawn") in text
    assert "on the phone" in text and "(waiting to be sent)" in text
    profile = facade.customers.customer_360(seeded.customer_id).profile
    assert profile.consent_email.granted is (not before)


def test_contact_fields_say_what_is_wrong(shell, qtbot, seeded):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    find(shell, QPushButton, "Edit contact details").click()
    dialog = active_dialog(qtbot, ContactDialog)
    find(dialog, QLineEdit, "Email").setText("not-an-email")
    find(dialog, QLineEdit, "Phone").setText("12")
    find(dialog, QLineEdit, "Birth date").setText("31/02/1990")
    find(dialog, QLineEdit, "First name").setText("  ")
    find(dialog, QPushButton, "Save").click()
    assert dialog.isVisible()
    assert find(dialog, QLabel, "Email: error").text() == (
        "Not an email address (name@example.com).")
    assert find(dialog, QLabel, "Phone: error").text().startswith("Not a phone number")
    assert find(dialog, QLabel, "Birth date: error").text().startswith("Not a date")
    assert find(dialog, QLabel, "First name: error").text() == "Required."
    dialog.reject()
    assert screen.data is not None


def test_an_edit_waits_then_a_conflict_shows_both_versions(shell, qtbot, seeded, facade,
                                                           tmp_path):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    # Another tablet changes the customer first (its edit reaches the server).
    other = Device(tmp_path / "other", token_store=memory_tokens())
    try:
        other.session.sign_in(seeded.url, seeded.username, seeded.password)
        other.sync.sync_now()
        version = other.customers.customer_360(seeded.customer_id).profile.version
        other.customers.edit_customer(seeded.customer_id, version, {"email": "theirs@example.com"})
        assert other.sync.sync_now().waiting == 0
    finally:
        other.close()

    find(shell, QPushButton, "Edit contact details").click()
    dialog = active_dialog(qtbot, ContactDialog)
    find(dialog, QLineEdit, "Email").setText("mine@example.com")
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        find(dialog, QPushButton, "Save").click()
    email = find(shell, QLabel, "Email")
    assert email.text() == "mine@example.com (waiting to be sent)"

    facade.sync.sync_now()  # the server refuses: someone changed it since the version read
    qtbot.waitUntil(lambda: screen.conflict.isVisible(), timeout=SYNC_TIMEOUT)
    cells = [w.text() for w in screen.conflict.findChildren(QLabel)]
    assert "mine@example.com" in cells and "theirs@example.com" in cells

    with qtbot.waitSignal(screen.loaded, timeout=5000):
        find(shell, QPushButton, "Keep mine").click()
    facade.sync.sync_now()
    qtbot.waitUntil(lambda: not screen.conflict.isVisible() and pending_text(screen) == "",
                    timeout=SYNC_TIMEOUT)
    qtbot.waitUntil(lambda: find(shell, QLabel, "Email").text() == "mine@example.com",
                    timeout=SYNC_TIMEOUT)


def test_taking_the_servers_version_drops_mine(shell, qtbot, seeded, facade, tmp_path):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    stale = facade.customers.customer_360(seeded.customer_id).profile.version
    other = Device(tmp_path / "other", token_store=memory_tokens())
    try:
        other.session.sign_in(seeded.url, seeded.username, seeded.password)
        other.sync.sync_now()
        other.customers.edit_customer(seeded.customer_id, stale, {"phone": "+33698765432"})
        other.sync.sync_now()
    finally:
        other.close()
    facade.customers.edit_customer(seeded.customer_id, stale, {"phone": "+33611111111"})
    facade.sync.sync_now()
    qtbot.waitUntil(lambda: screen.conflict.isVisible(), timeout=SYNC_TIMEOUT)
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        find(shell, QPushButton, "Take the server's version").click()
    qtbot.waitUntil(lambda: not screen.conflict.isVisible(), timeout=5000)
    # My change is dropped: nothing waits, my number is no longer shown.
    assert facade.sync.outbox_entries() == []
    assert pending_text(screen) == ""
    assert find(shell, QLabel, "Phone").text() != "06 11 11 11 11"
    assert "waiting" not in find(shell, QLabel, "Phone").text()


def test_wishlist_add_by_search_and_by_scan_then_remove(shell, qtbot, seeded, facade):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    before = screen.wishlist_model.rowCount()
    products = facade.catalog.search_products("a", limit=5)
    held = {e.sku for e in facade.customers.customer_360(seeded.customer_id).wishlist}
    by_name, by_scan = [p for p in products if p.sku not in held][:2]

    find(shell, QPushButton, "Add to wishlist").click()
    dialog = active_dialog(qtbot, ProductPickerDialog)
    search = find(dialog, QLineEdit, "Search products")
    QTest.keyClicks(search, by_name.sku, Qt.KeyboardModifier.NoModifier, 60)
    qtbot.waitUntil(lambda: bool(dialog._found) and dialog._found[0].sku == by_name.sku,
                    timeout=5000)
    QTest.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.wishlist_model.rowCount() == before + 1, timeout=5000)
    assert screen.tabs.currentIndex() == 1

    find(shell, QPushButton, "Add to wishlist").click()
    dialog = active_dialog(qtbot, ProductPickerDialog)
    QTest.keyClicks(find(dialog, QLineEdit, "Search products"), by_scan.ean)
    QTest.keyClick(find(dialog, QLineEdit, "Search products"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.wishlist_model.rowCount() == before + 2, timeout=5000)
    row = next(r for r in range(screen.wishlist_model.rowCount())
               if screen.wishlist_model.entry(r).sku == by_scan.sku)
    assert screen.wishlist_model.index(row, 0).data().endswith("(waiting to be sent)")

    screen.wishlist_view.selectRow(row)
    find(shell, QPushButton, "Remove from the wishlist").click()
    qtbot.waitUntil(lambda: by_scan.sku not in {
        screen.wishlist_model.entry(r).sku for r in range(screen.wishlist_model.rowCount())},
        timeout=5000)


def test_one_note_rereads_the_customer_once_and_once_more_when_sent(
        shell, qtbot, seeded, facade, monkeypatch):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    reads: list[str] = []
    read = facade.customers.customer_360

    def counted(customer_id: str):
        reads.append(customer_id)
        return read(customer_id)

    monkeypatch.setattr(facade.customers, "customer_360", counted)
    find(shell, QPushButton, "Add a note").click()
    dialog = active_dialog(qtbot)
    QTest.keyClicks(find(dialog, QPlainTextEdit, "Note"), "Asked for the navy coat")
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        find(dialog, QPushButton, "Save the note").click()
    with qtbot.assertNotEmitted(screen.loaded, wait=400):
        pass
    assert "Asked for the navy coat" in screen.notes_label.text()
    assert reads == [seeded.customer_id]  # the write and its change notice: one read

    # Sending it (the outbox entry settled, the feed bringing the note back): one more.
    with qtbot.waitSignal(screen.loaded, timeout=SYNC_TIMEOUT):
        assert facade.sync.sync_now().waiting == 0
    with qtbot.assertNotEmitted(screen.loaded, wait=400):
        pass
    assert "waiting" not in screen.notes_label.text()
    assert reads == [seeded.customer_id] * 2


def test_a_change_from_elsewhere_repaints_the_open_customer(shell, qtbot, seeded, facade):
    screen = open_customer(shell, qtbot, seeded.customer_id)
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        facade.customers.add_note(seeded.customer_id,
                                  "Called about the coat")  # another screen's write
    assert "Called about the coat" in screen.notes_label.text()


# --- enrolment -------------------------------------------------------------------------------


def test_enrolment_says_what_is_wrong_per_field(shell, qtbot):
    find(shell, QPushButton, "New customer").click()
    enrol = shell.screen("enrol")
    assert shell.current_screen_id() == "enrol"
    find(shell, QLineEdit, "Email").setText("anne@")
    find(shell, QLineEdit, "Phone").setText("abc")
    find(shell, QPushButton, "Enrol the customer").click()
    assert find(shell, QLabel, "First name: error").text() == "Required."
    assert find(shell, QLabel, "Last name: error").text() == "Required."
    assert find(shell, QLabel, "Email: error").isVisible()
    assert find(shell, QLabel, "Phone: error").isVisible()
    assert enrol.fields["first_name"].hasFocus()
    assert shell.current_screen_id() == "enrol"


def test_enrolment_opens_the_new_customer_waiting_for_a_card(shell, qtbot, facade):
    find(shell, QPushButton, "New customer").click()
    for name, value in (("First name", "Anaïs"), ("Last name", "Lefèvre-Roy"),
                        ("Email", "anais.lr@example.com"), ("Phone", "06 11 22 33 44"),
                        ("Birth date", "14/07/1991")):
        find(shell, QLineEdit, name).setText(value)
    find(shell, QCheckBox, "Agrees to receive emails").setChecked(True)
    screen = shell.screen("customer")
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        find(shell, QPushButton, "Enrol the customer").click()
    assert shell.current_screen_id() == "customer"
    assert find(shell, QLabel, "Customer name").text() == "Anaïs Lefèvre-Roy"
    assert find(shell, QLabel, "Loyalty card").text() == (
        "Card number: issued when the enrolment is sent")
    assert "waiting to be sent" in pending_text(screen)
    assert shell.history()[-2:] == ["lookup", "customer"]

    facade.sync.sync_now()
    qtbot.waitUntil(lambda: find(shell, QLabel, "Loyalty card").text().startswith("Card 29"),
                    timeout=SYNC_TIMEOUT)
    assert pending_text(screen) == ""


@pytest.mark.parametrize("width,height", [(800, 1280), (1280, 800), (1920, 1080)])
def test_every_size_fits_the_window(shell, qtbot, seeded, width, height):
    open_customer(shell, qtbot, seeded.customer_id)
    shell.resize(width, height)
    qtbot.waitUntil(lambda: shell.width() == width, timeout=2000)
    for screen_id in ("customer", "lookup", "enrol"):
        shell.show_screen(screen_id, **({"customer_id": seeded.customer_id}
                                        if screen_id == "customer" else {}))
        assert shell.current_screen().minimumSizeHint().width() <= width


def test_another_stores_customer_is_shown_read_only(shell, qtbot, seeded, facade,
                                                    _seeded_database):
    """Found by their card, a customer of another store opens (the server lets the seller
    read them after that lookup), but nothing that would change them is offered: the server
    would refuse it."""
    import sqlalchemy as sa

    from clienteling.server.customers.models import CustomerRow

    engine = sa.create_engine(_seeded_database[0])
    try:
        with engine.connect() as conn:
            card = conn.scalar(sa.select(CustomerRow.loyalty_card).where(
                CustomerRow.home_store_id != seeded.store_id,
                CustomerRow.loyalty_card.is_not(None)).limit(1))
    finally:
        engine.dispose()
    target = facade.scan.resolve_scan(card)
    screen = open_customer(shell, qtbot, target.customer.customer_id)
    assert screen.data is not None and not screen.data.writable
    for name in ("Add a note", "Add to wishlist", "Edit contact details",
                 "Record email consent", "Withdraw email consent"):
        try:
            button = find(shell, QPushButton, name)
        except AssertionError:
            continue  # only one of the consent buttons is shown
        assert not button.isEnabled(), name
        assert "home store" in button.toolTip()
    # The seller's own customer is theirs to work.
    screen = open_customer(shell, qtbot, seeded.customer_id)
    assert screen.data.writable
    assert find(shell, QPushButton, "Add a note").isEnabled()
