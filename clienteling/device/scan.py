"""Routing scanned or typed text to what it names: a customer, a product or a pickup."""

from __future__ import annotations

from clienteling.codes import CardCode, PickupCode, ProductCode, parse_scan
from clienteling.device.catalog import CatalogService
from clienteling.device.context import DeviceContext
from clienteling.device.customers import CustomerService
from clienteling.device.pickups import PickupService
from clienteling.replica.views import CustomerTarget, PickupTarget, ProductTarget, ScanTarget

__all__ = ["ScanService"]


class ScanService:
    """Resolves a scan through the service of the domain it belongs to."""

    def __init__(self, context: DeviceContext, customers: CustomerService,
                 catalog: CatalogService, pickups: PickupService) -> None:
        self._ctx = context
        self._customers = customers
        self._catalog = catalog
        self._pickups = pickups

    def resolve_scan(self, text: str) -> ScanTarget:
        """Route scanned or typed text: a card or customer QR → `CustomerTarget`, a product
        code → `ProductTarget`, a pickup QR → `PickupTarget`. Looks in the replica first and,
        online, asks the server (and caches what it answers).

        Raises `code.empty`, `code.unknown`, `card.check_digit`, `card.format`,
        `pickup.format`, `ean.check_digit`, `customer.not_found`, `product.not_found`,
        `pickup.not_found` (each with `offline=True` when the server could not be asked).
        """
        session = self._ctx.need()
        code = parse_scan(text)
        if isinstance(code, CardCode):
            return CustomerTarget(self._customers.by_card(session, code.card))
        if isinstance(code, ProductCode):
            return ProductTarget(self._catalog.by_code(session, code))
        assert isinstance(code, PickupCode)
        return PickupTarget(self._pickups.by_code(session, code))
