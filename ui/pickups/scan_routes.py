"""A scanned pickup QR, anywhere in the window, opens the hand-over of its order (read with
the scan: the order, its customer, the stores' names)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clienteling.replica.views import PickupTarget
from ui.pickups.common import page_of
from ui.scanner.router import ScanRoute
from ui.screen import Shell

if TYPE_CHECKING:
    from clienteling.device import Device


def _prepare(device: Device, target: PickupTarget) -> Any:
    return page_of(device, target.order)


def _open(shell: Shell, target: PickupTarget, prepared: Any) -> None:
    shell.show_screen("pickup", order_number=target.order.order_number, prefetched=prepared)


SCAN_ROUTES = (ScanRoute(PickupTarget, _open, _prepare),)
