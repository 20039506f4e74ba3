"""The cart of the customer being served: lines, quantities, the total; a clear warning on a
line short at the store and which stores could send it; the other carts kept on the device
(one per customer, across restarts); on to the checkout."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QHBoxLayout,
    QScroller,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica.views import CartLine, CartSummary, CartView, ChangeSet
from ui import kit, messages, workers
from ui.catalog.customer_picker import CustomerPickerDialog
from ui.catalog.picker import ProductPickerDialog
from ui.i18n import format_number
from ui.models.cart import CartModel, CartsModel, money_text
from ui.models.stock import format_distance
from ui.screen import Screen, Shell

WIDE = 1100


def _table(parent: QWidget, model: Any, name: str) -> QTableView:
    view = QTableView(parent)
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(48)
    view.setShowGrid(False)
    view.setWordWrap(False)
    QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return view


class CartScreen(Screen):
    """One customer's cart, and the carts kept on the device."""

    screen_id = "cart"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.customer_id: str | None = None
        self.cart: CartView | None = None
        self._generation = 0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        top = QHBoxLayout()
        self.title_label = kit.label(self, "title", "cartTitle", self.tr("Cart"))
        top.addWidget(self.title_label, 1)
        self.customer_button = kit.button(self, self.tr("Another customer"), "user")
        self.customer_button.clicked.connect(self.pick_customer)
        top.addWidget(self.customer_button)
        outer.addLayout(top)

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(16)
        outer.addLayout(self.columns, 1)

        # The cart itself.
        self.body = QStackedWidget(self)
        self.message = kit.label(self.body, "muted", "cartMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.message)
        page = QWidget(self.body)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        lines_card, lines_column = kit.card(page, "cartLines")
        self.model = CartModel(self)
        self.view = _table(lines_card, self.model, self.tr("Cart lines"))
        kit.size_columns(self.view, self.view.horizontalHeader(), stretch=CartModel.PRODUCT,
                         samples={CartModel.PRICE: ["8 888,88 €"],
                                  CartModel.QUANTITY: ["888"],
                                  CartModel.TOTAL: ["88 888,88 €"],
                                  CartModel.AVAILABLE: [QCoreApplication.translate(
                                      "CartModel", "%1 available: short").replace("%1", "888")]})
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._set_line_buttons())
        lines_column.addWidget(self.view, 1)
        line_row = QHBoxLayout()
        self.add_button = kit.button(lines_card, self.tr("Add a product"), "add")
        self.add_button.clicked.connect(self.add_product)
        line_row.addWidget(self.add_button)
        line_row.addStretch(1)
        self.less_button = kit.button(lines_card, "−")
        self.less_button.setAccessibleName(self.tr("One less"))
        self.less_button.setMinimumWidth(56)
        self.less_button.clicked.connect(lambda: self._change_quantity(-1))
        self.more_button = kit.button(lines_card, "+")
        self.more_button.setAccessibleName(self.tr("One more"))
        self.more_button.setMinimumWidth(56)
        self.more_button.clicked.connect(lambda: self._change_quantity(+1))
        self.remove_button = kit.button(lines_card, self.tr("Remove"), "trash")
        self.remove_button.setAccessibleName(self.tr("Remove the line"))
        self.remove_button.setProperty("danger", True)
        self.remove_button.clicked.connect(lambda: self._change_quantity(None))
        for button in (self.less_button, self.more_button, self.remove_button):
            line_row.addWidget(button)
        lines_column.addLayout(line_row)
        column.addWidget(lines_card, 1)
        self.short_card, short_column = kit.card(page, "cartShort")
        self.short_card.setProperty("warning", True)
        self.short_label = kit.label(self.short_card, None, "cartShortText",
                                     self.tr("Lines short at the store"))
        self.short_label.setStyleSheet(f"color: {kit.PENDING_COLOR};")
        self.short_label.setTextFormat(Qt.TextFormat.PlainText)
        short_column.addWidget(self.short_label)
        column.addWidget(self.short_card)
        bottom = QHBoxLayout()
        self.total_label = kit.label(page, "title", "cartTotal", self.tr("Total"))
        bottom.addWidget(self.total_label, 1)
        self.clear_button = kit.button(page, self.tr("Empty the cart"), "trash", flat=True)
        self.clear_button.clicked.connect(self.clear_cart)
        bottom.addWidget(self.clear_button)
        self.checkout_button = kit.button(page, self.tr("Checkout"), "check", primary=True)
        self.checkout_button.setMinimumWidth(180)
        self.checkout_button.clicked.connect(self.checkout)
        bottom.addWidget(self.checkout_button)
        column.addLayout(bottom)
        self.page = page
        self.body.addWidget(page)
        self.columns.addWidget(self.body, 3)

        # The carts kept on this device.
        carts_card, carts_column = kit.card(self, "keptCarts")
        carts_title = kit.label(carts_card, "subtitle")
        carts_title.setText(self.tr("Carts on this device"))
        carts_column.addWidget(carts_title)
        self.carts_model = CartsModel(self)
        self.carts_view = _table(carts_card, self.carts_model, self.tr("Carts on this device"))
        kit.size_columns(self.carts_view, self.carts_view.horizontalHeader(),
                         stretch=CartsModel.CUSTOMER,
                         samples={CartsModel.UNITS: ["888"],
                                  CartsModel.CHANGED: ["88/88/8888 88:88"]})
        self.carts_view.clicked.connect(lambda index: self._open_kept(index.row()))
        carts_column.addWidget(self.carts_view, 1)
        self.carts_empty = kit.label(carts_card, "muted")
        self.carts_empty.setText(self.tr("No other cart is kept on this device."))
        carts_column.addWidget(self.carts_empty)
        self.carts_stretch = QWidget(carts_card)  # keeps the title on top when the list hides
        carts_column.addWidget(self.carts_stretch, 1)
        self.carts_card = carts_card
        self.columns.addWidget(carts_card, 1)

        shell.replica_changed.connect(self._on_replica_changed)
        self._set_line_buttons()

    def title(self) -> str:
        return self.tr("Cart")

    # -- navigation ----------------------------------------------------------------------------
    def enter(self, **params: Any) -> None:
        """Params: `customer_id` (default: the customer being served)."""
        customer_id = params.get("customer_id") or self.shell.customer_in_context
        if params.get("customer_id"):
            self.shell.set_customer_in_context(customer_id)
        self.customer_id = customer_id
        self.reload()

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {"customer_id": demo["customer_id"]} if demo.get("customer_id") else None

    def screenshot_states(self) -> list[tuple[str, Any]]:
        return [("", self._screenshot_cart)]

    def _screenshot_cart(self) -> None:
        """A cart worth a picture: a product on the shelf and one to come from elsewhere."""
        customer_id = self.customer_id
        if not customer_id:
            return

        def fill(device: Any) -> None:
            if device.carts.cart(customer_id).lines:
                return
            products = device.catalog.search_products("a", 40)
            here = short = None
            for product in products:
                figures = device.catalog.stock_for(product.sku)
                mine = next((f for f in figures if f.is_this_store), None)
                if mine and mine.available and mine.available > 1 and here is None:
                    here = product.sku
                elif (short is None and (mine is None or not mine.available)
                      and any(f.available for f in figures if f.known)):
                    short = product.sku
            for sku, quantity in ((here, 2), (short, 1)):
                if sku:
                    device.carts.add(customer_id, sku, quantity)

        workers.run(fill, self.device, owner=self, name="cart for the screenshot",
                    on_result=lambda _r: self.reload())

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        customer_id = self.customer_id
        if not customer_id:
            self.title_label.setText(self.tr("Cart"))
            self.customer_button.setText(self.tr("Choose the customer"))
            self.message.setText(self.tr("No customer is being served. Choose one, or open a "
                                         "cart kept on this device."))
            self.body.setCurrentWidget(self.message)
        else:
            self.customer_button.setText(self.tr("Another customer"))
            if self.cart is None or self.cart.customer_id != customer_id:
                self.message.setText(self.tr("Loading the cart…"))
                self.body.setCurrentWidget(self.message)

        def read(device: Any) -> tuple[CartView | None, list[CartSummary]]:
            return (device.carts.cart(customer_id) if customer_id else None,
                    device.carts.carts())

        workers.run(read, self.device, owner=self, name="cart",
                    on_result=lambda answer: self._on_read(generation, *answer),
                    on_error=self._on_error)

    def _on_read(self, generation: int, cart: CartView | None,
                 kept: list[CartSummary]) -> None:
        if generation != self._generation:
            return
        others = [c for c in kept if c.customer_id != self.customer_id]
        self.carts_model.set_rows(others)
        self.carts_view.setVisible(bool(others))
        self.carts_empty.setVisible(not others)
        self.carts_stretch.setVisible(not others)
        if cart is None:
            return
        self.cart = cart
        selected = self._selected_sku()
        self.model.set_rows(cart.lines)
        self.title_label.setText(self.tr("Cart of %1").replace("%1", cart.customer_name))
        if not cart.lines:
            self.message.setText(self.tr("The cart of %1 is empty. Scan a product, or add one "
                                         "from the product screen or the wishlist.")
                                 .replace("%1", cart.customer_name))
            self.body.setCurrentWidget(self.message)
            self._set_line_buttons()
            return
        self.body.setCurrentWidget(self.page)
        self.total_label.setText(self.tr("Total %1 · %n item(s)", None, cart.units).replace(
            "%1", money_text(cart.total)))
        self._show_short(cart.short_lines)
        if selected:
            for row, line in enumerate(cart.lines):
                if line.sku == selected:
                    self.view.selectRow(row)
        self._set_line_buttons()

    def _show_short(self, lines: tuple[CartLine, ...]) -> None:
        self.short_card.setVisible(bool(lines))
        if not lines:
            return
        parts = []
        for line in lines:
            name = line.product.name if line.product else line.sku
            here = (self.tr("%1 asked, no stock figure here").replace(
                "%1", format_number(line.quantity)) if line.available is None else
                self.tr("%1 asked, %2 here").replace(
                "%1", format_number(line.quantity)).replace(
                "%2", format_number(line.available)))
            if line.sources:
                where = ", ".join(self.tr("%1 (%2 available, %3)").replace(
                    "%1", s.store_name).replace("%2", format_number(s.available)).replace(
                    "%3", format_distance(s.distance_km)) for s in line.sources[:3])
                parts.append(self.tr("%1: %2. Can come from %3.").replace("%1", name)
                             .replace("%2", here).replace("%3", where))
            else:
                parts.append(self.tr("%1: %2. No store has enough: lower the quantity.")
                             .replace("%1", name).replace("%2", here))
        self.short_label.setText("⚠ " + self.tr("Short at the store:") + "\n" + "\n".join(parts))

    def _on_error(self, error: BaseException) -> None:
        self.message.setText(messages.for_error(error))
        self.body.setCurrentWidget(self.message)

    def _on_replica_changed(self, changes: ChangeSet) -> None:
        if not self.isVisible():
            return
        if changes.reset or changes.outbox or changes.touches("cart") or changes.touches(
                "stock"):
            self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= WIDE
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                  else QBoxLayout.Direction.TopToBottom)
        self.carts_card.setMaximumHeight(16777215 if wide else 220)
        # A portrait tablet keeps the product's name readable: the unit price goes (the
        # line's total stays).
        self.view.setColumnHidden(CartModel.PRICE, event.size().width() < 900)
        self.carts_card.setMaximumWidth(420 if wide else 16777215)
        super().resizeEvent(event)

    # -- changing the cart ----------------------------------------------------------------------
    def _selected_sku(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        line = self.model.line(rows[0].row()) if rows else None
        return line.sku if line else None

    def _set_line_buttons(self) -> None:
        sku = self._selected_sku()
        selected = sku is not None
        for button in (self.less_button, self.more_button, self.remove_button):
            button.setEnabled(selected)
        # "One less" at one unit would remove the line without a word: Remove says it.
        line = next((x for x in (self.cart.lines if self.cart else ()) if x.sku == sku), None)
        self.less_button.setEnabled(line is not None and line.quantity > 1)
        has_lines = bool(self.cart and self.cart.lines)
        self.checkout_button.setEnabled(has_lines)
        self.clear_button.setEnabled(has_lines)

    def _change_quantity(self, step: int | None) -> None:
        sku = self._selected_sku()
        customer_id = self.customer_id
        line = next((x for x in (self.cart.lines if self.cart else ()) if x.sku == sku), None)
        if line is None or not customer_id:
            return
        quantity = 0 if step is None else max(1, line.quantity + step)
        workers.run(self.device.carts.set_quantity, customer_id, line.sku, quantity,
                    owner=self, name="cart quantity", on_result=lambda _c: self.reload(),
                    on_error=self.shell.show_error)

    def add_product(self) -> None:
        customer_id = self.customer_id
        if not customer_id:
            return
        dialog = ProductPickerDialog(self.device, self)
        dialog.setWindowTitle(self.tr("Add to the cart"))

        def add() -> None:
            if dialog.chosen is not None:
                workers.run(self.device.carts.add, customer_id, dialog.chosen.sku, owner=self,
                            name="add to cart", on_result=lambda _c: self.reload(),
                            on_error=self.shell.show_error)

        dialog.accepted.connect(add)
        dialog.open()

    def clear_cart(self) -> None:
        customer_id = self.customer_id
        if customer_id:
            workers.run(self.device.carts.clear, customer_id, owner=self, name="empty cart",
                        on_result=lambda _r: self.reload(), on_error=self.shell.show_error)

    def pick_customer(self) -> None:
        dialog = CustomerPickerDialog(self.device, self.tr("Whose cart?"), self)

        def picked(result: int) -> None:
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted:
                return
            if dialog.enrol and self.shell.has_screen("enrol"):
                self.shell.show_screen("enrol")
            elif dialog.chosen is not None:
                self.shell.set_customer_in_context(dialog.chosen.customer_id)
                self.customer_id = dialog.chosen.customer_id
                self.reload()

        dialog.finished.connect(picked)
        dialog.open()
        self.picker = dialog

    def _open_kept(self, row: int) -> None:
        cart = self.carts_model.cart(row)
        if cart is not None:
            self.shell.set_customer_in_context(cart.customer_id)
            self.customer_id = cart.customer_id
            self.reload()

    def checkout(self) -> None:
        if self.customer_id and self.cart and self.cart.lines:
            self.shell.show_screen("checkout", customer_id=self.customer_id)
