"""A hand-held scanner in the main window: recognising its burst of keys, and routing the code.

A scanner is a keyboard that types a whole code in a few milliseconds per key and presses
Enter (or Tab). `ScanDetector` watches the keys of one window at the application level: keys
always reach the widget that has focus (a person typing is never slowed down nor swallowed);
when a run of at least `min_length` characters, each within `max_gap_ms` of the previous one,
ends with Enter/Return/Tab just as fast, it is a scan: the terminator is swallowed, the text
field that received the burst is put back as it was, and `scanned` is emitted.
`ui.scanner.router.ScanRouter` then asks the device what the code is and opens the screen that
joined for it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

# A USB or Bluetooth scanner sends a key every 2-30 ms; a fast typist's keys are 80-200 ms
# apart, and a person never keeps under 50 ms for six keys and Enter.
MAX_GAP_MS = 50
MIN_LENGTH = 6

_TERMINATORS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                            Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock})
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


@dataclass
class _FieldState:
    """What the focused text field held before the burst, to put it back after a scan."""

    widget: QWidget
    text: str
    cursor: int

    @classmethod
    def of(cls, widget: QWidget | None) -> _FieldState | None:
        if isinstance(widget, QLineEdit):
            return cls(widget, widget.text(), widget.cursorPosition())
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            return cls(widget, widget.toPlainText(), widget.textCursor().position())
        return None

    def restore(self) -> None:
        widget = self.widget
        if not shiboken6.isValid(widget):
            return
        if isinstance(widget, QLineEdit):
            if widget.text() != self.text:
                widget.setText(self.text)
            widget.setCursorPosition(self.cursor)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            if widget.toPlainText() != self.text:
                widget.setPlainText(self.text)
            cursor = widget.textCursor()
            cursor.setPosition(min(self.cursor, len(self.text)))
            widget.setTextCursor(cursor)


class ScanDetector(QObject):
    """Recognises a scanner's bursts of keys anywhere in `scope` (a window)."""

    scanned = Signal(str)

    def __init__(self, scope: QWidget, *, max_gap_ms: int = MAX_GAP_MS,
                 min_length: int = MIN_LENGTH) -> None:
        super().__init__(scope)
        self._scope = scope
        self._max_gap = max_gap_ms / 1000
        self._min_length = min_length
        self._chars: list[str] = []
        self._last_key_at = 0.0
        self._field: _FieldState | None = None
        self._enabled = True
        app = QApplication.instance()
        assert app is not None, "a ScanDetector needs a QApplication"
        # Qt drops a destroyed filter by itself: nothing to undo when the window goes.
        app.installEventFilter(self)

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        self._reset()

    def _reset(self) -> None:
        self._chars.clear()
        self._field = None

    def _target(self) -> QWidget | None:
        # Key events go to the focus widget, or to the window itself when nothing has focus;
        # parents that see the same event again while it propagates are not counted twice.
        focus = self._scope.focusWidget()
        return focus if focus is not None else self._scope

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self._enabled:
            return False
        if not isinstance(watched, QWidget) or watched is not self._target():
            return False
        if not shiboken6.isValid(self._scope) or watched.window() is not self._scope:
            return False
        assert isinstance(event, QKeyEvent)
        return self._key(event)

    def _key(self, event: QKeyEvent) -> bool:
        now = time.monotonic()
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False  # a scanner presses Shift for capitals: part of the burst
        fast = bool(self._chars) and now - self._last_key_at <= self._max_gap
        text = event.text()
        commands = event.modifiers() & _COMMAND_MODIFIERS
        if key in _TERMINATORS and not commands:
            if fast and len(self._chars) >= self._min_length:
                code = "".join(self._chars)
                field = self._field
                self._reset()
                if field is not None:
                    field.restore()
                # After this key event is done: whatever the scan opens, it does not run
                # inside another widget's key handling.
                QTimer.singleShot(0, self, lambda: self.scanned.emit(code))
                return True
            self._reset()
            return False
        if len(text) != 1 or not text.isprintable() or commands or event.isAutoRepeat():
            self._reset()
            return False
        if not fast:
            self._reset()
            self._field = _FieldState.of(self._scope.focusWidget())
        self._chars.append(text)
        self._last_key_at = now
        return False
