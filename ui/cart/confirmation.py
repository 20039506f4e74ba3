"""After Confirm: the order's confirmation (its number, what is reserved where, when it is
ready or delivered, the pickup QR large enough to photograph, the ticket) and the payment
link's QR code for the customer's phone, which turns "paid" when the provider's webhook
reached the server.

An order confirmed offline shows the same at once (its number and pickup code are the
device's, final), marked "waiting to be sent"; the screen follows it as the sync sends it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from clienteling.codes.qr import qr_matrix
from clienteling.device.checkout import Fulfillment
from clienteling.domain.errors import DomainError
from clienteling.replica.views import ChangeSet, OrderView, PaymentView, QuoteView, StoreView
from ui import kit, messages, workers
from ui.cart import ticket as tickets
from ui.cart.reading import read_confirmation
from ui.i18n import format_date, format_datetime, format_money, format_number
from ui.kit.qr import QrCodeView
from ui.models.vocabulary import status_label
from ui.screen import Screen, Shell

WIDE = 1100
PAYMENT_POLL_MS = 4000  # while a payment link waits, besides the feed's news


def open_file(path: Path) -> None:
    """Open a written file with the system's viewer (none on an offscreen display)."""
    if QGuiApplication.platformName() != "offscreen":
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def demo_order(device: Any, customer_id: str, payment_mode: str) -> tuple[str, QuoteView]:
    """In a worker, for the screenshots: an order placed from the customer's cart (filled
    with a product on this store's shelf when empty), collected here."""
    if not device.carts.cart(customer_id).lines:
        for product in device.catalog.search_products("a", 40):
            here = next((f for f in device.catalog.stock_for(product.sku) if f.is_this_store),
                        None)
            if here is not None and here.available and here.available > 0:
                device.carts.add(customer_id, product.sku, 1)
                break
    how = Fulfillment("click_and_collect")
    quote = device.checkout.quote(customer_id, how)
    entry = device.checkout.place(customer_id, how, payment_mode, quote=quote)
    return entry.target, quote


class ConfirmationScreen(Screen):
    """The order just placed."""

    screen_id = "confirmation"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.order_number: str | None = None
        self.customer_id: str | None = None
        self.order: OrderView | None = None
        self.quote: QuoteView | None = None
        self.stores: dict[str, StoreView] = {}
        self.customer_name = ""
        self._qr_for: str | None = None
        self._generation = 0
        self.last_ticket: Path | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(16)
        outer.addLayout(self.columns, 1)

        info = QWidget(self)
        info_column = QVBoxLayout(info)
        info_column.setContentsMargins(0, 0, 0, 0)
        info_column.setSpacing(12)
        head, head_column = kit.card(info, "confirmationHead")
        self.number_label = kit.label(head, "title", "orderNumber", self.tr("Order number"))
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.customer_label = kit.label(head, "subtitle", "orderCustomer", self.tr("Customer"))
        self.state_label = kit.label(head, None, "orderState", self.tr("Order state"))
        self.when_label = kit.label(head, "subtitle", "orderWhen",
                                    self.tr("When the order is there"))
        for label in (self.number_label, self.customer_label, self.state_label,
                      self.when_label):
            head_column.addWidget(label)
        info_column.addWidget(head)
        lines, lines_column = kit.card(info, "confirmationLines")
        where = kit.label(lines, "subtitle")
        where.setText(self.tr("Reserved where"))
        lines_column.addWidget(where)
        self.lines_label = kit.label(lines, None, "orderLines", self.tr("Order lines"))
        self.lines_label.setTextFormat(Qt.TextFormat.PlainText)
        lines_column.addWidget(self.lines_label)
        self.total_label = kit.label(lines, "title", "orderTotal", self.tr("Total"))
        lines_column.addWidget(self.total_label)
        self.payment_label = kit.label(lines, None, "orderPayment", self.tr("Payment"))
        lines_column.addWidget(self.payment_label)
        info_column.addWidget(lines)
        buttons = QGridLayout()
        self.print_button = kit.button(info, self.tr("Print the ticket"), "qr")
        self.print_button.clicked.connect(self.print_ticket)
        self.link_button = kit.button(info, self.tr("Show the payment link"), "phone",
                                      primary=True)
        self.link_button.clicked.connect(self._show_link)
        self.customer_button = kit.button(info, self.tr("Back to the customer"), "user")
        self.customer_button.clicked.connect(self._back_to_customer)
        self.new_button = kit.button(info, self.tr("New sale"), "products")
        self.new_button.clicked.connect(lambda: self.shell.show_screen("product"))
        # Two by two: four buttons side by side do not fit a portrait tablet's column.
        for i, button in enumerate((self.print_button, self.customer_button, self.new_button,
                                    self.link_button)):
            buttons.addWidget(button, i // 2, i % 2)
        info_column.addLayout(buttons)
        info_column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(info)
        kit.see_through(scroll)
        QScroller.grabGesture(scroll.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.columns.addWidget(scroll, 3)

        qr_card, qr_column = kit.card(self, "pickupQr")
        qr_title = kit.label(qr_card, "subtitle")
        qr_title.setText(self.tr("Pickup code: the customer photographs it"))
        qr_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr_column.addWidget(qr_title)
        self.qr = QrCodeView(qr_card)
        self.qr.setAccessibleName(self.tr("Pickup QR code"))
        self.qr.setMinimumSize(QSize(280, 280))
        qr_column.addWidget(self.qr, 1)
        self.pickup_label = kit.label(qr_card, "muted", "pickupCode", self.tr("Pickup code"))
        self.pickup_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr_column.addWidget(self.pickup_label)
        self.qr_card = qr_card
        self.columns.addWidget(qr_card, 2)
        shell.replica_changed.connect(self._on_replica_changed)

    def title(self) -> str:
        return self.tr("Order confirmed")

    # -- navigation ------------------------------------------------------------------------
    def enter(self, **params: Any) -> None:
        """Params: `order_number`; `customer_id`; `quote`, what the checkout showed."""
        number = params.get("order_number")
        self.customer_id = params.get("customer_id") or self.customer_id
        if not number:
            return
        if number != self.order_number:
            self.order = None
            self.qr.set_matrix([])
            self._qr_for = None
            self.number_label.setText(self.tr("Order %1").replace("%1", number))
            self.state_label.setText("")
        self.order_number = number
        quote = params.get("quote")
        self.quote = quote if isinstance(quote, QuoteView) else None
        prepared = params.get("prepared")
        if (isinstance(prepared, tuple) and len(prepared) == 3
                and prepared[0].order_number == number):
            self._generation += 1
            self._on_read(self._generation, *prepared)
            return
        self.reload()

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {"customer_id": demo["customer_id"]} if demo.get("customer_id") else None

    def screenshot_states(self) -> list[tuple[str, Any]]:
        return [("", lambda: self._screenshot_order("pay_at_pickup"))]

    def _screenshot_order(self, mode: str) -> None:
        customer_id = self.customer_id
        if customer_id:
            workers.run(demo_order, self.device, customer_id, mode, owner=self,
                        name="order for the screenshot",
                        on_result=lambda answer: self.enter(
                            order_number=answer[0], customer_id=customer_id, quote=answer[1]),
                        on_error=self.shell.show_error)

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        number = self.order_number
        if not number:
            return
        self._generation += 1
        generation = self._generation
        workers.run(read_confirmation, self.device, number, owner=self, name="confirmation",
                    on_result=lambda answer: self._on_read(generation, *answer),
                    on_error=self.shell.show_error)

    def _on_read(self, generation: int, order: OrderView, stores: dict[str, StoreView],
                 name: str) -> None:
        if generation != self._generation:
            return
        self.order, self.stores, self.customer_name = order, stores, name
        self.customer_label.setText(name)
        self.state_label.setText(self._state_text(order))
        kit.mark_pending(self.state_label, order.sync != "synced")
        self.when_label.setText(self._when_text(order))
        self.lines_label.setText("\n".join(self._line_texts(order)))
        self.total_label.setText(self.tr("Total %1").replace(
            "%1", format_money(order.total, order.currency)))
        self.payment_label.setText(self._payment_text(order))
        self.link_button.setVisible(order.payment_mode == "payment_link")
        payload = order.pickup_payload
        self.qr_card.setVisible(payload is not None)
        if payload:
            self.pickup_label.setText(self.tr("Code %1").replace("%1", order.pickup_code or ""))
            if payload != self._qr_for:
                self._qr_for = payload
                workers.run(qr_matrix, payload, owner=self, name="pickup QR",
                            on_result=self.qr.set_matrix)

    def _state_text(self, order: OrderView) -> str:
        if order.sync == "waiting":
            return self.tr("Waiting to be sent: the number and the pickup code are final; the "
                           "stock is reserved when the order reaches the server.")
        if order.sync == "failed" and order.problem is not None:
            return self.tr("The server refused the order: %1 See the Sync screen.").replace(
                "%1", messages.text(order.problem.code, **order.problem.extra))
        return self.tr("%1: the stock is reserved.").replace("%1", status_label(order.status))

    def _store_name(self, store_id: str | None) -> str:
        store = self.stores.get(store_id or "")
        return store.name if store else (store_id or "")

    def _when_text(self, order: OrderView) -> str:
        ready = order.ready_by or (self.quote.ready_by if self.quote else None)
        delivery = order.delivery_by or (self.quote.delivery_by if self.quote else None)
        if order.fulfillment_type == "click_and_collect":
            where = self._store_name(order.fulfillment_store_id)
            if ready is not None:
                return self.tr("To collect at %1 from %2").replace("%1", where).replace(
                    "%2", format_date(ready))
            return self.tr("To collect at %1").replace("%1", where)
        address = order.address or {}
        place = ", ".join(str(address.get(k)) for k in ("line1", "postcode", "city")
                          if address.get(k))
        if delivery is not None:
            return self.tr("Delivered to %1 by %2").replace("%1", place).replace(
                "%2", format_date(delivery))
        return self.tr("Delivered to %1").replace("%1", place)

    def _line_texts(self, order: OrderView) -> list[str]:
        expected = dict(self.quote_sources())
        texts = []
        for line in order.lines:
            source = line.source_store_id
            amount = (format_money(line.unit_price * line.quantity, order.currency)
                      if line.unit_price is not None else "")
            head = f"{format_number(line.quantity)} × {line.name or line.sku}  {amount}".strip()
            if source:
                texts.append(self.tr("%1 — reserved at %2").replace("%1", head).replace(
                    "%2", self._store_name(source)))
            elif line.sku in expected:
                texts.append(self.tr("%1 — from %2 (reserved when sent)").replace(
                    "%1", head).replace("%2", self._store_name(expected[line.sku])))
            else:
                texts.append(head)
        if order.delivery_fee:
            texts.append(self.tr("Delivery fee %1").replace(
                "%1", format_money(order.delivery_fee, order.currency)))
        return texts

    def quote_sources(self) -> list[tuple[str, str]]:
        if self.quote is None:
            return []
        return [(line.sku, line.source_store_id) for line in self.quote.lines
                if line.source_store_id]

    def _payment_text(self, order: OrderView) -> str:
        if order.payment is not None and order.payment.paid and order.sync == "synced":
            return self.tr("Paid")
        return {"paid_in_store": self.tr("Paid at the till"),
                "pay_at_pickup": self.tr("To pay at pickup"),
                "payment_link": self.tr("Payment link: show its QR code to the customer"),
                }.get(order.payment_mode or "", "")

    def _on_replica_changed(self, changes: ChangeSet) -> None:
        if self.order_number and self.isVisible() and (
                changes.reset or changes.outbox or changes.touches("order", self.order_number)):
            self.reload()

    def resizeEvent(self, event: Any) -> None:
        wide = event.size().width() >= WIDE
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                  else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    # -- actions ------------------------------------------------------------------------------
    def _show_link(self) -> None:
        if self.order_number:
            self.shell.show_screen("payment", order_number=self.order_number)

    def _back_to_customer(self) -> None:
        customer_id = self.order.customer_id if self.order else self.customer_id
        if customer_id and self.shell.has_screen("customer"):
            self.shell.show_screen("customer", customer_id=customer_id,
                                   order_number=self.order_number)

    def ticket(self) -> tickets.Ticket | None:
        """The ticket's words, in the seller's language."""
        order = self.order
        if order is None:
            return None
        user = self.shell.user
        store = user.store.name if user is not None and user.store is not None else ""
        totals = [self.total_label.text(), self.payment_label.text()]
        return tickets.Ticket(
            heading=store, order_line=self.tr("Order %1 · %2").replace(
                "%1", order.order_number or "").replace("%2", format_datetime(order.created_at)),
            lines=(self.customer_name, *self._line_texts(order)), totals=tuple(totals),
            when=self._when_text(order),
            footer=self.tr("Show this code at the counter to collect the order.")
            if order.pickup_payload else "",
            pickup_payload=order.pickup_payload)

    def print_ticket(self) -> None:
        """On a printer when the system has one (the print dialog first), else a PDF in the
        data directory, opened."""
        ticket = self.ticket()
        if ticket is None or self.order is None:
            return
        path = (self.device.session.paths.data_dir / "tickets"
                / f"{self.order.order_number or 'order'}.pdf")

        def prepare() -> tuple[bool, Path | None, tickets.Ticket]:
            made = tickets.with_matrix(ticket)
            if tickets.has_printer():
                return True, None, made
            return False, tickets.write_pdf(path, made), made

        workers.run(prepare, owner=self, name="ticket",
                    on_result=lambda answer: self._ticket_ready(*answer),
                    on_error=self.shell.show_error)

    def _ticket_ready(self, printer: bool, path: Path | None, ticket: tickets.Ticket) -> None:
        if not printer and path is not None:
            self.last_ticket = path
            self.shell.notify(self.tr("No printer: the ticket is saved as %1").replace(
                "%1", str(path)))
            open_file(path)
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        device = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(device, self)
        dialog.setWindowTitle(self.tr("Print the ticket"))

        def chosen(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                workers.run(tickets.render, device, ticket, owner=self, name="print ticket",
                            on_error=self.shell.show_error)

        dialog.finished.connect(chosen)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()


class PaymentLinkScreen(Screen):
    """The payment link as a QR code for the customer's phone, until it is paid."""

    screen_id = "payment"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.order_number: str | None = None
        self.payment: PaymentView | None = None
        self.order: OrderView | None = None
        self._qr_for: str | None = None
        self._generation = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(10)
        self.title_label = kit.label(self, "title", "paymentTitle", self.tr("Payment link"))
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.title_label)
        self.amount_label = kit.label(self, "title", "paymentAmount", self.tr("Amount"))
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.amount_label)
        self.qr = QrCodeView(self)
        self.qr.setAccessibleName(self.tr("Payment link QR code"))
        self.qr.setMinimumSize(QSize(280, 280))
        outer.addWidget(self.qr, 1)
        self.state_label = kit.label(self, "subtitle", "paymentState", self.tr("Payment state"))
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.state_label)
        self.url_label = kit.label(self, "muted", "paymentUrl", self.tr("Payment link address"))
        self.url_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.url_label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.done_button = kit.button(self, self.tr("Back to the order"), "back")
        self.done_button.clicked.connect(self._back)
        row.addWidget(self.done_button)
        row.addStretch(1)
        outer.addLayout(row)
        self._poll = QTimer(self)
        self._poll.setInterval(PAYMENT_POLL_MS)
        self._poll.timeout.connect(self.reload)
        shell.replica_changed.connect(self._on_replica_changed)

    def title(self) -> str:
        return self.tr("Payment link")

    def enter(self, **params: Any) -> None:
        """Params: `order_number`."""
        number = params.get("order_number")
        if not number:
            return
        if number != self.order_number:
            self.payment = None
            self.qr.set_matrix([])
            self._qr_for = None
            self.url_label.setText("")
            self.amount_label.setText("")
        self.order_number = number
        self.title_label.setText(self.tr("Payment link of order %1").replace("%1", number))
        self.state_label.setText(self.tr("Looking for the payment link…"))
        self.reload()
        self._poll.start()

    def leave(self) -> None:
        self._poll.stop()

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {"customer_id": demo["customer_id"]} if demo.get("customer_id") else None

    def screenshot_states(self) -> list[tuple[str, Any]]:
        return [("link", self._screenshot_link)]

    def _screenshot_link(self) -> None:
        """An order paid by a link, placed and sent, its link shown (waits for the sync)."""
        def place_and_wait(device: Any, customer_id: str) -> str:
            number, _quote = demo_order(device, customer_id, "payment_link")
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                device.sync.kick_sync()
                try:
                    payment = device.checkout.payment(number)
                except DomainError:  # offline for now: try again until the deadline
                    payment = None
                if payment is not None and payment.payment_url:
                    break
                time.sleep(0.3)
            return number

        customer = self.shell.customer_in_context
        if customer:
            workers.run(place_and_wait, self.device, customer, owner=self,
                        name="payment link for the screenshot",
                        on_result=lambda number: self.enter(order_number=number),
                        on_error=self.shell.show_error)

    def reload(self) -> None:
        number = self.order_number
        if not number or (self.payment is not None and self.payment.status == "paid"):
            self._poll.stop()
            return
        self._generation += 1
        generation = self._generation

        def read(device: Any) -> tuple[OrderView, PaymentView | None, bool]:
            order = device.orders.order(number)
            if order.sync != "synced":
                return order, None, False
            if order.payment is not None and order.payment.payment_url:
                return order, order.payment, True  # the feed brought it: no need to ask
            try:
                return order, device.checkout.payment(number), True
            except DomainError as error:  # offline: say so, keep polling
                if error.params.get("offline"):
                    return order, None, False
                raise

        workers.run(read, self.device, owner=self, name="payment",
                    on_result=lambda answer: self._on_read(generation, *answer),
                    on_error=lambda error: self.state_label.setText(messages.for_error(error)))

    def _on_read(self, generation: int, order: OrderView, payment: PaymentView | None,
                 asked: bool) -> None:
        if generation != self._generation:
            return
        self.order = order
        self.amount_label.setText(format_money(order.total, order.currency))
        if payment is not None:
            self.payment = payment
        payment = self.payment
        if payment is None or not payment.payment_url:
            self.state_label.setText(
                self.tr("The link comes once the order reaches the server (it is waiting to be "
                        "sent).") if not asked else self.tr("Waiting for the server's link…"))
            kit.mark_pending(self.state_label, True)
            return
        if payment.payment_url != self._qr_for:
            self._qr_for = payment.payment_url
            self.url_label.setText(payment.payment_url)
            workers.run(qr_matrix, payment.payment_url, owner=self, name="payment QR",
                        on_result=self.qr.set_matrix)
        if payment.status == "paid":
            self.state_label.setText("✓ " + self.tr("Paid"))
            self.state_label.setStyleSheet("color: #1b7f3b; font-weight: 600;")
            self._poll.stop()
        else:
            self.state_label.setText(self.tr("Waiting for the payment: the customer scans the "
                                             "code with their phone."))
            kit.mark_pending(self.state_label, True)

    def is_paid(self) -> bool:
        return self.payment is not None and self.payment.status == "paid"

    def _on_replica_changed(self, changes: ChangeSet) -> None:
        if self.order_number and self.isVisible() and (
                changes.reset or changes.outbox or changes.touches("order", self.order_number)):
            self.reload()

    def _back(self) -> None:
        if not self.shell.back() and self.order_number:
            self.shell.show_screen("confirmation", order_number=self.order_number)
