"""`wishlist.remove`: a product taken off the customer's wishlist."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection

from clienteling.api.client import ApiError
from clienteling.domain.errors import DomainError
from clienteling.outbox.command import Command, Request, Wishlist, Write, register
from clienteling.outbox.entry import Row
from clienteling.outbox.kinds.wishlist_add import REMOVE, same_item, wishlist_skus
from clienteling.outbox.overlay import path_segment
from clienteling.replica.apply import Applied, delete_entity


class WishlistRemove(Command):
    kind = REMOVE
    label = "outbox.wishlist.remove"

    def request(self, row: Row) -> Request:
        # A SKU may hold '/', which the route takes as part of the path: keep it.
        return Request("DELETE", f"/customers/{path_segment(row.customer_id)}/wishlist/"
                       f"{quote(row.target or '', safe='/')}")

    def settle(self, conn: Connection, row: Row, answer: Any) -> Applied:
        # The replica keys a wishlist item as "<customer>/<sku>", as the feed does.
        return delete_entity(conn, "wishlist_item", f"{row.customer_id}/{row.target}")

    def already_done(self, row: Row, error: ApiError) -> Mapping[str, Any] | bool:
        return error.status == 404 and error.code == "wishlist.not_found"

    def waits_for(self, row: Row, earlier: Row) -> bool:
        return super().waits_for(row, earlier) or same_item(row, earlier)

    def on_wishlist(self, wishlist: Wishlist, row: Row) -> None:
        if row.target:
            wishlist.pop(row.target, None)


def write(customer_id: str, sku: str) -> Write:
    """Raises (when queued) `wishlist.not_found`, `customer.not_found`."""

    def check(conn: Connection) -> None:
        if sku not in wishlist_skus(conn, customer_id):
            raise DomainError("wishlist.not_found", "not on the wishlist", sku=sku)

    return Write(REMOVE, {}, customer_id=customer_id, target=sku, check=check)


register(WishlistRemove())
