"""The loyalty card's QR code: the view painted module by module, and the full-screen dialog
that shows and prints it. The matrix is made in a worker (`clienteling.codes.qr.qr_matrix`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clienteling.codes.qr import card_payload, qr_matrix
from ui import kit, workers
from ui.models.vocabulary import format_card


def _matrix_image(matrix: list[list[bool]]) -> QImage:
    """The QR matrix as a gray image, one pixel per module."""
    count = len(matrix)
    data = bytes(0 if dark else 255 for row in matrix for dark in row)
    return QImage(data, count, count, count, QImage.Format.Format_Grayscale8).copy()


class QrCodeView(QWidget):
    """A QR code painted module by module: sharp at any size (a phone, a full screen, paper)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self._image: QImage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_matrix(self, matrix: list[list[bool]]) -> None:
        """A matrix made beforehand (in a worker: making a QR code takes tens of ms)."""
        self._matrix = matrix
        self._image = None
        self.update()

    def has_code(self) -> bool:
        return bool(self._matrix)

    def sizeHint(self) -> QSize:
        return QSize(120, 120)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paint_on(self, painter: QPainter, area: QRectF) -> None:
        side = min(area.width(), area.height())
        painter.fillRect(area, QColor("#ffffff"))
        if not self._matrix:
            return
        count = len(self._matrix)
        module = side / count
        left = area.left() + (area.width() - side) / 2
        top = area.top() + (area.height() - side) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    # A hair of overlap: no white seams between modules when scaled.
                    painter.drawRect(QRectF(left + x * module, top + y * module,
                                            module + 0.3, module + 0.3))

    def paintEvent(self, event: QPaintEvent) -> None:
        # On screen: one image, one pixel per module, scaled by a whole number of pixels
        # (sharp edges, one call instead of hundreds of rectangles). Paper gets `paint_on`.
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self._matrix:
            if self._image is None:
                self._image = _matrix_image(self._matrix)
            count = len(self._matrix)
            module = max(1, min(self.width(), self.height()) // count)
            side = module * count
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(QRect((self.width() - side) // 2, (self.height() - side) // 2,
                                    side, side), self._image)
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class CardQrDialog(QDialog):
    """The loyalty card's QR, as large as the screen allows, to show the customer or print."""

    def __init__(self, name: str, card: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardQr")
        self.setWindowTitle(self.tr("Loyalty card of %1").replace("%1", name))
        self.setAccessibleName(self.windowTitle())
        self._name = name
        self._card = card
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        title = kit.label(self, "title")
        title.setText(name)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.code = QrCodeView(self)
        self.code.setAccessibleName(self.tr("QR code of the loyalty card"))
        # Made in a worker (the best mask, for paper, takes a few times the quick one).
        workers.run(qr_matrix, card_payload(card), owner=self, name="card QR for print",
                    on_result=self.code.set_matrix)
        self.code.setMinimumSize(QSize(280, 280))
        layout.addWidget(self.code, 1)
        number = kit.label(self, "subtitle")
        number.setText(format_card(card))
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(number)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = kit.button(self, self.tr("Print"), "qr")
        self.print_button.clicked.connect(self.print_card)
        buttons.addWidget(self.print_button)
        close = kit.button(self, self.tr("Close"), "close", primary=True)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def print_card(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the loyalty card"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.render_to(printer)

    def render_to(self, printer: Any) -> None:
        """The card's QR (5 cm wide) with the name and number under it, on one page."""
        painter = QPainter(printer)
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        dpi = printer.resolution()
        side = 5 / 2.54 * dpi
        area = QRectF(page.left() + (page.width() - side) / 2, page.top() + dpi, side, side)
        self.code.paint_on(painter, area)
        painter.setPen(QColor("#000000"))
        text_area = QRectF(page.left(), area.bottom() + dpi * 0.2, page.width(), dpi)
        painter.drawText(text_area, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                         f"{self._name}\n{format_card(self._card)}")
        painter.end()
