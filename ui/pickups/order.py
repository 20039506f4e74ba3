"""One order's page: its lines and where each is reserved, status, payment, ready or delivery
date, the pickup QR, whether the customer was told it is ready; mark it ready, and cancel it
(the stock goes back) while it is open, online or offline (the move queues)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QMessageBox,
    QSizePolicy,
)

from clienteling.domain.orders import can_move
from ui import kit, messages, workers
from ui.i18n import format_datetime, format_money
from ui.kit.qr import QrCodeView
from ui.models.vocabulary import format_card, fulfillment_label
from ui.pickups.common import (
    OPEN,
    OrderPage,
    customer_name,
    effective_status,
    first_counter_order,
    html,
    line_words,
    payment_words,
    status_words,
    told_words,
    when_words,
)
from ui.pickups.frame import OrderPageScreen, page_frame
from ui.screen import ScreenshotState, Shell


class OrderScreen(OrderPageScreen):
    """An order, and what a seller may do with it now."""

    screen_id = "order"
    load_name = "order page"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        frame = page_frame(self, back=self.tr("Back"),
                           side=(self.tr("Open the customer"), "user", self.open_customer),
                           message=("orderMessage", self.tr("Order status")))
        self.back_button, self.customer_button = frame.back_button, frame.side_button
        self.pages, self.message, body = frame.pages, frame.message, frame.body
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.setSpacing(12)

        main, column = kit.card(body, "orderCard")
        self.title_label = kit.label(main, "title", "orderNumber", self.tr("Order number"))
        column.addWidget(self.title_label)
        self.status_label = kit.label(main, "subtitle", "orderStatus", self.tr("Status"))
        column.addWidget(self.status_label)
        self.customer_label = kit.label(main, None, "orderCustomer", self.tr("Customer"))
        column.addWidget(self.customer_label)
        self.lines_label = kit.label(main, None, "orderLines", self.tr("Lines"))
        self.lines_label.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(self.lines_label)
        self.total_label = kit.label(main, "subtitle", "orderTotal", self.tr("Total"))
        column.addWidget(self.total_label)
        self.payment_label = kit.label(main, None, "orderPayment", self.tr("Payment"))
        column.addWidget(self.payment_label)
        self.when_label = kit.label(main, None, "orderWhen", self.tr("Ready or delivery date"))
        column.addWidget(self.when_label)
        self.told_label = kit.label(main, None, "orderTold", self.tr("Customer told"))
        column.addWidget(self.told_label)
        self.problem_label = kit.label(main, None, "orderProblem", self.tr("Problem"))
        self.problem_label.setStyleSheet("color: #b42318;")
        column.addWidget(self.problem_label)
        self.resolve_button = kit.button(main, self.tr("Resolve the shortage…"), "warning")
        self.resolve_button.clicked.connect(self.open_shortage)
        column.addWidget(self.resolve_button, 0, Qt.AlignmentFlag.AlignLeft)
        # The moves, under what they act on (a portrait tablet has no room in the top bar).
        moves = QHBoxLayout()
        self.ready_button = kit.button(main, self.tr("Mark ready"), "check", primary=True)
        self.ready_button.clicked.connect(self.mark_ready)
        moves.addWidget(self.ready_button)
        self.cancel_button = kit.button(main, self.tr("Cancel and return to stock…"), "trash")
        self.cancel_button.setProperty("danger", True)
        self.cancel_button.clicked.connect(self.ask_cancel)
        moves.addWidget(self.cancel_button)
        moves.addStretch(1)
        column.addLayout(moves)
        column.addStretch(1)
        self.columns.addWidget(main, 2)

        qr_card, qr_column = kit.card(body, "pickupQrCard")
        qr_title = kit.label(qr_card, "subtitle")
        qr_title.setText(self.tr("Pickup QR"))
        qr_column.addWidget(qr_title)
        self.qr = QrCodeView(qr_card)
        # A fixed size beside the order (the kit's view grows with its page); not a button.
        self.qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.qr.setFixedSize(QSize(220, 220))
        self.qr.unsetCursor()
        self.qr.setAccessibleName(self.tr("Pickup QR code"))
        qr_column.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.qr_words = kit.label(qr_card, "muted", "pickupQrWords", self.tr("Pickup code"))
        self.qr_words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr_column.addWidget(self.qr_words)
        qr_column.addStretch(1)
        self.qr_card = qr_card
        self.columns.addWidget(qr_card, 1, Qt.AlignmentFlag.AlignTop)
        self.order_card = main
        # Under the cards, stacked on a portrait screen: the room left over, so the order card
        # ends with its content instead of stretching to the bottom (see resizeEvent).
        self.columns.addStretch(0)

        self.shell.replica_changed.connect(self._on_changes)
        self._show_actions()

    # -- Screen --------------------------------------------------------------------------
    def title(self) -> str:
        if self.order_number:
            return self.tr("Order %1").replace("%1", self.order_number)
        return self.tr("Order")

    def enter(self, **params: Any) -> None:
        """Params: `order_number`."""
        number = params.get("order_number")
        if number and number != self.order_number:
            self.order_number = number
            self.page = None
            self.message.setText(self.tr("Loading the order…"))
            self.pages.setCurrentIndex(0)
        if not self.order_number:
            self.message.setText(self.tr("No order chosen. Open one from a customer's orders "
                                         "or from the pickups."))
            self.pages.setCurrentIndex(0)
            self._show_actions()
            return
        self.reload()

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {}

    def screenshot_states(self) -> list[ScreenshotState]:
        # An order of the store's counter still to prepare (it can be marked ready, cancelled).
        return [("", self._show_first)]

    def _show_first(self) -> None:
        if self.shell.device is not None:
            workers.run(first_counter_order, self.shell.device, ("to_prepare", "ready"),
                        owner=self, name="order.demo",
                        on_result=lambda n: self.enter(order_number=n) if n else None)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        wide = self.width() >= 900
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                  else QBoxLayout.Direction.TopToBottom)
        # Side by side the cards share the width 2:1; stacked, each is as tall as its content.
        self.columns.setStretch(0, 2 if wide else 0)
        self.columns.setStretch(1, 1 if wide else 0)
        self.columns.setStretch(2, 0 if wide else 1)

    # -- reading -------------------------------------------------------------------------
    def show_page(self, page: OrderPage) -> None:
        self.page = page
        order = page.order
        self.title_label.setText(self.tr("Order %1").replace("%1", order.order_number or "—"))
        where = fulfillment_label(order.fulfillment_type)
        if order.fulfillment_store_id:
            where += " · " + page.stores.get(order.fulfillment_store_id,
                                             order.fulfillment_store_id)
        self.status_label.setText(f"{status_words(order)} · {where}")
        kit.mark_pending(self.status_label, order.sync != "synced" or bool(order.pending_status))
        name = customer_name(page.profile, order.customer_id)
        card = format_card(page.profile.card) if page.profile and page.profile.card else ""
        self.customer_label.setText(self.tr("For %1").replace("%1", name)
                                    + (f" · {card}" if card else "")
                                    + " · " + format_datetime(order.created_at))
        self.lines_label.setText("<br>".join(html(t) for t in line_words(order, page.stores)))
        total = self.tr("Total %1").replace("%1", format_money(order.total, order.currency))
        if order.delivery_fee:
            total += " " + self.tr("(delivery %1 included)").replace(
                "%1", format_money(order.delivery_fee, order.currency))
        self.total_label.setText(total)
        self.payment_label.setText(payment_words(order))
        self.when_label.setText(when_words(order))
        told = told_words(page.told)
        self.told_label.setText(told)
        self.told_label.setVisible(bool(told))
        problem = order.problem
        self.problem_label.setText(messages.text(problem.code, **dict(problem.extra or {}))
                                   if problem else "")
        self.problem_label.setVisible(problem is not None)
        self.resolve_button.setVisible(problem is not None and problem.code == "stock.short")
        self.qr.set_matrix(page.qr)
        self.qr_card.setVisible(bool(page.qr))
        self.qr_words.setText(self.tr("The customer shows this code at the counter."))
        self.pages.setCurrentIndex(1)
        self._show_actions()
        self.shell.setWindowTitle(f"{self.title()} · {self.shell.tr('Clienteling')}")

    def _show_actions(self) -> None:
        order = self.page.order if self.page is not None else None
        busy = self._acting is not None
        status = effective_status(order) if order else ""
        current = status if order is None or order.sync == "synced" else (
            order.pending_status or "confirmed")
        self.customer_button.setVisible(order is not None)
        self.ready_button.setVisible(order is not None and can_move(
            current, "ready_for_pickup", order.fulfillment_type) and order.problem is None)
        self.cancel_button.setVisible(order is not None and status in OPEN)
        for button in (self.ready_button, self.cancel_button):
            button.setEnabled(not busy)

    # -- actions -------------------------------------------------------------------------
    def open_customer(self) -> None:
        if self.page is not None:
            self.shell.show_screen("customer", customer_id=self.page.order.customer_id,
                                   order_number=self.page.order.order_number)

    def open_shortage(self) -> None:
        if self.page is not None:
            self.shell.show_screen("shortage", order_number=self.page.order.order_number)

    def mark_ready(self) -> None:
        self._move("ready_for_pickup", self.tr(
            "Marked ready. The customer is told by the channel they agreed to as soon as the "
            "server has it."))

    def ask_cancel(self) -> None:
        if self.page is None or self._acting is not None:
            return
        order = self.page.order
        def decided(cancel: bool) -> None:
            self.confirmation = None
            if cancel:
                self._move("cancelled", self.tr("Order cancelled: its items are back in "
                                                "stock once the server has it."))

        self.confirmation = kit.ask(
            self, QMessageBox.Icon.Warning, self.tr("Cancel this order?"),
            self.tr("Order %1 will be cancelled and its items returned to stock. "
                    "Tell the customer. This cannot be undone.")
            .replace("%1", order.order_number or ""), name="confirmCancel",
            yes=self.tr("Cancel the order"), no=self.tr("Keep it"),
            yes_role=QMessageBox.ButtonRole.DestructiveRole, on_answer=decided)

    def _move(self, status: str, done: str) -> None:
        if self.page is None or self._acting is not None or not self.page.order.order_number:
            return
        number = self.page.order.order_number

        def moved(entry: Any) -> None:
            self._acting = None
            if getattr(entry, "kind", None) == "order.create":
                # Cancelled before it was ever sent: it left the device, nothing to show.
                self.shell.notify(self.tr("Order %1 cancelled before it was sent: nothing "
                                          "reached the server.").replace("%1", number))
                self.page = None
                self.order_number = None
                if not self.shell.back():
                    self.enter()
                return
            self.shell.notify(done)
            self._show_actions()
            self.reload()

        def failed(error: BaseException) -> None:
            self._acting = None
            self.shell.show_error(error)
            self._show_actions()

        self._acting = workers.run(self.device.orders.set_order_status, number, status,
                                   owner=self, name=f"order {status}", on_result=moved,
                                   on_error=failed)
        self._show_actions()
