"""The customer 360: who the customer is, what they bought where, what they want, every contact.

The screen reads `Facade.customer_360` in a worker and repaints when the façade's change
callback names this customer. Every write (note, consent, contact details, wishlist) goes
through the façade's outbox: it shows at once, marked "waiting to be sent", until the server
has it. Wide screens show the identity column beside the tabs; narrow (portrait) ones stack
them.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QObject,
    QRect,
    QRectF,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clienteling.codes.qr import card_payload, qr_matrix
from clienteling.domain.contact import is_email
from clienteling.domain.errors import DomainError
from clienteling.domain.phones import to_e164
from clienteling.replica.views import (
    Customer360,
    CustomerProfile,
    OutboxEntry,
    ProductView,
    WishlistEntry,
)
from ui import icons, messages, workers
from ui.i18n import format_date, format_datetime, format_money, format_number
from ui.main_window import Screen
from ui.models.orders import OrdersModel
from ui.models.timeline import TimelineModel
from ui.models.vocabulary import (
    channel_label,
    format_card,
    format_phone,
    kind_label,
    status_label,
    sync_label,
    tier_label,
)
from ui.models.wishlist import WishlistModel

log = logging.getLogger(__name__)

WIDE_MIN_WIDTH = 1000  # from here the identity column sits beside the tabs
CONFLICT = "customer.version_conflict"
# Fields a seller edits on the contact card, in reading order, with their labels' sources.
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "birth_date")
_PENDING_COLOR = "#8a5a00"


def _field_label(name: str) -> str:
    labels = {
        "first_name": QCoreApplication.translate("Customer360", "First name"),
        "last_name": QCoreApplication.translate("Customer360", "Last name"),
        "email": QCoreApplication.translate("Customer360", "Email"),
        "phone": QCoreApplication.translate("Customer360", "Phone"),
        "birth_date": QCoreApplication.translate("Customer360", "Birth date"),
        "home_store_id": QCoreApplication.translate("Customer360", "Home store"),
        "tier": QCoreApplication.translate("Customer360", "Tier"),
    }
    return labels.get(name, name)


def _restyle(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _card(parent: QWidget, name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName(name)
    frame.setProperty("card", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(6)
    return frame, layout


def _label(parent: QWidget, role: str | None = None, name: str | None = None,
           accessible: str | None = None) -> QLabel:
    label = QLabel(parent)
    if role:
        label.setProperty("role", role)
    if name:
        label.setObjectName(name)
    if accessible:
        label.setAccessibleName(accessible)
    label.setWordWrap(True)
    return label


def _button(parent: QWidget, text: str, icon: str | None = None, *,
            primary: bool = False, flat: bool = False) -> QPushButton:
    button = QPushButton(text, parent)
    if icon:
        button.setIcon(icons.icon(icon, icons.ON_ACCENT if primary else icons.ACCENT))
    button.setAccessibleName(text)
    button.setMinimumHeight(44)
    if primary:
        button.setProperty("primary", True)
    if flat:
        button.setProperty("flat", True)
    return button


def _size_columns(view: QAbstractItemView, header: QHeaderView, *, stretch: int,
                  samples: dict[int, Sequence[str]]) -> None:
    """Columns as wide as the widest text they can hold (measured once, from samples in the
    seller's language), but `stretch`, which takes the rest and elides. Measuring the real
    rows instead (ResizeToContents) asks the model for every cell on every refresh."""
    view.ensurePolished()
    metrics = view.fontMetrics()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, texts in samples.items():
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        widest = max(metrics.horizontalAdvance(t) for t in (*texts, title))
        # Cell padding from the style sheet; a tree's first column also holds the branch.
        padding = 24 + (view.indentation() + 12 if isinstance(view, QTreeView) and column == 0
                        else 0)
        header.resizeSection(column, widest + padding)


# Samples for measuring columns: the widest values each can show.
_CHANNELS = ("store", "web", "app", "phone", "email", "sms")
_ORDER_CHANNELS = ("store", "web", "app", "phone")
_STATUSES = ("pending", "confirmed", "ready_for_pickup", "collected", "shipped", "delivered",
             "cancelled", "returned")
_KINDS = ("purchase", "order", "return", "complaint", "request", "contact", "note", "consent",
          "feedback", "call", "email", "enrolled")
_SAMPLE_DAY = dt.date(2028, 12, 28)


def _sample_moment() -> str:
    return format_datetime(dt.datetime(2028, 12, 28, 23, 58, tzinfo=dt.UTC))


def _sample_money() -> str:
    return format_money(Decimal("8888.88"), "EUR")


def _sample_wishes() -> list[WishlistEntry]:
    moment = dt.datetime(2028, 1, 1, tzinfo=dt.UTC)
    return [WishlistEntry("", "", moment, None, n) for n in (None, 0, 888)]


def _mark_pending(label: QLabel, pending: bool) -> None:
    """Waiting-to-be-sent colour on a value; restyled only when it changes (restyling is the
    expensive part of painting a customer)."""
    if bool(label.property("pending")) == pending:
        return
    label.setProperty("pending", pending)
    label.setStyleSheet(f"color: {_PENDING_COLOR};" if pending else "")


def _chip(parent: QWidget, text: str) -> QLabel:
    chip = QLabel(text, parent)
    chip.setObjectName("chip")
    chip.setStyleSheet("QLabel#chip { background: #e6f2f1; color: #0b6e69; border-radius: 12px;"
                       " padding: 3px 10px; font-weight: 600; }")
    return chip


def _matrix_image(matrix: list[list[bool]]) -> QImage:
    """The QR matrix as a gray image, one pixel per module."""
    count = len(matrix)
    data = bytes(0 if dark else 255 for row in matrix for dark in row)
    return QImage(data, count, count, count, QImage.Format.Format_Grayscale8).copy()


class QrCodeView(QWidget):
    """A QR code painted module by module: sharp at any size (a phone, a full screen, paper)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self._image: QImage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_payload(self, payload: str | None) -> None:
        self.set_matrix(qr_matrix(payload) if payload else [])

    def set_matrix(self, matrix: list[list[bool]]) -> None:
        """A matrix made beforehand (in a worker: making a QR code takes tens of ms)."""
        self._matrix = matrix
        self._image: QImage | None = None
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
        side = min(area.width(), area.height())
        painter.fillRect(area, QColor("#ffffff"))
        if not self._matrix:
            return
        count = len(self._matrix)
        module = side / count
        left = area.left() + (area.width() - side) / 2
        top = area.top() + (area.height() - side) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    # A hair of overlap: no white seams between modules when scaled.
                    painter.drawRect(QRectF(left + x * module, top + y * module,
                                            module + 0.3, module + 0.3))

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
        title = _label(self, "title")
        title.setText(name)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.code = QrCodeView(self)
        self.code.setAccessibleName(self.tr("QR code of the loyalty card"))
        self.code.set_payload(card_payload(card))
        self.code.setMinimumSize(QSize(280, 280))
        layout.addWidget(self.code, 1)
        number = _label(self, "subtitle")
        number.setText(format_card(card))
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(number)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = _button(self, self.tr("Print"), "qr")
        self.print_button.clicked.connect(self.print_card)
        buttons.addWidget(self.print_button)
        close = _button(self, self.tr("Close"), "close", primary=True)
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


class NoteDialog(QDialog):
    """A seller's note on the customer: free text, at most 2000 characters."""

    MAX_LENGTH = 2000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Add a note"))
        self.setAccessibleName(self.windowTitle())
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("Note"))
        self.text.setPlaceholderText(self.tr("What the customer told you, what to remember"))
        layout.addWidget(self.text, 1)
        self.error = _label(self, "error", accessible=self.tr("Error"))
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.save = _button(self, self.tr("Save the note"), primary=True)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = _button(self, self.tr("Cancel"))
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def note(self) -> str:
        return self.text.toPlainText().strip()

    def _check(self) -> None:
        text = self.note()
        if not text:
            self.error.setText(self.tr("Write the note first."))
        elif len(text) > self.MAX_LENGTH:
            self.error.setText(self.tr("A note holds at most %1 characters (this one has %2).")
                               .replace("%1", format_number(self.MAX_LENGTH))
                               .replace("%2", format_number(len(text))))
        else:
            self.accept()
            return
        self.error.show()


class ConsentDialog(QDialog):
    """Record that the customer gives or withdraws a consent, and how they said so."""

    SOURCES = ("store", "phone", "form", "email")

    def __init__(self, channel: str, granted: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentDialog")
        channel_name = self.tr("emails") if channel == "email" else self.tr("text messages")
        if granted:
            title = self.tr("The customer agrees to receive %1").replace("%1", channel_name)
        else:
            title = self.tr("The customer no longer wants %1").replace("%1", channel_name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        heading = _label(self, "subtitle")
        heading.setText(title)
        layout.addWidget(heading)
        form = QFormLayout()
        self.source = QComboBox(self)
        self.source.setAccessibleName(self.tr("How the customer said so"))
        labels = {"store": self.tr("In person, in the store"), "phone": self.tr("On the phone"),
                  "form": self.tr("On a signed form"), "email": self.tr("By email")}
        for key in self.SOURCES:
            self.source.addItem(labels[key], key)
        self.source.setMinimumHeight(44)
        form.addRow(self.tr("How:"), self.source)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        record = _button(self, self.tr("Record"), primary=True)
        buttons.addButton(record, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_button(self, self.tr("Cancel")), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_source(self) -> str:
        return str(self.source.currentData())


class ContactDialog(QDialog):
    """Edit the customer's name and contact details; each field says what is wrong with it."""

    def __init__(self, profile: CustomerProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(self.tr("Edit contact details"))
        self.setAccessibleName(self.windowTitle())
        self.resize(560, 520)
        self.profile = profile
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        values = {"first_name": profile.first_name, "last_name": profile.last_name,
                  "email": profile.email or "", "phone": format_phone(profile.phone),
                  "birth_date": format_date(profile.birth_date) if profile.birth_date else ""}
        for row, name in enumerate(CONTACT_FIELDS):
            label = QLabel(_field_label(name), self)
            edit = QLineEdit(values[name], self)
            edit.setAccessibleName(_field_label(name))
            edit.setMinimumHeight(44)
            if name == "birth_date":
                edit.setPlaceholderText(parse_hint())
            label.setBuddy(edit)
            error = _label(self, "error", accessible=self.tr("%1: error").replace(
                "%1", _field_label(name)))
            error.hide()
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(edit, row * 2, 1)
            grid.addWidget(error, row * 2 + 1, 1)
            self.fields[name] = edit
            self.errors[name] = error
        layout.addLayout(grid)
        layout.addStretch(1)
        buttons = QDialogButtonBox(self)
        self.save = _button(self, self.tr("Save"), primary=True)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_button(self, self.tr("Cancel")), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._changes: dict[str, Any] = {}

    def changes(self) -> dict[str, Any]:
        return dict(self._changes)

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            text = errors.get(name)
            label.setVisible(bool(text))
            label.setText(text or "")
            self.fields[name].setProperty("invalid", bool(text))
            _restyle(self.fields[name])

    def _check(self) -> None:
        changes, errors = validate_contact(
            {name: edit.text() for name, edit in self.fields.items()}, self.profile)
        self.show_errors(errors)
        if errors:
            return
        if not changes:
            self.reject()
            return
        self._changes = changes
        self.accept()


def parse_hint() -> str:
    """An example date in the locale's short format ("for example 31/12/1990")."""
    return QCoreApplication.translate("Customer360", "for example %1").replace(
        "%1", QLocale().toString(QDate(1990, 12, 31), QLocale.FormatType.ShortFormat))


def parse_date(text: str) -> dt.date | None:
    """A date typed in the locale's short format or as ISO (1990-12-31); None if neither."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    locale = QLocale()
    for form in (locale.dateFormat(QLocale.FormatType.ShortFormat), "dd/MM/yyyy", "d/M/yyyy",
                 "MM/dd/yyyy"):
        parsed = locale.toDate(text, form)
        if parsed.isValid():
            if parsed.year() < 100:
                parsed = parsed.addYears(1900 if parsed.year() > 30 else 2000)
            return dt.date(parsed.year(), parsed.month(), parsed.day())
    return None


def validate_contact(values: dict[str, str], profile: CustomerProfile | None
                     ) -> tuple[dict[str, Any], dict[str, str]]:
    """(the fields that changed, with clean values; an error sentence per wrong field).

    `profile` None: a new customer (every filled field counts as changed)."""
    changes: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in ("first_name", "last_name"):
        value = " ".join(values.get(name, "").split())
        if not value:
            errors[name] = QCoreApplication.translate("Customer360", "Required.")
        elif len(value) > 100:
            errors[name] = QCoreApplication.translate("Customer360", "At most 100 characters.")
        elif profile is None or value != getattr(profile, name):
            changes[name] = value
    email = values.get("email", "").strip()
    if email:
        if not is_email(email):  # the one rule (clienteling.domain.contact)
            errors["email"] = QCoreApplication.translate("Customer360",
                "Not an email address (name@example.com).")
        elif profile is None or email.lower() != (profile.email or "").lower():
            changes["email"] = email
    elif profile is not None and profile.email:
        errors["email"] = QCoreApplication.translate("Customer360",
            "An email address cannot be removed here; correct it instead.")
    phone = values.get("phone", "").strip()
    if phone:
        normalized = to_e164(phone)
        if normalized is None:
            errors["phone"] = QCoreApplication.translate("Customer360",
                "Not a phone number (for example 06 12 34 56 78).")
        elif profile is None or normalized != to_e164(profile.phone or ""):
            changes["phone"] = normalized
    elif profile is not None and profile.phone:
        errors["phone"] = QCoreApplication.translate("Customer360",
            "A phone number cannot be removed here; correct it instead.")
    birth = values.get("birth_date", "").strip()
    if birth:
        day = parse_date(birth)
        if day is None:
            errors["birth_date"] = QCoreApplication.translate("Customer360",
                "Not a date (%1).").replace("%1", parse_hint())
        elif not dt.date(1900, 1, 1) <= day <= dt.date.today():
            errors["birth_date"] = QCoreApplication.translate("Customer360",
                "This date is not a possible birth date.")
        elif profile is None or day != profile.birth_date:
            changes["birth_date"] = day
    return changes, errors


def server_field_errors(error: BaseException) -> dict[str, str]:
    """Per-field sentences from a `customer.invalid` error's `errors` list."""
    params = getattr(error, "params", {}) or {}
    found: dict[str, str] = {}
    for item in params.get("errors") or []:
        field = str(item.get("field", "")).split(".")[-1]
        if field:
            found[field] = str(item.get("message", ""))
    return found


class ConflictPanel(QFrame):
    """Someone else changed the customer while this seller edited: both versions side by side,
    and the seller chooses."""

    keep_mine = Signal()
    take_theirs = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictPanel")
        self.setProperty("card", True)
        self.setAccessibleName(self.tr("Conflicting changes"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = _label(self, "subtitle")
        title.setText(self.tr("Someone else changed this customer while you were editing"))
        layout.addWidget(title)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        layout.addLayout(self.grid)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.theirs_button = _button(self, self.tr("Take the server's version"))
        self.theirs_button.clicked.connect(self.take_theirs)
        buttons.addWidget(self.theirs_button)
        self.mine_button = _button(self, self.tr("Keep mine"), primary=True)
        self.mine_button.clicked.connect(self.keep_mine)
        buttons.addWidget(self.mine_button)
        layout.addLayout(buttons)
        self.entry: OutboxEntry | None = None

    def show_conflict(self, entry: OutboxEntry) -> None:
        self.entry = entry
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        current = (entry.problem.extra.get("current") if entry.problem else None) or {}
        header = [self.tr("Field"), self.tr("Yours"), self.tr("On the server")]
        for column, text in enumerate(header):
            label = _label(self, "muted")
            label.setText(text)
            self.grid.addWidget(label, 0, column)
        for row, (name, mine) in enumerate(conflict_fields(entry), start=1):
            theirs = current.get(name)
            values = (_field_label(name), _show_value(mine, name), _show_value(theirs, name))
            for column, text in enumerate(values):
                label = _label(self, None)
                label.setText(text)
                if column and mine != theirs:
                    label.setStyleSheet("font-weight: 600;")
                self.grid.addWidget(label, row, column)
        self.show()


def conflict_fields(entry: OutboxEntry) -> list[tuple[str, Any]]:
    """The fields the seller's refused edit wanted to change, with their values."""
    payload = entry.payload.get("changes", entry.payload)
    return [(name, value) for name, value in payload.items()
            if name not in ("version", "customer_id")]


def _show_value(value: Any, field: str = "") -> str:
    if value is None or value == "":
        return "—"
    if field == "phone":
        return format_phone(str(value))
    if isinstance(value, dt.date | dt.datetime):
        return format_date(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


class ProductPickerDialog(QDialog):
    """Pick a product by typing its name, brand or code, or by scanning its barcode."""

    def __init__(self, facade: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.scanner import ScanDetector

        self.setObjectName("productPicker")
        self.setWindowTitle(self.tr("Add to the wishlist"))
        self.setAccessibleName(self.windowTitle())
        self.resize(640, 560)
        self._facade = facade
        self._generation = 0
        self._products: list[ProductView] = []
        self.chosen: ProductView | None = None
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setAccessibleName(self.tr("Search products"))
        self.search.setPlaceholderText(self.tr("Product name, brand, SKU or scan the barcode"))
        self.search.setMinimumHeight(48)
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self._names = QStringListModel(self)
        self.results = QListView(self)
        self.results.setAccessibleName(self.tr("Products found"))
        self.results.setModel(self._names)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        QScroller.grabGesture(self.results.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.results.activated.connect(lambda index: self._choose(index.row()))
        self.results.clicked.connect(lambda index: self._choose(index.row()))
        layout.addWidget(self.results, 1)
        self.status = _label(self, "muted", accessible=self.tr("Product search status"))
        self.status.setText(self.tr("Type a product name or scan its barcode"))
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        buttons.addButton(_button(self, self.tr("Cancel")), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._on_enter)
        self.scanner = ScanDetector(self)
        self.scanner.scanned.connect(self.look_up_code)

    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self._show([])
            return
        workers.run(self._facade.search_products, text, 30, owner=self, name="search products",
                    on_result=lambda found: generation == self._generation and self._show(found),
                    on_error=self._on_error)

    def _show(self, products: Sequence[ProductView]) -> None:
        self._products = list(products)
        self._names.setStringList([
            f"{p.name} · {p.brand} · {format_money(p.price, p.currency)}" for p in products])
        if products:
            self.results.setCurrentIndex(self._names.index(0, 0))
            self.status.setText(self.tr("%n product(s)", None, len(products)))
        elif self.search.text().strip():
            self.status.setText(self.tr("No product matches «%1»").replace(
                "%1", self.search.text().strip()))

    def _on_enter(self) -> None:
        if self._products and not self._timer.isActive():
            self._choose(max(0, self.results.currentIndex().row()))
        elif self.search.text().strip():
            self.look_up_code(self.search.text().strip())

    def look_up_code(self, code: str) -> None:
        """A scanned or typed barcode/SKU: the product it names, chosen at once."""
        workers.run(self._facade.product, code, owner=self, name="product by code",
                    on_result=self._chosen_product, on_error=self._on_error)

    def _on_error(self, error: BaseException) -> None:
        self.status.setText(messages.for_error(error))

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self._products):
            self._chosen_product(self._products[row])

    def _chosen_product(self, product: ProductView) -> None:
        self.chosen = product
        self.accept()


class Customer360Screen(Screen):
    """Identity, loyalty, contact, consents, notes and stats; orders, wishlist, timeline."""

    screen_id = "customer"
    painted = Signal(str)  # customer id: the first paint after a customer's data was shown
    loaded = Signal(str)  # customer id: the data is in the widgets

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.customer_id: str | None = None
        self.data: Customer360 | None = None
        self._generation = 0
        self._paint_pending: str | None = None
        self._highlight_order: str | None = None
        self._store_names: dict[str, str] = {}
        self._card_qr: list[list[bool]] = []
        self._card_qr_for: str | None = None
        self._write_controls: list[QWidget] = []  # disabled for another store's customer
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(50)  # coalesce a burst of change callbacks
        self._refresh.timeout.connect(self.reload)

        # An explicit minimum: the window may shrink to portrait, where the columns stack.
        self.setMinimumSize(360, 400)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)

        # Top bar: back, and the actions.
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.back_button = _button(self, self.tr("Back"), "back", flat=True)
        self.back_button.clicked.connect(self.shell.back)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        self.note_button = _button(self, self.tr("Add a note"), "note")
        self.note_button.clicked.connect(self.add_note)
        bar.addWidget(self.note_button)
        self.wish_button = _button(self, self.tr("Add to wishlist"), "heart")
        self.wish_button.clicked.connect(self.add_wish)
        bar.addWidget(self.wish_button)
        self._write_controls += [self.note_button, self.wish_button]
        outer.addLayout(bar)

        self.pending_label = _label(self, None, "pendingStrip", self.tr("Changes waiting"))
        self.pending_label.setStyleSheet(
            "QLabel#pendingStrip { background: #fff6e0; color: #8a5a00; border-radius: 8px;"
            " padding: 8px 12px; }")
        self.pending_label.hide()
        outer.addWidget(self.pending_label)
        self.conflict = ConflictPanel(self)
        self.conflict.keep_mine.connect(self._keep_mine)
        self.conflict.take_theirs.connect(self._take_theirs)
        self.conflict.hide()
        outer.addWidget(self.conflict)

        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages, 1)
        self.message = _label(self, "empty", "customerMessage", self.tr("Customer status"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.message)
        self.content = QWidget(self)
        self.pages.addWidget(self.content)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.content)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.setSpacing(12)

        self.identity_scroll = QScrollArea(self.content)
        self.identity_scroll.setObjectName("identityColumn")
        self.identity_scroll.setWidgetResizable(True)
        self.identity_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.identity_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.identity_scroll.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        # The page's grey shows through: the cards float on it as elsewhere.
        self.identity_scroll.setStyleSheet("QScrollArea#identityColumn { background: "
                                           "transparent; }")
        self.identity_scroll.viewport().setAutoFillBackground(False)
        column = QWidget()
        column.setObjectName("identityCards")
        column.setStyleSheet("QWidget#identityCards { background: transparent; }")
        self.cards_grid = QGridLayout(column)
        self.cards_grid.setContentsMargins(0, 0, 6, 0)
        self.cards_grid.setSpacing(10)
        self.identity_cards: list[QFrame] = []
        self.identity_scroll.setWidget(column)
        self._build_identity(column)
        self._build_contact(column)
        self._build_consents(column)
        self._build_stats(column)
        self._build_notes(column)
        self._card_columns = 0
        self.columns.addWidget(self.identity_scroll)

        self.tabs = QTabWidget(self.content)
        self.tabs.setObjectName("customerTabs")
        self.tabs.setAccessibleName(self.tr("Orders, wishlist and timeline"))
        self.columns.addWidget(self.tabs, 1)
        self._build_orders()
        self._build_wishlist()
        self._build_timeline()

        self.name_label.installEventFilter(self)
        self.shell.replica_changed.connect(self._on_changes)
        self._wide: bool | None = None
        self._reflow()

    # -- building ----------------------------------------------------------------------------
    def _build_identity(self, parent: QWidget) -> None:
        card, layout = _card(parent, "identityCard")
        # The name across the whole card; the details beside the card's QR code under it.
        self.name_label = _label(card, "title", "customerName", self.tr("Customer name"))
        layout.addWidget(self.name_label)
        top = QHBoxLayout()
        texts = QVBoxLayout()
        self.since_label = _label(card, "muted", "customerSince", self.tr("Customer since"))
        texts.addWidget(self.since_label)
        chips = QHBoxLayout()
        self.tier_chip = _chip(card, "")
        self.tier_chip.setAccessibleName(self.tr("Tier"))
        chips.addWidget(self.tier_chip)
        self.points_label = _label(card, None, "customerPoints", self.tr("Points"))
        self.points_label.setStyleSheet("font-weight: 600;")
        chips.addWidget(self.points_label)
        chips.addStretch(1)
        texts.addLayout(chips)
        self.card_label = _label(card, None, "customerCard", self.tr("Loyalty card"))
        texts.addWidget(self.card_label)
        top.addLayout(texts, 1)
        self.qr = QrCodeView(card)
        self.qr.setAccessibleName(self.tr("Show the card's QR code"))
        self.qr.setFixedSize(QSize(84, 84))  # a thumbnail: tapped, it opens full screen
        self.qr.clicked.connect(self.show_card_qr)
        top.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.qr_button = _button(card, self.tr("Show or print the card"), "qr", flat=True)
        self.qr_button.clicked.connect(self.show_card_qr)
        layout.addWidget(self.qr_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.source_label = _label(card, "muted", "customerSource", self.tr("Data source"))
        self.source_label.hide()
        layout.addWidget(self.source_label)
        self.identity_cards.append(card)

    def _build_contact(self, parent: QWidget) -> None:
        card, layout = _card(parent, "contactCard")
        head = QHBoxLayout()
        title = _label(card, "subtitle")
        title.setText(self.tr("Contact"))
        head.addWidget(title, 1)
        self.edit_button = _button(card, self.tr("Edit"), flat=True)
        self.edit_button.setAccessibleName(self.tr("Edit contact details"))
        self.edit_button.clicked.connect(self.edit_contact)
        head.addWidget(self.edit_button)
        self._write_controls.append(self.edit_button)
        layout.addLayout(head)
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        self.contact_values: dict[str, QLabel] = {}
        for name in ("email", "phone", "birth_date", "home_store_id"):
            value = _label(card, None, f"contact_{name}", _field_label(name))
            form.addRow(_field_label(name), value)
            self.contact_values[name] = value
        layout.addLayout(form)
        self.identity_cards.append(card)

    def _build_consents(self, parent: QWidget) -> None:
        card, layout = _card(parent, "consentsCard")
        title = _label(card, "subtitle")
        title.setText(self.tr("Consents"))
        layout.addWidget(title)
        self.consent_labels: dict[str, QLabel] = {}
        self.consent_buttons: dict[str, QPushButton] = {}
        for channel in ("email", "sms"):
            row = QHBoxLayout()
            label = _label(card, None, f"consent_{channel}",
                           self.tr("Email consent") if channel == "email"
                           else self.tr("SMS consent"))
            row.addWidget(label, 1)
            button = _button(card, "", flat=True)
            button.clicked.connect(lambda _=False, c=channel: self.change_consent(c))
            row.addWidget(button)
            layout.addLayout(row)
            self.consent_labels[channel] = label
            self.consent_buttons[channel] = button
            self._write_controls.append(button)
        self.identity_cards.append(card)

    def _build_stats(self, parent: QWidget) -> None:
        card, layout = _card(parent, "statsCard")
        title = _label(card, "subtitle")
        title.setText(self.tr("Value"))
        layout.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.stat_values: dict[str, QLabel] = {}
        names = (("lifetime_value", self.tr("Lifetime value")),
                 ("orders_count", self.tr("Orders")),
                 ("last_purchase_at", self.tr("Last purchase")))
        for column, (name, text) in enumerate(names):
            caption = _label(card, "muted")
            caption.setText(text)
            value = _label(card, None, f"stat_{name}", text)
            value.setStyleSheet("font-size: 19px; font-weight: 600;")
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
            self.stat_values[name] = value
        layout.addLayout(grid)
        self.channels_row = QHBoxLayout()
        self.channels_row.setSpacing(6)
        channels_caption = _label(card, "muted")
        channels_caption.setText(self.tr("Channels:"))
        self.channels_row.addWidget(channels_caption)
        # Chips are made once and reused: styling a new widget costs more than the whole read.
        self._chip_pool: list[QLabel] = []
        for _ in range(5):
            chip = _chip(card, "")
            chip.hide()
            self.channels_row.addWidget(chip)
            self._chip_pool.append(chip)
        self.no_channel = _label(card, "muted")
        self.no_channel.setText(self.tr("none yet"))
        self.channels_row.addWidget(self.no_channel)
        self.channels_row.addStretch(1)
        layout.addLayout(self.channels_row)
        self._channel_chips: list[QLabel] = []
        self.identity_cards.append(card)

    def _build_notes(self, parent: QWidget) -> None:
        card, layout = _card(parent, "notesCard")
        head = QHBoxLayout()
        title = _label(card, "subtitle")
        title.setText(self.tr("Seller's notes"))
        head.addWidget(title, 1)
        add = _button(card, self.tr("Add"), "add", flat=True)
        add.setAccessibleName(self.tr("Add a note"))
        add.clicked.connect(self.add_note)
        self._write_controls.append(add)
        head.addWidget(add)
        layout.addLayout(head)
        self.notes_label = _label(card, None, "customerNotes", self.tr("Notes"))
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.notes_label)
        self.identity_cards.append(card)

    def _tab_page(self, view: QAbstractItemView, empty_text: str, name: str,
                  extra: QWidget | None = None) -> tuple[QWidget, QStackedWidget, QLabel]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        if extra is not None:
            layout.addWidget(extra)
        stack = QStackedWidget(page)
        view.setObjectName(name)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setAlternatingRowColors(True)
        QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        stack.addWidget(view)
        empty = _label(page, "empty", f"{name}Empty", empty_text)
        empty.setText(empty_text)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        stack.addWidget(empty)
        layout.addWidget(stack, 1)
        return page, stack, empty

    def _build_orders(self) -> None:
        self.orders_model = OrdersModel(self)
        self.orders_view = QTreeView()
        self.orders_view.setAccessibleName(self.tr("Orders"))
        self.orders_view.setModel(self.orders_model)
        self.orders_view.setUniformRowHeights(True)
        self.orders_view.setRootIsDecorated(True)
        self.orders_view.setAllColumnsShowFocus(True)
        _size_columns(self.orders_view, self.orders_view.header(), stretch=OrdersModel.NUMBER,
                      samples={OrdersModel.DATE: [format_date(_SAMPLE_DAY)],
                               OrdersModel.CHANNEL: [channel_label(c) for c in _ORDER_CHANNELS],
                               OrdersModel.STATUS: [status_label(s) for s in _STATUSES]
                               + [sync_label("waiting")],
                               OrdersModel.TOTAL: [_sample_money()]})
        page, self.orders_stack, _ = self._tab_page(
            self.orders_view, self.tr("No orders yet, on any channel."), "ordersView")
        self.tabs.addTab(page, icons.icon("cart", icons.MUTED), self.tr("Orders"))

    def _build_wishlist(self) -> None:
        self.wishlist_model = WishlistModel(self)
        self.wishlist_view = QTableView()
        self.wishlist_view.setAccessibleName(self.tr("Wishlist"))
        self.wishlist_view.setModel(self.wishlist_model)
        self.wishlist_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.wishlist_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.wishlist_view.verticalHeader().hide()
        self.wishlist_view.verticalHeader().setDefaultSectionSize(48)
        self.wishlist_view.setShowGrid(False)
        _size_columns(self.wishlist_view, self.wishlist_view.horizontalHeader(),
                      stretch=WishlistModel.PRODUCT,
                      samples={WishlistModel.PRICE: [_sample_money()],
                               WishlistModel.AVAILABLE: [self.wishlist_model.availability(e)
                                                         for e in _sample_wishes()],
                               WishlistModel.ADDED: [format_date(_SAMPLE_DAY)]})
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 4)
        add = _button(bar, self.tr("Add a product"), "add")
        add.setAccessibleName(self.tr("Add a product to the wishlist"))
        add.clicked.connect(self.add_wish)
        self._write_controls.append(add)
        row.addWidget(add)
        self.remove_wish_button = _button(bar, self.tr("Remove"), "trash")
        self.remove_wish_button.setAccessibleName(self.tr("Remove from the wishlist"))
        self._write_controls.append(self.remove_wish_button)
        self.remove_wish_button.setProperty("danger", True)
        self.remove_wish_button.clicked.connect(self.remove_wish)
        self.remove_wish_button.hide()  # shown when an item is selected
        row.addWidget(self.remove_wish_button)
        row.addStretch(1)
        page, self.wishlist_stack, _ = self._tab_page(
            self.wishlist_view, self.tr("Nothing on the wishlist yet."), "wishlistView", bar)
        self.wishlist_view.selectionModel().selectionChanged.connect(
            lambda *_: self.remove_wish_button.setVisible(
                self.wishlist_view.selectionModel().hasSelection()))
        self.tabs.addTab(page, icons.icon("heart", icons.MUTED), self.tr("Wishlist"))

    def _build_timeline(self) -> None:
        self.timeline_model = TimelineModel(self)
        self.timeline_view = QTableView()
        self.timeline_view.setAccessibleName(self.tr("Timeline"))
        self.timeline_view.setModel(self.timeline_model)
        self.timeline_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline_view.verticalHeader().hide()
        self.timeline_view.verticalHeader().setDefaultSectionSize(48)
        self.timeline_view.setWordWrap(False)
        self.timeline_view.setShowGrid(False)
        _size_columns(self.timeline_view, self.timeline_view.horizontalHeader(),
                      stretch=TimelineModel.SUMMARY,
                      samples={TimelineModel.WHEN: [_sample_moment()],
                               TimelineModel.KIND: ["MM " + kind_label(k) for k in _KINDS],
                               TimelineModel.CHANNEL: [channel_label(c) for c in _CHANNELS]})
        page, self.timeline_stack, _ = self._tab_page(
            self.timeline_view, self.tr("No interaction recorded yet."), "timelineView")
        self.tabs.addTab(page, icons.icon("clock", icons.MUTED), self.tr("Timeline"))

    # -- layout ------------------------------------------------------------------------------
    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        wide = self.width() >= WIDE_MIN_WIDTH
        # Portrait: the cards two by two above the tabs when they fit side by side (French
        # labels are longer than English ones), else one under the other; landscape: one
        # column beside the tabs.
        self._arrange_cards(1 if wide or not self._two_cards_fit() else 2)
        if wide == self._wide and not wide:
            self.identity_scroll.setMaximumHeight(max(320, int(self.height() * 0.5)))
            return
        if wide == self._wide:
            return
        self._wide = wide
        if wide:
            self.columns.setDirection(QBoxLayout.Direction.LeftToRight)
            self.identity_scroll.setMaximumHeight(16777215)
            self.identity_scroll.setFixedWidth(min(460, max(360, int(self.width() * 0.3))))
        else:
            self.columns.setDirection(QBoxLayout.Direction.TopToBottom)
            self.identity_scroll.setMinimumWidth(0)
            self.identity_scroll.setMaximumWidth(16777215)
            self.identity_scroll.setMaximumHeight(max(320, int(self.height() * 0.5)))

    def _two_cards_fit(self) -> bool:
        widest = max(max(card.minimumSizeHint().width(), card.minimumWidth())
                     for card in self.identity_cards)
        margins = self.cards_grid.contentsMargins()
        needed = (2 * widest + self.cards_grid.horizontalSpacing() + margins.left()
                  + margins.right() + self.identity_scroll.verticalScrollBar().sizeHint().width())
        return needed <= self.width()

    def _arrange_cards(self, columns: int) -> None:
        if columns == self._card_columns:
            return
        self._card_columns = columns
        grid = self.cards_grid
        for card in self.identity_cards:
            grid.removeWidget(card)
        for row in range(grid.rowCount()):
            grid.setRowStretch(row, 0)
        last = len(self.identity_cards) - 1
        for position, card in enumerate(self.identity_cards):
            if columns == 1:
                grid.addWidget(card, position, 0)
            elif position == last and position % 2 == 0:
                grid.addWidget(card, position // 2, 0, 1, 2)  # the notes: full width
            else:
                grid.addWidget(card, position // 2, position % 2)
        grid.setRowStretch(len(self.identity_cards) if columns == 1 else last // 2 + 1, 1)

    def is_wide(self) -> bool:
        return bool(self._wide)

    # -- Screen ----------------------------------------------------------------------------
    def title(self) -> str:
        if self.data is not None:
            profile = self.data.profile
            return f"{profile.first_name} {profile.last_name}"
        return self.tr("Customer")

    def enter(self, **params: Any) -> None:
        """Params: `customer_id`; `order_number` to select in the orders; `prefetched`, a
        `Prefetched` read made with the scan (shown at once, no second read)."""
        customer_id = params.get("customer_id")
        self._highlight_order = params.get("order_number")
        if not customer_id:
            return
        prefetched = params.get("prefetched")
        fresh = (isinstance(prefetched, Prefetched) and prefetched.fresh()
                 and prefetched.data.profile.customer_id == customer_id)
        if customer_id != self.customer_id:
            self.customer_id = customer_id
            self.data = None
            self.tabs.setCurrentIndex(0)
            if not fresh:
                self.message.setText(self.tr("Loading the customer…"))
                self.pages.setCurrentWidget(self.message)
        if self._highlight_order:
            self.tabs.setCurrentIndex(0)
        self.shell.set_customer_in_context(customer_id)
        if fresh:
            self._generation += 1  # any read still running is older than this one
            self._on_loaded(self._generation, prefetched.data, prefetched.stores,
                            prefetched.card_qr)
        else:
            self.reload()

    def leave(self) -> None:
        self._refresh.stop()

    def screenshot_states(self) -> list[tuple[str, Any]]:
        return [("orders", lambda: self.tabs.setCurrentIndex(0)),
                ("wishlist", lambda: self.tabs.setCurrentIndex(1)),
                ("timeline", lambda: self.tabs.setCurrentIndex(2))]

    # -- reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        if not self.customer_id or self.shell.facade is None:
            return
        self._generation += 1
        generation = self._generation
        customer_id = self.customer_id
        workers.run(_load_360, self.shell.facade, customer_id, not self._store_names,
                    owner=self, name="customer 360",
                    on_result=lambda answer: self._on_loaded(generation, *answer),
                    on_error=lambda error: self._on_load_error(generation, error))

    def _on_loaded(self, generation: int, data: Customer360,
                   stores: dict[str, str] | None, card_qr: list[list[bool]]) -> None:
        if generation != self._generation or data.profile.customer_id != self.customer_id:
            return
        if stores:
            self._store_names = stores
        self._card_qr, self._card_qr_for = card_qr, data.profile.card
        self.data = data
        self._show(data)
        self.pages.setCurrentWidget(self.content)
        self._paint_pending = data.profile.customer_id
        if self.shell.current_screen() is self:
            self.shell.setWindowTitle(f"{self.title()} · {self.shell.tr('Clienteling')}")
        self.loaded.emit(data.profile.customer_id)

    def _on_load_error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        if self.data is not None and not (isinstance(error, DomainError)
                                          and error.code == "customer.not_found"):
            self.shell.show_error(error)  # keep what is shown; say the refresh failed
            return
        self.data = None
        self.message.setText(customer_error_text(error))
        self.pages.setCurrentWidget(self.message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and watched is self.name_label
                and self._paint_pending is not None):
            customer_id, self._paint_pending = self._paint_pending, None
            QTimer.singleShot(0, self, lambda: self.painted.emit(customer_id))
        return False

    # -- painting the data ----------------------------------------------------------------------
    def _show(self, data: Customer360) -> None:
        profile, stats = data.profile, data.stats
        self.name_label.setText(f"{profile.first_name} {profile.last_name}".strip())
        self.name_label.setAccessibleDescription(self.name_label.text())
        since = self.tr("Customer since %1").replace("%1", format_date(profile.created_at))
        self.since_label.setText(since)
        self.tier_chip.setText(tier_label(profile.tier))
        self.tier_chip.setVisible(bool(profile.tier))
        self.points_label.setText(self.tr("%n point(s)", None, profile.points))
        if profile.card:
            self.card_label.setText(self.tr("Card %1").replace("%1", format_card(profile.card)))
            self.qr.set_matrix(self._card_qr if self._card_qr_for == profile.card
                               else qr_matrix(card_payload(profile.card)))
        else:
            self.card_label.setText(self.tr("Card number: issued when the enrolment is sent"))
            self.qr.set_matrix([])
        self.qr.setVisible(bool(profile.card))
        self.qr_button.setVisible(bool(profile.card))
        if data.source == "server":
            self.source_label.setText(self.tr("Not one of this store's customers: fetched from the "
                                         "server and kept on this device."))
            self.source_label.show()
        else:
            self.source_label.hide()
        # Another store's customer is read here, changed by their home store (the server
        # would refuse the change).
        read_only = self.tr("Only the customer's home store changes their details, notes "
                            "and wishlist.")
        for control in self._write_controls:
            control.setEnabled(data.writable)
            control.setToolTip("" if data.writable else read_only)

        waiting = self.tr(" (waiting to be sent)")
        pending = profile.pending_fields
        values = {"email": profile.email or "—", "phone": format_phone(profile.phone) or "—",
                  "birth_date": format_date(profile.birth_date) if profile.birth_date else "—",
                  "home_store_id": self._store_name(profile.home_store_id)}
        for name, label in self.contact_values.items():
            text = values[name]
            if name in pending:
                text += waiting
            label.setText(text)
            _mark_pending(label, name in pending)

        for channel, consent in (("email", profile.consent_email), ("sms", profile.consent_sms)):
            label = self.consent_labels[channel]
            label.setText(consent_text(channel, consent))
            _mark_pending(label, consent.sync != "synced")
            button = self.consent_buttons[channel]
            button.setText(self.tr("Withdraw") if consent.granted else self.tr("Record consent"))
            button.setAccessibleName(
                (self.tr("Withdraw email consent") if consent.granted
                 else self.tr("Record email consent")) if channel == "email" else
                (self.tr("Withdraw SMS consent") if consent.granted
                 else self.tr("Record SMS consent")))

        self.stat_values["lifetime_value"].setText(
            format_money(stats.lifetime_value, stats.currency or "EUR"))
        self.stat_values["orders_count"].setText(format_number(stats.orders_count))
        self.stat_values["last_purchase_at"].setText(
            format_date(stats.last_purchase_at) if stats.last_purchase_at else self.tr("never"))
        channels = list(stats.channels or ())
        while len(self._chip_pool) < len(channels):  # more channels than ever seen: grow
            chip = _chip(self, "")
            self.channels_row.insertWidget(1 + len(self._chip_pool), chip)
            self._chip_pool.append(chip)
        for position, chip in enumerate(self._chip_pool):
            if position < len(channels):
                chip.setText(channel_label(channels[position]))
                chip.setAccessibleName(self.tr("Channel %1").replace(
                    "%1", channel_label(channels[position])))
            chip.setVisible(position < len(channels))
        self._channel_chips = self._chip_pool[:len(channels)]
        self.no_channel.setVisible(not channels)

        notes = [e for e in data.timeline if e.kind == "note"][:3]
        if notes:
            self.notes_label.setText("\n\n".join(
                f"{format_datetime(e.occurred_at)}"
                f"{' · ' + e.author if e.author else ''}"
                f"{' · ' + sync_label(e.sync) if e.sync != 'synced' else ''}\n{e.summary}"
                for e in notes))
        else:
            self.notes_label.setText(self.tr("No note yet."))

        self.orders_model.set_orders(data.orders)
        self.orders_stack.setCurrentIndex(0 if data.orders else 1)
        self._select_highlighted_order()
        self.wishlist_model.set_entries(data.wishlist)
        self.wishlist_stack.setCurrentIndex(0 if data.wishlist else 1)
        self.remove_wish_button.hide()
        self.timeline_model.set_entries(data.timeline)
        self.timeline_stack.setCurrentIndex(0 if data.timeline else 1)
        self.tabs.setTabText(0, self.tr("Orders (%1)").replace(
            "%1", format_number(len(data.orders))))
        self.tabs.setTabText(1, self.tr("Wishlist (%1)").replace(
            "%1", format_number(len(data.wishlist))))
        self.tabs.setTabText(2, self.tr("Timeline (%1)").replace(
            "%1", format_number(len(data.timeline))))
        self._show_pending(data.pending)

    def _select_highlighted_order(self) -> None:
        number = self._highlight_order
        if not number:
            return
        for row in range(self.orders_model.rowCount()):
            order = self.orders_model.order(row)
            if order is not None and order.order_number == number:
                index = self.orders_model.index(row, 0)
                self.orders_view.setCurrentIndex(index)
                self.orders_view.expand(index)
                self.orders_view.scrollTo(index)
                break

    def _show_pending(self, pending: Sequence[OutboxEntry]) -> None:
        waiting = sum(1 for e in pending if e.state == "waiting")
        failed = [e for e in pending if e.state == "failed"]
        conflict = next((e for e in failed if e.problem and e.problem.code == CONFLICT), None)
        parts = []
        if waiting:
            parts.append(self.tr("%n change(s) waiting to be sent", None, waiting))
        others = [e for e in failed if e is not conflict]
        if others:
            parts.append(self.tr("%n change(s) refused by the server: see the Sync screen",
                                 None, len(others)))
        self.pending_label.setText(" · ".join(parts))
        self.pending_label.setVisible(bool(parts))
        if conflict is not None:
            self.conflict.show_conflict(conflict)
        else:
            self.conflict.hide()
            self.conflict.entry = None

    def _store_name(self, store_id: str | None) -> str:
        if not store_id:
            return "—"
        return self._store_names.get(store_id, store_id)

    # -- change notifications ----------------------------------------------------------------
    def _on_changes(self, changes: Any) -> None:
        if not self.customer_id or not shiboken6.isValid(self):
            return
        touched = changes.reset or self.customer_id in changes.customers
        # An entry of this customer sent or refused: its "waiting" marks change.
        outbox = changes.outbox and self.data is not None and bool(self.data.pending)
        if touched or outbox:
            self._refresh.start()

    # -- writes ------------------------------------------------------------------------------
    def _write(self, what: str, call: Callable[[], Any], done: str,
               on_error: Callable[[BaseException], None] | None = None) -> workers.Task:
        def succeeded(_entry: Any) -> None:
            self.shell.notify(done)
            self.reload()

        return workers.run(call, owner=self, name=what, on_result=succeeded,
                           on_error=on_error or self.shell.show_error)

    def add_note(self) -> None:
        if not self.customer_id:
            return
        dialog = NoteDialog(self)
        customer_id = self.customer_id

        def save() -> None:
            text = dialog.note()
            self._write("add note", lambda: self.shell.facade.add_note(customer_id, text),
                        self.tr("Note saved: waiting to be sent."))

        dialog.accepted.connect(save)
        dialog.open()

    def change_consent(self, channel: str) -> None:
        if self.data is None:
            return
        consent = (self.data.profile.consent_email if channel == "email"
                   else self.data.profile.consent_sms)
        granted = not consent.granted
        dialog = ConsentDialog(channel, granted, self)
        customer_id = self.data.profile.customer_id

        def record() -> None:
            source = dialog.chosen_source()
            self._write("record consent", lambda: self.shell.facade.record_consent(
                customer_id, channel, granted, source),
                self.tr("Consent recorded: waiting to be sent."))

        dialog.accepted.connect(record)
        dialog.open()

    def edit_contact(self) -> None:
        if self.data is None:
            return
        profile = self.data.profile
        dialog = ContactDialog(profile, self)

        def save() -> None:
            changes = dialog.changes()

            def refused(error: BaseException) -> None:
                fields = server_field_errors(error)
                if fields:
                    again = ContactDialog(profile, self)
                    for name, value in changes.items():
                        if name in again.fields:
                            again.fields[name].setText(_show_value(value))
                    again.show_errors(fields)
                    again.accepted.connect(lambda: self._save_contact(profile, again.changes()))
                    again.open()
                else:
                    self.shell.show_error(error)

            self._save_contact(profile, changes, refused)

        dialog.accepted.connect(save)
        dialog.open()

    def _save_contact(self, profile: CustomerProfile, changes: dict[str, Any],
                      on_error: Callable[[BaseException], None] | None = None) -> None:
        customer_id, version = profile.customer_id, profile.version
        self._write("edit customer", lambda: self.shell.facade.edit_customer(
            customer_id, version, changes),
            self.tr("Contact details saved: waiting to be sent."), on_error)

    def _keep_mine(self) -> None:
        entry = self.conflict.entry
        if entry is None or self.customer_id is None:
            return
        current = (entry.problem.extra.get("current") if entry.problem else None) or {}
        version = current.get("version")
        changes = dict(conflict_fields(entry))
        customer_id = self.customer_id
        facade = self.shell.facade

        def resend() -> Any:
            facade.discard(entry.id)
            return facade.edit_customer(customer_id, int(version), changes)

        if version is None:
            self.shell.notify(self.tr("The server's version is unknown: open the customer again "
                                      "and redo the change."), "warning")
            return
        self.conflict.hide()
        self._write("keep my edit", resend, self.tr("Your version is kept: waiting to be sent."))

    def _take_theirs(self) -> None:
        entry = self.conflict.entry
        if entry is None:
            return
        facade = self.shell.facade
        self.conflict.hide()
        self._write("take server's version", lambda: facade.discard(entry.id),
                    self.tr("The server's version is kept; your change is dropped."))

    def add_wish(self) -> None:
        if not self.customer_id:
            return
        dialog = ProductPickerDialog(self.shell.facade, self)
        customer_id = self.customer_id

        def add() -> None:
            product = dialog.chosen
            if product is None:
                return
            self.tabs.setCurrentIndex(1)
            self._write("add to wishlist", lambda: self.shell.facade.add_to_wishlist(
                customer_id, product.sku),
                self.tr("%1 added to the wishlist: waiting to be sent.").replace(
                    "%1", product.name))

        dialog.accepted.connect(add)
        dialog.open()

    def remove_wish(self) -> None:
        rows = self.wishlist_view.selectionModel().selectedRows()
        if not rows or not self.customer_id:
            return
        entry = self.wishlist_model.entry(rows[0].row())
        if entry is None:
            return
        customer_id = self.customer_id
        name = entry.product.name if entry.product else entry.sku
        self._write("remove from wishlist", lambda: self.shell.facade.remove_from_wishlist(
            customer_id, entry.sku),
            self.tr("%1 removed from the wishlist: waiting to be sent.").replace("%1", name))

    def show_card_qr(self) -> None:
        if self.data is None or not self.data.profile.card:
            return
        profile = self.data.profile
        dialog = CardQrDialog(f"{profile.first_name} {profile.last_name}", profile.card, self)
        dialog.setWindowState(Qt.WindowState.WindowMaximized)
        dialog.open()


@dataclass(frozen=True)
class Prefetched:
    """A customer 360 read together with the scan that found the customer, so the screen
    paints without a second trip to a worker. Older than a second, it is not used."""

    data: Customer360
    stores: dict[str, str] | None
    card_qr: list[list[bool]]
    read_at: float = field(default_factory=time.monotonic)

    def fresh(self) -> bool:
        return time.monotonic() - self.read_at < 1.0


def prefetch_360(facade: Any, customer_id: str) -> Prefetched:
    """For workers: the 360 and the stores' names, as `enter(prefetched=…)` takes them."""
    return Prefetched(*_load_360(facade, customer_id, True))


def _load_360(facade: Any, customer_id: str, with_stores: bool
              ) -> tuple[Customer360, dict[str, str] | None, list[list[bool]]]:
    """The customer's 360, the stores' names the first time (for the home store), and the
    card's QR code (made here, off the UI thread)."""
    data = facade.customer_360(customer_id)
    stores = {s.store_id: s.name for s in facade.stores()} if with_stores else None
    card = data.profile.card
    return data, stores, qr_matrix(card_payload(card), quick=True) if card else []


def consent_text(channel: str, consent: Any) -> str:
    """ "Email: given on 12/03/2024, in the store" / "SMS: not given"."""
    name = (QCoreApplication.translate("Customer360", "Email") if channel == "email"
            else QCoreApplication.translate("Customer360", "SMS"))
    sources = {
        "store": QCoreApplication.translate("Customer360", "in the store"),
        "phone": QCoreApplication.translate("Customer360", "on the phone"),
        "form": QCoreApplication.translate("Customer360", "on a signed form"),
        "email": QCoreApplication.translate("Customer360", "by email"),
        "web": QCoreApplication.translate("Customer360", "on the web"),
        "app": QCoreApplication.translate("Customer360", "in the app"),
        "import": QCoreApplication.translate("Customer360", "imported"),
    }
    if consent.granted:
        text = QCoreApplication.translate("Customer360", "%1: given").replace("%1", name)
    elif consent.at is not None:
        text = QCoreApplication.translate("Customer360", "%1: withdrawn").replace("%1", name)
    else:
        text = QCoreApplication.translate("Customer360", "%1: not given").replace("%1", name)
    if consent.at is not None:
        text += QCoreApplication.translate("Customer360", " on %1").replace(
            "%1", format_date(consent.at))
    if consent.source:
        text += ", " + sources.get(consent.source, consent.source)
    pending = sync_label(getattr(consent, "sync", "synced"))
    if pending:
        text += f" ({pending})"
    return text


def customer_error_text(error: BaseException) -> str:
    """Why a customer cannot be shown, in the seller's words."""
    if isinstance(error, DomainError) and error.code == "customer.not_found":
        if error.params.get("offline"):
            return messages.text("customer.not_found_offline")
        return messages.text("customer.gone")
    return messages.for_error(error)
