"""A horizontal bar chart painted with QPainter: one bar per label, the value's text at its end.

Our own widget rather than Qt Charts (GPLv3 or commercial, see the README's dependencies) or a
plotting library: the KPIs need a few labelled bars, which take less code to paint than to
configure elsewhere, in the app's own colours and fonts, accessible as text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import icons

BAR_HEIGHT = 22
ROW_GAP = 12
TRACK = "#e6ebee"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # its length, against the largest bar (or `scale`)
    text: str  # what is written at its end (the value, formatted)


class BarChart(QWidget):
    """Bars for `set_bars`; `scale` fixes the full length (1.0 for shares), else the largest
    value fills the width. The bars are read out as its accessible description."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name)
        self._bars: list[Bar] = []
        self._scale: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar], *, title: str, scale: float | None = None) -> None:
        self._bars = list(bars)
        self._scale = scale
        self.setAccessibleName(title)
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.text}" for b in bars))
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        rows = max(len(self._bars), 1)
        return QSize(320, rows * (BAR_HEIGHT + ROW_GAP) + ROW_GAP)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        label_width = max((metrics.horizontalAdvance(b.label) for b in self._bars), default=0)
        text_width = max((metrics.horizontalAdvance(b.text) for b in self._bars), default=0)
        left = label_width + 12
        track = max(self.width() - left - text_width - 12, 10)
        top_value = self._scale or max((b.value for b in self._bars), default=0.0) or 1.0
        for i, bar in enumerate(self._bars):
            y = ROW_GAP + i * (BAR_HEIGHT + ROW_GAP)
            row = QRectF(0, y, label_width, BAR_HEIGHT)
            painter.setPen(QColor(icons.INK))
            painter.drawText(row, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                             bar.label)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(TRACK))
            painter.drawRoundedRect(QRectF(left, y, track, BAR_HEIGHT), 4, 4)
            length = track * max(0.0, min(bar.value / top_value, 1.0))
            if length > 0:
                painter.setBrush(QColor(icons.ACCENT))
                painter.drawRoundedRect(QRectF(left, y, max(length, 3.0), BAR_HEIGHT), 4, 4)
            painter.setPen(QColor(icons.INK))
            painter.drawText(QRectF(left + track + 8, y, text_width + 4, BAR_HEIGHT),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             bar.text)
        painter.end()
