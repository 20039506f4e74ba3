"""What the Products section opens for a scanned product barcode (EAN-13, EAN-8, UPC-A, a
SKU): the product screen, with the replica's stock read with the scan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clienteling.replica.views import ProductTarget
from ui.scanner.router import ScanRoute
from ui.screen import Shell

if TYPE_CHECKING:
    from clienteling.device import Device


def _prepare(device: Device, target: ProductTarget) -> Any:
    return device.catalog.stock_report(target.product.sku)


def _open(shell: Shell, target: ProductTarget, prepared: Any) -> None:
    shell.show_screen("product", sku=target.product.sku, product=target.product,
                      prepared=prepared)


SCAN_ROUTES = (ScanRoute(ProductTarget, _open, _prepare),)
