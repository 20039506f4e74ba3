"""The product screen: find a product (scan its barcode anywhere in the window, or search by
name, brand or SKU), see its price and its stock in every store, nearest first, with the
distance from this store and the time of each figure; add it to the cart or the wishlist of
the customer being served.

The replica's figures paint at once; the server's live figures follow from a worker when the
device is online (never blocking). Offline, the screen says how old the replica's figures are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QScroller,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clienteling.device.catalog import StockReport
from clienteling.replica.views import ChangeSet, ProductView
from ui import kit, messages, workers
from ui.catalog.customer_picker import CustomerPickerDialog
from ui.i18n import format_datetime, format_money
from ui.models.stock import StockModel, format_distance, oldest_figure
from ui.screen import Screen, Shell

SEARCH_DELAY_MS = 150
WIDE = 1100  # from this width, the search column sits beside the product


def _age_text(moment: dt.datetime) -> tuple[int, str]:
    """(count, unit) of how long ago `moment` was, for the offline sentence."""
    seconds = max(0, int((dt.datetime.now(dt.UTC) - moment).total_seconds()))
    if seconds < 3600:
        return max(1, seconds // 60), "min"
    if seconds < 2 * 86400:
        return seconds // 3600, "h"
    return seconds // 86400, "d"


class ProductScreen(Screen):
    """One product, its price and its stock across the chain."""

    screen_id = "product"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.product: ProductView | None = None
        self.report: StockReport | None = None
        self._generation = 0
        self._search_generation = 0
        self._found: list[ProductView] = []
        self._pending_action: str | None = None
        self._customer_name: str | None = None
        self._wide = True

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)

        # Who is being served: the cart and wishlist buttons act for them.
        serving = QHBoxLayout()
        self.customer_label = kit.label(self, "subtitle", "servingCustomer",
                                        self.tr("Customer being served"))
        serving.addWidget(self.customer_label, 1)
        self.change_customer = kit.button(self, self.tr("Choose the customer"), "user")
        self.change_customer.clicked.connect(lambda: self._pick_customer(None))
        serving.addWidget(self.change_customer)
        outer.addLayout(serving)

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(16)
        outer.addLayout(self.columns, 1)

        # The search column.
        search_card, search_column = kit.card(self, "productSearch")
        self.search = QLineEdit(search_card)
        self.search.setObjectName("productSearchField")
        self.search.setAccessibleName(self.tr("Search products"))
        self.search.setPlaceholderText(self.tr("Name, brand, SKU, or scan the barcode"))
        self.search.setMinimumHeight(48)
        self.search.setClearButtonEnabled(True)
        search_column.addWidget(self.search)
        self.results_model = QStringListModel(self)
        self.results = QListView(search_card)
        self.results.setAccessibleName(self.tr("Products found"))
        self.results.setModel(self.results_model)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setUniformItemSizes(True)
        QScroller.grabGesture(self.results.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.results.clicked.connect(lambda index: self._choose(index.row()))
        self.results.activated.connect(lambda index: self._choose(index.row()))
        search_column.addWidget(self.results, 1)
        self.search_status = kit.label(search_card, "muted", accessible=self.tr(
            "Product search status"))
        search_column.addWidget(self.search_status)
        self.search_card = search_card
        self.columns.addWidget(search_card, 2)

        # The product: its identity and price, what to do with it, its stock.
        self.detail = QStackedWidget(self)
        self.empty = kit.label(self.detail, "muted", "productEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setText(self.tr("Scan a product's barcode anywhere, or search it by name, "
                                   "brand or SKU."))
        self.detail.addWidget(self.empty)
        page = QWidget(self.detail)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        head, head_column = kit.card(page, "productHead")
        top = QHBoxLayout()
        names = QVBoxLayout()
        self.name_label = kit.label(head, "title", "productName", self.tr("Product"))
        self.about_label = kit.label(head, "muted", "productAbout",
                                     self.tr("Brand, reference and barcode"))
        names.addWidget(self.name_label)
        names.addWidget(self.about_label)
        top.addLayout(names, 1)
        self.price_label = kit.label(head, "title", "productPrice", self.tr("Price"))
        self.price_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.price_label.setWordWrap(False)
        top.addWidget(self.price_label)
        head_column.addLayout(top)
        actions = QHBoxLayout()
        self.cart_button = kit.button(head, self.tr("Add to cart"), "cart", primary=True)
        self.cart_button.clicked.connect(lambda: self._act("cart"))
        self.wish_button = kit.button(head, self.tr("Add to wishlist"), "heart")
        self.wish_button.clicked.connect(lambda: self._act("wishlist"))
        actions.addWidget(self.cart_button)
        actions.addWidget(self.wish_button)
        actions.addStretch(1)
        head_column.addLayout(actions)
        column.addWidget(head)
        stock_card, stock_column = kit.card(page, "productStock")
        stock_top = QHBoxLayout()
        title = kit.label(stock_card, "subtitle")
        title.setText(self.tr("Stock in the chain"))
        stock_top.addWidget(title, 1)
        self.refresh_button = kit.button(stock_card, self.tr("Refresh"), "sync", flat=True)
        self.refresh_button.clicked.connect(self.refresh_live)
        stock_top.addWidget(self.refresh_button)
        stock_column.addLayout(stock_top)
        self.stock_status = kit.label(stock_card, "muted", "stockStatus",
                                      self.tr("Where the stock figures come from"))
        stock_column.addWidget(self.stock_status)
        self.stock_model = StockModel(self)
        self.stock_view = QTableView(stock_card)
        self.stock_view.setObjectName("stockTable")
        self.stock_view.setAccessibleName(self.tr("Stock in every store"))
        self.stock_view.setModel(self.stock_model)
        self.stock_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.stock_view.verticalHeader().hide()
        self.stock_view.verticalHeader().setDefaultSectionSize(40)
        self.stock_view.setShowGrid(False)
        self.stock_view.setWordWrap(False)
        QScroller.grabGesture(self.stock_view.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        kit.size_columns(self.stock_view, self.stock_view.horizontalHeader(),
                         stretch=StockModel.STORE,
                         samples={StockModel.DISTANCE: [format_distance(888.0)],
                                  StockModel.ON_HAND: ["8888"], StockModel.RESERVED: ["8888"],
                                  StockModel.AVAILABLE: ["8888"],
                                  # Today's figures say the time only (the usual case).
                                  StockModel.AS_OF: ["88:88",
                                      QCoreApplication.translate("StockModel", "not known here")]})
        stock_column.addWidget(self.stock_view, 1)
        column.addWidget(stock_card, 1)
        self.detail.addWidget(page)
        self.page = page
        self.message = kit.label(self.detail, "muted", "productMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.addWidget(self.message)
        self.columns.addWidget(self.detail, 5)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._on_enter)
        shell.replica_changed.connect(self._on_replica_changed)
        self._set_buttons()

    def title(self) -> str:
        return self.tr("Product")

    # -- navigation ------------------------------------------------------------------------
    def enter(self, **params: Any) -> None:
        """Params: `sku` (the product to show); `prepared`, the StockReport read with a scan
        (painted at once)."""
        self._show_customer()
        sku = params.get("sku")
        prepared = params.get("prepared")
        if isinstance(prepared, StockReport) and prepared.sku == sku:
            product = params.get("product")
            if isinstance(product, ProductView):
                self._show_product(product, prepared)
                QTimer.singleShot(0, self.refresh_live)
                return
        if sku and (self.product is None or self.product.sku != sku):
            self.open_sku(sku)
        elif not sku and self.product is None:
            self.search.setFocus()

    def handle_escape(self) -> bool:
        if self.search.text():
            self.search.clear()
            return True
        return False

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        customer = demo.get("customer_id")
        if customer:
            self.shell.set_customer_in_context(customer)
        return {}

    def screenshot_states(self) -> list[tuple[str, Any]]:
        return [("", self._screenshot_product)]

    def _screenshot_product(self) -> None:
        """The product with the most stores knowing its stock, for the picture."""
        def richest(device: Any) -> str | None:
            best: tuple[int, str] | None = None
            for product in device.catalog.search_products("a", 20):
                known = sum(1 for f in device.catalog.stock_for(product.sku) if f.known)
                if best is None or known > best[0]:
                    best = (known, product.sku)
            return best[1] if best else None

        workers.run(richest, self.device, owner=self, name="product for the screenshot",
                    on_result=lambda sku: self.open_sku(sku) if sku else None)

    # -- the customer being served ------------------------------------------------------------
    def _show_customer(self) -> None:
        customer_id = self.shell.customer_in_context
        if not customer_id:
            self._customer_name = None
            self.customer_label.setText(self.tr("No customer chosen: choose one to add to "
                                                "their cart or wishlist."))
            self.change_customer.setText(self.tr("Choose the customer"))
            return
        self.change_customer.setText(self.tr("Another customer"))
        self.customer_label.setText(self.tr("Serving a customer"))
        workers.run(self.device.carts.customer_name, customer_id, owner=self,
                    name="customer in context",
                    on_result=self._on_customer_name, on_error=lambda _e: None)

    def _on_customer_name(self, name: str) -> None:
        self._customer_name = name
        self.customer_label.setText(self.tr("Serving %1").replace("%1", name))

    def _pick_customer(self, then: str | None) -> None:
        self._pending_action = then
        dialog = CustomerPickerDialog(
            self.device, self.tr("The product goes to the cart or wishlist of the customer "
                                 "you choose."), self)
        dialog.finished.connect(lambda result: self._customer_picked(dialog, result))
        dialog.open()
        self.picker = dialog

    def _customer_picked(self, dialog: CustomerPickerDialog, result: int) -> None:
        action, self._pending_action = self._pending_action, None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            return
        if dialog.enrol:
            if self.shell.has_screen("enrol"):
                self.shell.show_screen("enrol")
            return
        if dialog.chosen is None:
            return
        self.shell.set_customer_in_context(dialog.chosen.customer_id)
        self._show_customer()
        if action:
            self._act(action)

    # -- finding a product ---------------------------------------------------------------------
    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if not text:
            self._show_found([])
            return
        workers.run(self.device.catalog.search_products, text, 50, owner=self,
                    name="search products",
                    on_result=lambda found: self._show_found(found)
                    if generation == self._search_generation else None,
                    on_error=lambda error: self.search_status.setText(
                        messages.for_error(error)))

    def _show_found(self, found: Sequence[ProductView]) -> None:
        self._found = list(found)
        self.results.setVisible(bool(found) or self._wide)
        self.results_model.setStringList([
            f"{p.name} · {p.brand} · {format_money(p.price, p.currency)}" for p in found])
        text = self.search.text().strip()
        if found:
            self.search_status.setText(self.tr("%n product(s)", None, len(found)))
        elif text:
            self.search_status.setText(self.tr("No product matches «%1»").replace("%1", text))
        else:
            self.search_status.setText(self.tr("Type a name, a brand or a SKU."))

    def _on_enter(self) -> None:
        text = self.search.text().strip()
        if self._found and not self._timer.isActive():
            self._choose(0)
        elif text:
            self.open_code(text)

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self._found):
            self.open_sku(self._found[row].sku)

    def open_code(self, code: str) -> None:
        """A typed barcode or SKU: the product it names."""
        self._generation += 1
        generation = self._generation
        workers.run(self.device.catalog.product, code, owner=self, name="product by code",
                    on_result=lambda p: self.open_sku(p.sku)
                    if generation == self._generation else None,
                    on_error=self._on_error)

    def open_sku(self, sku: str) -> None:
        """Show a product: the replica's figures at once, then the server's."""
        self._generation += 1
        generation = self._generation
        if self.product is None or self.product.sku != sku:
            self.message.setText(self.tr("Loading the product…"))
            self.detail.setCurrentWidget(self.message)

        def read(device: Any) -> tuple[ProductView, StockReport]:
            return device.catalog.product(sku), device.catalog.stock_report(sku)

        workers.run(read, self.device, owner=self, name="product and stock",
                    on_result=lambda answer: self._on_read(generation, *answer),
                    on_error=self._on_error)

    def _on_read(self, generation: int, product: ProductView, report: StockReport) -> None:
        if generation != self._generation:
            return
        self._show_product(product, report)
        # After the paint of the replica's figures (posted events go before timers): the live
        # request's worker then does not compete with that first paint.
        QTimer.singleShot(0, self.refresh_live)

    def refresh_live(self) -> None:
        """Ask the server for every store's figure (in a worker; the replica's stay shown)."""
        if self.product is None:
            return
        sku = self.product.sku
        generation = self._generation
        self.refresh_button.setEnabled(False)
        self.stock_status.setText(self.stock_status.text() + " " + self.tr(
            "Asking the server for live figures…"))
        workers.run(lambda: self.device.catalog.stock_report(sku, refresh=True), owner=self,
                    name="live stock",
                    on_result=lambda report: self._on_live(generation, report),
                    on_error=self._on_error)

    def _on_live(self, generation: int, report: StockReport) -> None:
        self.refresh_button.setEnabled(True)
        if generation != self._generation or self.product is None:
            return
        self.report = report
        self.stock_model.set_figures(report.figures)
        self._say_where_figures_come_from(report, asked=True)

    def _on_error(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        if self.product is None:
            self.message.setText(messages.for_error(error))
            self.detail.setCurrentWidget(self.message)
        else:
            self.shell.show_error(error)

    # -- showing it ---------------------------------------------------------------------------
    def _show_product(self, product: ProductView, report: StockReport) -> None:
        self.product = product
        self.report = report
        self.name_label.setText(product.name)
        about = [product.brand, self.tr("SKU %1").replace("%1", product.sku)]
        if product.ean:
            about.append(self.tr("EAN %1").replace("%1", product.ean))
        self.about_label.setText(" · ".join(about))
        self.price_label.setText(format_money(product.price, product.currency))
        self.stock_model.set_figures(report.figures)
        self._say_where_figures_come_from(report, asked=False)
        self.detail.setCurrentWidget(self.page)
        self._set_buttons()

    def _say_where_figures_come_from(self, report: StockReport, *, asked: bool) -> None:
        known = sum(1 for f in report.figures if f.known)
        stores = len(report.figures)
        if report.live:
            self.stock_status.setText(self.tr("Live figures from the server, %1.").replace(
                "%1", format_datetime(dt.datetime.now(dt.UTC))))
            return
        oldest = oldest_figure(report.figures)
        if oldest is None:
            text = self.tr("No stock figure on this device for this product.")
        else:
            count, unit = _age_text(oldest)
            age = {"min": self.tr("%n minute(s)", None, count),
                   "h": self.tr("%n hour(s)", None, count),
                   "d": self.tr("%n day(s)", None, count)}[unit]
            text = self.tr("Figures kept on this device for %1 of %2 stores, the oldest from "
                           "%3 ago.").replace("%1", str(known)).replace(
                "%2", str(stores)).replace("%3", age)
        if asked:
            text = self.tr("Offline:") + " " + text
        self.stock_status.setText(text)

    def _set_buttons(self) -> None:
        has = self.product is not None
        self.cart_button.setEnabled(has)
        self.wish_button.setEnabled(has)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= WIDE
        self._wide = wide
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                  else QBoxLayout.Direction.TopToBottom)
        self.columns.setStretch(0, 2 if wide else 0)
        self.search_card.setMaximumHeight(16777215 if wide else 260)
        # Narrow: the results list only while there are results (the stock needs the room).
        self.results.setVisible(wide or bool(self._found))
        # Narrow: the reserved units go (on hand and available tell them), so that the store
        # names are read whole rather than cut to "Strasbourg …".
        self.stock_view.setColumnHidden(StockModel.RESERVED, not wide)
        super().resizeEvent(event)

    # -- cart and wishlist --------------------------------------------------------------------
    def _act(self, action: str) -> None:
        product = self.product
        customer_id = self.shell.customer_in_context
        if product is None:
            return
        if not customer_id:
            self._pick_customer(action)
            return
        name = self._customer_name or ""
        if action == "cart":
            workers.run(self.device.carts.add, customer_id, product.sku, owner=self,
                        name="add to cart",
                        on_result=lambda cart: self.shell.notify(self.tr(
                            "%1 added to the cart of %2 (%3 in the cart).").replace(
                            "%1", product.name).replace("%2", cart.customer_name).replace(
                            "%3", str(cart.units))),
                        on_error=self.shell.show_error)
        else:
            workers.run(self.device.customers.add_to_wishlist, customer_id, product.sku,
                        owner=self, name="add to wishlist",
                        on_result=lambda _entry: self.shell.notify(self.tr(
                            "%1 added to the wishlist of %2: waiting to be sent.").replace(
                            "%1", product.name).replace("%2", name)),
                        on_error=self.shell.show_error)

    def _on_replica_changed(self, changes: ChangeSet) -> None:
        if self.product is None or not self.isVisible():
            return
        if changes.reset or changes.outbox or changes.touches("stock", None):
            sku = self.product.sku
            generation = self._generation
            workers.run(self.device.catalog.stock_report, sku, owner=self,
                        name="stock again",
                        on_result=lambda report: self._on_fresh(generation, report),
                        on_error=lambda _e: None)

    def _on_fresh(self, generation: int, report: StockReport) -> None:
        if generation == self._generation and self.report is not None:
            self.report = StockReport(sku=report.sku, figures=report.figures,
                                      live=self.report.live)
            self.stock_model.set_figures(report.figures)
