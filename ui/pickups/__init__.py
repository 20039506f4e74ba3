"""The Pickups section: the store's click-and-collect counter (to prepare, ready, collected
today), the hand-over a scanned pickup QR opens, an order's page (cancel and return to stock)
and a short order's task. `RAIL_BADGE` counts the orders to prepare on the rail."""

from ui.pickups.order import OrderScreen
from ui.pickups.pickup import PickupScreen
from ui.pickups.queue import PickupsScreen, rail_count
from ui.pickups.scan_routes import SCAN_ROUTES
from ui.pickups.shortage import ShortageScreen

SCREENS = (PickupsScreen, PickupScreen, OrderScreen, ShortageScreen)
RAIL_BADGE = rail_count

__all__ = ["RAIL_BADGE", "SCAN_ROUTES", "SCREENS", "OrderScreen", "PickupScreen",
           "PickupsScreen", "ShortageScreen"]
