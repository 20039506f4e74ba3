"""Products and stores: search, one product by SKU or code, stock across the chain, the
chain's stores nearest first."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from clienteling.api.client import ApiError
from clienteling.codes import ProductCode, parse_scan
from clienteling.device.context import NETWORK_ERRORS, DeviceContext, Session
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay
from clienteling.replica import reads
from clienteling.replica.apply import Applied, write_entity
from clienteling.replica.views import ProductView, StockFigure, StoreView
from clienteling.sync.engine import change_set

__all__ = ["CatalogService", "StockReport"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StockReport:
    """A product's stock in every store (`stock_for`'s figures) and whether the server gave
    them just now."""

    sku: str
    figures: list[StockFigure]
    live: bool


class CatalogService:
    """What the device knows of the catalogue, the stock and the stores."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    def search_products(self, text: str, limit: int = 50) -> list[ProductView]:
        """Products matching `text` by name, brand, category, SKU or EAN (prefix words)."""
        session = self._ctx.need()
        limit = max(1, min(int(limit), 500))
        with session.replica.read() as conn:
            return reads.search_products(conn, text, limit)

    def product(self, sku_or_code: str) -> ProductView:
        """One product by SKU or EAN (replica, then the server online). Raises
        `product.not_found`, or `ean.check_digit` for a mistyped EAN."""
        session = self._ctx.need()
        code = parse_scan(sku_or_code)
        if not isinstance(code, ProductCode):
            raise DomainError("product.not_found", "this is not a product code",
                              code=sku_or_code[:80])
        return self.by_code(session, code)

    def by_code(self, session: Session, code: ProductCode) -> ProductView:
        """A scanned product code: the replica, then the server online (kept)."""
        with session.replica.read() as conn:
            found = (reads.product(conn, ean=code.ean) if code.ean
                     else reads.product(conn, sku=code.sku))
            if found is None and code.sku:
                found = reads.product(conn, ean=code.sku)
        if found is not None:
            return found
        product = self._ctx.online(lambda: session.client.lookup_product(code.code),
                                   "product.not_found", code=code.code)
        self._ctx.cache(session, "product", product.model_dump(mode="json"))
        return reads.product_view({**product.model_dump(mode="json")})

    def stock_for(self, sku: str, *, refresh: bool = False) -> list[StockFigure]:
        """The product's stock in every store: this store first, then nearest first (stores
        without coordinates last). Figures come from the replica (this store and its nearest
        ones); `refresh=True` asks the server online for every store's figure first and keeps
        the answer. Raises `product.not_found`."""
        return self.stock_report(sku, refresh=refresh).figures

    def stock_report(self, sku: str, *, refresh: bool = False) -> StockReport:
        """`stock_for`, saying whether the figures are the server's of just now (`live`) or
        the replica's (offline, or not asked): the product screen says which."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            if reads.product(conn, sku=sku) is None:
                raise DomainError("product.not_found", "no product has this SKU", sku=sku)
        live = False
        if refresh:
            try:
                levels = session.client.stock([sku])
            except (ApiError, *NETWORK_ERRORS) as error:
                log.info("stock refresh failed: %s", error.code)
            else:
                live = True
                applied = Applied()
                with session.replica.write() as conn:
                    for level in levels:
                        applied.merge(write_entity(conn, "stock", level.model_dump(mode="json")))
                self._ctx.publish(change_set(applied))
        with session.replica.read() as conn:
            figures = overlay.stock_for(conn, sku, self._ctx.settings.store_id)
        return StockReport(sku=sku, figures=figures, live=live)

    def stores(self) -> list[StoreView]:
        """Every store of the chain, this store first then nearest first."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            return [s for s, _ in reads.stores_by_distance(conn, self._ctx.settings.store_id)]
