"""What the Clients section opens for a scanned code: a card opens the customer's 360 (read
with the scan); until the app has product and pickup screens, a product code is named with
its price and a pickup QR opens its order among the customer's orders (fallback routes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from clienteling.replica.views import CustomerTarget, PickupTarget, ProductTarget
from ui.customers.loading import prefetch_360
from ui.i18n import format_money
from ui.models.vocabulary import status_label
from ui.scanner.router import ScanRoute
from ui.screen import Shell

if TYPE_CHECKING:
    from clienteling.device import Device


def _prefetch_customer(device: Device, target: CustomerTarget) -> Any:
    return prefetch_360(device, target.customer.customer_id)


def _open_customer(shell: Shell, target: CustomerTarget, prefetched: Any) -> None:
    shell.show_screen("customer", customer_id=target.customer.customer_id,
                      prefetched=prefetched)


def _prefetch_pickup(device: Device, target: PickupTarget) -> Any:
    return prefetch_360(device, target.order.customer_id)


def _open_pickup(shell: Shell, target: PickupTarget, prefetched: Any) -> None:
    order = target.order
    shell.show_screen("customer", customer_id=order.customer_id,
                      order_number=order.order_number, prefetched=prefetched)
    shell.notify(QCoreApplication.translate(
        "ScanRouter", "Pickup code of order %1 (%2): the order is selected in the customer's "
                      "orders.")
        .replace("%1", order.order_number or "")
        .replace("%2", status_label(order.status)))


def _name_product(shell: Shell, target: ProductTarget, _prepared: Any) -> None:
    product = target.product
    shell.notify(QCoreApplication.translate(
        "ScanRouter", "%1 (%2), %3, reference %4: this is a product code. To serve a customer, "
                      "scan their loyalty card or type their name.")
        .replace("%1", product.name).replace("%2", product.brand)
        .replace("%3", format_money(product.price, product.currency))
        .replace("%4", product.sku))


SCAN_ROUTES = (
    ScanRoute(CustomerTarget, _open_customer, _prefetch_customer),
    ScanRoute(PickupTarget, _open_pickup, _prefetch_pickup, fallback=True),
    ScanRoute(ProductTarget, _name_product, fallback=True),
)
