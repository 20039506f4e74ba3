"""A short order's task: an order confirmed offline that the server refused for want of stock
when it was sent. The seller chooses: source it from the stores that have it, deliver it
home, fewer units, or cancel it and tell the customer. The customer's order number (and
pickup QR) stays valid whatever is chosen: the corrected order goes under the same number."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clienteling.domain import sourcing
from clienteling.domain.address import postcode_problem
from clienteling.replica.views import Shortage, ShortLine
from ui import kit, messages, workers
from ui.i18n import format_number
from ui.models.vocabulary import format_phone
from ui.pickups.common import html
from ui.pickups.frame import page_frame
from ui.screen import Screen, ScreenshotState, Shell

if TYPE_CHECKING:
    from clienteling.device import Device
    from clienteling.replica.views import ChangeSet

SOURCE, DELIVER, FEWER, CANCEL = range(4)


def load_shortage(device: Device, order_number: str | None, refresh: bool
                  ) -> tuple[Shortage | None, dict[str, str]]:
    """In a worker: the short order (the first one when no number is given), with the server's
    stock of now when online, and the stores' names."""
    stores = {s.store_id: s.name for s in device.catalog.stores()}
    if order_number:
        return device.orders.shortage(order_number, refresh=refresh), stores
    found = device.orders.shortages(refresh=refresh)
    return (found[0] if found else None), stores


def make_demo_shortage(device: Device, customer_id: str) -> str | None:
    """In a worker, for the screenshot run: order a product in more units than any single
    store has but the chain has together, so the server refuses it (stock.short) and the
    task can be sourced from several stores. Returns the order's number."""
    for product in device.catalog.search_products("a", limit=40):
        figures = [f for f in device.catalog.stock_for(product.sku, refresh=True)
                   if f.known and (f.available or 0) > 0]
        best = max((f.available or 0 for f in figures), default=0)
        total = sum(f.available or 0 for f in figures)
        if len(figures) >= 2 and best + 1 <= total:
            entry = device.orders.place_order(customer_id=customer_id,
                                              lines=[(product.sku, best + 1)],
                                              fulfillment="click_and_collect",
                                              payment_mode="pay_at_pickup")
            device.sync.sync_now()
            return entry.target
    return None


def corrected_lines(shortage: Shortage, quantities: dict[str, int]) -> list[tuple[str, int]]:
    """The order's lines with each short line replaced by lines the stores can source
    (split over the stores that have it, nearest first) for the quantity chosen."""
    short = {line.sku: line for line in shortage.lines}
    lines: list[tuple[str, int]] = []
    for line in shortage.order.lines:
        found = short.get(line.sku)
        if found is None:
            lines.append((line.sku, line.quantity))
            continue
        quantity = quantities.get(line.sku, found.requested)
        parts = sourcing.split([s for s, _ in found.stock], dict(found.stock), quantity)
        lines.extend((line.sku, q) for _, q in (parts or [("", quantity)]))
    return lines


class ShortageScreen(Screen):
    """One short order and the seller's choice."""

    screen_id = "shortage"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        # An explicit minimum: the window may shrink to a portrait tablet (the content reflows).
        self.setMinimumSize(360, 400)
        self.order_number: str | None = None
        self._demo_customer: str | None = None
        self.shortage: Shortage | None = None
        self.stores: dict[str, str] = {}
        self._generation = 0
        self._acting: workers.Task | None = None
        self.spins: dict[str, QSpinBox] = {}
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(120)
        self._refresh.timeout.connect(lambda: self.reload(refresh=False))

        frame = page_frame(self, back=self.tr("Back"),
                           side=(self.tr("Open the customer"), "user", self.open_customer),
                           message=("shortageMessage", self.tr("Shortage status")))
        self.back_button, self.customer_button = frame.back_button, frame.side_button
        self.pages, self.message, body = frame.pages, frame.message, frame.body
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)

        what, what_column = kit.card(body, "shortageWhat")
        self.title_label = kit.label(what, "title", "shortageTitle", self.tr("Short order"))
        what_column.addWidget(self.title_label)
        self.why_label = kit.label(what, None, "shortageWhy", self.tr("Why"))
        what_column.addWidget(self.why_label)
        self.lines_label = kit.label(what, None, "shortageLines", self.tr("Lines short"))
        self.lines_label.setTextFormat(Qt.TextFormat.RichText)
        what_column.addWidget(self.lines_label)
        self.figures_label = kit.label(what, "muted", "shortageFigures", self.tr("Stock figures"))
        what_column.addWidget(self.figures_label)
        column.addWidget(what)

        choose, choose_column = kit.card(body, "shortageChoices")
        title = kit.label(choose, "subtitle")
        title.setText(self.tr("What to do"))
        choose_column.addWidget(title)
        self.choices = QButtonGroup(self)
        self.radio: dict[int, QRadioButton] = {}
        self.details: dict[int, QWidget] = {}
        self.detail_layouts: dict[int, QVBoxLayout] = {}
        words = {SOURCE: self.tr("Source it from the stores that have it"),
                 DELIVER: self.tr("Deliver it to the customer's home"),
                 FEWER: self.tr("Fewer units"),
                 CANCEL: self.tr("Cancel the order and tell the customer")}
        for choice, text in words.items():
            radio = QRadioButton(text, choose)
            radio.setAccessibleName(text)
            radio.setMinimumHeight(44)
            self.choices.addButton(radio, choice)
            choose_column.addWidget(radio)
            detail = QWidget(choose)
            detail_layout = QVBoxLayout(detail)
            detail_layout.setContentsMargins(32, 0, 0, 6)
            choose_column.addWidget(detail)
            self.radio[choice] = radio
            self.details[choice] = detail
            self.detail_layouts[choice] = detail_layout
        self.source_words = kit.label(self.details[SOURCE], "muted", "shortageSource",
                                      self.tr("Where it comes from"))
        self.detail_layouts[SOURCE].addWidget(self.source_words)

        form = QFormLayout()
        self.detail_layouts[DELIVER].addLayout(form)
        self.address_line = QLineEdit(self.details[DELIVER])
        self.address_line.setAccessibleName(self.tr("Address"))
        self.postcode = QLineEdit(self.details[DELIVER])
        self.postcode.setAccessibleName(self.tr("Postcode"))
        self.city = QLineEdit(self.details[DELIVER])
        self.city.setAccessibleName(self.tr("City"))
        self.method = QComboBox(self.details[DELIVER])
        self.method.setAccessibleName(self.tr("Delivery method"))
        for method, label in (("standard", self.tr("Standard")), ("express", self.tr("Express")),
                              ("store_courier", self.tr("Store courier"))):
            self.method.addItem(label, method)
        self.payment = QComboBox(self.details[DELIVER])
        self.payment.setAccessibleName(self.tr("Payment"))
        self.payment.addItem(self.tr("Paid at the till"), "paid_in_store")
        self.payment.addItem(self.tr("Payment link"), "payment_link")
        for widget in (self.address_line, self.postcode, self.city, self.method, self.payment):
            widget.setMinimumHeight(44)
        form.addRow(self.tr("Address"), self.address_line)
        form.addRow(self.tr("Postcode"), self.postcode)
        form.addRow(self.tr("City"), self.city)
        form.addRow(self.tr("Method"), self.method)
        self.payment_row_label = kit.label(self.details[DELIVER])
        self.payment_row_label.setText(self.tr("Payment"))
        form.addRow(self.payment_row_label, self.payment)

        self.address_error = kit.label(self.details[DELIVER], None, "shortageAddressError",
                                       self.tr("Address problem"))
        self.address_error.setStyleSheet("color: #b42318;")
        self.address_error.hide()
        self.detail_layouts[DELIVER].addWidget(self.address_error)

        self.fewer_form = QFormLayout()
        self.detail_layouts[FEWER].addLayout(self.fewer_form)
        self.contact_words = kit.label(self.details[CANCEL], "muted", "shortageContact",
                                       self.tr("How to reach the customer"))
        self.detail_layouts[CANCEL].addWidget(self.contact_words)
        column.addWidget(choose)
        self.choices.idToggled.connect(lambda _id, _on: self._show_choice())

        actions = QHBoxLayout()
        actions.addStretch(1)
        self.apply_button = kit.button(body, self.tr("Send the corrected order"), "check",
                                       primary=True)
        self.apply_button.clicked.connect(self.apply)
        actions.addWidget(self.apply_button)
        column.addLayout(actions)
        column.addStretch(1)

        self.shell.replica_changed.connect(self._on_changes)

    # -- Screen ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Stock shortage")

    def enter(self, **params: Any) -> None:
        """Params: `order_number` (default: the oldest short order)."""
        number = params.get("order_number")
        if number != self.order_number or self.shortage is None:
            self.order_number = number
            self.shortage = None
            self.message.setText(self.tr("Checking the stock…"))
            self.pages.setCurrentIndex(0)
        self.reload(refresh=True)

    def leave(self) -> None:
        self._refresh.stop()

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        self._demo_customer = demo.get("customer_id") or None
        return {} if self._demo_customer else None

    def screenshot_states(self) -> list[ScreenshotState]:
        # A real shortage: an order for more than any single store of the demo chain holds,
        # refused by the server; then cancelled (it never reaches the server), leaving the
        # demo data as it was.
        return [("", self._demo_shortage), ("cancelled", self._demo_cancel)]

    def _demo_shortage(self) -> None:
        device, customer = self.shell.device, self._demo_customer
        if device is None or not customer:
            return
        workers.run(make_demo_shortage, device, customer, owner=self, name="shortage.demo",
                    on_result=lambda n: self.enter(order_number=n) if n else None)

    def _demo_cancel(self) -> None:
        if self.shell.device is None or self.shortage is None:
            return
        number = self.shortage.order.order_number or ""
        workers.run(self.shell.device.orders.cancel_shortage, number, owner=self,
                    name="shortage.demo_cancel",
                    on_result=lambda _e: self.enter(order_number=number))

    # -- reading ---------------------------------------------------------------------------
    def reload(self, refresh: bool = False) -> None:
        device = self.shell.device
        if device is None:
            return
        self._generation += 1
        generation = self._generation
        workers.run(load_shortage, device, self.order_number, refresh, owner=self,
                    name="shortage", on_result=lambda r: self._loaded(generation, r),
                    on_error=lambda e: self._failed(generation, e))

    def _loaded(self, generation: int, result: tuple[Shortage | None, dict[str, str]]) -> None:
        if generation != self._generation:
            return
        shortage, self.stores = result
        if shortage is None:
            self.shortage = None
            self.message.setText(self.tr("No order is waiting for a decision: every order "
                                         "made on this device was reserved."))
            self.pages.setCurrentIndex(0)
            self.customer_button.hide()
            return
        self.show_shortage(shortage)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.shortage = None
        self.customer_button.hide()
        if getattr(error, "code", None) == "order.not_short":
            self.message.setText(self.tr("This order is no longer waiting for a decision: it "
                                         "was resolved or cancelled."))
        else:
            self.message.setText(messages.for_error(error))
        self.pages.setCurrentIndex(0)

    def _store(self, store_id: str) -> str:
        return self.stores.get(store_id, store_id)

    def show_shortage(self, shortage: Shortage) -> None:
        first = self.shortage is None or (
            self.shortage.order.order_number != shortage.order.order_number)
        self.shortage = shortage
        order = shortage.order
        self.order_number = order.order_number
        self.customer_button.show()
        self.title_label.setText(self.tr("Order %1 for %2: not enough stock").replace(
            "%1", order.order_number or "").replace("%2", shortage.customer_name))
        self.why_label.setText(self.tr(
            "This order was confirmed on this device before the server could reserve it, and "
            "when it was sent the stock was no longer there. The customer keeps the number %1 "
            "(and their pickup QR): it stays valid whatever you choose.").replace(
            "%1", order.order_number or ""))
        rows = []
        for line in shortage.lines:
            name = line.name or line.sku
            where = ", ".join(f"{self._store(s)} {format_number(q)}" for s, q in line.stock)
            rows.append(html(self.tr("%1 × %2: %3 in the chain now (%4)")
                             .replace("%1", format_number(line.requested)).replace("%2", name)
                             .replace("%3", format_number(line.in_chain))
                             .replace("%4", where or self.tr("nowhere"))))
        self.lines_label.setText("<br>".join(rows))
        self.figures_label.setText(
            self.tr("Stock figures: the server's, just now.") if shortage.live else
            self.tr("Stock figures: this device's copy (the server cannot be reached); the "
                    "server checks again when the order is sent."))
        can_split = all(line.split for line in shortage.lines)
        self.radio[SOURCE].setEnabled(can_split)
        if can_split:
            self.source_words.setText("<br>".join(html(self.tr("%1: %2").replace(
                "%1", line.name or line.sku).replace("%2", " + ".join(
                    self.tr("%1 from %2").replace("%1", format_number(q)).replace(
                        "%2", self._store(s)) for s, q in line.split)))
                for line in shortage.lines))
        else:
            self.source_words.setText(self.tr("The stores together do not have enough: "
                                              "choose fewer units, or cancel."))
        self.source_words.setTextFormat(Qt.TextFormat.RichText)
        self._fill_fewer(shortage.lines)
        contact = [c for c in (format_phone(shortage.customer_phone), shortage.customer_email)
                   if c]
        self.contact_words.setText(self.tr("Tell the customer their order %1 is cancelled: %2")
                                   .replace("%1", order.order_number or "")
                                   .replace("%2", " · ".join(contact) or self.tr(
                                       "no phone or email on file")))
        pay_at_pickup = (order.payment.mode if order.payment else order.payment_mode
                         ) == "pay_at_pickup"
        self.payment.setVisible(pay_at_pickup)
        self.payment_row_label.setVisible(pay_at_pickup)
        any_stock = any(line.in_chain for line in shortage.lines)
        self.radio[FEWER].setEnabled(any_stock)
        self.radio[DELIVER].setEnabled(any_stock)
        checked = self.choices.checkedButton()
        if first or checked is None or not checked.isEnabled():
            best = SOURCE if can_split else (FEWER if any_stock else CANCEL)
            self.radio[best].setChecked(True)
        self.pages.setCurrentIndex(1)
        self._show_choice()

    def open_customer(self) -> None:
        if self.shortage is not None:
            self.shell.show_screen("customer", customer_id=self.shortage.order.customer_id,
                                   order_number=self.shortage.order.order_number)

    def _fill_fewer(self, lines: tuple[ShortLine, ...]) -> None:
        while self.fewer_form.rowCount():
            self.fewer_form.removeRow(0)
        self.spins = {}
        for line in lines:
            spin = QSpinBox(self.details[FEWER])
            spin.setMinimumHeight(44)
            most = max(1, min(line.requested, line.in_chain))
            spin.setRange(1, most)
            spin.setValue(most)
            spin.setAccessibleName(self.tr("Units of %1").replace("%1", line.name or line.sku))
            self.fewer_form.addRow(line.name or line.sku, spin)
            self.spins[line.sku] = spin

    def _show_choice(self) -> None:
        chosen = self.choices.checkedId()
        for choice, detail in self.details.items():
            detail.setVisible(choice == chosen)
        self.apply_button.setText(self.tr("Cancel the order") if chosen == CANCEL
                                  else self.tr("Send the corrected order"))
        self.apply_button.setAccessibleName(self.apply_button.text())
        self.apply_button.setEnabled(self._acting is None and chosen >= 0)

    def _on_changes(self, changes: ChangeSet) -> None:
        if not shiboken6.isValid(self) or not self.isVisible() or self._acting is not None:
            return
        if changes.outbox or changes.reset:
            self._refresh.start()

    # -- the decision ----------------------------------------------------------------------
    def _address_problem(self) -> str:
        """What keeps the address from being sent, in words ("" when nothing)."""
        if not all(w.text().strip() for w in (self.address_line, self.postcode, self.city)):
            return self.tr("Fill in the address, the postcode and the city.")
        if postcode_problem(self.postcode.text(), "FR") is not None:
            return self.tr("This is not a French postcode: five digits of an existing "
                           "département.")
        return ""

    def _quantities(self, choice: int) -> dict[str, int]:
        assert self.shortage is not None
        if choice == FEWER or (choice == DELIVER and not all(
                line.split for line in self.shortage.lines)):
            return {sku: spin.value() for sku, spin in self.spins.items()}
        return {}

    def apply(self) -> None:
        if self.shortage is None or self._acting is not None:
            return
        choice = self.choices.checkedId()
        number = self.shortage.order.order_number or ""
        orders = self.device.orders
        if choice == CANCEL:
            call: Any = lambda: orders.cancel_shortage(number)  # noqa: E731
            done = self.tr("Order %1 cancelled. Remember to tell the customer.")
        else:
            lines = corrected_lines(self.shortage, self._quantities(choice))
            kwargs: dict[str, Any] = {"lines": lines}
            if choice == DELIVER:
                problem = self._address_problem()
                self.address_error.setText(problem)
                self.address_error.setVisible(bool(problem))
                if problem:
                    return
                kwargs.update(fulfillment="home_delivery",
                              delivery_method=self.method.currentData(),
                              address={"line1": self.address_line.text().strip(),
                                       "postcode": self.postcode.text().strip(),
                                       "city": self.city.text().strip(), "country": "FR"})
                if self.payment.isVisible():
                    kwargs["payment_mode"] = self.payment.currentData()

            def call() -> Any:
                return orders.resolve_shortage(number, **kwargs)

            done = self.tr("Order %1 corrected: it is sent again under the same number.")

        def finished(_entry: Any) -> None:
            self._acting = None
            self.shell.notify(done.replace("%1", number))
            self.shortage = None
            if not self.shell.back():
                self.reload(refresh=False)

        def failed(error: BaseException) -> None:
            self._acting = None
            self.shell.show_error(error)
            self._show_choice()

        self._acting = workers.run(call, owner=self, name="shortage.resolve",
                                   on_result=finished, on_error=failed)
        self._show_choice()
