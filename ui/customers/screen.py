"""The customer 360: who the customer is, what they bought where, what they want, every contact.

The screen reads `CustomerService.customer_360` in a worker and repaints when the device
services' change callback names this customer. Every write (note, consent, contact details,
wishlist) goes through the outbox: it shows at once, marked "waiting to be sent", until the
server has it. Wide screens show the identity column beside the tabs; narrow (portrait) ones stack
them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clienteling.domain.errors import DomainError
from clienteling.replica.views import (
    ChangeSet,
    Customer360,
    CustomerProfile,
    OutboxEntry,
    WishlistEntry,
)
from ui import icons, kit, messages, workers
from ui.catalog.picker import ProductPickerDialog
from ui.customers.conflict import ConflictPanel, conflict_fields, show_value
from ui.customers.contact import field_label, server_field_errors
from ui.customers.dialogs import ConsentDialog, ContactDialog, NoteDialog
from ui.customers.gdpr import GdprActions
from ui.customers.history import history_button
from ui.customers.loading import Prefetched, card_qr_matrix, load_360
from ui.customers.qr import CardQrDialog
from ui.i18n import format_date, format_datetime, format_money, format_number
from ui.kit.qr import QrCodeView
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
from ui.screen import Screen, Shell

log = logging.getLogger(__name__)

WIDE_MIN_WIDTH = 1000  # from here the identity column sits beside the tabs
CONFLICT = "customer.version_conflict"

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


class Customer360Screen(Screen):
    """Identity, loyalty, contact, consents, notes and stats; orders, wishlist, timeline."""

    screen_id = "customer"
    painted = Signal(str)  # customer id: the first paint after a customer's data was shown
    loaded = Signal(str)  # customer id: the data is in the widgets

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.customer_id: str | None = None
        self.data: Customer360 | None = None
        self._generation = 0
        self._reading_for: str | None = None  # the customer a running read is reading
        self._read_again = False  # a change came while it ran
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
        self.back_button = kit.button(self, self.tr("Back"), "back", flat=True)
        self.back_button.clicked.connect(self.shell.back)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        self.note_button = kit.button(self, self.tr("Add a note"), "note")
        self.note_button.clicked.connect(self.add_note)
        bar.addWidget(self.note_button)
        self.wish_button = kit.button(self, self.tr("Add to wishlist"), "heart")
        self.wish_button.clicked.connect(self.add_wish)
        bar.addWidget(self.wish_button)
        self._write_controls += [self.note_button, self.wish_button]
        # A manager gives a seller a follow-up about this customer (ui.tasks' form).
        self.task_button = kit.button(self, self.tr("New task"), "add")
        self.task_button.setObjectName("newTaskButton")
        self.task_button.clicked.connect(
            lambda: self.shell.show_screen("task_new", customer_id=self.customer_id))
        self.task_button.hide()
        bar.addWidget(self.task_button)
        self.gdpr = GdprActions(self)  # managers: export and erase (ui/customers/gdpr.py)
        bar.addWidget(self.gdpr)
        outer.addLayout(bar)

        self.pending_label = kit.label(self, None, "pendingStrip", self.tr("Changes waiting"))
        self.pending_label.setStyleSheet(
            "QLabel#pendingStrip { background: #fff6e0; color: #8a5a00; border-radius: 8px;"
            " padding: 8px 12px; }")
        self.pending_label.hide()
        outer.addWidget(self.pending_label)
        # Orders confirmed offline that the server refused for want of stock: a task.
        self.shortage_bar = QFrame(self)
        self.shortage_bar.setObjectName("shortageBar")
        self.shortage_bar.setStyleSheet("QFrame#shortageBar { background: #fdecea; "
                                        "border-radius: 8px; }")
        shortage_row = QHBoxLayout(self.shortage_bar)
        shortage_row.setContentsMargins(12, 6, 8, 6)
        self.shortage_label = kit.label(self.shortage_bar, None, "shortageText",
                                        self.tr("Order short of stock"))
        self.shortage_label.setStyleSheet("color: #b42318;")
        shortage_row.addWidget(self.shortage_label, 1)
        self.shortage_button = kit.button(self.shortage_bar, self.tr("Resolve…"), "warning")
        self.shortage_button.clicked.connect(self.open_shortage)
        shortage_row.addWidget(self.shortage_button)
        self.shortage_bar.hide()
        self._short_order: str | None = None
        outer.addWidget(self.shortage_bar)
        self.conflict = ConflictPanel(self)
        self.conflict.keep_mine.connect(self._keep_mine)
        self.conflict.take_theirs.connect(self._take_theirs)
        self.conflict.hide()
        outer.addWidget(self.conflict)

        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages, 1)
        self.message = kit.label(self, "empty", "customerMessage", self.tr("Customer status"))
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
        card, layout = kit.card(parent, "identityCard")
        # The name across the whole card; the details beside the card's QR code under it.
        self.name_label = kit.label(card, "title", "customerName", self.tr("Customer name"))
        layout.addWidget(self.name_label)
        top = QHBoxLayout()
        texts = QVBoxLayout()
        self.since_label = kit.label(card, "muted", "customerSince", self.tr("Customer since"))
        texts.addWidget(self.since_label)
        chips = QHBoxLayout()
        self.tier_chip = kit.chip(card, "")
        self.tier_chip.setAccessibleName(self.tr("Tier"))
        chips.addWidget(self.tier_chip)
        self.points_label = kit.label(card, None, "customerPoints", self.tr("Points"))
        self.points_label.setStyleSheet("font-weight: 600;")
        chips.addWidget(self.points_label)
        chips.addStretch(1)
        texts.addLayout(chips)
        self.card_label = kit.label(card, None, "customerCard", self.tr("Loyalty card"))
        texts.addWidget(self.card_label)
        top.addLayout(texts, 1)
        self.qr = QrCodeView(card)
        self.qr.setAccessibleName(self.tr("Show the card's QR code"))
        self.qr.setFixedSize(QSize(84, 84))  # a thumbnail: tapped, it opens full screen
        self.qr.clicked.connect(self.show_card_qr)
        top.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.qr_button = kit.button(card, self.tr("Show or print the card"), "qr", flat=True)
        self.qr_button.clicked.connect(self.show_card_qr)
        layout.addWidget(self.qr_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.source_label = kit.label(card, "muted", "customerSource", self.tr("Data source"))
        self.source_label.hide()
        layout.addWidget(self.source_label)
        self.identity_cards.append(card)

    def _build_contact(self, parent: QWidget) -> None:
        card, layout = kit.card(parent, "contactCard")
        head = QHBoxLayout()
        title = kit.label(card, "subtitle")
        title.setText(self.tr("Contact"))
        head.addWidget(title, 1)
        self.edit_button = kit.button(card, self.tr("Edit"), flat=True)
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
            value = kit.label(card, None, f"contact_{name}", field_label(name))
            form.addRow(field_label(name), value)
            self.contact_values[name] = value
        layout.addLayout(form)
        self.identity_cards.append(card)

    def _build_consents(self, parent: QWidget) -> None:
        card, layout = kit.card(parent, "consentsCard")
        title = kit.label(card, "subtitle")
        title.setText(self.tr("Consents"))
        layout.addWidget(title)
        self.consent_labels: dict[str, QLabel] = {}
        self.consent_buttons: dict[str, QPushButton] = {}
        for channel in ("email", "sms"):
            row = QHBoxLayout()
            label = kit.label(card, None, f"consent_{channel}",
                           self.tr("Email consent") if channel == "email"
                           else self.tr("SMS consent"))
            row.addWidget(label, 1)
            button = kit.button(card, "", flat=True)
            button.clicked.connect(lambda _=False, c=channel: self.change_consent(c))
            row.addWidget(button)
            layout.addLayout(row)
            self.consent_labels[channel] = label
            self.consent_buttons[channel] = button
            self._write_controls.append(button)
        layout.addWidget(history_button(self, card), 0, Qt.AlignmentFlag.AlignLeft)
        self.identity_cards.append(card)

    def _build_stats(self, parent: QWidget) -> None:
        card, layout = kit.card(parent, "statsCard")
        title = kit.label(card, "subtitle")
        title.setText(self.tr("Value"))
        layout.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.stat_values: dict[str, QLabel] = {}
        names = (("lifetime_value", self.tr("Lifetime value")),
                 ("orders_count", self.tr("Orders")),
                 ("last_purchase_at", self.tr("Last purchase")))
        for column, (name, text) in enumerate(names):
            caption = kit.label(card, "muted")
            caption.setText(text)
            value = kit.label(card, None, f"stat_{name}", text)
            value.setStyleSheet("font-size: 19px; font-weight: 600;")
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
            self.stat_values[name] = value
        layout.addLayout(grid)
        self.channels_row = QHBoxLayout()
        self.channels_row.setSpacing(6)
        channels_caption = kit.label(card, "muted")
        channels_caption.setText(self.tr("Channels:"))
        self.channels_row.addWidget(channels_caption)
        # Chips are made once and reused: styling a new widget costs more than the whole read.
        self._chip_pool: list[QLabel] = []
        for _ in range(5):
            chip = kit.chip(card, "")
            chip.hide()
            self.channels_row.addWidget(chip)
            self._chip_pool.append(chip)
        self.no_channel = kit.label(card, "muted")
        self.no_channel.setText(self.tr("none yet"))
        self.channels_row.addWidget(self.no_channel)
        self.channels_row.addStretch(1)
        layout.addLayout(self.channels_row)
        self._channel_chips: list[QLabel] = []
        self.identity_cards.append(card)

    def _build_notes(self, parent: QWidget) -> None:
        card, layout = kit.card(parent, "notesCard")
        head = QHBoxLayout()
        title = kit.label(card, "subtitle")
        title.setText(self.tr("Seller's notes"))
        head.addWidget(title, 1)
        add = kit.button(card, self.tr("Add"), "add", flat=True)
        add.setAccessibleName(self.tr("Add a note"))
        add.clicked.connect(self.add_note)
        self._write_controls.append(add)
        head.addWidget(add)
        layout.addLayout(head)
        self.notes_label = kit.label(card, None, "customerNotes", self.tr("Notes"))
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
        empty = kit.label(page, "empty", f"{name}Empty", empty_text)
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
        kit.size_columns(self.orders_view, self.orders_view.header(), stretch=OrdersModel.NUMBER,
                      samples={OrdersModel.DATE: [format_date(_SAMPLE_DAY)],
                               OrdersModel.CHANNEL: [channel_label(c) for c in _ORDER_CHANNELS],
                               OrdersModel.STATUS: [status_label(s) for s in _STATUSES]
                               + [sync_label("waiting")],
                               OrdersModel.TOTAL: [_sample_money()]})
        # An order opens its page (lines, payment, pickup QR, cancel) where the app has one.
        self.orders_view.activated.connect(self.open_order)
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
        kit.size_columns(self.wishlist_view, self.wishlist_view.horizontalHeader(),
                      stretch=WishlistModel.PRODUCT,
                      samples={WishlistModel.PRICE: [_sample_money()],
                               WishlistModel.AVAILABLE: [self.wishlist_model.availability(e)
                                                         for e in _sample_wishes()],
                               WishlistModel.ADDED: [format_date(_SAMPLE_DAY)]})
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 4)
        add = kit.button(bar, self.tr("Add a product"), "add")
        add.setAccessibleName(self.tr("Add a product to the wishlist"))
        add.clicked.connect(self.add_wish)
        self._write_controls.append(add)
        row.addWidget(add)
        self.remove_wish_button = kit.button(bar, self.tr("Remove"), "trash")
        self.remove_wish_button.setAccessibleName(self.tr("Remove from the wishlist"))
        self._write_controls.append(self.remove_wish_button)
        self.remove_wish_button.setProperty("danger", True)
        self.remove_wish_button.clicked.connect(self.remove_wish)
        self.remove_wish_button.hide()  # shown when an item is selected
        row.addWidget(self.remove_wish_button)
        self.wish_to_cart_button = kit.button(bar, self.tr("Add to cart"), "cart")
        self.wish_to_cart_button.setAccessibleName(self.tr("Add the wished product to the cart"))
        self.wish_to_cart_button.clicked.connect(self.wish_to_cart)
        self.wish_to_cart_button.hide()  # shown when an item is selected (and carts exist)
        row.addWidget(self.wish_to_cart_button)
        row.addStretch(1)
        page, self.wishlist_stack, _ = self._tab_page(
            self.wishlist_view, self.tr("Nothing on the wishlist yet."), "wishlistView", bar)
        self.wishlist_view.selectionModel().selectionChanged.connect(
            lambda *_: self.remove_wish_button.setVisible(
                self.wishlist_view.selectionModel().hasSelection()))
        self.wishlist_view.selectionModel().selectionChanged.connect(
            lambda *_: self.wish_to_cart_button.setVisible(
                self.wishlist_view.selectionModel().hasSelection()
                and self.shell.has_screen("cart")))
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
        kit.size_columns(self.timeline_view, self.timeline_view.horizontalHeader(),
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
        # The customer being served: Products and Cart act for them.
        self.shell.set_customer_in_context(customer_id)
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
        if fresh and isinstance(prefetched, Prefetched):
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
        """Read the customer again, once: a change noticed while a read of the same customer
        runs waits for it and reads once more after it (that read may predate the change)."""
        if not self.customer_id or self.shell.device is None:
            return
        if self._reading_for == self.customer_id:
            self._read_again = True
            return
        self._generation += 1
        generation = self._generation
        customer_id = self.customer_id
        self._reading_for, self._read_again = customer_id, False
        workers.run(load_360, self.device, customer_id, not self._store_names,
                    owner=self, name="customer 360",
                    on_result=lambda answer: self._on_loaded(generation, *answer),
                    on_error=lambda error: self._on_load_error(generation, error))

    def _on_loaded(self, generation: int, data: Customer360,
                   stores: dict[str, str] | None, card_qr: list[list[bool]]) -> None:
        if generation != self._generation:
            return
        self._read_done()
        if data.profile.customer_id != self.customer_id:
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
        self._read_done()
        if self.data is not None and not (isinstance(error, DomainError)
                                          and error.code == "customer.not_found"):
            self.shell.show_error(error)  # keep what is shown; say the refresh failed
            return
        self.data = None
        self.message.setText(customer_error_text(error))
        self.pages.setCurrentWidget(self.message)

    def _read_done(self) -> None:
        self._reading_for = None
        if self._read_again:
            self._read_again = False
            self.reload()

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
            if self._card_qr_for == profile.card:
                self.qr.set_matrix(self._card_qr)
            else:  # a card issued since the read: its QR is made in a worker
                self.qr.set_matrix([])
                self._make_card_qr(profile.card)
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
        self.gdpr.set_customer(data)
        self.task_button.setVisible(
            getattr(self.shell.user, "role", None) in ("manager", "admin") and data.writable
            and self.shell.has_screen("task_new"))

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
            kit.mark_pending(label, name in pending)

        for channel, consent in (("email", profile.consent_email), ("sms", profile.consent_sms)):
            label = self.consent_labels[channel]
            label.setText(consent_text(channel, consent))
            kit.mark_pending(label, consent.sync != "synced")
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
            chip = kit.chip(self, "")
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
        self.wish_to_cart_button.hide()
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
        short = [e for e in failed if e.problem and e.problem.code == "stock.short"
                 and e.kind == "order.create" and e.target]
        self._short_order = short[0].target if short else None
        if short and self.shell.has_screen("shortage"):
            lines = short[0].problem.extra.get("lines") if short[0].problem else None
            names = {o.order_number: o for o in (self.data.orders if self.data else ())}
            order = names.get(short[0].target)
            skus = ", ".join(
                next((ln.name or ln.sku for ln in order.lines if ln.sku == line.get("sku")),
                     str(line.get("sku"))) if order else str(line.get("sku"))
                for line in (lines or []) if isinstance(line, dict))
            self.shortage_label.setText(self.tr(
                "Order %1 could not be reserved when it was sent: not enough %2. Choose what "
                "to do; the customer's number stays valid.").replace(
                "%1", short[0].target or "").replace("%2", skus))
            self.shortage_bar.show()
        else:
            self.shortage_bar.hide()
        others = [e for e in failed if e is not conflict and not (
            e in short and self.shell.has_screen("shortage"))]
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

    def open_shortage(self) -> None:
        if self._short_order and self.shell.has_screen("shortage"):
            self.shell.show_screen("shortage", order_number=self._short_order)

    def open_order(self, index: Any) -> None:
        """An order row (or one of its lines) opens the order's page."""
        if not self.shell.has_screen("order"):
            return
        row = index.row() if not index.parent().isValid() else index.parent().row()
        order = self.orders_model.order(row)
        if order is not None and order.order_number:
            self.shell.show_screen("order", order_number=order.order_number)

    def _make_card_qr(self, card: str) -> None:
        def made(matrix: list[list[bool]]) -> None:
            self._card_qr, self._card_qr_for = matrix, card
            if self.data is not None and self.data.profile.card == card:
                self.qr.set_matrix(matrix)

        workers.run(card_qr_matrix, card, owner=self, name="card QR", on_result=made)

    def _store_name(self, store_id: str | None) -> str:
        if not store_id:
            return "—"
        return self._store_names.get(store_id, store_id)

    # -- change notifications ----------------------------------------------------------------
    def _on_changes(self, changes: ChangeSet) -> None:
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
            # No reload here: the write's change notice re-reads the customer (once).
            self.shell.notify(done)

        return workers.run(call, owner=self, name=what, on_result=succeeded,
                           on_error=on_error or self.shell.show_error)

    def add_note(self) -> None:
        if not self.customer_id:
            return
        dialog = NoteDialog(self)
        customer_id = self.customer_id

        def save() -> None:
            text = dialog.note()
            self._write("add note", lambda: self.device.customers.add_note(customer_id, text),
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
            self._write("record consent", lambda: self.device.customers.record_consent(
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
                            again.fields[name].setText(show_value(value))
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
        self._write("edit customer", lambda: self.device.customers.edit_customer(
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
        device = self.device
        if version is None:
            self.shell.notify(self.tr("The server's version is unknown: open the customer again "
                                      "and redo the change."), "warning")
            return
        based_on = int(version)

        def resend() -> Any:
            device.sync.discard(entry.id)
            return device.customers.edit_customer(customer_id, based_on, changes)

        self.conflict.hide()
        self._write("keep my edit", resend, self.tr("Your version is kept: waiting to be sent."))

    def _take_theirs(self) -> None:
        entry = self.conflict.entry
        if entry is None:
            return
        device = self.device
        self.conflict.hide()
        self._write("take server's version", lambda: device.sync.discard(entry.id),
                    self.tr("The server's version is kept; your change is dropped."))

    def add_wish(self) -> None:
        if not self.customer_id:
            return
        dialog = ProductPickerDialog(self.device, self)
        customer_id = self.customer_id

        def add() -> None:
            product = dialog.chosen
            if product is None:
                return
            self.tabs.setCurrentIndex(1)
            self._write("add to wishlist", lambda: self.device.customers.add_to_wishlist(
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
        self._write("remove from wishlist",
                    lambda: self.device.customers.remove_from_wishlist(
            customer_id, entry.sku),
            self.tr("%1 removed from the wishlist: waiting to be sent.").replace("%1", name))

    def wish_to_cart(self) -> None:
        """The selected wished product into the customer's cart, then the cart."""
        rows = self.wishlist_view.selectionModel().selectedRows()
        entry = self.wishlist_model.entry(rows[0].row()) if rows else None
        customer_id = self.customer_id
        if entry is None or not customer_id:
            return
        workers.run(self.device.carts.add, customer_id, entry.sku, owner=self,
                    name="wish to cart",
                    on_result=lambda _cart: self.shell.show_screen("cart",
                                                                   customer_id=customer_id),
                    on_error=self.shell.show_error)

    def show_card_qr(self) -> None:
        profile = self.data.profile if self.data is not None else None
        if profile is None or not profile.card:
            return
        dialog = CardQrDialog(f"{profile.first_name} {profile.last_name}", profile.card, self)
        dialog.setWindowState(Qt.WindowState.WindowMaximized)
        dialog.open()


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
