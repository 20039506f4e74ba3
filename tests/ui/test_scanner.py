"""A hand-held scanner in the main window: bursts recognised, routed, and people still typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from clienteling.domain.cards import card_from_serial
from ui.scanner.detector import ScanDetector

UNKNOWN_CARD = card_from_serial(9_999_999_999)


def scan(widget: QWidget, code: str, terminator=Qt.Key.Key_Return) -> None:
    """What a scanner does: the code's keys back to back, then Enter (or Tab)."""
    QTest.keyClicks(widget, code)
    QTest.keyClick(widget, terminator)


def type_slowly(widget: QWidget, text: str, then=None) -> None:
    """What a person does: 80 ms or more between keys."""
    QTest.keyClicks(widget, text, Qt.KeyboardModifier.NoModifier, 80)
    if then is not None:
        QTest.keyClick(widget, then, Qt.KeyboardModifier.NoModifier, 80)


# --- the detector on its own ----------------------------------------------------------------


@pytest.fixture
def form(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    window.field = QLineEdit(window)
    window.notes = QPlainTextEdit(window)
    window.button = QPushButton("Go", window)
    for widget in (window.field, window.notes, window.button):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.detector = ScanDetector(window)
    return window


def test_a_burst_into_a_text_field_is_a_scan_and_the_field_is_restored(form, qtbot):
    form.field.setText("dur")
    form.field.setFocus()
    entered = []
    form.field.returnPressed.connect(lambda: entered.append(True))
    with qtbot.waitSignal(form.detector.scanned, timeout=2000) as blocker:
        scan(form.field, "2900000000018")
    assert blocker.args == ["2900000000018"]
    assert form.field.text() == "dur"
    assert not entered  # the scanner's Enter is not the field's


def test_a_person_typing_keeps_every_key(form, qtbot):
    form.field.setFocus()
    entered = []
    form.field.returnPressed.connect(lambda: entered.append(True))
    with qtbot.assertNotEmitted(form.detector.scanned, wait=100):
        type_slowly(form.field, "2900000000018", then=Qt.Key.Key_Return)
    assert form.field.text() == "2900000000018"
    assert entered == [True]


def test_a_fast_short_word_is_not_a_scan(form, qtbot):
    form.field.setFocus()
    with qtbot.assertNotEmitted(form.detector.scanned, wait=100):
        scan(form.field, "abc")
    assert form.field.text() == "abc"


def test_a_pause_inside_a_burst_breaks_it(form, qtbot):
    form.field.setFocus()
    with qtbot.assertNotEmitted(form.detector.scanned, wait=100):
        QTest.keyClicks(form.field, "2900000")
        QTest.keyClick(form.field, Qt.Key.Key_0, Qt.KeyboardModifier.NoModifier, 120)
        QTest.keyClicks(form.field, "00018")
        QTest.keyClick(form.field, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 120)
    assert form.field.text() == "290000000018"[:7] + "000018"


def test_a_scan_ending_with_tab_keeps_the_focus(form, qtbot):
    form.button.setFocus()
    with qtbot.waitSignal(form.detector.scanned, timeout=2000) as blocker:
        scan(form.button, "clienteling:card/2900000000018", Qt.Key.Key_Tab)
    assert blocker.args == ["clienteling:card/2900000000018"]
    assert form.button.hasFocus()


def test_a_burst_into_a_multiline_note_is_taken_back(form, qtbot):
    form.notes.setPlainText("Likes wool")
    form.notes.setFocus()
    cursor = form.notes.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    form.notes.setTextCursor(cursor)
    with qtbot.waitSignal(form.detector.scanned, timeout=2000):
        scan(form.notes, "4006381333931")
    assert form.notes.toPlainText() == "Likes wool"


def test_capital_letters_with_shift_stay_in_the_burst(form, qtbot):
    form.field.setFocus()
    with qtbot.waitSignal(form.detector.scanned, timeout=2000) as blocker:
        QTest.keyClicks(form.field, "SKU-1001")  # QTest presses Shift for the capitals
        QTest.keyClick(form.field, Qt.Key.Key_Enter)
    assert blocker.args == ["SKU-1001"]


def test_keys_outside_the_window_are_not_watched(form, qtbot):
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    with qtbot.assertNotEmitted(form.detector.scanned, wait=100):
        scan(other, "2900000000018")


# --- routed in the main window ---------------------------------------------------------------


def test_scanning_a_card_paints_the_customer_360(shell, qtbot, seeded):
    screen = shell.screen("customer")
    with qtbot.waitSignal(screen.painted, timeout=5000) as blocker:
        scan(shell.focusWidget() or shell, seeded.card)
    assert blocker.args == [seeded.customer_id]
    assert shell.current_screen_id() == "customer"
    assert screen.name_label.text().endswith(seeded.last_name)
    assert screen.isVisible()


def test_scanning_into_the_search_field_restores_it(shell, qtbot, seeded):
    search = shell.screen("lookup").search
    search.setFocus()
    QTest.keyClicks(search, "du", Qt.KeyboardModifier.NoModifier, 80)
    with qtbot.waitSignal(shell.scan_router.routed, timeout=5000):
        scan(search, seeded.card)
    assert search.text() == "du"
    assert shell.current_screen_id() == "customer"


def test_a_wrong_check_digit_asks_to_scan_again(shell, qtbot, seeded):
    wrong = seeded.card[:-1] + str((int(seeded.card[-1]) + 1) % 10)
    with qtbot.waitSignal(shell.scan_router.failed, timeout=5000):
        scan(shell.screen("lookup").search, wrong)
    assert shell.banner.label.text() == "The check digit does not match: scan the card again."
    assert shell.current_screen_id() == "lookup"


def test_an_unknown_card_says_no_customer_has_it(shell, qtbot):
    with qtbot.waitSignal(shell.scan_router.failed, timeout=5000) as blocker:
        scan(shell.screen("lookup").search, UNKNOWN_CARD)
    assert blocker.args[0].code == "customer.not_found"
    assert shell.banner.label.text().startswith("No customer has this card.")


def test_garbage_gets_a_clear_message(shell, qtbot):
    with qtbot.waitSignal(shell.scan_router.failed, timeout=5000):
        scan(shell.screen("lookup").search, "%%garbage%%")
    assert shell.banner.label.text() == (
        "This code is neither a loyalty card, a product nor a pickup code.")


def test_a_product_barcode_opens_the_product(shell, qtbot, facade):
    product = facade.catalog.search_products("a", limit=1)[0]
    assert product.ean
    with qtbot.waitSignal(shell.scan_router.routed, timeout=5000):
        scan(shell.screen("lookup").search, product.ean)
    screen = shell.current_screen()
    assert screen.screen_id == "product"
    # Painted with what the scan read (the replica's stock), then live figures follow.
    assert screen.product == product and screen.stock_model.rowCount() > 0
    assert screen.name_label.text() == product.name


def test_nothing_is_routed_before_sign_in(shell, qtbot, seeded):
    from PySide6.QtWidgets import QLabel

    other_page = QLabel("sign in")
    shell.pages.addWidget(other_page)
    shell.pages.setCurrentWidget(other_page)
    with qtbot.assertNotEmitted(shell.scan_router.routed, wait=300):
        scan(other_page, seeded.card)


# --- the camera ------------------------------------------------------------------------------


def _qr_image(payload: str):
    from PySide6.QtGui import QImage

    from clienteling.codes.qr import qr_png

    image = QImage.fromData(qr_png(payload, module_pixels=6))
    canvas = QImage(640, 480, QImage.Format.Format_RGB32)
    canvas.fill(Qt.GlobalColor.lightGray)
    from PySide6.QtGui import QPainter

    painter = QPainter(canvas)
    painter.drawImage(120, 40, image)
    painter.end()
    return canvas


def _yuv_frame(image, pixel_format):
    """A camera-like frame: the image's luminance in a Y plane (NV12) or packed (YUYV)."""
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    frame = QVideoFrame(QVideoFrameFormat(gray.size(), pixel_format))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    width, height = gray.width(), gray.height()
    stride = frame.bytesPerLine(0)
    plane = frame.bits(0)
    source = bytes(gray.constBits())
    for y in range(height):
        row = source[y * gray.bytesPerLine(): y * gray.bytesPerLine() + width]
        if pixel_format == QVideoFrameFormat.PixelFormat.Format_NV12:
            plane[y * stride: y * stride + width] = row
        else:  # YUYV: Y U Y V …
            packed = bytearray(width * 2)
            packed[0::2] = row
            packed[1::2] = b"\x80" * width
            plane[y * stride: y * stride + width * 2] = packed
    if frame.planeCount() > 1:
        chroma = frame.bits(1)
        chroma[:] = b"\x80" * len(chroma)
    frame.unmap()
    return frame


@pytest.fixture
def multimedia():
    """The camera module. Imported here, not at module level with importorskip: a broken
    camera module must fail the camera tests, not skip the keyboard-scan tests with them.
    Only a system without QtMultimedia's libraries (the module says so) skips."""
    import ui.scanner.camera

    if not ui.scanner.camera.MULTIMEDIA:
        pytest.skip("QtMultimedia cannot load here")
    return ui.scanner.camera


def test_the_camera_button_shows_only_with_a_camera(shell, multimedia, qtbot):
    screen = shell.screen("lookup")
    # Probed once the screen is shown, off the frame's first build.
    qtbot.waitUntil(lambda: screen.camera_probed, timeout=10_000)
    assert screen.camera_button.isVisibleTo(shell) == multimedia.camera_available()


@pytest.mark.qt_log_ignore("No RHI backend", "QBackingStore::flush")  # offscreen, no GPU
@pytest.mark.parametrize("kind", ["rgb", "nv12", "yuyv"])
def test_camera_frames_are_decoded_off_the_ui_thread(qtbot, kind, multimedia):
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    from clienteling.codes.qr import card_payload

    payload = card_payload("2900000000018")
    image = _qr_image(payload)
    frame = {"rgb": lambda: QVideoFrame(image),
             "nv12": lambda: _yuv_frame(image, QVideoFrameFormat.PixelFormat.Format_NV12),
             "yuyv": lambda: _yuv_frame(image, QVideoFrameFormat.PixelFormat.Format_YUYV)}[kind]()
    plane = multimedia.luminance_plane(frame)
    assert plane is not None and plane[1:3] == (640, 480)
    dialog = multimedia.CameraScanDialog(start_camera=False)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.code_found, timeout=5000) as blocker:
        dialog.sink.setVideoFrame(frame)
    assert blocker.args == [payload]
    assert not dialog.isVisible()


@pytest.mark.qt_log_ignore("No RHI backend", "QBackingStore::flush")  # offscreen, no GPU
def test_frames_without_a_code_keep_the_camera_looking(qtbot, multimedia):
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QVideoFrame

    blank = QImage(320, 240, QImage.Format.Format_RGB32)
    blank.fill(Qt.GlobalColor.white)
    dialog = multimedia.CameraScanDialog(start_camera=False)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.assertNotEmitted(dialog.code_found, wait=300):
        dialog.sink.setVideoFrame(QVideoFrame(blank))
        qtbot.waitUntil(lambda: dialog.frames_decoded == 1, timeout=5000)
    assert dialog.isVisible()


def test_a_card_number_typed_by_hand_then_enter_opens_the_customer(shell, qtbot, seeded):
    search = shell.screen("lookup").search
    search.setFocus()
    with qtbot.waitSignal(shell.scan_router.routed, timeout=10_000):
        type_slowly(search, seeded.card, then=Qt.Key.Key_Return)
    assert shell.current_screen_id() == "customer"
    assert shell.screen("customer").customer_id == seeded.customer_id
