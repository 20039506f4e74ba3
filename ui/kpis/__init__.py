"""The store's KPIs (managers), joined to the client book's section: numbers and charts,
online or computed on the device from its last sync."""

from ui.kpis.screen import KpisScreen

SCREENS = (KpisScreen,)

__all__ = ["SCREENS", "KpisScreen"]
