"""SVG icons from `resources/icons`, tinted to a colour of the palette and cached."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

import resources

# The colour the SVG files are drawn with; replaced by the wanted tint when loaded.
_DRAWN_WITH = "#1f2933"
INK = "#1f2933"
MUTED = "#5b6670"
ACCENT = "#0b6e69"
ON_ACCENT = "#ffffff"


@lru_cache(maxsize=512)
def _svg(name: str, color: str) -> QByteArray:
    text = resources.icon_path(name).read_text(encoding="utf-8")
    return QByteArray(text.replace(_DRAWN_WITH, color).encode("utf-8"))


@lru_cache(maxsize=256)
def _renderer(name: str, color: str) -> QSvgRenderer:
    return QSvgRenderer(_svg(name, color))


def pixmap(name: str, size: int, color: str = INK, device_pixel_ratio: float = 1.0) -> QPixmap:
    """Icon `name` drawn at `size` logical pixels in `color`."""
    renderer = _renderer(name, color)
    side = max(1, round(size * device_pixel_ratio))
    image = QPixmap(side, side)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    image.setDevicePixelRatio(device_pixel_ratio)
    return image


@lru_cache(maxsize=256)
def icon(name: str, color: str = INK, checked_color: str | None = None) -> QIcon:
    """A QIcon of `name`; with `checked_color`, a checked button shows it in that colour.

    One crisp 64 px drawing per state: QIcon scales it down to the size asked (rail, header,
    buttons all sit between 16 and 32 logical pixels at up to 2x), and makes the disabled look
    itself. Drawing every size up front cost half a second when the first screen opened.
    """
    result = QIcon()
    result.addPixmap(pixmap(name, 64, color), QIcon.Mode.Normal, QIcon.State.Off)
    if checked_color:
        result.addPixmap(pixmap(name, 64, checked_color), QIcon.Mode.Normal, QIcon.State.On)
    return result
