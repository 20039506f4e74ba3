"""The Clients section's home: find a customer by typing, scanning, the camera or a picture.

Results come as the seller types: the search runs in a worker a moment after the last key
(debounced), and an answer to an older text is dropped when a newer one was asked. Enter opens
the first result of what is typed now (waiting for its answer if need be); typed text that is a
code (a card number, a customer or pickup QR's text) is routed like a scan instead.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QEvent,
    QIODevice,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from clienteling.codes.images import decode_image_bytes, decode_image_file, first_code
from clienteling.domain.cards import looks_like_card
from ui import icons, messages, workers
from ui.models.customers import CustomerListModel
from ui.screen import Screen, Shell

if TYPE_CHECKING:
    from clienteling.device import Device

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 120
CAMERA_PROBE_DELAY_MS = 1000
RESULT_LIMIT = 50


def looks_like_code(text: str) -> bool:
    """Typed text that is surely a code rather than words: a card number or a QR's text."""
    low = text.strip().lower()
    return looks_like_card(low) or low.startswith(("clienteling:", "https://"))


class CustomerDelegate(QStyledItemDelegate):
    """Two lines per customer (name; card · email · phone) and the tier on the right, 64 px
    high so a finger hits the row it means."""

    ROW_HEIGHT = 64

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width(), self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, Qt.GlobalColor.transparent)
            painter.fillRect(option.rect, QColor("#e6f2f1"))
        rect = option.rect.adjusted(16, 8, -16, -8)
        tier = index.data(CustomerListModel.TierRole) or ""
        pending = index.data(CustomerListModel.SyncRole) or ""
        right = " · ".join(p for p in (pending, tier) if p)
        name_font = QFont(option.font)
        # The style sheet sizes fonts in pixels: scale whichever unit the font has.
        if name_font.pixelSize() > 0:
            name_font.setPixelSize(round(name_font.pixelSize() * 1.1))
        elif name_font.pointSizeF() > 0:
            name_font.setPointSizeF(name_font.pointSizeF() * 1.1)
        name_font.setBold(True)
        painter.setFont(option.font)
        right_width = painter.fontMetrics().horizontalAdvance(right) + 8 if right else 0
        text_rect = QRect(rect.left(), rect.top(), rect.width() - right_width, rect.height())
        painter.setFont(name_font)
        painter.setPen(QColor(icons.INK))
        half = text_rect.height() // 2
        name = painter.fontMetrics().elidedText(index.data() or "", Qt.TextElideMode.ElideRight,
                                                text_rect.width())
        painter.drawText(text_rect.adjusted(0, 0, 0, -half),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
        painter.setFont(option.font)
        painter.setPen(QColor(icons.MUTED))
        sub = painter.fontMetrics().elidedText(index.data(CustomerListModel.SubtitleRole) or "",
                                               Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect.adjusted(0, half, 0, 0),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), sub)
        if right:
            painter.setPen(QColor("#8a5a00" if pending else icons.ACCENT))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight
                                       | Qt.AlignmentFlag.AlignVCenter), right)
        painter.setPen(QColor("#eceff1"))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()


class LookupScreen(Screen):
    """One search field, the results, and the other ways in: camera, picture, enrolment."""

    screen_id = "lookup"
    build_icons = (("search", icons.MUTED), ("camera", icons.INK), ("image", icons.INK),
                   ("qr", icons.INK), ("add", icons.INK), ("add", icons.ON_ACCENT))

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.model = CustomerListModel(self)
        self._generation = 0
        self._shown_text = ""  # the text the shown results answer
        self._task: workers.Task | None = None
        self._open_first_when_ready = False
        self._offline = False

        # An explicit minimum: the window may shrink to portrait, where the bar reflows.
        self.setMinimumSize(360, 400)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)

        # One row on a wide screen; the search alone on the first row when narrow (portrait).
        bar = QGridLayout()
        bar.setHorizontalSpacing(8)
        bar.setVerticalSpacing(8)
        self._bar = bar
        self.search = QLineEdit(self)
        self.search.setObjectName("customerSearch")
        self.search.setAccessibleName(self.tr("Search customers"))
        self.search.setPlaceholderText(self.tr("Name, email, phone or card number"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search", icons.MUTED),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumHeight(48)
        self.search.textChanged.connect(self._on_text_changed)
        self.search.returnPressed.connect(self._on_enter)
        self.search.installEventFilter(self)  # Up/Down move through the results

        self.camera_button = self._tool_button("camera", self.tr("Scan with the camera"))
        self.camera_button.clicked.connect(self.scan_with_camera)
        # Hidden until the camera is probed: QtMultimedia's import and its list of cameras
        # cost tens of milliseconds, too much for the frame's first build after sign-in. The
        # app has them ready before (AppSession.prepare_camera); otherwise the probe runs a
        # moment after the screen shows, the import in a worker, the list in a turn of its own.
        self.camera_button.hide()
        self.camera_probed = False  # True once the button shows what the probe found
        self._camera_probing = False
        camera = sys.modules.get("ui.scanner.camera")
        if camera is not None and (camera.camera_problem() is not None
                                   or camera.backend_started()):
            self._probe_camera()  # cheap now: a variable read, or Qt's list of cameras
        self.image_button = self._tool_button("image", self.tr("Open image"))
        self.image_button.clicked.connect(self.choose_image)
        self.paste_button = self._tool_button("qr", self.tr("Paste image"))
        self.paste_button.clicked.connect(self.paste_image)
        self.enrol_button = self._tool_button("add", self.tr("New customer"))
        self.enrol_button.setProperty("primary", True)
        self.enrol_button.setIcon(icons.icon("add", icons.ON_ACCENT))
        self.enrol_button.clicked.connect(lambda: self.shell.show_screen("enrol"))
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(8)
        for button in (self.camera_button, self.image_button, self.paste_button):
            self._buttons.addWidget(button)
        self._buttons.addStretch(1)
        self._buttons.addWidget(self.enrol_button)
        self._narrow: bool | None = None
        self._place_bar(narrow=False)
        layout.addLayout(bar)

        self.note = QLabel(self)
        self.note.setObjectName("lookupNote")
        self.note.setProperty("role", "muted")
        self.note.setAccessibleName(self.tr("Search status"))
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)

        self.results = QListView(self)
        self.results.setObjectName("customerResults")
        self.results.setAccessibleName(self.tr("Customers found"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(CustomerDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.activated.connect(self._open_index)
        self.results.clicked.connect(self._open_index)
        QScroller.grabGesture(self.results.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        layout.addWidget(self.results, 1)

        self.empty = QLabel(self)
        self.empty.setObjectName("lookupEmpty")
        self.empty.setProperty("role", "empty")
        self.empty.setAccessibleName(self.tr("No results"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)

        # On the window: Ctrl+F finds a customer from any screen.
        window = self.shell if isinstance(self.shell, QWidget) else self
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), window)
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self.focus_search)

        self.setTabOrder(self.search, self.camera_button)
        self.setTabOrder(self.camera_button, self.image_button)
        self.setTabOrder(self.image_button, self.paste_button)
        self.setTabOrder(self.paste_button, self.enrol_button)
        self.setTabOrder(self.enrol_button, self.results)
        self._show_state()

    def _tool_button(self, icon: str, label: str) -> QPushButton:
        button = QPushButton(icons.icon(icon, icons.INK), label, self)
        button.setAccessibleName(label)
        button.setIconSize(QSize(22, 22))
        button.setMinimumHeight(48)
        button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        return button

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self.camera_probed:
            # A moment after the screen shows (the app usually has the camera ready by then).
            QTimer.singleShot(CAMERA_PROBE_DELAY_MS, self, self._probe_camera)

    def _probe_camera(self) -> None:
        """Show the camera button when there is a camera (or say why it cannot work)."""
        if self.camera_probed or self._camera_probing:
            return
        self._camera_probing = True
        if "ui.scanner.camera" in sys.modules:
            self._probe_loaded_camera()
            return
        # QtMultimedia's import (tens of milliseconds) in a worker, off the cold start's path.
        workers.run(importlib.import_module, "ui.scanner.camera", owner=self,
                    name="import the camera", on_result=lambda _m: self._probe_loaded_camera(),
                    on_error=self._camera_failed)

    def _camera_failed(self, error: BaseException) -> None:
        log.warning("no camera: %r", error)
        self.camera_probed = True  # the button stays hidden

    def _probe_loaded_camera(self) -> None:
        if not self._show_camera_problem():
            # The list of cameras (QtMultimedia's backend starts here if the app has not
            # started it: 15-100 ms) stays on the UI thread: the backend's objects live there.
            self.camera_button.setVisible(_camera_available())
        self.camera_probed = True

    def _show_camera_problem(self) -> bool:
        """When QtMultimedia cannot load, the button says why instead of scanning; True then."""
        problem = _camera_problem()
        if problem is None:
            return False
        if self.camera_button.toolTip():
            return True  # said already
        # Not hidden: the seller's IT learns what to install instead of a missing button.
        # An icon alone, as narrow as a touch target: it takes little room from the
        # buttons that work; a tap says why (tablets show no tooltips).
        self.camera_button.setText("")
        self.camera_button.setFixedWidth(44)
        self.camera_button.setToolTip(
            self.tr("The camera cannot work on this device: %1").replace("%1", problem))
        self.camera_button.setAccessibleDescription(self.camera_button.toolTip())
        self.camera_button.clicked.disconnect(self.scan_with_camera)
        self.camera_button.clicked.connect(
            lambda: self.shell.notify(self.camera_button.toolTip(), "warning"))
        self.camera_button.show()
        return True

    def _place_bar(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self._bar.removeWidget(self.search)
        self._bar.removeItem(self._buttons)
        if narrow:
            self._bar.addWidget(self.search, 0, 0)
            self._bar.addLayout(self._buttons, 1, 0)
        else:
            self._bar.addWidget(self.search, 0, 0)
            self._bar.addLayout(self._buttons, 0, 1)
            self._bar.setColumnStretch(0, 1)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place_bar(narrow=self.width() < 900)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
                and self.model.rowCount()):
            row = self.results.currentIndex().row()
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(0, row + step), self.model.rowCount() - 1)
            self.results.setCurrentIndex(self.model.index(row, 0))
            return True
        return False

    # -- Screen ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Clients")

    def enter(self, **params: Any) -> None:
        query = params.get("query")
        if isinstance(query, str):
            self.search.setText(query)
        self.focus_search()

    def handle_escape(self) -> bool:
        if self.search.text():
            self.search.clear()
            return True
        return False

    def focus_search(self) -> None:
        if self.shell.current_screen() is not self and self.shell.has_screen(self.screen_id):
            self.shell.show_screen(self.screen_id)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def screenshot_states(self) -> list[tuple[str, Any]]:
        return [("empty", lambda: self.search.clear()),
                ("results", lambda: self._search_now("le")),
                ("no_match", lambda: self._search_now("zzqx"))]

    # -- searching -------------------------------------------------------------------------
    def _on_text_changed(self, _text: str) -> None:
        self._open_first_when_ready = False
        self._timer.start()

    def _search_now(self, text: str) -> None:
        self.search.setText(text)
        self._timer.stop()
        self._run_search()

    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if not text:
            self._shown_text = ""
            self.model.set_customers([])
            self._show_state()
            return
        device = self.shell.device
        self._task = workers.run(
            _search, device, text, owner=self, name="search customers",
            on_result=lambda answer: self._on_results(generation, text, answer),
            on_error=lambda error: self._on_search_error(generation, error))

    def _on_results(self, generation: int, text: str, answer: tuple[list, bool]) -> None:
        if generation != self._generation:
            return  # an answer to a text the seller has typed past
        self._task = None
        customers, offline = answer
        self._offline = offline
        self._shown_text = text
        self.model.set_customers(customers)
        self._show_state()
        if customers:
            self.results.setCurrentIndex(self.model.index(0, 0))
        if self._open_first_when_ready:
            self._open_first_when_ready = False
            if customers:
                self._open(customers[0].customer_id)

    def _on_search_error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._open_first_when_ready = False
        self.model.set_customers([])
        self.empty.setText(messages.for_error(error))
        self.empty.setProperty("role", "error")
        self._restyle(self.empty)
        self.results.hide()
        self.empty.show()

    def _show_state(self) -> None:
        text = self._shown_text
        has_rows = self.model.rowCount() > 0
        self.results.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.empty.setProperty("role", "empty")
        self._restyle(self.empty)
        if not text:
            self.empty.setText(self.tr("Type a name, an email, a phone or scan a card"))
        elif not has_rows:
            self.empty.setText(self.tr("No customer matches «%1»").replace("%1", text))
        if self._offline and text:
            self.note.setText(self.tr("Offline: searching this store's customers only"))
            self.note.show()
        elif has_rows and self.model.rowCount() >= RESULT_LIMIT:
            self.note.setText(self.tr("The first %n customers: type more to narrow down", None,
                                      RESULT_LIMIT))
            self.note.show()
        else:
            self.note.hide()

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- opening ---------------------------------------------------------------------------
    def _on_enter(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        if looks_like_code(text):
            self.shell.scan_router.route(text)
            return
        current = self._timer.isActive() or self._task is not None or text != self._shown_text
        if current:
            # The shown results answer an older text: open the first one of this text.
            self._open_first_when_ready = True
            self._timer.stop()
            self._run_search()
            return
        first = self.model.customer(max(0, self.results.currentIndex().row()))
        if first is not None:
            self._open(first.customer_id)

    def _open_index(self, index: QModelIndex) -> None:
        customer = self.model.customer(index.row())
        if customer is not None:
            self._open(customer.customer_id)

    def _open(self, customer_id: str) -> None:
        self.shell.show_screen("customer", customer_id=customer_id)

    # -- camera and pictures ---------------------------------------------------------------
    def scan_with_camera(self) -> None:
        from ui.scanner.camera import CameraScanDialog

        dialog = CameraScanDialog(self)
        dialog.code_found.connect(self.shell.scan_router.route)
        dialog.open()

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open an image with a QR code"), "",
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff)"))
        if path:
            self.open_image_file(path)

    def open_image_file(self, path: str) -> workers.Task:
        """Decode the QR code (or barcode) in the picture at `path` and route it."""
        return workers.run(lambda: first_code(decode_image_file(path)), owner=self,
                           name="decode image", on_result=self.shell.scan_router.route,
                           on_error=self.shell.show_error)

    def paste_image(self) -> workers.Task | None:
        """Decode the QR code in the picture on the clipboard."""
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.shell.notify(self.tr("The clipboard holds no image: copy a picture of the "
                                      "QR code first."), "warning")
            return None
        # Encoding and decoding both in the worker (a QImage may be used off the UI thread).
        return workers.run(lambda: first_code(decode_image_bytes(_png_bytes(image),
                                                                 name="clipboard")),
                           owner=self, name="decode clipboard",
                           on_result=self.shell.scan_router.route,
                           on_error=self.shell.show_error)


def _png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # QBuffer is a QIODevice
    return bytes(buffer.data().data())


def _search(device: Device, text: str) -> tuple[list, bool]:
    customers = device.customers.search_customers(text, limit=RESULT_LIMIT)
    offline = device.sync.sync_status().state in ("offline", "needs_sign_in")
    return customers, offline


def _camera_available() -> bool:
    from ui.scanner.camera import camera_available

    return camera_available()


def _camera_problem() -> str | None:
    from ui.scanner.camera import camera_problem

    return camera_problem()


