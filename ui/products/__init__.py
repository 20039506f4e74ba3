"""The Products section: a product's price and stock across the chain, found by scan or
search, and what a scanned product barcode opens."""

from ui.products.scan_routes import SCAN_ROUTES
from ui.products.screen import ProductScreen

SCREENS = (ProductScreen,)

__all__ = ["SCAN_ROUTES", "SCREENS", "ProductScreen"]
