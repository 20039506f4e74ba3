"""The customer's screens: the 360 (with its dialogs, the card's QR, the conflict panel) and
the enrolment, and what a scanned card or pickup QR opens."""

from ui.customers.enrol import EnrolScreen
from ui.customers.scan_routes import SCAN_ROUTES
from ui.customers.screen import Customer360Screen

SCREENS = (Customer360Screen, EnrolScreen)

__all__ = ["SCAN_ROUTES", "SCREENS", "Customer360Screen", "EnrolScreen"]
