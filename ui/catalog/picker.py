"""The product picker: find a product by name, brand or code, or scan its barcode (the 360's
wishlist uses it; the cart will)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QStringListModel,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica.views import ProductView
from ui import kit, messages, workers
from ui.i18n import format_money
from ui.scanner.detector import ScanDetector

if TYPE_CHECKING:
    from clienteling.device import Device


class ProductPickerDialog(QDialog):
    """Pick a product by typing its name, brand or code, or by scanning its barcode."""

    def __init__(self, device: Device, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productPicker")
        self.setWindowTitle(self.tr("Add to the wishlist"))
        self.setAccessibleName(self.windowTitle())
        self.resize(640, 560)
        self._device = device
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
        self.status = kit.label(self, "muted", accessible=self.tr("Product search status"))
        self.status.setText(self.tr("Type a product name or scan its barcode"))
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        buttons.addButton(kit.button(self, self.tr("Cancel")),
                          QDialogButtonBox.ButtonRole.RejectRole)
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
        workers.run(self._device.catalog.search_products, text, 30, owner=self,
                    name="search products",
                    on_result=lambda found: self._show(found)
                    if generation == self._generation else None,
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
        workers.run(self._device.catalog.product, code, owner=self, name="product by code",
                    on_result=self._chosen_product, on_error=self._on_error)

    def _on_error(self, error: BaseException) -> None:
        self.status.setText(messages.for_error(error))

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self._products):
            self._chosen_product(self._products[row])

    def _chosen_product(self, product: ProductView) -> None:
        self.chosen = product
        self.accept()
