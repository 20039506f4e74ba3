"""One order's page: its lines and where each is reserved, status, payment, ready or delivery
date, the pickup QR, whether the customer was told it is ready; mark it ready, and cancel it
(the stock goes back) while it is open, online or offline (the move queues)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clienteling.domain.orders import can_move
from ui import kit, messages, workers
from ui.i18n import format_datetime, format_money
from ui.models.vocabulary import format_card, fulfillment_label
from ui.pickups.common import (
    OPEN,
    OrderPage,
    QrView,
    customer_name,
    effective_status,
    first_counter_order,
    html,
    line_words,
    load_order,
    payment_words,
    status_words,
    told_words,
    when_words,
)
from ui.screen import Screen, ScreenshotState, Shell

if TYPE_CHECKING:
    from clienteling.replica.views import ChangeSet


class OrderScreen(Screen):
    """An order, and what a seller may do with it now."""

    screen_id = "order"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        # An explicit minimum: the window may shrink to a portrait tablet (the content reflows).
        self.setMinimumSize(360, 400)
        self.order_number: str | None = None
        self.page: OrderPage | None = None
        self._generation = 0
        self._acting: workers.Task | None = None
        self.confirmation: QMessageBox | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(80)
        self._refresh.timeout.connect(self.reload)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)
        bar = QHBoxLayout()
        self.back_button = kit.button(self, self.tr("Back"), "back", flat=True)
        self.back_button.clicked.connect(self.shell.back)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        self.customer_button = kit.button(self, self.tr("Open the customer"), "user")
        self.customer_button.clicked.connect(self.open_customer)
        bar.addWidget(self.customer_button)
        outer.addLayout(bar)

        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages, 1)
        self.message = kit.label(self, "empty", "orderMessage", self.tr("Order status"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.message)

        scroll = QScrollArea(self)
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # The page's grey shows through: the cards float on it as elsewhere.
        scroll.setStyleSheet("QScrollArea#pageScroll { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        body = QWidget()
        body.setObjectName("pageBody")
        body.setStyleSheet("QWidget#pageBody { background: transparent; }")
        scroll.setWidget(body)
        self.pages.addWidget(scroll)
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
        self.qr = QrView(qr_card)
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

    def leave(self) -> None:
        self._refresh.stop()

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
    def reload(self) -> None:
        if not self.order_number or self.shell.device is None:
            return
        self._generation += 1
        generation = self._generation
        workers.run(load_order, self.shell.device, self.order_number, owner=self,
                    name="order page", on_result=lambda page: self._on_loaded(generation, page),
                    on_error=lambda error: self._on_failed(generation, error))

    def _on_loaded(self, generation: int, page: OrderPage) -> None:
        if generation != self._generation:
            return
        self.show_page(page)

    def _on_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.page = None
        self.message.setText(messages.for_error(error))
        self.pages.setCurrentIndex(0)
        self._show_actions()

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

    def _on_changes(self, changes: ChangeSet) -> None:
        if not shiboken6.isValid(self) or self.page is None or not self.isVisible():
            return
        if changes.reset or changes.outbox or changes.touches("order", self.order_number):
            self._refresh.start()

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
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cancel this order?"),
                          self.tr("Order %1 will be cancelled and its items returned to stock. "
                                  "Tell the customer. This cannot be undone.")
                          .replace("%1", order.order_number or ""), parent=self)
        box.setObjectName("confirmCancel")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        cancel = box.addButton(self.tr("Cancel the order"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        cancel.setAccessibleName(self.tr("Cancel the order"))
        keep.setAccessibleName(self.tr("Keep it"))
        for button in (cancel, keep):
            button.setMinimumHeight(44)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def decided(_result: int) -> None:
            chosen = box.clickedButton()
            box.deleteLater()
            self.confirmation = None
            if chosen is cancel:
                self._move("cancelled", self.tr("Order cancelled: its items are back in "
                                                "stock once the server has it."))

        box.finished.connect(decided)
        box.open()
        self.confirmation = box

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
