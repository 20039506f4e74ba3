"""Click-and-collect at the counter: the store's pickup queue and a scanned pickup QR."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time

from clienteling.codes import PickupCode
from clienteling.device.context import DeviceContext, Session
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay
from clienteling.replica.views import OrderView, PickupCounter

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

    def counter(self, limit: int = 500) -> PickupCounter:
        """The counter's three groups: to prepare (confirmed), ready (waiting for the customer)
        and collected today (local day), each oldest first but the collected (latest first).
        An unsent move counts where it leads: an order marked ready offline is ready."""
        session = self._ctx.need()
        store_id = self._ctx.settings.store_id
        midnight = datetime.combine(datetime.now().date(), time()).astimezone(UTC)
        since = midnight.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        with session.replica.read() as conn:
            open_orders = overlay.pickup_queue(conn, store_id, ["confirmed", "ready_for_pickup"],
                                               max(1, min(int(limit), 5000)))
            collected = overlay.collected_since(conn, store_id, since, limit)
            # Made here and not sent yet: to prepare all the same (the screens say the stock
            # is not reserved yet).
            open_orders += overlay.unsent_pickups(conn, store_id)
        groups: dict[str, list[OrderView]] = {"confirmed": [], "ready_for_pickup": [],
                                              "collected": []}
        for order in open_orders:
            status = order.pending_status or (
                order.status if order.sync == "synced" else "confirmed")
            if status in groups:
                groups[status].append(order)
        moved = [o for o in groups["collected"] if o.order_number not in
                 {c.order_number for c in collected}]
        return PickupCounter(to_prepare=tuple(groups["confirmed"]),
                             ready=tuple(groups["ready_for_pickup"]),
                             collected_today=tuple(moved + collected))

    def to_prepare_count(self) -> int:
        """How many of the store's orders wait to be prepared (the rail's count)."""
        return len(self.counter().to_prepare)

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
