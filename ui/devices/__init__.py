"""The Devices section (managers): the store's tablets, revoking a lost one (it wipes itself at
its next contact) and what a revoked one had not sent ("lost with the device")."""

from ui.devices.screen import DevicesScreen

SCREENS = (DevicesScreen,)

__all__ = ["SCREENS", "DevicesScreen"]
