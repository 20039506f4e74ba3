"""The lookup as a seller uses it: type, see results as they come, Enter, Ctrl+F, empty states,
a QR code in a picture file or on the clipboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QListView, QPushButton

from clienteling.codes.qr import card_payload, pickup_qr_payload, qr_png
from tests.ui.pictures import damaged_png


def find(shell, kind, name):
    """The visible widget of `kind` whose accessible name is `name` (as a person finds it)."""
    for widget in shell.findChildren(kind):
        if widget.accessibleName() == name and widget.isVisibleTo(shell):
            return widget
    raise AssertionError(f"no visible {kind.__name__} called {name!r}")


def lookup(shell):
    return shell.screen("lookup")


def results_text(shell) -> list[str]:
    view = find(shell, QListView, "Customers found")
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_search_field_has_focus_at_start(shell, qtbot):
    search = find(shell, QLineEdit, "Search customers")
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    empty = find(shell, QLabel, "No results")
    assert empty.text() == "Type a name, an email, a phone or scan a card"


def test_lefevre_finds_lefevre_as_you_type(shell, qtbot, seeded):
    search = find(shell, QLineEdit, "Search customers")
    QTest.keyClicks(search, "lefevre", delay=20)
    qtbot.waitUntil(lambda: any("Lefèvre" in name for name in results_text(shell)),
                    timeout=5000)
    assert lookup(shell)._shown_text == "lefevre"


def test_enter_opens_the_first_result(shell, qtbot, seeded):
    search = find(shell, QLineEdit, "Search customers")
    QTest.keyClicks(search, "LEFEV", delay=20)
    # Enter right away: the answer to this text may not be there yet; it opens when it is.
    with qtbot.waitSignal(shell.screen_changed, timeout=5000) as blocker:
        QTest.keyClick(search, Qt.Key.Key_Return)
    assert blocker.args == ["customer"]
    screen = shell.screen("customer")
    qtbot.waitUntil(lambda: screen.data is not None, timeout=5000)
    assert "Lefèvre" in screen.data.profile.last_name


def test_no_match_says_so(shell, qtbot):
    search = find(shell, QLineEdit, "Search customers")
    QTest.keyClicks(search, "zzqxw")
    empty = find(shell, QLabel, "No results")
    qtbot.waitUntil(lambda: empty.text() == "No customer matches «zzqxw»", timeout=5000)
    assert lookup(shell).model.rowCount() == 0


def test_stale_answers_are_dropped(shell, qtbot):
    screen = lookup(shell)
    screen._search_now("le")
    screen._search_now("lefev")
    qtbot.waitUntil(lambda: screen._task is None, timeout=5000)
    assert screen._shown_text == "lefev"
    assert all("Lef" in name for name in results_text(shell))


def test_ctrl_f_focuses_search_from_anywhere(shell, qtbot, seeded):
    shell.show_screen("customer", customer_id=seeded.customer_id)
    screen = shell.screen("customer")
    qtbot.waitUntil(lambda: screen.data is not None, timeout=5000)
    screen.tabs.setFocus()
    QTest.keyClick(shell, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = find(shell, QLineEdit, "Search customers")
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    assert shell.current_screen_id() == "lookup"


def test_escape_clears_the_search_first(shell, qtbot):
    search = find(shell, QLineEdit, "Search customers")
    QTest.keyClicks(search, "dur")
    QTest.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""


def test_open_image_with_a_card_qr_opens_the_customer(shell, qtbot, seeded, tmp_path,
                                                      monkeypatch):
    picture = tmp_path / "card.png"
    picture.write_bytes(qr_png(card_payload(seeded.card)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(picture), "")))
    with qtbot.waitSignal(shell.scan_router.routed, timeout=5000):
        find(shell, QPushButton, "Open image").click()
    assert shell.current_screen_id() == "customer"
    assert shell.screen("customer").customer_id == seeded.customer_id


def test_https_form_of_the_card_qr_works_too(shell, qtbot, seeded, tmp_path):
    picture = tmp_path / "link.png"
    picture.write_bytes(qr_png(f"https://club.example.com/c/{seeded.card}"))
    with qtbot.waitSignal(shell.scan_router.routed, timeout=5000):
        lookup(shell).open_image_file(str(picture))
    assert shell.screen("customer").customer_id == seeded.customer_id


def test_a_damaged_qr_says_so(shell, qtbot, tmp_path):
    picture = tmp_path / "damaged.png"
    picture.write_bytes(damaged_png(card_payload("2900000000018")))
    task = lookup(shell).open_image_file(str(picture))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert shell.banner.isVisible()
    assert "damaged" in shell.banner.label.text()
    assert shell.current_screen_id() == "lookup"


def test_a_picture_without_a_code_says_so(shell, qtbot, tmp_path):
    picture = tmp_path / "blank.png"
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    image.save(str(picture))
    task = lookup(shell).open_image_file(str(picture))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert shell.banner.label.text() == "No QR code or barcode found in the image."


def test_a_pickup_qr_from_the_clipboard_names_the_order(shell, qtbot, facade):
    orders = facade.pickups.pickup_queue()
    assert orders, "the demo store has click-and-collect orders"
    order = orders[0]
    image = QImage.fromData(qr_png(pickup_qr_payload(order.order_number, order.pickup_code)))
    QGuiApplication.clipboard().setImage(image)
    with qtbot.waitSignal(shell.scan_router.routed, timeout=5000):
        find(shell, QPushButton, "Paste image").click()
    # The Pickups section routes pickup QRs: the hand-over of that order opens.
    assert shell.current_screen_id() == "pickup"
    screen = shell.screen("pickup")
    qtbot.waitUntil(lambda: screen.page is not None, timeout=5000)
    assert screen.page.order.order_number == order.order_number
    assert order.order_number in screen.order_label.text()


def test_offline_search_says_it_covers_this_store_only(shell, qtbot, facade, live_server):
    facade.sync.start_sync()
    live_server.stop()
    qtbot.waitUntil(lambda: facade.sync.sync_status().state == "offline", timeout=30_000)
    search = find(shell, QLineEdit, "Search customers")
    QTest.keyClicks(search, "lefevre", Qt.KeyboardModifier.NoModifier, 20)
    note = shell.findChild(QLabel, "lookupNote")
    qtbot.waitUntil(lambda: note.isVisible() and any(
        "Lefèvre" in name for name in results_text(shell)), timeout=10_000)
    assert note.text() == "Offline: searching this store's customers only"


def test_arrow_keys_choose_which_result_enter_opens(shell, qtbot):
    search = find(shell, QLineEdit, "Search customers")
    QTest.keyClicks(search, "le", Qt.KeyboardModifier.NoModifier, 20)
    qtbot.waitUntil(lambda: lookup(shell).model.rowCount() >= 2
                    and lookup(shell)._shown_text == "le", timeout=5000)
    second = lookup(shell).model.customer(1)
    QTest.keyClick(search, Qt.Key.Key_Down)
    with qtbot.waitSignal(shell.screen_changed, timeout=5000):
        QTest.keyClick(search, Qt.Key.Key_Return)
    assert shell.screen("customer").customer_id == second.customer_id
