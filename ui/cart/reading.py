"""What the confirmation shows, read in a worker: the order, the stores' names, the customer's
name (read with the order's placing, so the confirmation paints without a second trip)."""

from __future__ import annotations

from typing import Any

from clienteling.replica.views import OrderView, StoreView


def read_confirmation(device: Any, order_number: str
                      ) -> tuple[OrderView, dict[str, StoreView], str]:
    order = device.orders.order(order_number)
    stores = {s.store_id: s for s in device.catalog.stores()}
    return order, stores, device.carts.customer_name(order.customer_id)
