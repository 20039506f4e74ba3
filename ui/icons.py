"""SVG icons from `resources/icons`, tinted to a colour of the palette and cached."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

import resources

# The colour the SVG files are drawn with; replaced by the wanted tint when loaded.
_DRAWN_WITH = "#1f2933"
INK = "#1f2933"
MUTED = "#5b6670"
ACCENT = "#0b6e69"
ON_ACCENT = "#ffffff"
ICON_SIDE = 64  # the one drawing of a QIcon, scaled down by Qt to the size shown


@lru_cache(maxsize=512)
def _svg(name: str, color: str) -> bytes:
    text = resources.icon_path(name).read_text(encoding="utf-8")
    return text.replace(_DRAWN_WITH, color).encode("utf-8")


# Drawn icons by (name, side in device pixels, colour). Plain images, so that a worker can
# draw the ones the signed-in frame shows while the app opens (`prewarm`): drawing an icon is
# a few milliseconds, and the frame's first build after sign-in used to draw a dozen.
_images: dict[tuple[str, int, str], QImage] = {}


def _draw(name: str, side: int, color: str) -> QImage:
    """The icon drawn into an image (thread-safe: its own renderer, painter and image)."""
    key = (name, side, color)
    image = _images.get(key)
    if image is not None:
        return image
    renderer = QSvgRenderer(QByteArray(_svg(name, color)))
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    _images[key] = image
    return image


def prewarm(wanted: Iterable[tuple[str, str] | tuple[str, str, int]]) -> int:
    """Draw (name, colour[, side]) icons ahead of their first use (64 px: `icon`'s size); for a
    worker. Returns how many were drawn."""
    drawn = 0
    for name, color, *side in wanted:
        key = (name, side[0] if side else ICON_SIDE, color)
        if key not in _images:
            _draw(key[0], key[1], key[2])
            drawn += 1
    return drawn


def pixmap(name: str, size: int, color: str = INK, device_pixel_ratio: float = 1.0) -> QPixmap:
    """Icon `name` drawn at `size` logical pixels in `color`."""
    side = max(1, round(size * device_pixel_ratio))
    image = QPixmap.fromImage(_draw(name, side, color))
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
    result.addPixmap(pixmap(name, ICON_SIDE, color), QIcon.Mode.Normal, QIcon.State.Off)
    if checked_color:
        result.addPixmap(pixmap(name, ICON_SIDE, checked_color), QIcon.Mode.Normal,
                         QIcon.State.On)
    return result
