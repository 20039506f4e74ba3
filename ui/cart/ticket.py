"""The order's ticket: printed through Qt's printing support when a printer exists, otherwise
written as a PDF in the data directory (and opened). The words are made on the UI thread
(translated); painting and the file happen in a worker."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from clienteling.codes.qr import qr_matrix
from ui.kit.qr import paint_matrix


@dataclass(frozen=True)
class Ticket:
    """What the ticket says, already in the seller's language."""

    heading: str  # the store
    order_line: str  # "Order PAR01-…"
    lines: tuple[str, ...]  # "2 × Veste en laine   378,00 €", each line's source
    totals: tuple[str, ...]  # fee, total, payment
    when: str  # ready by / delivered by
    footer: str  # "Show this code at the counter"
    pickup_payload: str | None = None
    matrix: list[list[bool]] = field(default_factory=list)


def has_printer() -> bool:
    """Whether the system knows a printer (asked off the UI thread: CUPS may be slow)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return bool(QPrinterInfo.availablePrinterNames())


def with_matrix(ticket: Ticket) -> Ticket:
    """The ticket with its pickup QR's matrix made (in a worker)."""
    if not ticket.pickup_payload or ticket.matrix:
        return ticket
    return replace(ticket, matrix=qr_matrix(ticket.pickup_payload))


def render(device: Any, ticket: Ticket) -> None:
    """Paint the ticket on a printer or a PDF writer: the words, then the pickup QR 5 cm wide."""
    painter = QPainter(device)
    try:
        dpi = device.resolution()
        layout = device.pageLayout()
        page = layout.paintRectPixels(dpi)
        y = float(page.top())
        width = float(page.width())

        def write(text: str, size: float, bold: bool = False, gap: float = 0.08) -> None:
            nonlocal y
            font = QFont()
            font.setPointSizeF(size)
            font.setBold(bold)
            painter.setFont(font)
            painter.setPen(QColor("#000000"))
            box = painter.boundingRect(QRectF(page.left(), y, width, dpi * 4),
                                       int(Qt.TextFlag.TextWordWrap), text)
            painter.drawText(QRectF(page.left(), y, width, box.height()),
                             int(Qt.TextFlag.TextWordWrap), text)
            y += box.height() + dpi * gap

        write(ticket.heading, 16, bold=True)
        write(ticket.order_line, 13, bold=True, gap=0.2)
        for line in ticket.lines:
            write(line, 10)
        y += dpi * 0.1
        for line in ticket.totals:
            write(line, 11, bold=True)
        if ticket.when:
            write(ticket.when, 11, gap=0.2)
        if ticket.matrix:
            side = 5 / 2.54 * dpi
            paint_matrix(painter, ticket.matrix,
                         QRectF(page.left() + (width - side) / 2, y, side, side))
            y += side + dpi * 0.15
        if ticket.footer:
            write(ticket.footer, 10)
    finally:
        painter.end()


def write_pdf(path: Path, ticket: Ticket) -> Path:
    """The ticket as an A5 PDF at `path` (in a worker)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5),
                                     QPageLayout.Orientation.Portrait, QMarginsF(12, 12, 12, 12),
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(ticket.order_line)
    render(writer, with_matrix(ticket))
    return path
