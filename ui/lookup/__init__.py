"""The Clients section's home: finding a customer by name, scan, camera or picture."""

from ui.lookup.screen import LookupScreen

SCREENS = (LookupScreen,)

__all__ = ["SCREENS", "LookupScreen"]
