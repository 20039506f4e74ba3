"""The checkout: click and collect (this store by default; the others with what they have of
the cart and how far they are) or home delivery (an address checked as it is typed, the
customer's last one proposed; the server's delivery methods and fees); the quote (the
server's online, the device's estimate offline: where each line comes from, the fee, the
total, `ready_by` or `delivery_by`); the payment; Confirm."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clienteling.device.checkout import Fulfillment, address_problems
from clienteling.replica.views import DeliveryMethodView, PickupOption, QuoteView
from ui import kit, messages, workers
from ui.cart.reading import read_confirmation
from ui.i18n import QT_TRANSLATE_NOOP, format_date, format_number
from ui.models.cart import PickupStoresModel, QuoteLinesModel, money_text
from ui.screen import Screen, Shell

WIDE = 1100
QUOTE_DELAY_MS = 250
COUNTRIES = (("FR", QT_TRANSLATE_NOOP("Checkout", "France")),
             ("BE", QT_TRANSLATE_NOOP("Checkout", "Belgium")),
             ("LU", QT_TRANSLATE_NOOP("Checkout", "Luxembourg")),
             ("CH", QT_TRANSLATE_NOOP("Checkout", "Switzerland")),
             ("MC", QT_TRANSLATE_NOOP("Checkout", "Monaco")))
METHODS = {"standard": QT_TRANSLATE_NOOP("Checkout", "Standard"),
           "express": QT_TRANSLATE_NOOP("Checkout", "Express"),
           "store_courier": QT_TRANSLATE_NOOP("Checkout", "Store courier")}
PAYMENTS = (("paid_in_store", QT_TRANSLATE_NOOP("Checkout", "Paid at the till")),
            ("pay_at_pickup", QT_TRANSLATE_NOOP("Checkout", "Pay at pickup")),
            ("payment_link", QT_TRANSLATE_NOOP("Checkout", "Payment link (QR code for the "
                                                           "customer's phone)")))


def _tr(text: str) -> str:
    return QCoreApplication.translate("Checkout", text)


def ready_words(day: dt.date, today: dt.date | None = None) -> str:
    """When a click and collect is ready, as a seller says it: today, tomorrow or the date."""
    translate = QCoreApplication.translate  # spelled out: lupdate does not see through _tr
    today = today or dt.date.today()
    if day == today:
        return translate("Checkout", "Ready for pickup today")
    if day == today + dt.timedelta(days=1):
        return translate("Checkout", "Ready for pickup tomorrow")
    return translate("Checkout", "Ready for pickup on %1").replace("%1", format_date(day))


class CheckoutScreen(Screen):
    """From the customer's cart to an order."""

    screen_id = "checkout"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.setObjectName("screen_checkout")
        self.customer_id: str | None = None
        self.quote: QuoteView | None = None
        self.methods: list[DeliveryMethodView] = []
        self._generation = 0
        self._placing = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        self.title_label = kit.label(self, "title", "checkoutTitle", self.tr("Checkout"))
        outer.addWidget(self.title_label)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(16)
        outer.addLayout(self.columns, 1)

        # How the order reaches the customer.
        how_card, how_column = kit.card(self, "checkoutHow")
        toggle = QHBoxLayout()
        self.collect_button = self._toggle(how_card, self.tr("Click and collect"), "store")
        self.delivery_button = self._toggle(how_card, self.tr("Home delivery"), "download")
        self._how = QButtonGroup(self)
        self._how.setExclusive(True)
        for button in (self.collect_button, self.delivery_button):
            self._how.addButton(button)
            toggle.addWidget(button)
        self.collect_button.setChecked(True)
        self._how.buttonClicked.connect(lambda _b: self._on_how())
        how_column.addLayout(toggle)
        self.how_stack = QStackedWidget(how_card)
        # Click and collect: where.
        collect = QWidget(self.how_stack)
        collect_column = QVBoxLayout(collect)
        collect_column.setContentsMargins(0, 8, 0, 0)
        where = kit.label(collect, "subtitle")
        where.setText(self.tr("Collected at"))
        collect_column.addWidget(where)
        self.stores_model = PickupStoresModel(self)
        self.stores_view = QTableView(collect)
        self.stores_view.setAccessibleName(self.tr("Pickup store"))
        self.stores_view.setModel(self.stores_model)
        self.stores_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.stores_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.stores_view.verticalHeader().hide()
        self.stores_view.verticalHeader().setDefaultSectionSize(44)
        self.stores_view.setShowGrid(False)
        self.stores_view.setWordWrap(False)
        QScroller.grabGesture(self.stores_view.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        kit.size_columns(self.stores_view, self.stores_view.horizontalHeader(),
                         stretch=PickupStoresModel.STORE,
                         samples={PickupStoresModel.DISTANCE: ["888 km"],
                                  PickupStoresModel.HAS: [
                                      QCoreApplication.translate(
                                          "PickupStoresModel", "%1 of %2 lines")
                                      .replace("%1", "88").replace("%2", "88"),
                                      QCoreApplication.translate("PickupStoresModel",
                                                                 "everything")]})
        self.stores_view.selectionModel().selectionChanged.connect(
            lambda *_: self._schedule_quote())
        collect_column.addWidget(self.stores_view, 1)
        self.how_stack.addWidget(collect)
        # Home delivery: the address and the method.
        delivery = QWidget(self.how_stack)
        delivery_column = QVBoxLayout(delivery)
        delivery_column.setContentsMargins(0, 8, 0, 0)
        self.propose_button = kit.button(delivery, self.tr("Use the customer's last address"),
                                         "user", flat=True)
        self.propose_button.clicked.connect(self._use_proposed)
        self.propose_button.hide()
        self._proposed: dict[str, Any] | None = None
        delivery_column.addWidget(self.propose_button)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QLineEdit] = {}
        for name, label in (("line1", self.tr("Address")),
                            ("line2", self.tr("Address (continued)")),
                            ("postcode", self.tr("Postcode")), ("city", self.tr("City"))):
            edit = QLineEdit(delivery)
            edit.setAccessibleName(label)
            edit.setObjectName(f"address_{name}")
            edit.setMinimumHeight(44)
            edit.textChanged.connect(lambda _t: self._schedule_quote())
            self.fields[name] = edit
            form.addRow(label, edit)
        self.country = QComboBox(delivery)
        self.country.setAccessibleName(self.tr("Country"))
        self.country.setMinimumHeight(44)
        for code, name in COUNTRIES:
            self.country.addItem(_tr(name), code)
        self.country.currentIndexChanged.connect(lambda _i: self._schedule_quote())
        form.addRow(self.tr("Country"), self.country)
        delivery_column.addLayout(form)
        self.address_problem = kit.label(delivery, "error", "addressProblem",
                                         self.tr("Address problem"))
        self.address_problem.setStyleSheet("color: #b42318;")
        self.address_problem.hide()
        delivery_column.addWidget(self.address_problem)
        method_title = kit.label(delivery, "subtitle")
        method_title.setText(self.tr("Delivery method"))
        delivery_column.addWidget(method_title)
        self.methods_box = QVBoxLayout()
        delivery_column.addLayout(self.methods_box)
        self._methods = QButtonGroup(self)
        self._methods.setExclusive(True)
        self._methods.buttonClicked.connect(lambda _b: self._schedule_quote())
        self.methods_note = kit.label(delivery, "muted", "methodsNote")
        delivery_column.addWidget(self.methods_note)
        delivery_column.addStretch(1)
        self.how_stack.addWidget(delivery)
        how_column.addWidget(self.how_stack, 1)
        self.columns.addWidget(how_card, 1)

        # The quote, the payment, Confirm.
        side = QWidget(self)
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        side_column.setSpacing(12)
        quote_card, quote_column = kit.card(side, "checkoutQuote")
        self.quote_state = kit.label(quote_card, "muted", "quoteState",
                                     self.tr("Where the quote comes from"))
        quote_column.addWidget(self.quote_state)
        self.lines_model = QuoteLinesModel(self)
        self.lines_view = QTableView(quote_card)
        self.lines_view.setAccessibleName(self.tr("Order lines and where they come from"))
        self.lines_view.setModel(self.lines_model)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines_view.verticalHeader().hide()
        self.lines_view.verticalHeader().setDefaultSectionSize(40)
        self.lines_view.setShowGrid(False)
        self.lines_view.setWordWrap(False)
        kit.size_columns(self.lines_view, self.lines_view.horizontalHeader(),
                         stretch=QuoteLinesModel.PRODUCT,
                         samples={QuoteLinesModel.QUANTITY: ["888"],
                                  QuoteLinesModel.SOURCE: ["Paris Montparnasse"],
                                  QuoteLinesModel.AMOUNT: ["88 888,88 €"]})
        # A cart's few lines: its store and amount columns as wide as what they hold, not as
        # the widest store name, so the product names have the room.
        for column in (QuoteLinesModel.QUANTITY, QuoteLinesModel.SOURCE,
                       QuoteLinesModel.AMOUNT):
            self.lines_view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        quote_column.addWidget(self.lines_view, 1)
        self.fee_label = kit.label(quote_card, None, "quoteFee", self.tr("Delivery fee"))
        self.total_label = kit.label(quote_card, "title", "quoteTotal", self.tr("Total"))
        self.when_label = kit.label(quote_card, "subtitle", "quoteWhen",
                                    self.tr("When the order is there"))
        self.short_label = kit.label(quote_card, None, "quoteShort", self.tr("Short lines"))
        self.short_label.setStyleSheet("color: #b42318;")
        for shown in (self.fee_label, self.total_label, self.when_label, self.short_label):
            quote_column.addWidget(shown)
        side_column.addWidget(quote_card, 1)
        pay_card, pay_column = kit.card(side, "checkoutPayment")
        pay_title = kit.label(pay_card, "subtitle")
        pay_title.setText(self.tr("Payment"))
        pay_column.addWidget(pay_title)
        self._payments = QButtonGroup(self)
        self.payment_buttons: dict[str, QRadioButton] = {}
        for mode, text in PAYMENTS:
            radio = QRadioButton(_tr(text), pay_card)
            radio.setAccessibleName(_tr(text))
            radio.setMinimumHeight(44)
            radio.setProperty("mode", mode)
            self._payments.addButton(radio)
            self.payment_buttons[mode] = radio
            pay_column.addWidget(radio)
            if mode == "paid_in_store":
                self.receipt = QLineEdit(pay_card)
                self.receipt.setAccessibleName(self.tr("Till receipt number"))
                self.receipt.setPlaceholderText(self.tr("Till receipt number (optional)"))
                self.receipt.setMinimumHeight(44)
                self.receipt.setMaxLength(64)
                pay_column.addWidget(self.receipt)
        self.payment_buttons["pay_at_pickup"].setChecked(True)
        self._payments.buttonClicked.connect(lambda _b: self._set_confirm())
        side_column.addWidget(pay_card)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(side)
        kit.see_through(scroll)
        self.side_scroll = scroll
        self.quote_card = quote_card
        # The cards keep a gap from the scroll bar when there is one, none when there is not.
        scroll.verticalScrollBar().rangeChanged.connect(
            lambda _low, high: side_column.setContentsMargins(0, 0, 12 if high > 0 else 0, 0))
        QScroller.grabGesture(scroll.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.columns.addWidget(scroll, 1)
        # Confirm stays in sight whatever the size: under both columns, never scrolled away.
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.confirm_button = kit.button(self, self.tr("Confirm the order"), "check",
                                         primary=True)
        self.confirm_button.setMinimumHeight(56)
        self.confirm_button.setMinimumWidth(280)
        self.confirm_button.clicked.connect(self.confirm)
        bar.addWidget(self.confirm_button)
        outer.addLayout(bar)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUOTE_DELAY_MS)
        self._timer.timeout.connect(self.refresh_quote)

    @staticmethod
    def _toggle(parent: QWidget, text: str, icon: str) -> QPushButton:
        button = kit.button(parent, text, icon)
        button.setCheckable(True)
        button.setMinimumHeight(52)
        return button

    def title(self) -> str:
        return self.tr("Checkout")

    # -- navigation ------------------------------------------------------------------------
    def enter(self, **params: Any) -> None:
        """Params: `customer_id` (default: the customer being served); `how`
        "click_and_collect" or "home_delivery"."""
        customer_id = params.get("customer_id") or self.shell.customer_in_context
        if customer_id != self.customer_id:
            self.customer_id = customer_id
            for edit in self.fields.values():
                edit.clear()
            self.receipt.clear()
            self._proposed = None
        if params.get("how") == "home_delivery":
            self.delivery_button.setChecked(True)
        elif params.get("how") == "click_and_collect":
            self.collect_button.setChecked(True)
        self._placing = False
        self.quote = None
        self._on_how()
        if not customer_id:
            self.title_label.setText(self.tr("Checkout: no customer is being served"))
            return
        self.title_label.setText(self.tr("Checkout"))

        def read(device: Any) -> tuple[str, list[PickupOption], list[DeliveryMethodView],
                                       dict[str, Any] | None]:
            return (device.carts.customer_name(customer_id),
                    device.checkout.pickup_options(customer_id),
                    device.checkout.delivery_methods(),
                    device.checkout.proposed_address(customer_id))

        # What the device holds first; the server's delivery methods after, when it answers.
        workers.run(read, self.device, owner=self, name="checkout",
                    on_result=lambda answer: self._on_read(customer_id, *answer),
                    on_error=self.shell.show_error)
        workers.run(lambda: self.device.checkout.delivery_methods(refresh=True), owner=self,
                    name="delivery methods",
                    on_result=lambda methods: self._show_methods(methods)
                    if methods != self.methods else None,
                    on_error=lambda _e: None)

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {"customer_id": demo["customer_id"]} if demo.get("customer_id") else None

    def screenshot_states(self) -> list[tuple[str, Any]]:
        return [("collect", self._screenshot_collect), ("delivery", self._screenshot_delivery)]

    def _screenshot_collect(self) -> None:
        self.collect_button.setChecked(True)
        self._on_how()
        # Another store than this one, when there is one: the picture shows sourcing.
        if self.stores_model.rowCount() > 1:
            self.stores_view.selectRow(1)
        self._timer.stop()
        self.refresh_quote()  # now, not after the typing delay: the picture waits for it

    def _screenshot_delivery(self) -> None:
        self.delivery_button.setChecked(True)
        if not self.fields["line1"].text():
            self._fill({"line1": "12 rue des Lilas", "postcode": "69003", "city": "Lyon",
                        "country": "FR"})
        self._on_how()
        self.payment_buttons["payment_link"].setChecked(True)
        self._timer.stop()
        self.refresh_quote()

    # -- what the device says ------------------------------------------------------------------
    def _on_read(self, customer_id: str, name: str, options: list[PickupOption],
                 methods: list[DeliveryMethodView], proposed: dict[str, Any] | None) -> None:
        if customer_id != self.customer_id:
            return
        self.title_label.setText(self.tr("Checkout for %1").replace("%1", name))
        chosen = self._pickup_store()
        self.stores_model.set_rows(options)
        row = next((i for i, o in enumerate(options)
                    if (o.store.store_id == chosen if chosen else o.is_this_store)), 0)
        if options:
            self.stores_view.selectRow(row)
        self._show_methods(methods)
        self._proposed = proposed
        self.propose_button.setVisible(proposed is not None)
        if proposed and not self.fields["line1"].text():
            self._fill(proposed)
        self._schedule_quote()

    def _show_methods(self, methods: list[DeliveryMethodView]) -> None:
        chosen = self._method()
        self.methods = methods
        for button in list(self._methods.buttons()):
            self._methods.removeButton(button)
            button.deleteLater()
        for method in methods:
            if method.min_days == method.max_days:
                days = self.tr("%n day(s)", None, method.max_days)
            elif method.min_days == 0:  # "0 to 1 days" reads oddly: "within a day"
                days = self.tr("within %n day(s)", None, method.max_days)
            else:
                days = self.tr("%1 to %2 days").replace(
                    "%1", format_number(method.min_days)).replace(
                    "%2", format_number(method.max_days))
            fee = self.tr("free") if not method.fee.amount else money_text(method.fee)
            text = f"{_tr(METHODS.get(method.method, method.method))} · {fee} · {days}"
            button = QRadioButton(text, self)
            button.setAccessibleName(text)
            button.setMinimumHeight(44)
            button.setProperty("method", method.method)
            self._methods.addButton(button)
            self.methods_box.addWidget(button)
        if self._methods.buttons():
            self._methods.buttons()[0].setChecked(True)
            self.methods_note.setText("")
        else:
            self.methods_note.setText(self.tr("The delivery methods are known once the device "
                                              "has been online: home delivery needs it once."))
        for button in self._methods.buttons():
            if chosen and button.property("method") == chosen:
                button.setChecked(True)
        self._schedule_quote()

    def _use_proposed(self) -> None:
        if self._proposed:
            self._fill(self._proposed)

    def _fill(self, address: dict[str, Any]) -> None:
        for name, edit in self.fields.items():
            edit.setText(str(address.get(name) or ""))
        index = self.country.findData(str(address.get("country") or "FR").upper())
        self.country.setCurrentIndex(max(0, index))

    # -- the choice ------------------------------------------------------------------------------
    def _is_delivery(self) -> bool:
        return self.delivery_button.isChecked()

    def _on_how(self) -> None:
        delivery = self._is_delivery()
        self.how_stack.setCurrentIndex(1 if delivery else 0)
        pickup = self.payment_buttons["pay_at_pickup"]
        pickup.setEnabled(not delivery)  # a delivered order is paid before it leaves
        if delivery and pickup.isChecked():
            self.payment_buttons["paid_in_store"].setChecked(True)
        self._schedule_quote()

    def _pickup_store(self) -> str | None:
        rows = self.stores_view.selectionModel().selectedRows()
        option = self.stores_model.option(rows[0].row()) if rows else None
        return option.store.store_id if option else None

    def _method(self) -> str | None:
        button = self._methods.checkedButton()
        return str(button.property("method")) if button is not None else None

    def _address(self) -> dict[str, Any]:
        address: dict[str, Any] = {name: edit.text().strip()
                                   for name, edit in self.fields.items()}
        if not address["line2"]:
            address.pop("line2")
        address["country"] = self.country.currentData()
        return address

    def fulfillment(self) -> Fulfillment | None:
        """The seller's choice, or None while it is incomplete or wrong (the form says why)."""
        if not self._is_delivery():
            return Fulfillment("click_and_collect", store_id=self._pickup_store())
        address = self._address()
        problems = address_problems(address)
        typed = any(address.get(n) for n in ("line1", "postcode", "city"))
        if problems:
            if typed:
                self.address_problem.setText("\n".join(
                    messages.text(code) for code in dict.fromkeys(problems.values())))
            self.address_problem.setVisible(typed)
            return None
        self.address_problem.hide()
        method = self._method()
        if method is None:
            return None
        return Fulfillment("home_delivery", address=address, method=method)

    def _schedule_quote(self) -> None:
        # The last quote no longer holds: say so at once, never show it for the new choice.
        self.quote = None
        self._generation += 1
        self._show_quote(None)
        self.quote_state.setText(self.tr("Asking for the price and the date…"))
        self._set_confirm()
        self._timer.start()

    def refresh_quote(self) -> None:
        """The quote for the current choice, in a worker (the server's, or the estimate)."""
        customer_id = self.customer_id
        how = self.fulfillment() if customer_id else None
        self._generation += 1
        generation = self._generation
        if how is None:
            self._show_quote(None)
            self.quote_state.setText(self.tr("Complete the address and the delivery method "
                                             "to see the price and the date."))
            return
        self.quote_state.setText(self.tr("Asking for the price and the date…"))
        workers.run(self.device.checkout.quote, customer_id, how, owner=self, name="quote",
                    on_result=lambda quote: self._on_quote(generation, quote),
                    on_error=lambda error: self._on_quote_error(generation, error))

    def _on_quote(self, generation: int, quote: QuoteView) -> None:
        if generation != self._generation:
            return
        self.quote = quote
        self._show_quote(quote)
        self._set_confirm()

    def _on_quote_error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._show_quote(None)
        self.quote_state.setText(messages.for_error(error))

    def _show_quote(self, quote: QuoteView | None) -> None:
        self.lines_model.set_rows(quote.lines if quote else ())
        has = quote is not None and quote.total is not None
        for label in (self.fee_label, self.total_label, self.when_label):
            label.setVisible(has)
        self.short_label.setVisible(bool(quote and quote.short))
        if quote is None:
            return
        self.quote_state.setText(
            self.tr("Estimated on this device (offline): the server confirms it when the order "
                    "is sent.") if quote.estimated else self.tr("Price and date from the "
                                                                "server."))
        if quote.short:
            self.short_label.setText(messages.text("stock.short", lines=list(quote.short)))
            return
        self.fee_label.setText(self.tr("Delivery fee: %1").replace("%1", money_text(quote.fee))
                               if self._is_delivery() else self.tr("No fee: collected in "
                                                                   "store."))
        self.total_label.setText(self.tr("Total %1").replace("%1", money_text(quote.total)))
        if quote.ready_by is not None:
            self.when_label.setText(ready_words(quote.ready_by))
        elif quote.delivery_by is not None:
            self.when_label.setText(self.tr("Delivered by %1").replace(
                "%1", format_date(quote.delivery_by)))

    def _set_confirm(self) -> None:
        ready = (self.quote is not None and self.quote.total is not None and not self.quote.short
                 and not self._placing and self._payments.checkedButton() is not None)
        self.confirm_button.setEnabled(ready)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= WIDE
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                  else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    # -- Confirm --------------------------------------------------------------------------------
    def payment_mode(self) -> str:
        button = self._payments.checkedButton()
        return str(button.property("mode")) if button is not None else "pay_at_pickup"

    def confirm(self) -> None:
        """Place the order (numbered here, final at once, sent by the sync) and show its
        confirmation."""
        customer_id, quote, how = self.customer_id, self.quote, self.fulfillment()
        if not customer_id or quote is None or how is None or self._placing:
            return
        self._placing = True
        self._set_confirm()
        mode = self.payment_mode()
        receipt = self.receipt.text().strip() if mode == "paid_in_store" else None
        def place(device: Any) -> tuple[Any, Any]:
            entry = device.checkout.place(customer_id, how, mode, quote=quote, receipt=receipt)
            # Read in the same worker: the confirmation paints at once, no second trip.
            return entry, read_confirmation(device, entry.target)

        workers.run(place, self.device, owner=self, name="place order",
                    on_result=lambda answer: self._placed(customer_id, answer[0], answer[1], quote),
                    on_error=self._not_placed)

    def _placed(self, customer_id: str, entry: Any, prepared: Any, quote: QuoteView) -> None:
        self._placing = False
        self.shell.show_screen("confirmation", order_number=entry.target,
                               customer_id=customer_id, quote=quote, prepared=prepared)

    def _not_placed(self, error: BaseException) -> None:
        self._placing = False
        self._set_confirm()
        self.shell.show_error(error)
