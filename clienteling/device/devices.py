"""A manager's devices (online only): the store's tablets, revoking a lost one (it wipes itself
at its next contact), and what a revoked one had not sent ("lost with the device")."""

from __future__ import annotations

from clienteling.api import models as w
from clienteling.device.context import DeviceContext

__all__ = ["DevicesService"]


class DevicesService:
    """The devices of the manager's store (an admin: the chain's). Every method is online:
    the server's errors (`device.not_found`, `device.other_store`, `auth.forbidden`,
    `network.*`) are raised as they are."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    def list_devices(self) -> list[w.Device]:
        """Online. The devices of the manager's store (an admin: the chain's)."""
        return self._ctx.need().client.devices()

    def revoke_device(self, device_id: int) -> w.Device:
        """Online. Revoke a lost device: it wipes itself at its next contact."""
        return self._ctx.need().client.revoke_device(device_id)

    def lost_with_device(self, device_id: int) -> w.LostWork:
        """Online. What a revoked device had not sent: lost with it."""
        return self._ctx.need().client.lost_with_device(device_id)
