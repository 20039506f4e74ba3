"""The counter's check when a customer comes for an order (their pickup QR scanned, or the
order chosen in the queue): the order, the customer's name and card to check against the
person, then "collected" (after the seller confirms the payment was taken, when it was to be
paid at pickup). Works offline: the move queues."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QVBoxLayout,
)

from ui import kit, workers
from ui.i18n import format_datetime, format_money
from ui.models.vocabulary import format_card, status_label
from ui.pickups.common import (
    OrderPage,
    customer_name,
    effective_status,
    first_counter_order,
    html,
    line_words,
    payment_words,
    status_words,
    told_words,
)
from ui.pickups.frame import OrderPageScreen, page_frame
from ui.screen import ScreenshotState, Shell


class PickupScreen(OrderPageScreen):
    """Who is collecting what, and the hand-over."""

    screen_id = "pickup"
    load_name = "pickup page"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        frame = page_frame(self, back=self.tr("Back"),
                           side=(self.tr("Open the order"), "search", self.open_order),
                           message=("pickupMessage", self.tr("Pickup status")))
        self.back_button, self.order_button = frame.back_button, frame.side_button
        self.pages, self.message, body = frame.pages, frame.message, frame.body
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)

        who, who_column = kit.card(body, "pickupWho")
        check = kit.label(who, "muted")
        check.setText(self.tr("Check that the person is the customer, and their card:"))
        who_column.addWidget(check)
        self.name_label = kit.label(who, "title", "pickupCustomer", self.tr("Customer name"))
        self.name_label.setStyleSheet("font-size: 26px;")
        who_column.addWidget(self.name_label)
        self.card_label = kit.label(who, "subtitle", "pickupCard", self.tr("Loyalty card"))
        who_column.addWidget(self.card_label)
        column.addWidget(who)

        what, what_column = kit.card(body, "pickupWhat")
        self.order_label = kit.label(what, "subtitle", "pickupOrder", self.tr("Order"))
        what_column.addWidget(self.order_label)
        self.lines_label = kit.label(what, None, "pickupLines", self.tr("Lines"))
        self.lines_label.setTextFormat(Qt.TextFormat.RichText)
        what_column.addWidget(self.lines_label)
        self.payment_label = kit.label(what, "subtitle", "pickupPayment", self.tr("Payment"))
        what_column.addWidget(self.payment_label)
        self.told_label = kit.label(what, "muted", "pickupTold", self.tr("Customer told"))
        what_column.addWidget(self.told_label)
        column.addWidget(what)

        self.state_label = kit.label(body, None, "pickupState", self.tr("What to do"))
        self.state_label.setStyleSheet("font-size: 16px; font-weight: 600;")
        column.addWidget(self.state_label)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.ready_button = kit.button(body, self.tr("Mark ready"), "check")
        self.ready_button.clicked.connect(lambda: self._move("ready_for_pickup"))
        actions.addWidget(self.ready_button)
        self.collect_button = kit.button(body, self.tr("Hand over: mark collected"), "check",
                                         primary=True)
        self.collect_button.setMinimumHeight(56)
        self.collect_button.clicked.connect(self.collect)
        actions.addWidget(self.collect_button)
        column.addLayout(actions)
        column.addStretch(1)

        self.shell.replica_changed.connect(self._on_changes)
        self._show_actions()

    # -- Screen ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Pickup")

    def enter(self, **params: Any) -> None:
        """Params: `order_number`; `prefetched`, the OrderPage read with the scan."""
        number = params.get("order_number")
        prefetched = params.get("prefetched")
        if number and number != self.order_number:
            self.order_number = number
            self.page = None
            self.message.setText(self.tr("Loading the order…"))
            self.pages.setCurrentIndex(0)
        if not self.order_number:
            self.message.setText(self.tr("Scan the customer's pickup QR to find their order."))
            self.pages.setCurrentIndex(0)
            self._show_actions()
            return
        if isinstance(prefetched, OrderPage) and prefetched.order.order_number == number:
            self._generation += 1
            self.show_page(prefetched)
        else:
            self.reload()

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {}

    def screenshot_states(self) -> list[ScreenshotState]:
        # The store's first order waiting for its customer, as if its QR had been scanned.
        return [("found", lambda: self._show_first(("ready", "to_prepare")))]

    def _show_first(self, groups: tuple[str, ...]) -> None:
        if self.shell.device is not None:
            workers.run(first_counter_order, self.shell.device, groups, owner=self,
                        name="pickup.demo",
                        on_result=lambda n: self.enter(order_number=n) if n else None)

    # -- reading ---------------------------------------------------------------------------
    def show_page(self, page: OrderPage) -> None:
        self.page = page
        order = page.order
        self.name_label.setText(customer_name(page.profile, order.customer_id))
        card = page.profile.card if page.profile else None
        self.card_label.setText(self.tr("Card %1").replace("%1", format_card(card)) if card
                                else self.tr("No loyalty card yet"))
        store = page.stores.get(order.fulfillment_store_id or "", order.fulfillment_store_id
                                or "")
        self.order_label.setText(self.tr("Order %1 · %2 · %3").replace(
            "%1", order.order_number or "").replace("%2", status_words(order)).replace(
            "%3", store))
        self.lines_label.setText("<br>".join(html(t) for t in line_words(order, page.stores)))
        self.payment_label.setText(payment_words(order) + " · " + self.tr("Total %1").replace(
            "%1", format_money(order.total, order.currency)))
        told = told_words(page.told)
        self.told_label.setText(told)
        self.told_label.setVisible(bool(told))
        self.state_label.setText(self._state_words())
        self.pages.setCurrentIndex(1)
        self._show_actions()

    def _state_words(self) -> str:
        assert self.page is not None
        order = self.page.order
        status = effective_status(order)
        here = self.shell.user.store_id if self.shell.user else None
        if order.fulfillment_store_id and here and order.fulfillment_store_id != here:
            return self.tr("This order is to be collected in another store (%1): it cannot be "
                           "handed over here.").replace(
                "%1", self.page.stores.get(order.fulfillment_store_id,
                                           order.fulfillment_store_id))
        if status == "collected":
            when = format_datetime(order.updated_at) if order.updated_at else ""
            return self.tr("Already collected %1: do not hand it over again.").replace(
                "%1", when).strip()
        if status == "cancelled":
            return self.tr("This order was cancelled: nothing to hand over.")
        if order.sync != "synced" and order.pending_status is None:
            return self.tr("This order has not reached the server yet: its items are not "
                           "reserved. Check the shelf before handing it over.")
        if status == "confirmed":
            return self.tr("Not ready yet: prepare it, mark it ready, then hand it over.")
        if status == "ready_for_pickup":
            return self.tr("Ready: check the customer, then hand it over.")
        return status_label(status)

    def _can_collect(self) -> bool:
        if self.page is None:
            return False
        order = self.page.order
        here = self.shell.user.store_id if self.shell.user else None
        elsewhere = bool(order.fulfillment_store_id and here
                         and order.fulfillment_store_id != here)
        return effective_status(order) == "ready_for_pickup" and not elsewhere

    def _show_actions(self) -> None:
        order = self.page.order if self.page is not None else None
        busy = self._acting is not None
        self.order_button.setVisible(order is not None)
        self.collect_button.setVisible(self._can_collect())
        self.collect_button.setEnabled(not busy)
        self.ready_button.setVisible(order is not None and effective_status(order) == "confirmed"
                                     and order.sync == "synced")
        self.ready_button.setEnabled(not busy)

    # -- actions -----------------------------------------------------------------------------
    def open_order(self) -> None:
        if self.page is not None and self.page.order.order_number:
            self.shell.show_screen("order", order_number=self.page.order.order_number)

    def collect(self) -> None:
        """Hand over; an order not paid yet is handed over once the seller says the payment
        was taken (the server marks it paid when it records the collection)."""
        if self.page is None or self._acting is not None or not self._can_collect():
            return
        order = self.page.order
        payment = order.payment
        if payment is not None and payment.paid:
            self._move("collected")
            return
        def decided(taken: bool) -> None:
            self.confirmation = None
            if taken:
                self._move("collected")

        self.confirmation = kit.ask(
            self, QMessageBox.Icon.Question, self.tr("Payment taken?"),
            self.tr("Order %1 is not paid yet. Take the payment of %2 at the till "
                    "before handing it over.")
            .replace("%1", order.order_number or "")
            .replace("%2", format_money(order.total, order.currency)), name="confirmPayment",
            yes=self.tr("Payment taken: hand over"), no=self.tr("Not yet"), on_answer=decided)

    def _move(self, status: str) -> None:
        if self.page is None or not self.page.order.order_number or self._acting is not None:
            return
        number = self.page.order.order_number
        done = (self.tr("Order %1 handed over.") if status == "collected"
                else self.tr("Order %1 marked ready.")).replace("%1", number)

        def moved(_entry: Any) -> None:
            self._acting = None
            self.shell.notify(done)
            self.reload()

        def failed(error: BaseException) -> None:
            self._acting = None
            self.shell.show_error(error)
            self._show_actions()

        self._acting = workers.run(self.device.orders.set_order_status, number, status,
                                   owner=self, name=f"pickup {status}", on_result=moved,
                                   on_error=failed)
        self._show_actions()
