"""The device's camera as a QR code scanner: a live preview, frames decoded off the UI thread.

Frames arrive many times a second; one at a time is decoded (never two in flight, at most one
every `DECODE_INTERVAL_MS`), from its luminance plane only: a Y plane (NV12, YUV 4:2:0…) is
handed over as it is, packed YUV and RGB frames are reduced to gray first. QtMultimedia is
optional: without a camera the camera button is not shown; when QtMultimedia cannot load (a
system library missing, e.g. libpulse0) the button is shown disabled, saying why, and the log
says it too.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QLoggingCategory, QSize, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clienteling.codes.images import decode_gray_frame
from ui import icons, messages, qt_platform, workers

log = logging.getLogger(__name__)

# QtMultimedia probes for optional GPU and PipeWire libraries and warns when they are absent;
# the camera works without them, and a Qt warning would read like a fault to the seller's IT.
QLoggingCategory.setFilterRules(
    "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false")

try:
    from PySide6.QtMultimedia import (
        QCamera,
        QMediaCaptureSession,
        QMediaDevices,
        QVideoFrame,
        QVideoFrameFormat,
        QVideoSink,
    )
    from PySide6.QtMultimediaWidgets import QVideoWidget
except ImportError as exc:  # the system lacks a library QtMultimedia needs (libpulse…)
    MULTIMEDIA = False
    MULTIMEDIA_PROBLEM: str | None = qt_platform.multimedia_problem(exc)
    log.warning("no camera: %s", MULTIMEDIA_PROBLEM)
else:
    MULTIMEDIA = True
    MULTIMEDIA_PROBLEM = None

DECODE_INTERVAL_MS = 150


_backend_started = False


def camera_available() -> bool:
    """True when QtMultimedia works here and the system lists at least one camera.

    The first call starts QtMultimedia's backend (its plugin and FFmpeg's libraries are
    loaded): 15 ms on a quiet machine, over 100 ms on a busy one. It must be made on the UI
    thread (the backend's objects live in the thread that starts it); the app makes it while
    its window shows "Opening…", before any screen needs it (`backend_started`)."""
    global _backend_started
    if not MULTIMEDIA:
        return False
    found = bool(QMediaDevices.videoInputs())
    _backend_started = True
    return found


def backend_started() -> bool:
    """True once `camera_available` has been asked: asking again is cheap (Qt keeps the list
    of cameras, and follows cameras plugged in or out)."""
    return _backend_started


def camera_problem() -> str | None:
    """Why the camera cannot work on this system (a library QtMultimedia needs is missing),
    for IT; None when QtMultimedia loads (with or without a camera plugged in)."""
    return MULTIMEDIA_PROBLEM


if MULTIMEDIA:
    _PF = QVideoFrameFormat.PixelFormat
    # Planar and semi-planar YUV: plane 0 is the 8-bit luminance, as zxing wants it.
    _Y_PLANE = frozenset({_PF.Format_NV12, _PF.Format_NV21, _PF.Format_YUV420P,
                          _PF.Format_YUV422P, _PF.Format_YV12, _PF.Format_IMC1, _PF.Format_IMC2,
                          _PF.Format_IMC3, _PF.Format_IMC4, _PF.Format_Y8})
    # Packed formats: (offset of the luminance byte, bytes per pixel). For 16-bit samples
    # (little-endian), the high byte is the one that matters.
    _PACKED = {_PF.Format_YUYV: (0, 2), _PF.Format_UYVY: (1, 2), _PF.Format_AYUV: (1, 4),
               _PF.Format_AYUV_Premultiplied: (1, 4), _PF.Format_Y16: (1, 2),
               _PF.Format_P010: (1, 2), _PF.Format_P016: (1, 2)}


def luminance_plane(frame: Any) -> tuple[bytes, int, int, int] | None:
    """(gray bytes, width, height, bytes per row) of a QVideoFrame, copied out of the frame so
    the frame can be released at once; None when the frame cannot be read."""
    if not frame.isValid():
        return None
    width, height = frame.width(), frame.height()
    pixel_format = frame.pixelFormat()
    if pixel_format in _Y_PLANE or pixel_format in _PACKED:
        if not frame.map(QVideoFrame.MapMode.ReadOnly):
            return None
        try:
            stride = frame.bytesPerLine(0)
            data = memoryview(frame.bits(0))
            if pixel_format in _Y_PLANE:
                return bytes(data[: stride * height]), width, height, stride
            offset, step = _PACKED[pixel_format]
            return bytes(data[offset: stride * height: step]), width, height, stride // step
        finally:
            frame.unmap()
    image_format = QVideoFrameFormat.imageFormatFromPixelFormat(pixel_format)
    if image_format != QImage.Format.Format_Invalid:
        if not frame.map(QVideoFrame.MapMode.ReadOnly):
            return None
        try:
            wrapped = QImage(frame.bits(0), width, height, frame.bytesPerLine(0), image_format)
            gray = wrapped.convertToFormat(QImage.Format.Format_Grayscale8)
        finally:
            frame.unmap()
    else:
        # Anything else (compressed, exotic): Qt converts it.
        gray = frame.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    if gray.isNull():
        return None
    return bytes(gray.constBits()), gray.width(), gray.height(), gray.bytesPerLine()


class CameraScanDialog(QDialog):
    """A live view of the camera; closes itself and emits `code_found` at the first code."""

    code_found = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, device: Any = None,
                 start_camera: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("cameraScan")
        self.setWindowTitle(self.tr("Scan a QR code"))
        self.setAccessibleName(self.tr("Scan a QR code"))
        self.setModal(True)
        self.resize(QSize(720, 620))
        self._busy = False
        self._last_decode = 0.0
        self._done = False
        self.frames_decoded = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        hint = QLabel(self.tr("Hold the QR code or barcode in front of the camera."), self)
        hint.setProperty("role", "subtitle")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.preview = QVideoWidget(self)
        self.preview.setAccessibleName(self.tr("Camera view"))
        self.preview.setMinimumSize(QSize(320, 240))
        layout.addWidget(self.preview, 1)
        self.status = QLabel(self)
        self.status.setProperty("role", "muted")
        self.status.setAccessibleName(self.tr("Camera status"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton(icons.icon("close"), self.tr("Close"), self)
        close.setAccessibleName(self.tr("Close the camera"))
        close.setMinimumHeight(48)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self.sink: QVideoSink = self.preview.videoSink()
        self.sink.videoFrameChanged.connect(self._on_frame)
        self.session = QMediaCaptureSession(self)
        self.session.setVideoOutput(self.preview)
        self.camera: QCamera | None = None
        if start_camera:
            self._start(device)

    def _start(self, device: Any) -> None:
        chosen = device or QMediaDevices.defaultVideoInput()
        if chosen.isNull():
            self.status.setText(self.tr("No camera was found on this device."))
            return
        self.camera = QCamera(chosen, self)
        self.camera.errorOccurred.connect(self._on_camera_error)
        self.session.setCamera(self.camera)
        self.camera.start()
        self.status.setText(self.tr("Looking for a code…"))

    def _on_camera_error(self, _error: Any, description: str) -> None:
        self.status.setText(self.tr("The camera cannot be used: %1").replace("%1", description))

    def _on_frame(self, frame: Any) -> None:
        if self._done or self._busy:
            return
        now = time.monotonic()
        if (now - self._last_decode) * 1000 < DECODE_INTERVAL_MS:
            return
        plane = luminance_plane(frame)
        if plane is None:
            return
        self._busy = True
        self._last_decode = now
        data, width, height, stride = plane
        workers.run(decode_gray_frame, data, width, height, stride, owner=self,
                    name="decode camera frame", on_result=self._on_decoded,
                    on_error=self._on_decode_error)

    def _on_decoded(self, codes: list) -> None:
        self._busy = False
        self.frames_decoded += 1
        if not codes or self._done:
            return
        self._done = True
        text = next((c.text for c in codes if c.format == "QRCode"), codes[0].text)
        self.stop()
        self.code_found.emit(text)
        self.accept()

    def _on_decode_error(self, error: BaseException) -> None:
        self._busy = False
        self.status.setText(messages.for_error(error))

    def stop(self) -> None:
        if self.camera is not None:
            self.camera.stop()

    def done(self, result: int) -> None:
        self._done = True
        self.stop()
        super().done(result)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
