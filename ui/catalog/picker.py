"""The product picker: find a product by name, brand or code, or scan its barcode (the 360's
wishlist uses it; the cart will)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from clienteling.replica.views import ProductView
from ui import workers
from ui.catalog.search_picker import PickerWords, SearchPickerDialog
from ui.i18n import format_money
from ui.scanner.detector import ScanDetector

if TYPE_CHECKING:
    from clienteling.device import Device


def describe(product: ProductView) -> str:
    return f"{product.name} · {product.brand} · {format_money(product.price, product.currency)}"


class ProductPickerDialog(SearchPickerDialog[ProductView]):
    """Pick a product by typing its name, brand or code, or by scanning its barcode."""

    def __init__(self, device: Device, parent: QWidget | None = None) -> None:
        super().__init__(device.catalog.search_products, describe, "search products", parent)
        self.setObjectName("productPicker")
        self.setWindowTitle(self.tr("Add to the wishlist"))
        self.setAccessibleName(self.windowTitle())
        self.resize(640, 560)
        self._device = device
        self.set_words(PickerWords(
            search=self.tr("Search products"),
            placeholder=self.tr("Product name, brand, SKU or scan the barcode"),
            results=self.tr("Products found"),
            status=self.tr("Product search status"),
            cancel=self.tr("Cancel")))
        self.status.setText(self.tr("Type a product name or scan its barcode"))
        self.scanner = ScanDetector(self)
        self.scanner.scanned.connect(self.look_up_code)

    def _show(self, products: Sequence[ProductView]) -> None:
        super()._show(products)
        if products:
            self.results.setCurrentIndex(self._names.index(0, 0))
            self.status.setText(self.tr("%n product(s)", None, len(products)))
        elif self.search.text().strip():
            self.status.setText(self.tr("No product matches «%1»").replace(
                "%1", self.search.text().strip()))

    def _on_enter(self) -> None:
        if self._found and not self._timer.isActive():
            self._choose(max(0, self.results.currentIndex().row()))
        elif self.search.text().strip():
            self.look_up_code(self.search.text().strip())

    def look_up_code(self, code: str) -> None:
        """A scanned or typed barcode/SKU: the product it names, chosen at once."""
        workers.run(self._device.catalog.product, code, owner=self, name="product by code",
                    on_result=self._chosen, on_error=self._on_error)
