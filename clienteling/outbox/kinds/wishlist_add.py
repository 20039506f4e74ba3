"""`wishlist.add`: a product on the customer's wishlist."""

from __future__ import annotations

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay
from clienteling.outbox.command import (
    Command,
    Request,
    Wishlist,
    Write,
    payload_of,
    register,
    validated,
)
from clienteling.outbox.entry import Row
from clienteling.outbox.overlay import created, mark, path_segment
from clienteling.replica import reads

KIND = "wishlist.add"
REMOVE = "wishlist.remove"


def same_item(row: Row, earlier: Row) -> bool:
    """Changes of one wishlist item go in the order made."""
    return (earlier.kind in (KIND, REMOVE) and earlier.customer_id == row.customer_id
            and earlier.target == row.target)


def wishlist_skus(conn: Connection, customer_id: str) -> set[str]:
    """The customer's wishlist as the seller sees it (unsent changes included)."""
    view = overlay.customer_360(conn, customer_id, store_id=None)
    if view is None:
        raise DomainError("customer.not_found", "this customer is not on this device",
                          customer_id=customer_id)
    return {entry.sku for entry in view.wishlist}


class WishlistAdd(Command):
    kind = KIND
    label = "outbox.wishlist.add"
    entity = "wishlist_item"

    def request(self, row: Row) -> Request:
        return Request("POST", f"/customers/{path_segment(row.customer_id)}/wishlist",
                       row.payload)

    def waits_for(self, row: Row, earlier: Row) -> bool:
        return super().waits_for(row, earlier) or same_item(row, earlier)

    def skus(self, row: Row) -> set[str]:
        return {row.target} if row.target else set()

    def on_wishlist(self, wishlist: Wishlist, row: Row) -> None:
        if row.target:
            current = wishlist.get(row.target)
            wishlist[row.target] = (row.target, current[1] if current else created(row),
                                    mark(row))


def write(customer_id: str, sku: str) -> Write:
    """Raises `wishlist.invalid`; when queued `product.not_found`, `customer.not_found`,
    `wishlist.already`."""
    item = validated(w.WishlistAdd, "wishlist.invalid", sku=sku)

    def check(conn: Connection) -> None:
        if reads.product(conn, sku=sku) is None:
            raise DomainError("product.not_found", "no product has this SKU", sku=sku)
        if sku in wishlist_skus(conn, customer_id):
            raise DomainError("wishlist.already", "already on the wishlist", sku=sku)

    return Write(KIND, payload_of(item), customer_id=customer_id, target=sku, check=check)


register(WishlistAdd())
