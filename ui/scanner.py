"""A hand-held scanner in the main window: recognising its burst of keys, and routing the code.

A scanner is a keyboard that types a whole code in a few milliseconds per key and presses
Enter (or Tab). `ScanDetector` watches the keys of one window at the application level: keys
always reach the widget that has focus (a person typing is never slowed down nor swallowed);
when a run of at least `min_length` characters, each within `max_gap_ms` of the previous one,
ends with Enter/Return/Tab just as fast, it is a scan: the terminator is swallowed, the text
field that received the burst is put back as it was, and `scanned` is emitted.
`ScanRouter` then asks the core what the code is and opens the right screen.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from clienteling.domain.errors import DomainError
from ui import messages, workers
from ui.i18n import format_money
from ui.models.vocabulary import status_label

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



class ScanRouter(QObject):
    """Turns a code (scanned, typed, read by the camera or in a picture) into a screen.

    A card → the customer's 360. A product code or a pickup QR → their own screens once the
    app has them; until then, what the seller can act on now: the product named with its price,
    the pickup's order opened in its customer's orders. A code that is wrong says why.
    """

    routed = Signal(object)  # the façade's ScanTarget, once acted on
    failed = Signal(object)  # the error, once told

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        self.detector = ScanDetector(shell)
        self.detector.scanned.connect(self.route)
        self._generation = 0

    def route(self, text: str) -> None:
        """Resolve `text` off the UI thread and open what it names (the latest scan wins)."""
        if self.shell.facade is None or not self._signed_in():
            return
        self._generation += 1
        generation = self._generation
        workers.run(_resolve, self.shell.facade, text, owner=self, name="resolve scan",
                    on_result=lambda answer: self._on_target(generation, *answer),
                    on_error=lambda error: self._on_error(generation, error))

    def _signed_in(self) -> bool:
        # Before sign-in (or while locked) the frame is not shown: a scan then means nothing.
        pages, frame = getattr(self.shell, "pages", None), getattr(self.shell, "frame", None)
        return pages is None or frame is None or pages.currentWidget() is frame

    def _on_target(self, generation: int, target: Any, prefetched: Any = None) -> None:
        if generation != self._generation:
            return
        from clienteling.replica.views import CustomerTarget, PickupTarget, ProductTarget

        shell = self.shell
        if isinstance(target, CustomerTarget):
            shell.show_screen("customer", customer_id=target.customer.customer_id,
                              prefetched=prefetched)
        elif isinstance(target, ProductTarget):
            product = target.product
            if shell.has_screen("product"):
                shell.show_screen("product", sku=product.sku)
            else:
                shell.notify(self.tr(
                    "%1 (%2), %3, reference %4: this is a product code. To serve a customer, "
                    "scan their loyalty card or type their name.")
                    .replace("%1", product.name).replace("%2", product.brand)
                    .replace("%3", format_money(product.price, product.currency))
                    .replace("%4", product.sku))
        elif isinstance(target, PickupTarget):
            order = target.order
            if shell.has_screen("pickup"):
                shell.show_screen("pickup", order_number=order.order_number)
            else:
                shell.show_screen("customer", customer_id=order.customer_id,
                                  order_number=order.order_number, prefetched=prefetched)
                shell.notify(self.tr("Pickup code of order %1 (%2): the order is selected in "
                                     "the customer's orders.")
                             .replace("%1", order.order_number or "")
                             .replace("%2", status_label(order.status)))
        self.routed.emit(target)

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.shell.notify(scan_error_text(error), "error")
        self.failed.emit(error)


def _resolve(facade: Any, text: str) -> tuple[Any, Any]:
    """In a worker: what the code names and, when it leads to a customer, their 360 read
    at once (the screen then paints without a second trip)."""
    from clienteling.replica.views import CustomerTarget, PickupTarget
    from ui.customer360 import prefetch_360  # the screens import this module's window

    target = facade.resolve_scan(text)
    customer_id = None
    if isinstance(target, CustomerTarget):
        customer_id = target.customer.customer_id
    elif isinstance(target, PickupTarget):
        customer_id = target.order.customer_id
    prefetched = None
    if customer_id is not None:
        try:
            prefetched = prefetch_360(facade, customer_id)
        except DomainError:
            prefetched = None  # the screen reads again and says what is wrong
    return target, prefetched


def scan_error_text(error: BaseException) -> str:
    """What the seller reads when a scan leads nowhere; "not found" says whether the server
    could be asked."""
    if isinstance(error, DomainError) and error.code in _NOT_FOUND:
        code = _NOT_FOUND[error.code]
        if error.params.get("offline"):
            code += "_offline"
        return messages.text(code, **error.params)
    return messages.for_error(error)


# The façade's "not found" codes, with the scan's wording (`customer.not_found` after a scan
# means a card nobody holds).
_NOT_FOUND = {"customer.not_found": "scan.card_unknown", "product.not_found": "product.not_found",
              "pickup.not_found": "pickup.not_found"}
