"""Render the app's icon (packaging/linux/clienteling.svg) to the Windows .ico or the macOS
.icns the bundles need, with Qt's own image writers (no other tool on the build machine).

    python packaging/app_icon.py packaging/windows/clienteling.ico
    python packaging/app_icon.py packaging/macos/clienteling.icns
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).with_name("linux") / "clienteling.svg"


def render(target: Path) -> None:
    """Write the icon at the largest size the format keeps (it scales down for smaller ones)."""
    size = 256 if target.suffix == ".ico" else 1024
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SOURCE)).render(painter)
    painter.end()
    if not image.save(str(target)):
        raise SystemExit(f"Qt cannot write {target} (no image plugin for {target.suffix})")


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    for name in sys.argv[1:]:
        render(Path(name))
