"""The loyalty card's QR code: the full-screen dialog that shows and prints it (the view,
painted module by module, is the kit's `QrCodeView`). The matrix is made in a worker
(`clienteling.codes.qr.qr_matrix`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from clienteling.codes.qr import card_payload, qr_matrix
from ui import kit, workers
from ui.kit.qr import QrCodeView
from ui.models.vocabulary import format_card


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
