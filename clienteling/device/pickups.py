"""Click-and-collect at the counter: the store's pickup queue and a scanned pickup QR."""

from __future__ import annotations

from collections.abc import Sequence

from clienteling.codes import PickupCode
from clienteling.device.context import DeviceContext, Session
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay
from clienteling.replica.views import OrderView

__all__ = ["PickupService"]


class PickupService:
    """The orders waiting to be prepared or collected in this store."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    def pickup_queue(self, statuses: Sequence[str] = ("confirmed", "ready_for_pickup",
                                                      "collected"),
                     limit: int = 500) -> list[OrderView]:
        """The store's click-and-collect orders in `statuses` (to prepare, ready, collected),
        oldest first within each status, unsent status changes shown in `pending_status`."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            return overlay.pickup_queue(conn, self._ctx.settings.store_id, list(statuses),
                                        max(1, min(int(limit), 5000)))

    def by_code(self, session: Session, code: PickupCode) -> OrderView:
        """The order of a scanned pickup QR (replica, then the server online); the code must
        match the order's. Raises `pickup.not_found`."""
        ctx = self._ctx
        with session.replica.read() as conn:
            found = overlay.order(conn, code.order_number)
        if found is not None:
            if found.pickup_code != code.pickup_code:
                raise DomainError("pickup.not_found", "this pickup code does not match the order",
                                  order_number=code.order_number)
            return found
        order = ctx.online(lambda: session.client.pickup(code.payload),
                           "pickup.not_found", order_number=code.order_number)
        ctx.cache(session, "order", order.model_dump(mode="json"))
        with session.replica.read() as conn:
            cached = overlay.order(conn, order.order_number)
        if cached is None:
            raise DomainError("pickup.not_found", "not found", order_number=code.order_number)
        return cached
