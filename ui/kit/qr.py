"""A QR code painted module by module: sharp at any size (a phone, a full screen, paper).
The matrix is made beforehand, in a worker (`clienteling.codes.qr.qr_matrix`)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


def _matrix_image(matrix: list[list[bool]]) -> QImage:
    """The QR matrix as a gray image, one pixel per module."""
    count = len(matrix)
    data = bytes(0 if dark else 255 for row in matrix for dark in row)
    return QImage(data, count, count, count, QImage.Format.Format_Grayscale8).copy()


def paint_matrix(painter: QPainter, matrix: list[list[bool]], area: QRectF) -> None:
    """The matrix module by module in `area` (paper: a printer or a PDF, any thread)."""
    side = min(area.width(), area.height())
    painter.fillRect(area, QColor("#ffffff"))
    if not matrix:
        return
    count = len(matrix)
    module = side / count
    left = area.left() + (area.width() - side) / 2
    top = area.top() + (area.height() - side) / 2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#000000"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                # A hair of overlap: no white seams between modules when scaled.
                painter.drawRect(QRectF(left + x * module, top + y * module,
                                        module + 0.3, module + 0.3))


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
        paint_matrix(painter, self._matrix, area)

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
